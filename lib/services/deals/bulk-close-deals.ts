import 'server-only';
import type { BulkCloseDealsInput } from '../../schemas/deals-table';
import type { ServiceContext } from '../context';
import { requireLossReason } from '../lost-reasons/require-loss-reason';
import { forEachBatchDeal, inBatchTransaction, lockBatchDeals } from './bulk-deal-batch';
import { updateDeal } from './update-deal';

export interface BulkCloseResult {
  count: number;
  outcome: 'won' | 'lost';
}

/**
 * Marks the selected deals won or lost, all or none, in one transaction, as the board's Won/Lost do
 * for one deal: into its pipeline's won (lost) stage when it has one — a stage move with its history
 * row — else the status where it is. Lost takes one loss reason for the batch, required by the
 * workspace's lost-reason policy. Everyone may close deals (docs/decisions/003-permissions.md).
 */
export async function bulkCloseDeals({ ctx, input }: { ctx: ServiceContext; input: BulkCloseDealsInput }): Promise<BulkCloseResult> {
  return inBatchTransaction(async (tx) => {
    const deals = await lockBatchDeals(ctx, tx, input.dealIds);
    const lossReason = input.outcome === 'lost' ? await requireLossReason({ ctx, input: { reason: input.lossReason, field: 'lossReason', deals: 'many' }, tx }) : null;
    const pipelineIds = [...new Set(deals.map((deal) => deal.pipelineId))];
    const outcomeStages = await tx.stage.findMany({
      where: { pipelineId: { in: pipelineIds }, outcome: input.outcome, deletedAt: null },
      orderBy: [{ position: 'desc' }, { id: 'desc' }],
      select: { id: true, pipelineId: true },
    });
    // the first such stage of each pipeline (the list runs last to first, so the first one wins)
    const stageOf = new Map(outcomeStages.map((stage) => [stage.pipelineId, stage.id]));
    await forEachBatchDeal(deals, async (deal) => {
      const stageId = stageOf.get(deal.pipelineId);
      await updateDeal({
        ctx,
        input: {
          dealId: deal.id,
          changes: {
            status: input.outcome,
            ...(stageId !== undefined && stageId !== deal.stageId ? { stage_id: stageId } : {}),
            ...(lossReason !== null ? { loss_reason: lossReason } : {}),
          },
        },
        tx,
      });
    });
    return { count: deals.length, outcome: input.outcome };
  });
}
