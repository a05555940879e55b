import 'server-only';
import { AppError } from '../../errors';
import type { Prisma } from '../../generated/prisma/client';
import type { CreatePipelineBody } from '../../schemas/pipeline';
import type { NewStageItem } from '../../schemas/stage';
import type { ServiceContext } from '../context';
import { isUniqueViolation } from '../deals/create-deal';
import { assertCanConfigureWorkspace } from '../permissions';
import { livePipelinesInOrder, lockAllPipelines, withLiveStages, type PipelineWithStages } from './get-pipeline-or-throw';
import { writeAs } from '../../change-record/change-actor';

/** A stage's probability when none is given: 100 for a won stage, else 0. */
export function defaultProbability(stage: Pick<NewStageItem, 'probability' | 'outcome'>): number {
  return stage.probability ?? (stage.outcome === 'won' ? 100 : 0);
}

/** A new pipeline: the API's body, and the IDs an external system knows it and its stages by (a sync's keys). */
export type NewPipelineInput = Omit<CreatePipelineBody, 'stages'> & {
  /** Pipeline.externalId: unique, and reserved after the pipeline is deleted */
  externalId?: string;
  /** in board order; Stage.externalId is unique within the pipeline */
  stages: (NewStageItem & { externalId?: string })[];
};

/**
 * Creates a pipeline at the end of the list with its stages in the given order, in one transaction
 * (the caller's `tx` when given). It becomes the default when asked to, or when no pipeline is the
 * default yet. 409 when its external ID is taken (also by a deleted pipeline). Managers and admins.
 */
export async function createPipeline({
  ctx,
  input,
  tx,
}: {
  ctx: ServiceContext;
  input: NewPipelineInput;
  /** the caller's transaction, to create the pipeline together with other writes */
  tx?: Prisma.TransactionClient;
}): Promise<PipelineWithStages> {
  assertCanConfigureWorkspace(ctx);
  const work = async (tx: Prisma.TransactionClient) => {
    await lockAllPipelines(tx);
    if (input.externalId !== undefined) {
      const holder = await tx.pipeline.findUnique({ where: { externalId: input.externalId }, select: { deletedAt: true } });
      if (holder) throw externalIdTaken(input.externalId, holder.deletedAt !== null);
    }
    const live = await livePipelinesInOrder(tx);
    const hasDefault = live.some((p) => p.isDefault);
    const isDefault = input.is_default ?? !hasDefault;
    if (isDefault && hasDefault) await tx.pipeline.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
    const position = live.reduce((max, p) => Math.max(max, p.position + 1), live.length);
    try {
      return await tx.pipeline.create({
        data: {
          name: input.name,
          externalId: input.externalId ?? null,
          isDefault,
          position,
          stages: {
            // one statement for every stage
            createMany: {
              data: input.stages.map((stage, index) => ({
                name: stage.name,
                externalId: stage.externalId ?? null,
                position: index,
                probability: defaultProbability(stage),
                rottingDays: stage.rotting_days ?? null,
                outcome: stage.outcome ?? null,
              })),
            },
          },
        },
        include: withLiveStages,
      });
    } catch (error) {
      // a pipeline with no live pipeline to lock raced us to the external ID
      if (input.externalId !== undefined && isUniqueViolation(error)) throw externalIdTaken(input.externalId, false);
      throw error;
    }
  };
  return writeAs(ctx, work, tx);
}

function externalIdTaken(externalId: string, deleted: boolean): AppError {
  return new AppError(
    'conflict',
    deleted
      ? `External ID "${externalId}" belongs to a deleted pipeline; external IDs stay reserved after deletion.`
      : `A pipeline with external ID "${externalId}" already exists.`,
  );
}
