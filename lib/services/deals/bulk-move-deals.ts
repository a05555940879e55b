import 'server-only';
import type { BulkMoveDealsInput } from '../../schemas/deals-table';
import type { ServiceContext } from '../context';
import { requireLossReason } from '../lost-reasons/require-loss-reason';
import { forEachBatchDeal, inBatchTransaction, lockBatchDeals } from './bulk-deal-batch';
import { findLiveStage, unprocessable } from './resolve-deal-references';
import { updateDeal } from './update-deal';

export interface BulkMoveResult {
  /** deals now in the stage */
  count: number;
  /** of them, deals that moved (each with a stage-history row) */
  moved: number;
  stageName: string;
}

/**
 * Moves the selected deals to one stage, all or none, in one transaction. Each deal moves by the
 * single-deal rules (updateDeal): a stage-history row per deal that changes stage, the status a
 * won/lost stage implies, closed_at. Deals already in the stage are left as they are. A lost stage
 * needs a loss reason by the workspace's policy, as marking deals lost does.
 * Everyone may move deals (docs/decisions/003-permissions.md).
 */
export async function bulkMoveDeals({ ctx, input }: { ctx: ServiceContext; input: BulkMoveDealsInput }): Promise<BulkMoveResult> {
  return inBatchTransaction(ctx, async (tx) => {
    const deals = await lockBatchDeals(ctx, tx, input.dealIds);
    const stage = await findLiveStage(input.stageId, tx);
    if (!stage) throw unprocessable('stageId', 'That stage does not exist any more; reload the page and choose another.');
    const toMove = deals.filter((deal) => deal.stageId !== stage.id);
    const lossReason =
      stage.outcome === 'lost' && toMove.length > 0
        ? await requireLossReason({ ctx, input: { reason: input.lossReason, field: 'lossReason', deals: 'many' }, tx })
        : null;
    await forEachBatchDeal(toMove, async (deal) => {
      await updateDeal({ ctx, input: { dealId: deal.id, changes: { stage_id: stage.id, ...(lossReason !== null ? { loss_reason: lossReason } : {}) } }, tx });
    });
    return { count: deals.length, moved: toMove.length, stageName: stage.name };
  });
}
