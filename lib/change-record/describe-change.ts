import { formatMoney } from '../money/format-money';
import type { PublicChangeEvent } from './present-change-event';

// A change event in words, for people: the deal page's Changes timeline, the audit log and its
// CSV. Field labels instead of column names, names instead of IDs (the caller looks them up:
// `names` maps public IDs to names), money with its currency, dates as dates, and the bookkeeping
// columns a person never set (position, timestamps, version) left out. Pure: the browser uses it.

/** Public ID (stg_…, user_…, key_…) → the name to show. */
export type ChangeNames = Record<string, string>;

export interface DescribeOptions {
  names: ChangeNames;
  /** IANA zone the reader's instants are shown in */
  timeZone: string;
  /** custom field key → its label */
  customFieldLabels?: Record<string, string>;
}

export interface ChangeLine {
  field: string;
  label: string;
  from: string;
  to: string;
}

export interface DescribedChange {
  /** one sentence: "Moved from Qualified to Proposal" */
  summary: string;
  /** each changed field: label, from, to */
  lines: ChangeLine[];
}

export const CHANNEL_LABELS: Record<string, string> = { ui: 'App', api: 'API', import: 'Import', cli: 'CLI', system: 'System' };

const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  value: 'Value',
  currency: 'Currency',
  status: 'Status',
  lost_reason: 'Loss reason',
  expected_close: 'Expected close',
  closed_at: 'Closed',
  started_at: 'Started',
  owner_id: 'Owner',
  contact_id: 'Contact',
  company_id: 'Company',
  source: 'Source',
  deal_type: 'Deal type',
  metadata: 'Metadata',
  external_id: 'External ID',
  merged_into_contact_id: 'Merged into',
  merged_into_company_id: 'Merged into',
  external_source: 'External source',
  external_owner: 'External owner',
  tax_type: 'Prices',
  stage_id: 'Stage',
  pipeline_id: 'Pipeline',
  deleted_at: 'Deleted',
  subject: 'Subject',
  body: 'Notes',
  occurred_at: 'When',
  type: 'Type',
  title: 'Title',
  priority: 'Priority',
  due_at: 'Due',
  completed_at: 'Completed',
  assignee_id: 'Assignee',
  first_name: 'First name',
  last_name: 'Last name',
  email: 'Email',
  phone: 'Phone',
  domain: 'Domain',
  probability: 'Probability',
  rotting_days: 'Rotting after (days)',
  outcome: 'Outcome',
  is_default: 'Default pipeline',
  sku: 'SKU',
  unit_price: 'Unit price',
  tax_rate: 'Tax rate',
  tax_label: 'Tax label',
  unit: 'Unit',
  description: 'Description',
  active: 'Active',
  label: 'Label',
  required: 'Required',
  options: 'Options',
  role: 'Role',
  deactivated_at: 'Deactivated',
  revoked_at: 'Revoked',
  scope: 'Access',
  line_items: 'Line items',
  url: 'URL',
  event_types: 'Event types',
  disabled_reason: 'Why disabled',
};

/** Columns nobody sets by hand: never shown as changes (a position alone is "reordered"). */
const BOOKKEEPING = new Set([
  'id',
  'position',
  'created_at',
  'updated_at',
  'version',
  'last_activity_at',
  'stage_entered_at',
  'last_sign_in_at',
  'last_used_at',
  'preferences',
  'key_prefix',
  'email_verified',
  'two_factor_enabled',
]);
/** Columns each type's sentence already tells. */
const TOLD_BY_SUMMARY: Record<string, string[]> = {
  'deal.stage_changed': ['stage_id', 'pipeline_id'],
  'deal.won': ['status', 'closed_at', 'stage_id', 'pipeline_id'],
  'deal.lost': ['status', 'closed_at', 'stage_id', 'pipeline_id', 'lost_reason'],
};

const MONEY_FIELDS = new Set(['value', 'unit_price', 'subtotal', 'discount', 'tax', 'total']);
const PERCENT_FIELDS = new Set(['probability', 'tax_rate']);
/** Days on a calendar, stored as midnight UTC: shown in UTC, whatever the reader's zone. */
const CALENDAR_FIELDS = new Set(['expected_close']);
const ENUM_FIELDS = new Set(['status', 'type', 'priority', 'role', 'outcome', 'tax_type', 'scope', 'discount_type', 'entity']);

const RECORD_LABELS: Record<string, string> = {
  deal: 'deal',
  activity: 'activity',
  task: 'task',
  contact: 'contact',
  company: 'company',
  pipeline: 'pipeline',
  stage: 'stage',
  product: 'product',
  custom_field: 'custom field',
  lost_reason: 'loss reason',
  user: 'user',
  api_key: 'API key',
  setting: 'workspace setting',
  webhook_endpoint: 'webhook endpoint',
};

export function humanize(text: string): string {
  const spaced = text.replaceAll('_', ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? humanize(field.replace(/_id$/, ''));
}

function formatInstant(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}

function formatCalendarDay(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

const PUBLIC_ID = /^(deal|pipe|stg|cont|comp|prod|user|act|task|cf|lr|key|wh)_[A-Za-z0-9]+$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

const EMPTY = 'none';

/** One value of `field` in words. `currency` is the record's currency on that side of the change. */
export function describeValue(field: string, value: unknown, context: { options: DescribeOptions; currency: string | null }): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  const { options } = context;
  if (MONEY_FIELDS.has(field) && (typeof value === 'number' || typeof value === 'string') && /^-?\d+$/.test(String(value))) {
    return context.currency ? formatMoney(String(value), context.currency) : String(value);
  }
  if (PERCENT_FIELDS.has(field) && (typeof value === 'number' || typeof value === 'string')) return `${value}%`;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') {
    if (field.endsWith('_id') && field !== 'external_id' && PUBLIC_ID.test(value))
      return options.names[value] ?? `a removed ${fieldLabel(field).toLowerCase()}`;
    if (ISO_INSTANT.test(value)) return CALENDAR_FIELDS.has(field) ? formatCalendarDay(value) : formatInstant(value, options.timeZone);
    if (ENUM_FIELDS.has(field)) return humanize(value);
    return `“${value}”`;
  }
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? EMPTY : `${value.length} item${value.length === 1 ? '' : 's'}`;
  const text = JSON.stringify(value);
  return text === '{}' ? EMPTY : text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** The name of the event's record, as its sentence says it: “Acme renewal”, Jane Doe. */
function recordTitle(event: PublicChangeEvent): string | null {
  const data = event.data;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);
  switch (event.record.type) {
    case 'contact':
      return text([data.first_name, data.last_name].filter(Boolean).join(' '));
    case 'custom_field':
    case 'lost_reason':
      return text(data.label);
    case 'activity':
      return text(data.subject);
    case 'task':
      return text(data.title);
    case 'setting':
      return text(data.key);
    case 'webhook_endpoint':
      return text(data.url);
    default:
      return text(data.name);
  }
}

function quoted(title: string | null): string {
  return title === null ? '' : ` “${title}”`;
}

function currencyOn(event: PublicChangeEvent, side: 'from' | 'to'): string | null {
  const change = event.changes.currency;
  const value = change ? change[side] : event.data.currency;
  return typeof value === 'string' ? value : null;
}

function linesOf(event: PublicChangeEvent, options: DescribeOptions): ChangeLine[] {
  const told = new Set(TOLD_BY_SUMMARY[event.type] ?? []);
  const lines: ChangeLine[] = [];
  for (const [field, change] of Object.entries(event.changes)) {
    if (BOOKKEEPING.has(field) || told.has(field)) continue;
    if (field === 'custom_fields') {
      const from = (change.from ?? {}) as Record<string, unknown>;
      const to = (change.to ?? {}) as Record<string, unknown>;
      for (const key of [...new Set([...Object.keys(from), ...Object.keys(to)])].sort()) {
        if (JSON.stringify(from[key]) === JSON.stringify(to[key])) continue;
        const context = { options, currency: null };
        lines.push({
          field: `custom_fields.${key}`,
          label: options.customFieldLabels?.[key] ?? humanize(key),
          from: describeValue(key, from[key], context),
          to: describeValue(key, to[key], context),
        });
      }
      continue;
    }
    lines.push({
      field,
      label: fieldLabel(field),
      from: describeValue(field, change.from, { options, currency: currencyOn(event, 'from') }),
      to: describeValue(field, change.to, { options, currency: currencyOn(event, 'to') }),
    });
  }
  return lines;
}

function listOf(labels: string[]): string {
  const lower = labels.map((label) => label.toLowerCase());
  if (lower.length <= 1) return lower.join('');
  return `${lower.slice(0, -1).join(', ')} and ${lower.at(-1)}`;
}

function stageName(value: unknown, options: DescribeOptions): string {
  return typeof value === 'string' ? (options.names[value] ?? 'a removed stage') : 'no stage';
}

function summaryOf(event: PublicChangeEvent, lines: ChangeLine[], options: DescribeOptions): string {
  const { type } = event;
  const [recordType, verb] = type.split('.') as [string, string];
  const label = RECORD_LABELS[event.record.type] ?? humanize(event.record.type).toLowerCase();
  const title = recordTitle(event);
  const data = event.data;
  const name = (id: unknown, what: string) => (typeof id === 'string' ? (options.names[id] ?? `a removed ${what}`) : `a ${what}`);

  switch (type) {
    case 'deal.created':
      return `Created the deal${quoted(title)} in ${stageName(data.stage_id, options)}`;
    case 'deal.stage_changed': {
      const stage = event.changes.stage_id;
      const pipeline = event.changes.pipeline_id;
      const from = stageName(stage?.from, options);
      const to = stageName(stage?.to ?? data.stage_id, options);
      if (pipeline) return `Moved from ${name(pipeline.from, 'pipeline')} › ${from} to ${name(pipeline.to, 'pipeline')} › ${to}`;
      return `Moved from ${from} to ${to}`;
    }
    case 'deal.won':
      return `Marked the deal won${event.changes.stage_id ? ` (moved to ${stageName(data.stage_id, options)})` : ''}`;
    case 'deal.lost': {
      const reason = typeof data.lost_reason === 'string' && data.lost_reason ? ` — reason: “${data.lost_reason}”` : '';
      return `Marked the deal lost${reason}`;
    }
    case 'deal.deleted':
      return `Deleted the deal${quoted(title)}`;
    case 'deal.contact_linked':
      return `Linked the contact ${name(data.contact_id, 'contact')}`;
    case 'deal.contact_unlinked':
      return `Unlinked the contact ${name(data.contact_id, 'contact')}`;
    case 'deal.contact_updated':
      return `Changed the link to the contact ${name(data.contact_id, 'contact')}`;
    case 'deal.company_linked':
      return `Linked the company ${name(data.company_id, 'company')}`;
    case 'deal.company_unlinked':
      return `Unlinked the company ${name(data.company_id, 'company')}`;
    case 'deal.company_updated':
      return `Changed the link to the company ${name(data.company_id, 'company')}`;
    case 'line_items.replaced': {
      const change = event.changes.line_items;
      const count = (value: unknown) => (Array.isArray(value) ? value.length : null);
      const from = count(change?.from);
      const to = count(change?.to);
      return from !== null && to !== null ? `Replaced the line items (${from} → ${to})` : 'Replaced the line items';
    }
    case 'contact.merged':
      return `Merged the contact${quoted(title)} into ${name(data.merged_into_contact_id, 'contact')}`;
    case 'company.merged':
      return `Merged the company${quoted(title)} into ${name(data.merged_into_company_id, 'company')}`;
    case 'setting.updated':
      return `Set the workspace setting${quoted(title)}`;
  }

  if (recordType === 'deal' && verb === 'updated') {
    if (lines.length === 0) return Object.keys(event.changes).includes('position') ? 'Reordered on the board' : 'Updated the deal';
    return `Changed ${listOf(lines.map((line) => line.label))}`;
  }
  if (recordType === 'activity') {
    const kind = typeof data.type === 'string' ? data.type : 'activity';
    if (verb === 'created')
      return `${data.status === 'planned' ? 'Planned' : 'Logged'} ${kind === 'email' || kind === 'activity' ? 'an' : 'a'} ${kind}${quoted(title)}`;
    if (verb === 'updated' && event.changes.status) return `Marked the ${kind}${quoted(title)} ${String(event.changes.status.to)}`;
    if (verb === 'updated') return `Changed the ${kind}${quoted(title)}`;
    if (verb === 'deleted') return `Deleted the ${kind}${quoted(title)}`;
  }
  if (recordType === 'task') {
    if (verb === 'created') return `Added the task${quoted(title)}`;
    if (verb === 'updated' && event.changes.status?.to === 'completed') return `Completed the task${quoted(title)}`;
    if (verb === 'updated' && event.changes.status?.to === 'pending') return `Reopened the task${quoted(title)}`;
  }
  if (verb === 'created') return `Created the ${label}${quoted(title)}`;
  if (verb === 'deleted') return `Deleted the ${label}${quoted(title)}`;
  if (verb === 'updated') return `Changed the ${label}${quoted(title)}`;
  return humanize(type.replace('.', ' '));
}

export function describeChange(event: PublicChangeEvent, options: DescribeOptions): DescribedChange {
  const lines =
    event.type.endsWith('.created') ||
    event.type.endsWith('.deleted') ||
    event.type.endsWith('.merged') ||
    event.type.endsWith('_linked') ||
    event.type.endsWith('_unlinked')
      ? []
      : linesOf(event, options);
  return { summary: summaryOf(event, lines, options), lines };
}

/** Who made the change: the user's name, "API key <name>" through a key, or "System". */
export function describeActor(event: PublicChangeEvent, names: ChangeNames): string {
  const { user_id: userId, api_key_id: apiKeyId } = event.actor;
  if (apiKeyId) return `API key ${names[apiKeyId] ?? '(revoked)'}`;
  if (userId) return names[userId] ?? 'A removed user';
  return 'System';
}

/** Every public ID an event mentions whose name a reader needs (see resolve-change-names). */
export function idsToName(event: PublicChangeEvent): string[] {
  const ids = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && PUBLIC_ID.test(value)) ids.add(value);
  };
  add(event.actor.user_id);
  add(event.actor.api_key_id);
  for (const [field, change] of Object.entries(event.changes)) {
    if (field === 'id' || field === 'custom_fields') continue;
    add(change.from);
    add(change.to);
  }
  for (const field of ['stage_id', 'pipeline_id', 'contact_id', 'company_id', 'owner_id', 'assignee_id', 'merged_into_contact_id', 'merged_into_company_id'])
    add(event.data[field]);
  return [...ids];
}
