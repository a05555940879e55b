import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { getPipelineOrThrow } from '../pipelines/get-pipeline-or-throw';

/**
 * How many deals (any status, not deleted) each live stage of a pipeline holds, by stage ID; a
 * stage without deals is 0. What deleting a stage would have to move (deleteStage counts the same
 * way), so the settings page can say so before asking. 404 for an unknown pipeline; every role.
 */
export async function countStageDeals({ ctx, input }: { ctx: ServiceContext; input: { pipelineId: number } }): Promise<Record<number, number>> {
  const pipeline = await getPipelineOrThrow({ ctx, input });
  const groups = await db.deal.groupBy({
    by: ['stageId'],
    where: { pipelineId: input.pipelineId, deletedAt: null, stageId: { in: pipeline.stages.map((s) => s.id) } },
    _count: { _all: true },
  });
  const counts: Record<number, number> = Object.fromEntries(pipeline.stages.map((s) => [s.id, 0]));
  for (const group of groups) counts[group.stageId] = group._count._all;
  return counts;
}
