import 'server-only';
import { outcomeStageFor } from '../../deal-lifecycle/stage-rules';
import type { ServiceContext } from '../context';
import { requireLossReason } from '../lost-reasons/require-loss-reason';
import { forEachBatchDeal, inBatchTransaction, lockBatchDeals } from './bulk-deal-batch';
import type { DealView } from './deal-view';
import { updateDeal } from './update-deal';

export interface CloseDealsInput {
  dealIds: readonly number[];
  outcome: 'won' | 'lost';
  /** lost only: one of the active lost reasons, or any text when the workspace allows free text */
  lossReason?: string | null;
  /** one deal only: the version the person saw; another version is a 412 */
  expectedVersion?: number | null;
  /** the input a missing or refused loss reason is reported on */
  lossReasonField?: string;
}

/**
 * Won / Lost, for one deal (the board's drop targets, the deal page) or many (the deals table) — all
 * or none, in one transaction. Each deal goes into its pipeline's first won (lost) stage when it has
 * one — a stage move with its history row (lib/deal-lifecycle/stage-rules.ts) — else takes the status
 * where it is. Lost takes one loss reason, required by the workspace's lost-reason policy. Everyone
 * may close deals they may change (docs/decisions/003-permissions.md).
 */
export async function closeDeals({ ctx, input }: { ctx: ServiceContext; input: CloseDealsInput }): Promise<DealView[]> {
  const single = input.dealIds.length === 1;
  return inBatchTransaction(ctx, async (tx) => {
    const deals = await lockBatchDeals(ctx, tx, input.dealIds);
    const lossReason =
      input.outcome === 'lost'
        ? await requireLossReason({
            ctx,
            input: { reason: input.lossReason, field: input.lossReasonField ?? 'lossReason', deals: single ? 'one' : 'many' },
            tx,
          })
        : null;
    const pipelineIds = [...new Set(deals.map((deal) => deal.pipelineId))];
    const stages = await tx.stage.findMany({
      where: { pipelineId: { in: pipelineIds }, outcome: input.outcome, deletedAt: null },
      select: { id: true, pipelineId: true, position: true, outcome: true },
    });
    const views: DealView[] = [];
    const close = async (deal: (typeof deals)[number]) => {
      const stage = outcomeStageFor(
        stages.filter((s) => s.pipelineId === deal.pipelineId),
        input.outcome,
      );
      views.push(
        await updateDeal({
          ctx,
          input: {
            dealId: deal.id,
            changes: {
              status: input.outcome,
              ...(stage && stage.id !== deal.stageId ? { stage_id: stage.id } : {}),
              ...(lossReason !== null ? { loss_reason: lossReason } : {}),
            },
            ...(single ? { expectedVersion: input.expectedVersion ?? null } : {}),
          },
          tx,
        }),
      );
    };
    // one deal answers as itself; in a batch, a refusal names the deal and says nothing changed
    if (single) await close(deals[0]!);
    else await forEachBatchDeal(deals, close);
    return views;
  });
}
