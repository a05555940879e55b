import { type IdKind, toPublicId } from '../ids';
import type { ChangeEventRow } from './read-change-events';

// One public shape of a change event, for every reader outside the database: the event API, the
// event stream, webhook deliveries, the audit log's CSV. Integer identities become the public IDs
// the rest of the API uses (deal_…, stg_…); timestamps become ISO strings in UTC.

/** The record type of each table the change record watches, and its public ID kind. */
export const RECORD_KIND: Record<string, IdKind | null> = {
  deal: 'deal',
  activity: 'activity',
  task: 'task',
  contact: 'contact',
  company: 'company',
  pipeline: 'pipeline',
  stage: 'stage',
  product: 'product',
  custom_field: 'customField',
  lost_reason: 'lostReason',
  user: 'user',
  api_key: 'apiKey',
  webhook_endpoint: 'webhookEndpoint',
  line_items: 'deal',
  deal_contact: null,
  deal_company: null,
  setting: null,
};

/** Columns holding another record's identity, and its kind. */
const REFERENCE_KIND: Record<string, IdKind> = {
  deal_id: 'deal',
  pipeline_id: 'pipeline',
  stage_id: 'stage',
  from_stage_id: 'stage',
  to_stage_id: 'stage',
  contact_id: 'contact',
  company_id: 'company',
  owner_id: 'user',
  user_id: 'user',
  assignee_id: 'user',
  created_by_id: 'user',
  changed_by_id: 'user',
  invited_by_id: 'user',
  product_id: 'product',
  lost_reason_id: 'lostReason',
  merged_into_contact_id: 'contact',
  merged_into_company_id: 'company',
};

export interface PublicChangeEvent {
  id: number;
  type: string;
  occurred_at: string;
  record: { type: string; id: string };
  deal_id: string | null;
  pipeline_id: string | null;
  actor: { user_id: string | null; api_key_id: string | null; channel: string };
  /** for updates: each changed field's previous and new value */
  changes: Record<string, { from: unknown; to: unknown }>;
  /** the record after the change (before it, for a deletion) */
  data: Record<string, unknown>;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/;

/** A value of column `column` as the API shows it. */
function presentValue(column: string, value: unknown): unknown {
  const kind = REFERENCE_KIND[column];
  if (kind && typeof value === 'number') return toPublicId(kind, value);
  // the columns are timestamps without a zone, holding UTC
  if (typeof value === 'string' && TIMESTAMP.test(value)) return new Date(`${value}Z`).toISOString();
  return value;
}

function presentRecord(recordType: string, row: Record<string, unknown>): Record<string, unknown> {
  const kind = RECORD_KIND[recordType];
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    out[column] = column === 'id' && kind && typeof value === 'number' ? toPublicId(kind, value) : presentValue(column, value);
  }
  return out;
}

/** The record's public ID: a deal_…/cont_… ID, a link's two IDs, a setting's key. */
function presentRecordId(event: ChangeEventRow): string {
  const kind = RECORD_KIND[event.recordType];
  const numeric = Number(event.recordId);
  if (kind && Number.isInteger(numeric)) return toPublicId(kind, numeric);
  if (event.recordType === 'deal_contact' || event.recordType === 'deal_company') {
    const [deal, other] = event.recordId.split(':').map(Number);
    return `${toPublicId('deal', deal!)}:${toPublicId(event.recordType === 'deal_contact' ? 'contact' : 'company', other!)}`;
  }
  return event.recordId;
}

export function presentChangeEvent(event: ChangeEventRow): PublicChangeEvent {
  const changes: PublicChangeEvent['changes'] = {};
  for (const [field, change] of Object.entries((event.changes ?? {}) as Record<string, { from: unknown; to: unknown }>)) {
    changes[field] = { from: presentValue(field, change.from), to: presentValue(field, change.to) };
  }
  return {
    id: Number(event.id),
    type: event.type,
    occurred_at: event.occurredAt.toISOString(),
    record: { type: event.recordType, id: presentRecordId(event) },
    deal_id: event.dealId === null ? null : toPublicId('deal', event.dealId),
    pipeline_id: event.pipelineId === null ? null : toPublicId('pipeline', event.pipelineId),
    actor: {
      user_id: event.actorUserId === null ? null : toPublicId('user', event.actorUserId),
      api_key_id: event.actorApiKeyId === null ? null : toPublicId('apiKey', event.actorApiKeyId),
      channel: event.channel,
    },
    changes,
    data: presentRecord(event.recordType, (event.record ?? {}) as Record<string, unknown>),
  };
}
