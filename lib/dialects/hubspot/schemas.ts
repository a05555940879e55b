import { z } from 'zod';
import { isAcceptedYear, MAX_YEAR } from '../../schemas/common';

// Request and response shapes of the HubSpot legacy v1 deal dialect (/api/hubspot/deals/v1/deal),
// as HubSpot documents its create-deal endpoint.
// Records are addressed by integer IDs (docs/decisions/002-public-ids.md).

/** The deal properties Dealboard defines besides the workspace's deal custom fields (by key). */
export const HUBSPOT_DEAL_PROPERTIES = ['dealname', 'dealstage', 'pipeline', 'amount', 'closedate', 'hubspot_owner_id', 'dealtype'] as const;
export type HubSpotDealPropertyName = (typeof HUBSPOT_DEAL_PROPERTIES)[number];

/** Values arrive as strings or numbers (and booleans for checkbox custom fields); "" or null clears. */
export const hubspotPropertyValue = z.union([z.string(), z.number(), z.boolean(), z.null()], {
  error: 'value must be a string, a number, true/false or null',
});
export type HubSpotPropertyValue = z.output<typeof hubspotPropertyValue>;

// why loose objects: legacy clients echo records they read (with timestamp/source on each
// property, portalId on the body); HubSpot ignored such extras, and only property *names* are checked
export const hubspotPropertyInput = z.object({
  name: z.string({ error: 'Each property needs a name' }).trim().min(1, 'Each property needs a name').meta({ example: 'dealname' }),
  value: hubspotPropertyValue.meta({ example: "Tim's Newer Deal" }),
});
export type HubSpotPropertyInput = z.output<typeof hubspotPropertyInput>;

const objectIdList = z
  .array(z.union([z.number(), z.string()]), { error: 'Must be a list of integer IDs' })
  .max(1000, 'At most 1000 IDs')
  .nullish()
  .transform((ids) => ids ?? []);

export const hubspotAssociationsInput = z.object({
  associatedCompanyIds: objectIdList.meta({ description: 'Company IDs (integers)', example: [8954037] }),
  associatedVids: objectIdList.meta({ description: 'Contact IDs (integers)', example: [27136] }),
  associatedDealIds: objectIdList.meta({ description: 'Ignored (deals are not associated with deals)' }),
});
export type HubSpotAssociationsInput = z.output<typeof hubspotAssociationsInput>;

/** POST /deals/v1/deal/ and PUT /deals/v1/deal/{dealId} */
export const hubspotDealBody = z
  .object({
    associations: hubspotAssociationsInput.nullish(),
    properties: z.array(hubspotPropertyInput, { error: 'properties must be a list of {"name", "value"} pairs' }).max(1000, 'At most 1000 properties'),
  })
  .superRefine((body, ctx) => {
    // closedate is ms since the epoch: one far outside the years 0001–9999 is no date PostgreSQL stores
    body.properties.forEach((property, index) => {
      if (property.name !== 'closedate' || property.value === null || typeof property.value === 'boolean') return;
      const text = String(property.value).trim();
      if (!/^-?\d{1,16}$/.test(text) || isAcceptedYear(new Date(Number(text)))) return;
      ctx.addIssue({
        code: 'custom',
        path: ['properties', index, 'value'],
        message: `closedate must be a time in the years 0001 to ${MAX_YEAR}, in milliseconds since the Unix epoch (got "${text}")`,
      });
    });
  })
  .meta({ id: 'HubSpotDealRequest' });
export type HubSpotDealBody = z.output<typeof hubspotDealBody>;

// ——— response shapes (OpenAPI) ———

const propertyVersion = z.object({
  name: z.string(),
  value: z.string(),
  timestamp: z.number().int(),
  source: z.string(),
  sourceVid: z.array(z.number()),
});

export const hubspotPropertyOutput = z
  .object({
    value: z.string(),
    timestamp: z.number().int().meta({ description: 'When it was set (ms since the Unix epoch)' }),
    source: z.string().meta({ example: 'API' }),
    sourceId: z.string().nullable(),
    versions: z.array(propertyVersion),
  })
  .meta({ id: 'HubSpotProperty' });

export const hubspotAssociationFailure = z
  .object({
    objectType: z.enum(['CONTACT', 'COMPANY']),
    objectId: z.union([z.number(), z.string()]),
    failReason: z.string().meta({ example: 'OBJECT_NOT_FOUND' }),
    message: z.string(),
    association: z.object({
      fromObjectId: z.number().int(),
      toObjectId: z.union([z.number(), z.string()]),
      associationType: z.enum(['DEAL_TO_CONTACT', 'DEAL_TO_COMPANY']),
    }),
  })
  .meta({ id: 'HubSpotAssociationCreateFailure' });

export const hubspotDealResponse = z
  .object({
    portalId: z.number().int(),
    dealId: z.number().int(),
    isDeleted: z.boolean(),
    associations: z.object({
      associatedVids: z.array(z.number().int()),
      associatedCompanyIds: z.array(z.number().int()),
      associatedDealIds: z.array(z.number().int()),
    }),
    properties: z.record(z.string(), hubspotPropertyOutput),
    imports: z.array(z.unknown()),
    stateChanges: z.array(z.unknown()),
    associationCreateFailures: z.array(hubspotAssociationFailure).optional().meta({ description: 'Only when some association IDs were invalid' }),
  })
  .meta({ id: 'HubSpotDeal' });

export const hubspotErrorSchema = z
  .object({
    status: z.literal('error'),
    message: z.string(),
    correlationId: z.string(),
    category: z.string().meta({ example: 'VALIDATION_ERROR' }),
    validationResults: z
      .array(z.object({ isValid: z.boolean(), message: z.string(), error: z.string(), name: z.string() }))
      .optional()
      .meta({ description: 'One entry per bad property (400 only)' }),
  })
  .meta({ id: 'HubSpotError' });
