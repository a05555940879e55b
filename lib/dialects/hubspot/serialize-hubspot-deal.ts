import type { CustomFieldDefinition } from '../../generated/prisma/client';
import { minorToMajorUnits } from '../../money/major-units';
import type { AssociationFailure } from './services/hubspot-associations';
import type { HubSpotDealView } from './services/get-hubspot-deal';

// A deal as legacy HubSpot v1 answered it (hubspot-v1-notes.md): integer dealId, and every property
// value a string with the time it was set and where it came from.

// why a constant: Dealboard is one workspace; legacy clients expect an integer portalId in the record
export const HUBSPOT_PORTAL_ID = 1;

interface PropertyOut {
  value: string;
  timestamp: number;
  source: string;
  sourceId: null;
  versions: { name: string; value: string; timestamp: number; source: string; sourceVid: number[] }[];
}

export function serializeHubSpotDeal(view: HubSpotDealView, associationCreateFailures: AssociationFailure[] = []) {
  const { deal } = view;
  // Dealboard keeps no per-property history: a value was set when the deal last changed, and the
  // stage (and pipeline) when the deal entered its stage
  const changedAt = deal.updatedAt.getTime();
  const stageAt = deal.stageEnteredAt.getTime();
  const properties: Record<string, PropertyOut> = {};
  const put = (name: string, value: string | null, timestamp: number) => {
    if (value === null) return;
    properties[name] = { value, timestamp, source: 'API', sourceId: null, versions: [{ name, value, timestamp, source: 'API', sourceVid: [] }] };
  };
  put('dealname', deal.name, changedAt);
  put('dealstage', view.stageExternalId ?? String(deal.stageId), stageAt);
  put('pipeline', view.pipelineExternalId ?? String(deal.pipelineId), stageAt);
  put('amount', minorToMajorUnits(deal.value, deal.currency, { trimZeros: true }), changedAt);
  put('closedate', deal.expectedClose ? String(deal.expectedClose.getTime()) : null, changedAt);
  put('hubspot_owner_id', deal.ownerId === null ? null : String(deal.ownerId), changedAt);
  put('dealtype', deal.dealType, changedAt);
  const definitions = new Map(view.customFieldDefinitions.map((d) => [d.key, d]));
  for (const [key, value] of Object.entries(deal.customFields ?? {})) {
    const definition = definitions.get(key);
    if (definition) put(key, customFieldText(definition, value), changedAt);
  }
  return {
    portalId: HUBSPOT_PORTAL_ID,
    dealId: deal.id,
    isDeleted: false,
    associations: { associatedVids: view.contactIds, associatedCompanyIds: view.companyIds, associatedDealIds: [] as number[] },
    properties,
    imports: [] as unknown[],
    stateChanges: [] as unknown[],
    ...(associationCreateFailures.length > 0 ? { associationCreateFailures } : {}),
  };
}

/** A stored custom field value as HubSpot text: numbers and booleans as text, dates as midnight-UTC milliseconds. */
function customFieldText(definition: Pick<CustomFieldDefinition, 'type'>, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (definition.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return String(Date.parse(`${value}T00:00:00Z`));
  return String(value);
}
