import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import { toPublicId } from '../../ids';
import type { ServiceContext } from '../context';
import type { DealView } from '../deals/deal-view';
import { moveDealToStage } from '../deals/move-deal-to-stage';
import { updateDeal } from '../deals/update-deal';
import { requireLossReason } from '../lost-reasons/require-loss-reason';

export interface CloseBoardDealInput {
  dealId: number;
  outcome: 'won' | 'lost';
  /** lost only: one of the active lost reasons, or any text when the workspace allows free text */
  lossReason?: string | null;
  expectedVersion?: number | null;
}

/**
 * The Won / Lost drop targets of the board. Won: into the pipeline's won-outcome stage when it has
 * one (a stage move with its history row), else status won where the deal is. Lost: the same with
 * the lost stage, plus the loss reason, in one transaction (updateDeal).
 *
 * The reason must satisfy the workspace's lost-reason policy: one of the active reasons, or any
 * text when free text is allowed. A reason is required whenever one can be given.
 */
export async function closeBoardDeal({ ctx, input }: { ctx: ServiceContext; input: CloseBoardDealInput }): Promise<DealView> {
  const deal = await db.deal.findFirst({ where: { id: input.dealId, deletedAt: null }, select: { id: true, pipelineId: true } });
  if (!deal) throw new AppError('not_found', `No deal with ID ${toPublicId('deal', input.dealId)} exists.`);
  const outcomeStage = await db.stage.findFirst({
    where: { pipelineId: deal.pipelineId, outcome: input.outcome, deletedAt: null },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    select: { id: true },
  });
  const expectedVersion = input.expectedVersion ?? null;

  if (input.outcome === 'won') {
    if (outcomeStage) return moveDealToStage({ ctx, input: { dealId: deal.id, stageId: outcomeStage.id, expectedVersion } });
    return updateDeal({ ctx, input: { dealId: deal.id, changes: { status: 'won' }, expectedVersion } });
  }

  const reason = await requireLossReason({ ctx, input: { reason: input.lossReason, field: 'loss_reason' } });
  return updateDeal({
    ctx,
    input: {
      dealId: deal.id,
      changes: { ...(outcomeStage ? { stage_id: outcomeStage.id } : {}), status: 'lost', ...(reason !== null ? { loss_reason: reason } : {}) },
      expectedVersion,
    },
  });
}
