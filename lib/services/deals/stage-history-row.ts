import 'server-only';
import type { Prisma } from '../../generated/prisma/client';
import type { ServiceContext } from '../context';

/**
 * The stage-history row for a deal entering `toStage` (from its current stage, or from nothing when
 * it is created). Every writer of stage history builds its row here, so rows always carry the same
 * snapshot: pipelines, the deal's value and currency, and the target stage's probability.
 */
export function stageHistoryRow({
  ctx,
  deal,
  toStage,
  changedAt,
  reason,
}: {
  ctx: ServiceContext;
  deal: { id: number; stageId: number | null; pipelineId: number | null; value: bigint; currency: string };
  toStage: { id: number; pipelineId: number; probability: number };
  changedAt: Date;
  reason?: string | null;
}): Prisma.StageHistoryCreateManyInput {
  return {
    dealId: deal.id,
    fromStageId: deal.stageId,
    fromPipelineId: deal.pipelineId,
    toStageId: toStage.id,
    toPipelineId: toStage.pipelineId,
    changedAt,
    changedById: ctx.user.id,
    source: ctx.source,
    value: deal.value,
    currency: deal.currency,
    probability: toStage.probability,
    reason: reason ?? null,
  };
}
