import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import { MAX_STAGES_PER_PIPELINE } from '../../schemas/pipeline';
import type { ServiceContext } from '../context';
import { isUniqueViolation } from '../deals/create-deal';
import { assertCanConfigureWorkspace } from '../permissions';
import { defaultProbability } from '../pipelines/create-pipeline';
import { getPipelineOrThrow, lockPipelines } from '../pipelines/get-pipeline-or-throw';
import { liveStagesInOrder, writeStagePositions } from '../stages/list-stages';

/**
 * Adds a stage named by an external system (its ID kept as Stage.externalId) at the end of a
 * pipeline, with createStage's rules: the pipeline row is locked, at most 100 stages, positions
 * renumbered 0..n-1. When a concurrent request added the same external stage first, answers that
 * one. Managers and admins only.
 */
export async function createSyncedStage({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { pipelineId: number; externalId: string; name: string };
}): Promise<{ id: number; pipelineId: number }> {
  assertCanConfigureWorkspace(ctx);
  const { pipelineId, externalId, name } = input;
  try {
    return await db.$transaction(async (tx) => {
      await lockPipelines(tx, [pipelineId]);
      await getPipelineOrThrow({ ctx, input: { pipelineId }, tx });
      const existing = await liveStagesInOrder(tx, pipelineId);
      if (existing.length >= MAX_STAGES_PER_PIPELINE) {
        throw new AppError('conflict', `A pipeline has at most ${MAX_STAGES_PER_PIPELINE} stages.`);
      }
      const created = await tx.stage.create({
        data: { pipelineId, name, externalId, position: existing.length, probability: defaultProbability({}) },
        select: { id: true, pipelineId: true, position: true },
      });
      await writeStagePositions(tx, [...existing, created]);
      return { id: created.id, pipelineId: created.pipelineId };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await db.stage.findFirst({ where: { pipelineId, externalId, deletedAt: null }, select: { id: true, pipelineId: true } });
    if (!winner) throw new AppError('conflict', `Stage ${externalId} of this pipeline was deleted in Dealboard; its ID stays reserved.`);
    return winner;
  }
}
