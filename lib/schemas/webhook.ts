import { z } from 'zod';
import { limitSchema } from '../api/pagination';
import { isChangeEventType } from '../change-record/event-types';
import { AppError } from '../errors';
import { acceptedText } from './common';

// The native API's webhook shapes (POST/GET/PATCH/DELETE /api/v1/webhooks), shared by route
// handlers, server actions, services and OpenAPI. The URL is only checked for being text here: what
// it may point at (http or https, public addresses) is the service's rule, refused with 422.

/** Every event type, for an endpoint that wants them all. */
export const ALL_EVENT_TYPES = '*';

const urlSchema = acceptedText(
  z
    .string({ error: (issue) => (issue.input === undefined ? 'url is required' : 'url must be text') })
    .trim()
    .min(1, 'Enter the URL webhooks are sent to')
    .max(2_000, 'url must be at most 2000 characters'),
  'url',
).meta({ description: 'Where deliveries are POSTed: http or https, resolving to public addresses only', example: 'https://example.com/webhooks/dealboard' });

const eventTypesSchema = z
  .array(z.string({ error: 'Each event type must be text' }), { error: 'event_types must be a list of event types' })
  .min(1, 'Choose at least one event type (or "*" for all)')
  .max(200, 'event_types lists at most 200 types')
  .superRefine((types, ctx) => {
    for (const [index, type] of types.entries()) {
      if (type !== ALL_EVENT_TYPES && !isChangeEventType(type)) ctx.addIssue({ code: 'custom', path: [index], message: `Unknown event type "${type}"` });
    }
    if (types.includes(ALL_EVENT_TYPES) && types.length > 1) ctx.addIssue({ code: 'custom', message: '"*" (every event type) stands alone' });
  })
  .transform((types) => [...new Set(types)])
  .meta({ description: 'The event types delivered (see the change record), or ["*"] for every type', example: ['deal.created', 'deal.won'] });

const descriptionSchema = acceptedText(z.string().trim().max(500, 'description must be at most 500 characters'), 'description')
  .transform((text) => (text === '' ? null : text))
  .nullable()
  .meta({ description: 'What the endpoint is for' });

export const createWebhookBody = z
  .strictObject({
    url: urlSchema,
    event_types: eventTypesSchema,
    description: descriptionSchema.optional(),
    status: z.enum(['active', 'paused'], { error: 'status must be active or paused' }).optional().meta({ description: 'active (the default) or paused' }),
  })
  .meta({ id: 'CreateWebhook' });
export type CreateWebhookBody = z.output<typeof createWebhookBody>;

export const updateWebhookBody = z
  .strictObject({
    url: urlSchema.optional(),
    event_types: eventTypesSchema.optional(),
    description: descriptionSchema.optional(),
    status: z
      .enum(['active', 'paused'], { error: 'status must be active or paused' })
      .optional()
      .meta({ description: 'paused: events are not delivered (nor kept for later); active: resumes, also an endpoint the system disabled' }),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one field to update' })
  .meta({ id: 'UpdateWebhook' });
export type UpdateWebhookBody = z.output<typeof updateWebhookBody>;

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'retrying', 'failed', 'skipped'] as const;

export const listWebhookDeliveriesQuery = z.strictObject({
  limit: limitSchema,
  cursor: z.uuid({ error: 'The cursor is not valid; use the next_cursor of a previous page.' }).optional(),
  status: z
    .enum(DELIVERY_STATUSES, { error: `status must be one of ${DELIVERY_STATUSES.join(', ')}` })
    .optional()
    .meta({ description: 'Only deliveries in this state' }),
});
export type ListWebhookDeliveriesQuery = z.output<typeof listWebhookDeliveriesQuery>;

// ——— response shapes (OpenAPI) ———

export const webhookResponseSchema = z
  .object({
    id: z.string().meta({ example: 'wh_k5R8sPqW2z' }),
    number: z.number().int(),
    url: z.string(),
    description: z.string().nullable(),
    event_types: z.array(z.string()),
    status: z.enum(['active', 'paused', 'disabled']).meta({ description: 'disabled: the system stopped it after a delivery ran out of retries' }),
    disabled_reason: z.string().nullable().meta({ description: 'Why the system disabled it, when it did' }),
    created_by_id: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Webhook' });
export type WebhookJson = z.output<typeof webhookResponseSchema>;

export const createdWebhookResponseSchema = webhookResponseSchema
  .extend({
    secret: z.string().meta({
      description: 'The signing secret (Standard Webhooks whsec_… form): answered this once, never again',
      example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    }),
  })
  .meta({ id: 'CreatedWebhook' });

export const webhookDeliveryResponseSchema = z
  .object({
    id: z.string().meta({ description: 'The delivery (a UUID)', example: '01939a4e-5f7b-7c3a-9d2e-4b8f0a1c2d3e' }),
    webhook_id: z.string().meta({ description: 'The webhook-id header sent: the delivery id, or for a replay the id of the message replayed' }),
    endpoint_id: z.string(),
    event_id: z.number().int().nullable().meta({ description: 'The change event (null for a test event)' }),
    event_type: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    last_status_code: z.number().int().nullable(),
    last_latency_ms: z.number().int().nullable(),
    last_error: z.string().nullable(),
    next_attempt_at: z.string().nullable(),
    created_at: z.string(),
    delivered_at: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()).meta({ description: 'The body sent' }),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDeliveryJson = z.output<typeof webhookDeliveryResponseSchema>;

const deliveryIdSchema = z.uuid();

/** A path's delivery id (a UUID, lower-cased); 404 for anything else. */
export function parseDeliveryId(value: string | undefined): string {
  const parsed = deliveryIdSchema.safeParse(value);
  if (!parsed.success) throw new AppError('not_found', `No delivery with ID ${value ?? ''} exists.`);
  return parsed.data.toLowerCase();
}
