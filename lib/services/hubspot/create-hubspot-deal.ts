import 'server-only';
import type { HubSpotAssociationsInput, HubSpotPropertyInput } from '../../schemas/hubspot';
import type { ServiceContext } from '../context';
import { createDeal } from '../deals/create-deal';
import { checkHubSpotAssociations, linkHubSpotAssociations, withDealId, type AssociationFailure } from './hubspot-associations';
import { withPropertyNames } from './hubspot-property-error';
import { readHubSpotProperties } from './read-hubspot-properties';

/**
 * Creates a deal from HubSpot legacy v1 properties with createDeal (first stage-history row
 * included). The first existing contact and company become the deal's primary ones, the others are
 * linked too; association IDs that name no record never block the create: they come back as
 * failures. Nothing is written when a property is unknown or invalid (400).
 */
export async function createHubSpotDeal({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { properties: HubSpotPropertyInput[]; associations?: HubSpotAssociationsInput | null };
}): Promise<{ dealId: number; associationCreateFailures: AssociationFailure[] }> {
  const values = await readHubSpotProperties({ ctx, input: { properties: input.properties, mode: 'create' } });
  const associations = await checkHubSpotAssociations(input.associations);
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
    }),
  );
  const lateFailures = await linkHubSpotAssociations({
    ctx,
    input: { dealId: deal.id, contactIds: associations.contactIds.slice(1), companyIds: associations.companyIds.slice(1) },
  });
  return { dealId: deal.id, associationCreateFailures: withDealId(deal.id, [...associations.failures, ...lateFailures]) };
}
