import { z } from 'zod';
import { limitSchema } from '../api/pagination';
import { CHANGE_EVENT_TYPES } from '../change-record/event-types';
import { acceptedText, dateTimeSchema, publicIdSchema } from './common';

// The event API's shapes (GET /events, /events/stream, /deals/:id/changes), shared by the route
// handlers, the audit log and the OpenAPI document: the query strings, and the public event with
// one schema per event type.

export const EVENT_RECORD_TYPES = [...new Set(CHANGE_EVENT_TYPES.map((entry) => entry.recordType))] as const;

export const DEFAULT_EVENT_LIMIT = 100;
export const MAX_EVENT_LIMIT = 500;
const LIMIT_MESSAGE = `limit must be a whole number from 1 to ${MAX_EVENT_LIMIT}`;

/** Events per page of GET /events: an integration catching up takes big pages. */
export const eventLimitSchema = z.coerce
  .number({ error: LIMIT_MESSAGE })
  .int(LIMIT_MESSAGE)
  .min(1, LIMIT_MESSAGE)
  .max(MAX_EVENT_LIMIT, LIMIT_MESSAGE)
  .default(DEFAULT_EVENT_LIMIT);

const EVENT_ID_MESSAGE = 'Must be an event id: a whole number, 0 or more';

/** An event id (the `id` of an event, or 0 for "from the start"), as the bigint the column holds. */
export const eventIdSchema = z
  .string({ error: EVENT_ID_MESSAGE })
  .regex(/^\d{1,16}$/, EVENT_ID_MESSAGE)
  .transform((text) => BigInt(text))
  .refine((id) => id <= BigInt(Number.MAX_SAFE_INTEGER), EVENT_ID_MESSAGE)
  .meta({ example: '1042' });

/** The `types` filter: exact event types, and `<prefix>.*` for every type of a family (`deal.*`). */
export interface EventTypeFilter {
  exact: string[];
  prefixes: string[];
}

/** The event types a `types` filter selects, from the one list of types. */
export function typesSelectedBy(filter: EventTypeFilter): string[] {
  return CHANGE_EVENT_TYPES.map((entry) => entry.type).filter(
    (type) => filter.exact.includes(type) || filter.prefixes.some((prefix) => type.startsWith(`${prefix}.`)),
  );
}

const KNOWN_TYPES = new Set(CHANGE_EVENT_TYPES.map((entry) => entry.type));

export const eventTypesSchema = z
  .string()
  .transform((text, ctx): EventTypeFilter => {
    const names = text
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const filter: EventTypeFilter = { exact: [], prefixes: [] };
    const unknown: string[] = [];
    for (const name of names) {
      const prefix = /^([a-z_]+)\.\*$/.exec(name)?.[1];
      if (prefix !== undefined && typesSelectedBy({ exact: [], prefixes: [prefix] }).length > 0) filter.prefixes.push(prefix);
      else if (KNOWN_TYPES.has(name)) filter.exact.push(name);
      else unknown.push(name);
    }
    if (unknown.length > 0 || names.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message:
          names.length === 0
            ? 'Name at least one event type'
            : `Unknown event type ${unknown.map((name) => `"${name}"`).join(', ')}: use the types of the OpenAPI document (e.g. deal.updated) or a family such as deal.*`,
      });
      return z.NEVER;
    }
    return filter;
  })
  .meta({
    description: 'Comma-separated event types (`deal.updated`) and families (`deal.*`); default every type your role may read',
    example: 'deal.*,contact.updated',
  });

const recordTypeSchema = z.enum(EVENT_RECORD_TYPES, { error: `record_type must be one of ${EVENT_RECORD_TYPES.join(', ')}` });

/** The filters every event reader shares (the API, the stream, the audit log). */
const eventFilterFields = {
  types: eventTypesSchema.optional(),
  record_type: recordTypeSchema.optional().meta({ description: 'Only events of records of this type (`deal`, `contact`, …)' }),
  record_id: acceptedText(z.string().trim().min(1).max(200), 'record_id')
    .optional()
    .meta({ description: 'Only events of this record (its public ID, e.g. `deal_…`); needs record_type', example: 'deal_k5R8sPqW2z' }),
  user_id: publicIdSchema('user').optional().meta({ description: 'Only changes this user made (in the app, or through their API keys)' }),
  occurred_after: dateTimeSchema.optional().meta({ description: 'Only events at or after this instant' }),
  occurred_before: dateTimeSchema.optional().meta({ description: 'Only events before this instant' }),
};

function recordIdNeedsType(query: { record_type?: string; record_id?: string }, ctx: z.RefinementCtx) {
  if (query.record_id !== undefined && query.record_type === undefined) {
    ctx.addIssue({ code: 'custom', path: ['record_type'], message: 'record_id needs record_type (deal, contact, …)' });
  }
}

export const listEventsQuery = z
  .strictObject({
    after: eventIdSchema
      .optional()
      .meta({ description: 'Only events after this event id (the id of the last event you processed; 0 or absent: from the oldest kept)' }),
    limit: eventLimitSchema.meta({ description: `Events per page (default ${DEFAULT_EVENT_LIMIT}, max ${MAX_EVENT_LIMIT})` }),
    ...eventFilterFields,
  })
  .superRefine(recordIdNeedsType);
export type ListEventsQuery = z.output<typeof listEventsQuery>;

export const eventStreamQuery = z
  .strictObject({
    after: eventIdSchema
      .optional()
      .meta({ description: 'Start after this event id; the Last-Event-ID header, when sent, wins (absent both: only new events)' }),
    ...eventFilterFields,
  })
  .superRefine(recordIdNeedsType);
export type EventStreamQuery = z.output<typeof eventStreamQuery>;

export const eventStreamHeaders = z.object({
  'last-event-id': z
    .string()
    .optional()
    .meta({ description: 'The id of the last event received: the stream resumes right after it (browsers send it on reconnect)' }),
});

export const dealChangesQuery = z.strictObject({ limit: limitSchema, cursor: z.string().optional() });

// ——— response shapes (OpenAPI) ———

const nullable = <S extends z.ZodType>(schema: S) => schema.nullable();
const text = z.string();
const int = z.number().int();
const time = z.string().meta({ description: 'ISO 8601 instant, UTC' });
const json = z.unknown();
const ref = (what: string) => z.string().meta({ description: `${what} ID` });

/**
 * The `data` of an event of each record type: the record's columns in snake_case, references as
 * public IDs (a test holds these to the database's tables). Secrets (an API key's hash, a webhook
 * endpoint's signing secret, settings whose key names a secret) never enter the change record.
 */
export const EVENT_RECORD_SCHEMAS: Record<(typeof EVENT_RECORD_TYPES)[number], z.ZodObject> = {
  deal: z.object({
    id: ref('Deal'),
    name: text,
    pipeline_id: ref('Pipeline'),
    stage_id: ref('Stage'),
    value: int.meta({ description: 'Integer minor units of currency' }),
    currency: text,
    status: z.enum(['open', 'won', 'lost', 'stalled']),
    lost_reason: nullable(text),
    expected_close: nullable(time),
    closed_at: nullable(time),
    started_at: nullable(time),
    owner_id: nullable(ref('User')),
    external_owner: json,
    contact_id: nullable(ref('Contact')),
    company_id: nullable(ref('Company')),
    source: nullable(text),
    deal_type: nullable(text),
    metadata: json,
    custom_fields: json,
    external_source: nullable(text),
    external_id: nullable(text),
    position: z.number(),
    tax_type: z.enum(['exclusive', 'inclusive', 'no_tax']),
    stage_entered_at: time,
    last_activity_at: nullable(time),
    created_at: time,
    updated_at: time,
    deleted_at: nullable(time),
    version: int,
  }),
  deal_contact: z.object({ deal_id: ref('Deal'), contact_id: ref('Contact'), created_at: time }),
  deal_company: z.object({ deal_id: ref('Deal'), company_id: ref('Company'), created_at: time }),
  line_items: z.object({
    id: ref('Deal').meta({ description: 'The deal whose line items these are' }),
    line_items: z.array(z.record(z.string(), z.unknown())).optional(),
  }),
  activity: z.object({
    id: ref('Activity'),
    deal_id: nullable(ref('Deal')),
    type: z.enum(['call', 'meeting', 'email', 'note']),
    status: z.enum(['planned', 'completed', 'cancelled']),
    subject: text,
    body: nullable(text),
    occurred_at: time,
    owner_id: nullable(ref('User')),
    created_at: time,
    updated_at: time,
  }),
  task: z.object({
    id: ref('Task'),
    deal_id: nullable(ref('Deal')),
    title: text,
    priority: z.enum(['low', 'medium', 'high']),
    status: z.enum(['pending', 'completed']),
    due_at: nullable(time),
    completed_at: nullable(time),
    assignee_id: nullable(ref('User')),
    created_by_id: nullable(ref('User')),
    created_at: time,
    updated_at: time,
  }),
  contact: z.object({
    id: ref('Contact'),
    first_name: text,
    last_name: text,
    email: nullable(text),
    phone: nullable(text),
    company_id: nullable(ref('Company')),
    external_id: nullable(text),
    created_at: time,
    updated_at: time,
    deleted_at: nullable(time),
    merged_into_contact_id: nullable(ref('Contact')).meta({ description: 'The contact it was merged into (then also deleted)' }),
  }),
  company: z.object({
    id: ref('Company'),
    name: text,
    domain: nullable(text),
    external_id: nullable(text),
    created_at: time,
    updated_at: time,
    deleted_at: nullable(time),
    merged_into_company_id: nullable(ref('Company')).meta({ description: 'The company it was merged into (then also deleted)' }),
  }),
  pipeline: z.object({
    id: ref('Pipeline'),
    name: text,
    position: int,
    is_default: z.boolean(),
    external_id: nullable(text),
    created_at: time,
    updated_at: time,
    deleted_at: nullable(time),
  }),
  stage: z.object({
    id: ref('Stage'),
    pipeline_id: ref('Pipeline'),
    name: text,
    position: int,
    probability: int,
    rotting_days: nullable(int),
    outcome: nullable(z.enum(['won', 'lost'])),
    external_id: nullable(text),
    created_at: time,
    updated_at: time,
    deleted_at: nullable(time),
  }),
  product: z.object({
    id: ref('Product'),
    name: text,
    sku: nullable(text),
    unit_price: int.meta({ description: 'Integer minor units of currency' }),
    currency: text,
    tax_rate: z.number().meta({ description: 'Percent' }),
    tax_label: nullable(text),
    unit: nullable(text),
    description: nullable(text),
    active: z.boolean(),
    external_id: nullable(text),
    created_at: time,
    updated_at: time,
  }),
  custom_field: z.object({
    id: ref('Custom field'),
    entity: text,
    key: text,
    label: text,
    type: z.enum(['text', 'number', 'date', 'boolean', 'select']),
    options: json,
    required: z.boolean(),
    position: int,
    created_at: time,
    updated_at: time,
  }),
  lost_reason: z.object({ id: ref('Lost reason'), label: text, position: int, active: z.boolean(), created_at: time }),
  user: z.object({
    id: ref('User'),
    email: text,
    name: text,
    role: z.enum(['rep', 'manager', 'admin']),
    preferences: json,
    created_at: time,
    updated_at: time,
    email_verified: z.boolean(),
    image: nullable(text),
    two_factor_enabled: z.boolean(),
    deactivated_at: nullable(time),
    last_sign_in_at: nullable(time),
  }),
  api_key: z.object({
    id: ref('API key'),
    name: text,
    key_prefix: text,
    scope: z.enum(['read', 'write']),
    user_id: ref('User'),
    last_used_at: nullable(time),
    revoked_at: nullable(time),
    created_at: time,
  }),
  setting: z.object({ key: text, value: json, updated_at: time }),
  webhook_endpoint: z.object({
    id: ref('Webhook endpoint'),
    url: text,
    description: nullable(text),
    event_types: z.array(z.string()),
    status: z.enum(['active', 'paused', 'disabled']),
    disabled_reason: nullable(text),
    created_by_id: nullable(ref('User')),
    created_at: time,
    updated_at: time,
  }),
};

const changesSchema = z
  .record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }))
  .meta({ description: "For updates: each changed field's previous and new value (references as public IDs, instants as ISO strings)" });

const actorSchema = z
  .object({
    user_id: z.string().nullable().meta({ description: 'Who acted (null for the system)' }),
    api_key_id: z.string().nullable().meta({ description: 'The API key they acted through, if any' }),
    channel: z.enum(['ui', 'api', 'import', 'cli', 'system']),
  })
  .meta({ id: 'ChangeEventActor' });

function pascal(text: string): string {
  return text
    .split(/[._]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** One schema per event type: its `type` constant and the `data` of its record type. */
export const EVENT_TYPE_SCHEMAS = CHANGE_EVENT_TYPES.map((entry) =>
  z
    .object({
      id: z.number().int().meta({ description: 'The event id: increasing in commit order; pass it as `after` (or Last-Event-ID) to resume' }),
      type: z.literal(entry.type),
      occurred_at: time,
      record: z.object({ type: z.literal(entry.recordType), id: z.string() }),
      deal_id: z.string().nullable().meta({ description: 'The deal the change belongs to, if any' }),
      pipeline_id: z.string().nullable(),
      actor: actorSchema,
      changes: changesSchema,
      data: (EVENT_RECORD_SCHEMAS[entry.recordType as (typeof EVENT_RECORD_TYPES)[number]] ?? z.record(z.string(), z.unknown())).meta({
        description: entry.type.endsWith('.deleted') || entry.type.endsWith('_unlinked') ? 'The record as it was' : 'The record after the change',
      }),
    })
    .meta({ id: `${pascal(entry.type)}Event`, description: entry.description }),
);

/** Any change event: one of the per-type schemas, told apart by `type`. */
export const changeEventSchema = z
  .discriminatedUnion('type', EVENT_TYPE_SCHEMAS as unknown as [(typeof EVENT_TYPE_SCHEMAS)[number], ...(typeof EVENT_TYPE_SCHEMAS)[number][]])
  .meta({ id: 'ChangeEvent', description: 'One change, as every event reader sees it (the API, the stream, webhooks)' });

export const eventPageSchema = z
  .object({
    data: z.array(changeEventSchema),
    has_more: z.boolean().meta({ description: 'More events are already there: ask again at once with after = next_cursor' }),
    next_cursor: z
      .string()
      .meta({ description: 'Pass as `after` next time: the id of the last event of this page (the `after` you sent when the page is empty)' }),
  })
  .meta({ id: 'ChangeEventPage' });
