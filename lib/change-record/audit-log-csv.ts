import { csvLine } from '../csv/csv-line';
import { describeActor, describeChange, type ChangeNames } from './describe-change';
import type { PublicChangeEvent } from './present-change-event';

// The audit log as CSV: one row per event, newest first, streamed a page at a time so an export of
// a year of changes never sits in memory. Instants in ISO 8601 UTC; the change in words and, for
// machines, as the event's JSON.

export const AUDIT_LOG_CSV_HEADER = [
  'event_id',
  'occurred_at',
  'type',
  'record_type',
  'record_id',
  'deal_id',
  'who',
  'user_id',
  'api_key_id',
  'channel',
  'summary',
  'changes',
  'changes_json',
];

export function auditLogCsvRow(event: PublicChangeEvent, names: ChangeNames): string {
  const described = describeChange(event, { names, timeZone: 'UTC' });
  return csvLine([
    event.id,
    event.occurred_at,
    event.type,
    event.record.type,
    event.record.id,
    event.deal_id,
    describeActor(event, names),
    event.actor.user_id,
    event.actor.api_key_id,
    event.actor.channel,
    described.summary,
    described.lines.map((line) => `${line.label}: ${line.from} → ${line.to}`).join('; ') || null,
    Object.keys(event.changes).length > 0 ? JSON.stringify(event.changes) : null,
  ]);
}

/** Reads page after page (`readPage(before)`) until the last, as CSV text with a byte-order mark. */
export function auditLogCsvStream(
  readPage: (before: bigint | undefined) => Promise<{ events: PublicChangeEvent[]; names: ChangeNames; nextBefore: string | null }>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let before: bigint | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        // a byte-order mark so spreadsheet apps read the file as UTF-8
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(AUDIT_LOG_CSV_HEADER)}`));
      }
      const page = await readPage(before);
      if (page.events.length > 0) controller.enqueue(encoder.encode(page.events.map((event) => auditLogCsvRow(event, page.names)).join('')));
      if (page.nextBefore === null) controller.close();
      else before = BigInt(page.nextBefore);
    },
  });
}
