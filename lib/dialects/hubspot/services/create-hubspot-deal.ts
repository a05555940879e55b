import 'server-only';
import { db } from '../../../db';
import type { HubSpotAssociationsInput, HubSpotPropertyInput } from '../schemas';
import type { ServiceContext } from '../../../services/context';
import { createDeal } from '../../../services/deals/create-deal';
import { checkHubSpotAssociations, linkHubSpotAssociations, withDealId, type AssociationFailure } from './hubspot-associations';
import { withPropertyNames } from './hubspot-property-error';
import { readHubSpotProperties } from './read-hubspot-properties';
import { setChangeActor } from '../../../change-record/change-actor';

// up to 1000 contacts and 1000 companies to link: room beyond Prisma's 5 s default
const TRANSACTION_OPTIONS = { timeout: 30_000, maxWait: 10_000 };

/**
 * Creates a deal from HubSpot legacy v1 properties with createDeal (first stage-history row
 * included), in one transaction with its association links. The first existing contact and company
 * become the deal's primary ones, the others are linked too; association IDs that name no record
 * never block the create: they come back as failures. Nothing is written when a property is unknown
 * or invalid (400), nor when any write fails.
 */
export async function createHubSpotDeal({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { properties: HubSpotPropertyInput[]; associations?: HubSpotAssociationsInput | null };
}): Promise<{ dealId: number; associationCreateFailures: AssociationFailure[] }> {
  return db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    const values = await readHubSpotProperties({ ctx, input: { properties: input.properties, mode: 'create' }, tx });
    const associations = await checkHubSpotAssociations(input.associations, tx);
    const deal = await withPropertyNames(() =>
      createDeal({
        ctx,
        input: {
          name: values.name!,
          pipeline_id: values.target!.pipelineId,
          stage_id: values.target!.stageId!,
          value: values.value,
          expected_close: values.expectedClose,
          // why: HubSpot leaves a deal without hubspot_owner_id unowned; the key's user is not its owner
          owner_id: values.ownerId ?? null,
          deal_type: values.dealType,
          custom_fields: values.customFields,
          contact_id: associations.contactIds[0],
          company_id: associations.companyIds[0],
        },
        tx,
      }),
    );
    const lateFailures = await linkHubSpotAssociations({
      ctx,
      input: { dealId: deal.id, contactIds: associations.contactIds.slice(1), companyIds: associations.companyIds.slice(1) },
      tx,
    });
    return { dealId: deal.id, associationCreateFailures: withDealId(deal.id, [...associations.failures, ...lateFailures]) };
  }, TRANSACTION_OPTIONS);
}
