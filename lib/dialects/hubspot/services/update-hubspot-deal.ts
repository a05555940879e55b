import 'server-only';
import { db } from '../../../db';
import { AppError } from '../../../errors';
import { toPublicId } from '../../../ids';
import type { HubSpotAssociationsInput, HubSpotPropertyInput } from '../schemas';
import type { UpdateDealBody } from '../../../schemas/deal';
import { lockDeals } from '../../../services/activities/activity-rules';
import type { ServiceContext } from '../../../services/context';
import { assertMayChangeDeal } from '../../../services/deals/assert-may-change-deal';
import { findDealView } from '../../../services/deals/deal-view';
import { updateDeal } from '../../../services/deals/update-deal';
import { checkHubSpotAssociations, linkHubSpotAssociations, withDealId, type AssociationFailure } from './hubspot-associations';
import { withPropertyNames } from './hubspot-property-error';
import { readHubSpotProperties } from './read-hubspot-properties';
import { setChangeActor } from '../../../change-record/change-actor';

// up to 1000 contacts and 1000 companies to link: room beyond Prisma's 5 s default
const TRANSACTION_OPTIONS = { timeout: 30_000, maxWait: 10_000 };

/**
 * Changes only the HubSpot properties sent, with updateDeal: a new dealstage (or pipeline) moves the
 * deal with a stage-history row. Association IDs sent along are linked (added, never removed);
 * invalid ones come back as failures. All in one transaction, with the deal row locked from the
 * first read, so the properties are read against the deal as it is written.
 * 404 for an unknown or deleted deal, 400 naming each unknown or invalid property.
 */
export async function updateHubSpotDeal({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { dealId: number; properties: HubSpotPropertyInput[]; associations?: HubSpotAssociationsInput | null };
}): Promise<{ associationCreateFailures: AssociationFailure[] }> {
  return db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    await lockDeals(tx, [input.dealId]);
    // getDealViewOrThrow's read and answer, through the transaction
    const current = await findDealView(input.dealId, tx);
    if (!current) throw new AppError('not_found', `No deal with ID ${toPublicId('deal', input.dealId)} exists.`);
    await assertMayChangeDeal(ctx, current, tx);
    const values = await readHubSpotProperties({
      ctx,
      input: { properties: input.properties, mode: 'update', deal: { pipelineId: current.pipelineId, currency: current.currency } },
      tx,
    });
    const changes: UpdateDealBody = {};
    if (values.name !== undefined) changes.name = values.name;
    if (values.value !== undefined) changes.value = values.value;
    if (values.expectedClose !== undefined) changes.expected_close = values.expectedClose;
    if (values.ownerId !== undefined) changes.owner_id = values.ownerId;
    if (values.dealType !== undefined) changes.deal_type = values.dealType;
    if (values.customFields !== undefined) changes.custom_fields = values.customFields;
    if (values.target) {
      if (values.target.stageId !== undefined) {
        changes.stage_id = values.target.stageId;
        changes.pipeline_id = values.target.pipelineId;
      } else if (values.target.pipelineId !== current.pipelineId) {
        // a pipeline alone moves the deal to that pipeline's first stage; its own pipeline is no change
        changes.pipeline_id = values.target.pipelineId;
      }
    }
    if (Object.keys(changes).length > 0) await withPropertyNames(() => updateDeal({ ctx, input: { dealId: input.dealId, changes }, tx }));
    const associations = await checkHubSpotAssociations(input.associations, tx);
    const lateFailures = await linkHubSpotAssociations({
      ctx,
      input: { dealId: input.dealId, contactIds: associations.contactIds, companyIds: associations.companyIds },
      tx,
    });
    return { associationCreateFailures: withDealId(input.dealId, [...associations.failures, ...lateFailures]) };
  }, TRANSACTION_OPTIONS);
}
