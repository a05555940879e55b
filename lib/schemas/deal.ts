import { z } from 'zod';
import { limitSchema } from '../api/pagination';
import { MAX_MINOR_UNITS } from '../money/limits';
import { acceptedText, currencySchema, dateTimeSchema, MAX_DAYS_AGO, metadataSchema, moneySchema, publicIdSchema, textSchema } from './common';

// The native API's deal shapes (rex-deals-api.md), shared by route handlers, services and OpenAPI.

export const dealStatusSchema = z.enum(['open', 'won', 'lost', 'stalled']);

const dealFields = {
  name: textSchema(255, 'name').meta({ example: 'Acme Enterprise Plan' }),
  pipeline_id: publicIdSchema('pipeline'),
  stage_id: publicIdSchema('stage'),
  contact_id: publicIdSchema('contact').nullable(),
  company_id: publicIdSchema('company').nullable(),
  value: moneySchema.meta({ description: 'Deal value in minor units (cents)', example: 500000 }),
  currency: currencySchema.meta({ example: 'USD' }),
  status: dealStatusSchema,
  expected_close: dateTimeSchema.nullable(),
  owner_id: publicIdSchema('user').nullable(),
  source: acceptedText(z.string().trim().max(100), 'source').nullable(),
  metadata: metadataSchema,
  // extensions of the reference document
  loss_reason: acceptedText(z.string().trim().max(500), 'loss_reason').nullable(),
  custom_fields: z.record(z.string(), z.unknown()),
  external_id: acceptedText(z.string().trim().min(1).max(255), 'external_id').nullable(),
  deal_type: acceptedText(z.string().trim().max(100), 'deal_type').nullable(),
};

export const createDealBody = z
  .strictObject({
    ...dealFields,
    contact_id: dealFields.contact_id.optional(),
    company_id: dealFields.company_id.optional(),
    value: dealFields.value.optional(),
    currency: dealFields.currency.optional(),
    status: dealFields.status.optional(),
    expected_close: dealFields.expected_close.optional(),
    owner_id: dealFields.owner_id.optional(),
    source: dealFields.source.optional(),
    metadata: dealFields.metadata.optional(),
    loss_reason: dealFields.loss_reason.optional(),
    custom_fields: dealFields.custom_fields.optional(),
    external_id: dealFields.external_id.optional(),
    deal_type: dealFields.deal_type.optional(),
  })
  .meta({ id: 'CreateDeal' });
export type CreateDealBody = z.output<typeof createDealBody>;

export const updateDealBody = z
  .strictObject(
    Object.fromEntries(Object.entries(dealFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof dealFields]: z.ZodOptional<(typeof dealFields)[K]>;
    },
  )
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one field to update' })
  .meta({ id: 'UpdateDeal' });
export type UpdateDealBody = z.output<typeof updateDealBody>;

export const moveDealBody = z
  .strictObject({
    stage_id: publicIdSchema('stage'),
    position: z
      .number()
      .int('position must be a whole number')
      .min(0, 'position must not be negative')
      .optional()
      .meta({ description: 'Zero-based place inside the target stage (default: last)' }),
    reason: acceptedText(z.string().trim().max(500), 'reason').optional().meta({ description: 'Why the deal moved; kept on the history row' }),
  })
  .meta({ id: 'MoveDeal' });
export type MoveDealBody = z.output<typeof moveDealBody>;

export const DEAL_SORTS = ['created_at', 'updated_at', 'value', 'name', 'stage_entered_at', 'position'] as const;
export type DealSortField = (typeof DEAL_SORTS)[number];

const sortSchema = z
  .string()
  .regex(new RegExp(`^-?(${DEAL_SORTS.join('|')})$`), `sort must be one of ${DEAL_SORTS.join(', ')}, optionally prefixed with - for descending`)
  .default('-created_at');

const nonNegativeInteger = z.coerce.number({ error: 'Must be a whole number' }).int('Must be a whole number').min(0, 'Must not be negative');

export const listDealsQuery = z.strictObject({
  limit: limitSchema,
  cursor: z.string().optional(),
  status: z
    .string()
    .transform((s, ctx) => {
      const statuses = s.split(',').map((x) => x.trim());
      const bad = statuses.filter((x) => !dealStatusSchema.safeParse(x).success);
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `Unknown status ${bad.map((b) => `"${b}"`).join(', ')}: use open, won, lost or stalled` });
        return z.NEVER;
      }
      return statuses as z.output<typeof dealStatusSchema>[];
    })
    .optional()
    .meta({ description: 'open, won, lost or stalled (comma-separated for several)' }),
  pipeline_id: publicIdSchema('pipeline').optional(),
  stage_id: publicIdSchema('stage').optional(),
  contact_id: publicIdSchema('contact').optional(),
  company_id: publicIdSchema('company').optional(),
  owner_id: publicIdSchema('user').optional(),
  lost_reason: acceptedText(z.string().trim().min(1).max(500), 'lost_reason')
    .optional()
    .meta({ description: 'Only lost deals with this loss reason (compared trimmed, as typed); `(none)`: lost deals without one', example: 'Price too high' }),
  // bounded like moneySchema: a larger number would overflow the bigint column in the comparison
  min_value: nonNegativeInteger.max(Number(MAX_MINOR_UNITS), 'Must be at most 10^15 minor units').optional(),
  max_value: nonNegativeInteger.max(Number(MAX_MINOR_UNITS), 'Must be at most 10^15 minor units').optional(),
  // at most 100 years: the threshold is now minus this many days, which must stay a date
  days_since_activity_gt: nonNegativeInteger.max(MAX_DAYS_AGO, `Must be at most ${MAX_DAYS_AGO} days (100 years)`).optional(),
  created_after: dateTimeSchema.optional(),
  created_before: dateTimeSchema.optional(),
  q: acceptedText(z.string().trim().min(1).max(200), 'q').optional().meta({ description: 'Case-insensitive search in deal names' }),
  sort: sortSchema.meta({ description: `Sort field: ${DEAL_SORTS.join(', ')}; prefix - for descending (default -created_at)` }),
});
export type ListDealsQuery = z.output<typeof listDealsQuery>;

export const deleteDealQuery = z.strictObject({});

export const upsertDealsBody = z
  .strictObject({
    deals: z.array(z.unknown()).min(1, 'Send at least one deal').max(100, 'At most 100 deals per request'),
  })
  .meta({ id: 'UpsertDeals', description: 'Each item is a create-deal body with a required external_id' });

export const upsertDealItem = createDealBody.safeExtend({ external_id: acceptedText(z.string().trim().min(1).max(255), 'external_id') }).partial({
  pipeline_id: true,
  stage_id: true,
  name: true,
});

// ——— response shapes (OpenAPI) ———

const relationshipSchema = z.object({ type: z.string(), id: z.string(), name: z.string() });

export const dealResponseSchema = z
  .object({
    id: z.string().meta({ example: 'deal_k5R8sPqW2z' }),
    number: z.number().int(),
    name: z.string(),
    pipeline_id: z.string(),
    stage_id: z.string(),
    contact_id: z.string().nullable(),
    company_id: z.string().nullable(),
    value: z.number().int(),
    currency: z.string(),
    status: dealStatusSchema,
    loss_reason: z.string().nullable(),
    expected_close: z.string().nullable(),
    closed_at: z.string().nullable(),
    owner_id: z.string().nullable(),
    source: z.string().nullable(),
    deal_type: z.string().nullable(),
    external_id: z.string().nullable(),
    position: z.number(),
    stage_entered_at: z.string(),
    last_activity_at: z.string().nullable(),
    days_in_stage: z.number().int(),
    deal_age_days: z.number().int(),
    metadata: z.record(z.string(), z.unknown()),
    custom_fields: z.record(z.string(), z.unknown()),
    relationships: z
      .object({
        contact: relationshipSchema.optional(),
        company: relationshipSchema.optional(),
        pipeline: relationshipSchema,
        stage: relationshipSchema,
      })
      .optional(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Deal' });

export const dealHistoryEntrySchema = z
  .object({
    id: z.string(),
    number: z.number().int(),
    deal_id: z.string(),
    from_stage_id: z.string().nullable(),
    to_stage_id: z.string(),
    from_pipeline_id: z.string().nullable(),
    to_pipeline_id: z.string(),
    changed_at: z.string(),
    changed_by: z.string().nullable(),
    source: z.enum(['ui', 'api', 'import']),
    value: z.number().int(),
    currency: z.string(),
    probability: z.number().int(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'StageHistoryEntry' });

export const historyQuery = z.strictObject({ limit: limitSchema, cursor: z.string().optional() });
