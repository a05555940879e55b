import { CHANGE_EVENT_TYPES } from '../change-record/event-types';
import { fromPublicId } from '../ids';
import { EVENT_RECORD_TYPES, eventIdSchema, eventTypesSchema, type EventTypeFilter } from './change-event';

// Settings → Audit log's filters, as they stand in its URL (and the CSV export's): user, record
// (type and ID), event type or family, a range of days (UTC), and the keyset position. A filter
// that does not parse is dropped and reported, never an error page.

export interface AuditLogSearch {
  /** what the form shows: the URL's text */
  form: { user: string; record_type: string; record_id: string; type: string; from: string; to: string };
  filter: {
    types?: EventTypeFilter;
    recordType?: string;
    recordId?: string;
    actorUserId?: number;
    occurredFrom?: Date;
    occurredBefore?: Date;
  };
  before?: bigint;
  problems: string[];
}

/** Families offered in the type filter (deal.*, contact.*, …) besides each type. */
export const EVENT_TYPE_FAMILIES = [...new Set(CHANGE_EVENT_TYPES.map((entry) => entry.type.split('.')[0]!))].map((family) => `${family}.*`);

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function day(text: string): Date | null {
  if (!DAY.test(text)) return null;
  const date = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function parseAuditLogSearch(params: Record<string, string | string[] | undefined>): AuditLogSearch {
  const text = (name: string) => {
    const value = params[name];
    return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
  };
  const form = { user: text('user'), record_type: text('record_type'), record_id: text('record_id'), type: text('type'), from: text('from'), to: text('to') };
  const search: AuditLogSearch = { form, filter: {}, problems: [] };

  if (form.user) {
    const id = fromPublicId('user', form.user);
    if (id === null) search.problems.push('The user filter is not a user ID.');
    else search.filter.actorUserId = id;
  }
  if (form.record_type) {
    if ((EVENT_RECORD_TYPES as readonly string[]).includes(form.record_type)) search.filter.recordType = form.record_type;
    else search.problems.push(`There is no record type "${form.record_type}".`);
  }
  if (form.record_id) {
    if (search.filter.recordType) search.filter.recordId = form.record_id;
    else search.problems.push('Choose the record type of the record ID.');
  }
  if (form.type) {
    const types = eventTypesSchema.safeParse(form.type);
    if (types.success) search.filter.types = types.data;
    else search.problems.push(`There is no event type "${form.type}".`);
  }
  const from = form.from ? day(form.from) : null;
  if (form.from && !from) search.problems.push('"From" is not a date.');
  if (from) search.filter.occurredFrom = from;
  const to = form.to ? day(form.to) : null;
  if (form.to && !to) search.problems.push('"To" is not a date.');
  // the whole last day counts
  if (to) search.filter.occurredBefore = new Date(to.getTime() + DAY_MS);
  const before = text('before');
  if (before) {
    const parsed = eventIdSchema.safeParse(before);
    if (parsed.success) search.before = parsed.data;
  }
  return search;
}

/** The URL query of a search's filters (without the page position): for links and the export. */
export function auditLogQuery(form: AuditLogSearch['form'], extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...form, ...extra })) if (value) params.set(name, value);
  const query = params.toString();
  return query ? `?${query}` : '';
}
