// Which change events each role may read: the one rule behind the event API, its stream, the deal
// page's Changes timeline and the audit log. Everyone sees every deal of the workspace
// (lib/access/deal-access.ts restricts changing deals, never seeing them), so a rep reads the
// record types a rep works with or sees in the app; managers also read users; admins read
// everything, including API keys, settings and any record type added later — a new type stays
// hidden from reps and managers until it is listed here. Pure: the browser imports it too.

export type EventReaderRole = 'rep' | 'manager' | 'admin';

/** The record types a rep may read the changes of. */
const REP_RECORD_TYPES = [
  'deal',
  'deal_contact',
  'deal_company',
  'line_items',
  'activity',
  'task',
  'contact',
  'company',
  'pipeline',
  'stage',
  'product',
  'custom_field',
  'lost_reason',
] as const;

const MANAGER_RECORD_TYPES = [...REP_RECORD_TYPES, 'user'] as const;

/**
 * The record types `role` may read, or null for every record type (admins). A list, not a
 * predicate, so the services can narrow their database reads with it.
 */
export function visibleRecordTypes(role: EventReaderRole): readonly string[] | null {
  if (role === 'admin') return null;
  return role === 'manager' ? MANAGER_RECORD_TYPES : REP_RECORD_TYPES;
}

/** Whether `role` may read the changes of records of `recordType`. */
export function mayReadRecordType(role: EventReaderRole, recordType: string): boolean {
  const visible = visibleRecordTypes(role);
  return visible === null || visible.includes(recordType);
}
