import 'server-only';
import { db, type Prisma } from '../../db';
import { AppError } from '../../errors';
import type { CreateDealBody } from '../../schemas/deal';
import type { ServiceContext } from '../context';
import { closedAtFor, statusInStage } from './deal-status-rules';
import { findDealView, type DealView } from './deal-view';
import { assertReferencesExist, resolveTargetStage } from './resolve-deal-references';
import { stageHistoryRow } from './stage-history-row';
import { positionAtEnd } from './stage-positions';
import { validateDealExtras } from './validate-deal-extras';

export const UNIQUE_VIOLATION = 'P2002';

/**
 * Creates a deal at the end of its stage and writes its first stage-history row (from nothing),
 * in one transaction. Everyone may create deals; the owner defaults to the acting user.
 */
export async function createDeal({ ctx, input, externalSource = 'api' }: { ctx: ServiceContext; input: CreateDealBody; externalSource?: string }): Promise<DealView> {
  const stage = await resolveTargetStage({ stageId: input.stage_id, pipelineId: input.pipeline_id });
  const ownerId = input.owner_id === undefined ? ctx.user.id : input.owner_id;
  await assertReferencesExist({ contactId: input.contact_id, companyId: input.company_id, ownerId });
  const status = statusInStage(stage, input.status, null, false);
  const extras = await validateDealExtras({ ctx, status, lossReason: input.loss_reason, customFields: input.custom_fields, partial: false, existingCustomFields: {} });
  const now = new Date();
  const value = BigInt(input.value ?? 0);
  const currency = input.currency ?? 'USD';
  try {
    const dealId = await db.$transaction(async (tx) => {
      const position = await positionAtEnd(stage.id, tx);
      const deal = await tx.deal.create({
        data: {
          name: input.name,
          pipelineId: stage.pipelineId,
          stageId: stage.id,
          contactId: input.contact_id ?? null,
          companyId: input.company_id ?? null,
          value,
          currency,
          status,
          lostReason: status === 'lost' ? (extras.lossReason ?? null) : null,
          expectedClose: input.expected_close ?? null,
          closedAt: closedAtFor(status, null, null, now),
          ownerId,
          source: input.source ?? null,
          dealType: input.deal_type ?? null,
          metadata: (input.metadata ?? {}) as Prisma.InputJsonValue,
          customFields: extras.customFields as Prisma.InputJsonValue,
          externalSource: input.external_id ? externalSource : null,
          externalId: input.external_id ?? null,
          position,
          stageEnteredAt: now,
          createdAt: now,
        },
        select: { id: true },
      });
      await tx.stageHistory.create({
        data: stageHistoryRow({ ctx, deal: { id: deal.id, stageId: null, pipelineId: null, value, currency }, toStage: stage, changedAt: now }),
      });
      if (input.contact_id) await tx.dealContact.create({ data: { dealId: deal.id, contactId: input.contact_id } });
      if (input.company_id) await tx.dealCompany.create({ data: { dealId: deal.id, companyId: input.company_id } });
      return deal.id;
    });
    return (await findDealView(dealId))!;
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
      throw new AppError('conflict', `A deal with external_id "${input.external_id}" already exists; update it, or use POST /deals/upsert.`, [
        { path: 'external_id', message: 'Already used by another deal' },
      ]);
    }
    throw error;
  }
}
