import 'server-only';
import type { HubSpotAssociationsInput, HubSpotPropertyInput } from '../../schemas/hubspot';
import type { UpdateDealBody } from '../../schemas/deal';
import type { ServiceContext } from '../context';
import { getDealViewOrThrow } from '../deals/get-deal-view-or-throw';
import { updateDeal } from '../deals/update-deal';
import { checkHubSpotAssociations, linkHubSpotAssociations, withDealId, type AssociationFailure } from './hubspot-associations';
import { withPropertyNames } from './hubspot-property-error';
import { readHubSpotProperties } from './read-hubspot-properties';

/**
 * Changes only the HubSpot properties sent, with updateDeal: a new dealstage (or pipeline) moves the
 * deal with a stage-history row, in the same transaction as the other changes. Association IDs
 * sent along are linked (added, never removed); invalid ones come back as failures.
 * 404 for an unknown or deleted deal, 400 naming each unknown or invalid property.
 */
export async function updateHubSpotDeal({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { dealId: number; properties: HubSpotPropertyInput[]; associations?: HubSpotAssociationsInput | null };
}): Promise<{ associationCreateFailures: AssociationFailure[] }> {
  const current = await getDealViewOrThrow({ ctx, input: { dealId: input.dealId } });
  const values = await readHubSpotProperties({
    ctx,
    input: { properties: input.properties, mode: 'update', deal: { pipelineId: current.pipelineId, currency: current.currency } },
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
  if (Object.keys(changes).length > 0) await withPropertyNames(() => updateDeal({ ctx, input: { dealId: input.dealId, changes } }));
  const associations = await checkHubSpotAssociations(input.associations);
  const lateFailures = await linkHubSpotAssociations({ ctx, input: { dealId: input.dealId, contactIds: associations.contactIds, companyIds: associations.companyIds } });
  return { associationCreateFailures: withDealId(input.dealId, [...associations.failures, ...lateFailures]) };
}
