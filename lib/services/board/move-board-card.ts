import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import type { DealView } from '../deals/deal-view';
import { moveDealToStage } from '../deals/move-deal-to-stage';

export interface MoveBoardCardInput {
  dealId: number;
  stageId: number;
  /** the card shown just above the drop point (null/absent: none) */
  afterDealId?: number | null;
  /** the card shown just below the drop point (null/absent: none) */
  beforeDealId?: number | null;
  /** the version of the deal the board showed; another version is a 412 */
  expectedVersion?: number | null;
  reason?: string;
}

/**
 * The zero-based index among the target stage's OTHER deals (all of them, filtered or not) that puts
 * the deal right after `afterDealId`, else right before `beforeDealId`; undefined when neither is
 * (still) in the stage. A filtered board names its visible neighbours, so the card lands between
 * them in the one board order every viewer shares, whatever deals the filter hides.
 */
export async function dropIndex(input: { dealId: number; stageId: number; afterDealId?: number | null; beforeDealId?: number | null }): Promise<number | undefined> {
  const anchors: [number | null | undefined, number][] = [
    [input.afterDealId, 1],
    [input.beforeDealId, 0],
  ];
  for (const [anchorId, offset] of anchors) {
    if (anchorId === null || anchorId === undefined || anchorId === input.dealId) continue;
    const [row] = await db.$queryRaw<{ found: number; before: number }[]>`
      WITH anchor AS (
        SELECT position, id FROM deals WHERE id = ${anchorId} AND stage_id = ${input.stageId} AND deleted_at IS NULL
      )
      SELECT (SELECT COUNT(*) FROM anchor)::int AS found,
             (SELECT COUNT(*) FROM deals o, anchor a
               WHERE o.stage_id = ${input.stageId} AND o.deleted_at IS NULL AND o.id <> ${input.dealId}
                 AND (o.position, o.id) < (a.position, a.id))::int AS before`;
    if (row && Number(row.found) === 1) return Number(row.before) + offset;
  }
  return undefined;
}

/**
 * Moves a deal where a user dropped it on the board: to a stage (of its pipeline or another) between
 * two visible neighbours. The move itself is moveDealToStage's (history row, version check).
 */
export async function moveBoardCard({ ctx, input }: { ctx: ServiceContext; input: MoveBoardCardInput }): Promise<DealView> {
  const position = await dropIndex(input);
  return moveDealToStage({
    ctx,
    input: {
      dealId: input.dealId,
      stageId: input.stageId,
      ...(position !== undefined ? { position } : {}),
      ...(input.reason ? { reason: input.reason } : {}),
      expectedVersion: input.expectedVersion ?? null,
    },
  });
}
