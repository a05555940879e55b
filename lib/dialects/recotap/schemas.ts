import { z } from 'zod';
import { dateTimeSchema } from '../../schemas/common';
import { MAX_STAGES_PER_PIPELINE } from '../../schemas/pipeline';

// Request and response shapes of the Recotap-style sync dialect (/api/recotap/v1), as Recotap documents
// its deal stages and deals upsert endpoints. Field names are Recotap's
// (camelCase); messages follow Recotap's wording ("deals must contain no more than 100 elements").

export const RECOTAP_MAX_PIPELINES = 20;
export const RECOTAP_MAX_DEALS = 100;
const EXTERNAL_ID_MAX = 255;
const LABEL_MAX = 200;

function idText(field: string) {
  return z
    .string({ error: `${field} must be a string` })
    .trim()
    .min(1, `${field} should not be empty`)
    .max(EXTERNAL_ID_MAX, `${field} must be at most ${EXTERNAL_ID_MAX} characters`);
}

function labelText(field: string) {
  return z
    .string({ error: `${field} must be a string` })
    .trim()
    .min(1, `${field} should not be empty`)
    .max(LABEL_MAX, `${field} must be at most ${LABEL_MAX} characters`);
}

// Recotap validates with class-validator's @IsOptional(): null means "not sent", like a missing field.
function optional<S extends z.ZodType>(schema: S) {
  return schema.nullish().transform((value) => value ?? undefined);
}

// ——— POST /deal-stages ———

export const recotapStageItem = z.strictObject({
  stageId: idText('stageId').meta({ example: 's1' }),
  stageLabel: labelText('stageLabel').meta({ example: 'Prospecting' }),
});

export const recotapPipelineItem = z
  .strictObject({
    pipelineId: idText('pipelineId').meta({ example: 'smb-pipeline' }),
    pipelineLabel: labelText('pipelineLabel').meta({ example: 'SMB Sales' }),
    stages: z
      .array(recotapStageItem, { error: 'stages must be an array' })
      .min(1, 'stages must contain at least 1 elements')
      .max(MAX_STAGES_PER_PIPELINE, `stages must contain no more than ${MAX_STAGES_PER_PIPELINE} elements`),
  })
  .superRefine((pipeline, ctx) => {
    const seen = new Set<string>();
    pipeline.stages.forEach((stage, index) => {
      if (seen.has(stage.stageId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['stages', index, 'stageId'],
          message: `stageId "${stage.stageId}" appears more than once in pipeline "${pipeline.pipelineId}"`,
        });
      }
      seen.add(stage.stageId);
    });
  });

export const recotapDealStagesBody = z
  .strictObject({
    pipelines: z
      .array(recotapPipelineItem, { error: 'pipelines must be an array' })
      .min(1, 'pipelines must contain at least 1 elements')
      .max(RECOTAP_MAX_PIPELINES, `pipelines must contain no more than ${RECOTAP_MAX_PIPELINES} elements`),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.pipelines.forEach((pipeline, index) => {
      if (seen.has(pipeline.pipelineId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['pipelines', index, 'pipelineId'],
          message: `pipelineId "${pipeline.pipelineId}" appears more than once in this request`,
        });
      }
      seen.add(pipeline.pipelineId);
    });
  })
  .meta({ id: 'RecotapDealStagesBody' });
export type RecotapDealStagesBody = z.output<typeof recotapDealStagesBody>;
export type RecotapPipelineItem = z.output<typeof recotapPipelineItem>;

// ——— POST /deals ———

const plainObject = z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
  message: 'each value in deals must be an object',
});

/**
 * The request as a whole: 1–100 deal objects. Each deal is checked on its own afterwards
 * (`recotapDealItem`), so one bad deal fails alone instead of the whole request.
 */
export const recotapDealsBody = z
  .strictObject({
    deals: z
      .array(plainObject, { error: 'deals must be an array' })
      .min(1, 'deals must contain at least 1 elements')
      .max(RECOTAP_MAX_DEALS, `deals must contain no more than ${RECOTAP_MAX_DEALS} elements`),
  })
  .meta({ id: 'RecotapDealsBody' });

export const recotapAccountItem = z.strictObject({
  externalId: optional(idText('externalId')).meta({ example: 'crm-001' }),
  domain: optional(z.string({ error: 'domain must be a string' }).trim().max(2000, 'domain must be at most 2000 characters')).meta({ example: 'acme.com' }),
  name: optional(labelText('name')).meta({ example: 'Acme Corp' }),
});

/** An ISO 8601 date or date-time (the native API's rule), with Recotap's message. */
function dateField(field: string) {
  const message = `${field} must be a valid ISO 8601 date string`;
  return z
    .string({ error: message })
    .refine((text) => dateTimeSchema.safeParse(text).success, { message })
    .transform((text) => dateTimeSchema.parse(text));
}

/** One deal of POST /deals, validated on its own. */
export const recotapDealItem = z
  .strictObject({
    externalDealId: idText('externalDealId').meta({ example: 'deal-001' }),
    name: z
      .string({ error: 'name must be a string' })
      .trim()
      .min(1, 'name should not be empty')
      .max(255, 'name must be at most 255 characters')
      .meta({ example: 'Acme Corp - Enterprise Plan' }),
    amount: optional(z.number({ error: 'amount must be a number' }).min(0, 'amount must not be negative')).meta({
      description: 'Deal value in major units (75000 = 75,000.00); stored exactly in the currency’s minor units',
      example: 75000,
    }),
    stageId: optional(idText('stageId')).meta({ example: 'stage-3' }),
    stageLabel: optional(labelText('stageLabel')).meta({ example: 'Proposal Sent' }),
    pipelineId: optional(idText('pipelineId')).meta({ example: 'smb-pipeline' }),
    pipelineLabel: optional(labelText('pipelineLabel')).meta({ example: 'SMB Sales' }),
    startDate: optional(dateField('startDate')).meta({ example: '2026-01-15T00:00:00Z' }),
    closedDate: optional(dateField('closedDate')).meta({ example: '2026-06-30T00:00:00Z' }),
    ownerName: optional(z.string({ error: 'ownerName must be a string' }).trim().max(200, 'ownerName must be at most 200 characters')).meta({
      example: 'Jane Smith',
    }),
    ownerEmail: optional(z.string({ error: 'ownerEmail must be an email' }).trim().pipe(z.email('ownerEmail must be an email'))).meta({
      example: 'jane@yourcompany.com',
    }),
    ownerId: optional(
      z.string({ error: 'ownerId must be a string' }).trim().max(EXTERNAL_ID_MAX, `ownerId must be at most ${EXTERNAL_ID_MAX} characters`),
    ).meta({ example: 'rep-123' }),
    dealCurrencyCode: optional(
      z
        .string({ error: 'dealCurrencyCode must be a string' })
        .regex(/^[A-Za-z]{3}$/, 'dealCurrencyCode must be an ISO 4217 currency code such as USD')
        .transform((c) => c.toUpperCase()),
    ).meta({ example: 'USD' }),
    associatedAccounts: optional(
      z.array(recotapAccountItem, { error: 'associatedAccounts must be an array' }).max(100, 'associatedAccounts must contain no more than 100 elements'),
    ),
  })
  .meta({ id: 'RecotapDeal' });
export type RecotapDealItem = z.output<typeof recotapDealItem>;

// ——— response shapes (OpenAPI) ———

/** Every Recotap answer is an envelope; the documented result is its `data`. */
export function recotapEnvelope<S extends z.ZodType>(data: S) {
  return z.object({ statusCode: z.number().int().meta({ example: 200 }), message: z.string().meta({ example: 'Success' }), data });
}

export const recotapDealStagesResult = z
  .object({
    results: z.array(z.object({ pipelineId: z.string(), status: z.literal('created') })),
    summary: z.object({ total: z.number().int(), created: z.number().int() }),
  })
  .meta({ id: 'RecotapDealStagesResult' });

export const recotapDealsResult = z
  .object({
    results: z.array(
      z.object({
        externalDealId: z.string().nullable(),
        status: z.enum(['upserted', 'failed']),
        error: z.string().optional().meta({ description: 'Why this deal failed (only when status is failed)' }),
      }),
    ),
    summary: z.object({ total: z.number().int(), upserted: z.number().int(), failed: z.number().int() }),
  })
  .meta({ id: 'RecotapDealsResult' });

export const recotapErrorSchema = z
  .object({
    statusCode: z.number().int().meta({ example: 409 }),
    timestamp: z.string().meta({ example: '2026-04-28T10:15:00.000Z' }),
    path: z.string().meta({ example: '/api/recotap/v1/deal-stages' }),
    message: z.string().meta({ example: 'Conflict' }),
    customMessage: z.string().optional().meta({ example: 'Pipeline(s) already exist: smb-pipeline' }),
    data: z.array(z.object({ property: z.string(), constraints: z.record(z.string(), z.string()) })).nullable(),
  })
  .meta({ id: 'RecotapError' });
