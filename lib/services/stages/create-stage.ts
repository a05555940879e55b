import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { Stage } from '../../generated/prisma/client';
import { MAX_STAGES_PER_PIPELINE } from '../../schemas/pipeline';
import type { CreateStageBody } from '../../schemas/stage';
import type { ServiceContext } from '../context';
import { assertCanConfigureWorkspace } from '../permissions';
import { defaultProbability } from '../pipelines/create-pipeline';
import { getPipelineOrThrow, lockPipelines } from '../pipelines/get-pipeline-or-throw';
import { liveStagesInOrder, writeStagePositions } from './list-stages';

/**
 * Adds a stage to a pipeline at `position` (default: at the end; past the end means at the end),
 * shifting the later stages; the pipeline's stages are renumbered 0..n-1 in the same transaction.
 */
export async function createStage({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { pipelineId: number; stage: CreateStageBody };
}): Promise<Stage> {
  assertCanConfigureWorkspace(ctx);
  const { pipelineId, stage } = input;
  return db.$transaction(async (tx) => {
    await lockPipelines(tx, [pipelineId]);
    await getPipelineOrThrow({ ctx, input: { pipelineId }, tx });
    const existing = await liveStagesInOrder(tx, pipelineId);
    if (existing.length >= MAX_STAGES_PER_PIPELINE) {
      throw new AppError('conflict', `A pipeline has at most ${MAX_STAGES_PER_PIPELINE} stages.`);
    }
    const at = Math.min(stage.position ?? existing.length, existing.length);
    const created = await tx.stage.create({
      data: {
        pipelineId,
        name: stage.name,
        position: at,
        probability: defaultProbability(stage),
        rottingDays: stage.rotting_days ?? null,
        outcome: stage.outcome ?? null,
      },
    });
    await writeStagePositions(tx, [...existing.slice(0, at), created, ...existing.slice(at)]);
    return created;
  });
}
