import 'server-only';
import { AppError } from '../../errors';
import type { Prisma, Stage } from '../../generated/prisma/client';
import { MAX_STAGES_PER_PIPELINE } from '../../schemas/pipeline';
import type { CreateStageBody } from '../../schemas/stage';
import type { ServiceContext } from '../context';
import { isUniqueViolation } from '../deals/create-deal';
import { assertCanConfigureWorkspace } from '../permissions';
import { defaultProbability } from '../pipelines/create-pipeline';
import { getPipelineOrThrow, lockPipelines } from '../pipelines/get-pipeline-or-throw';
import { liveStagesInOrder, writeStagePositions } from './list-stages';
import { writeAs } from '../../change-record/change-actor';

/**
 * Adds a stage to a pipeline at `position` (default: at the end; past the end means at the end),
 * shifting the later stages; the pipeline's stages are renumbered 0..n-1 in the same transaction
 * (the caller's `tx` when given). `externalId` is the stage's ID in an external system: 409 when
 * the pipeline already has a stage with it (also a deleted one). Managers and admins only.
 */
export async function createStage({
  ctx,
  input,
  tx,
}: {
  ctx: ServiceContext;
  input: { pipelineId: number; stage: CreateStageBody & { externalId?: string } };
  /** the caller's transaction, to create the stage together with other writes */
  tx?: Prisma.TransactionClient;
}): Promise<Stage> {
  assertCanConfigureWorkspace(ctx);
  const { pipelineId, stage } = input;
  const work = async (tx: Prisma.TransactionClient) => {
    await lockPipelines(tx, [pipelineId]);
    await getPipelineOrThrow({ ctx, input: { pipelineId }, tx });
    if (stage.externalId !== undefined) {
      // with the pipeline locked, no one else adds a stage to it meanwhile
      const holder = await tx.stage.findUnique({ where: { pipelineId_externalId: { pipelineId, externalId: stage.externalId } }, select: { deletedAt: true } });
      if (holder) throw externalIdTaken(stage.externalId, holder.deletedAt !== null);
    }
    const existing = await liveStagesInOrder(tx, pipelineId);
    if (existing.length >= MAX_STAGES_PER_PIPELINE) {
      throw new AppError('conflict', `A pipeline has at most ${MAX_STAGES_PER_PIPELINE} stages.`);
    }
    const at = Math.min(stage.position ?? existing.length, existing.length);
    let created: Stage;
    try {
      created = await tx.stage.create({
        data: {
          pipelineId,
          name: stage.name,
          externalId: stage.externalId ?? null,
          position: at,
          probability: defaultProbability(stage),
          rottingDays: stage.rotting_days ?? null,
          outcome: stage.outcome ?? null,
        },
      });
    } catch (error) {
      if (stage.externalId !== undefined && isUniqueViolation(error)) throw externalIdTaken(stage.externalId, false);
      throw error;
    }
    await writeStagePositions(tx, [...existing.slice(0, at), created, ...existing.slice(at)]);
    return created;
  };
  return writeAs(ctx, work, tx);
}

function externalIdTaken(externalId: string, deleted: boolean): AppError {
  return new AppError(
    'conflict',
    deleted
      ? `External ID "${externalId}" belongs to a deleted stage of this pipeline; external IDs stay reserved after deletion.`
      : `This pipeline already has a stage with external ID "${externalId}".`,
  );
}
