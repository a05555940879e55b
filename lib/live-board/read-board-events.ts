import 'server-only';
import { db } from '../db';
import type { ChangeEventRow } from '../change-record/read-change-events';

/**
 * A pipeline's events after `afterId` up to `upToId`, oldest first, at most `limit`: those that
 * carry the pipeline, and deal moves out of it (their pipeline_id is the new one; the old one is in
 * changes.pipeline_id.from), so a reconnecting board also hears about the deals that left it.
 */
export function readBoardEvents(pipelineId: number, afterId: bigint, upToId: bigint, limit: number): Promise<ChangeEventRow[]> {
  return db.changeEvent.findMany({
    where: {
      id: { gt: afterId, lte: upToId },
      OR: [{ pipelineId }, { recordType: 'deal', changes: { path: ['pipeline_id', 'from'], equals: pipelineId } }],
    },
    orderBy: { id: 'asc' },
    take: limit,
  });
}
