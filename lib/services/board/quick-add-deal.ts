import 'server-only';
import { db } from '../../db';
import { toPublicId } from '../../ids';
import type { CreateDealBody } from '../../schemas/deal';
import type { ServiceContext } from '../context';
import { createDeal } from '../deals/create-deal';
import type { DealView } from '../deals/deal-view';
import { moveDealToStage } from '../deals/move-deal-to-stage';
import { unprocessable } from '../deals/resolve-deal-references';

export interface QuickAddDealInput {
  stageId: number;
  name: string;
  /** minor units */
  value: number;
  currency: string;
  /** values of custom fields (the pipeline's required ones: the quick-add asks for them) */
  customFields?: Record<string, unknown>;
}

/**
 * The quick-add at the top of a board column: creates the deal in that stage (owned by the acting
 * user, with its first history row: createDeal) and puts it at the top of the column, where the
 * user typed it, rather than under every older card.
 */
export async function quickAddDeal({ ctx, input }: { ctx: ServiceContext; input: QuickAddDealInput }): Promise<DealView> {
  const stage = await db.stage.findFirst({
    where: { id: input.stageId, deletedAt: null, pipeline: { deletedAt: null } },
    select: { id: true, pipelineId: true },
  });
  if (!stage) throw unprocessable('stage_id', `Stage ${toPublicId('stage', input.stageId)} does not exist any more; reload the board.`);
  return createDealAtTopOfStage({
    ctx,
    input: {
      name: input.name,
      pipeline_id: stage.pipelineId,
      stage_id: stage.id,
      value: input.value,
      currency: input.currency,
      ...(input.customFields ? { custom_fields: input.customFields } : {}),
    },
  });
}

/**
 * A deal a person creates in the app (quick-add, the "New deal" form): created as every door
 * creates one (createDeal), then put at the top of its column, where they look for it, rather
 * than under every older card.
 */
export async function createDealAtTopOfStage({ ctx, input }: { ctx: ServiceContext; input: CreateDealBody }): Promise<DealView> {
  const created = await createDeal({ ctx, input });
  // same stage with a position only reorders (no history row)
  return moveDealToStage({ ctx, input: { dealId: created.id, stageId: created.stageId, position: 0 } });
}
