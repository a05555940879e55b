import 'server-only';
import type { ChangeEventRow } from '../change-record/read-change-events';
import type { BoardLiveMessage, CountedDeal } from './board-live-message';
import type { LiveCard } from './load-live-cards';

// Which change events a pipeline's board hears, and what it is told about each. One place for the
// live fan-out and the catch-up of a reconnecting stream, so both send the same messages.

/** Events about a deal's own row: they can move it between columns, boards and totals. */
const DEAL_RECORD = 'deal';
/** Events about something a card shows (next task, last activity, linked names): the card changes in place. */
const CARD_RELATED = new Set(['activity', 'task', 'deal_contact', 'deal_company', 'line_items']);
/** Events about the board's shape: its columns must be read again. */
const BOARD_SHAPE = new Set(['stage', 'pipeline']);

type Row = Record<string, unknown>;

/** The pipeline a deal was on before this event, when the event moved it to another one. */
function pipelineMovedFrom(event: ChangeEventRow): number | null {
  const change = (event.changes as Record<string, { from?: unknown }> | null)?.pipeline_id;
  return typeof change?.from === 'number' ? change.from : null;
}

/** The pipelines whose boards this event concerns (none for a contact, a product, a user…). */
export function pipelinesOfEvent(event: ChangeEventRow): number[] {
  if (event.pipelineId === null) return [];
  if (event.recordType === DEAL_RECORD) {
    const from = pipelineMovedFrom(event);
    return from !== null && from !== event.pipelineId ? [event.pipelineId, from] : [event.pipelineId];
  }
  if ((CARD_RELATED.has(event.recordType) && event.dealId !== null) || BOARD_SHAPE.has(event.recordType)) return [event.pipelineId];
  return [];
}

/** The deals whose current cards the messages for these events need. */
export function dealsOfEvents(events: Iterable<ChangeEventRow>): Set<number> {
  const deals = new Set<number>();
  for (const event of events) {
    if (event.dealId !== null && (event.recordType === DEAL_RECORD || CARD_RELATED.has(event.recordType))) deals.add(event.dealId);
  }
  return deals;
}

/** The deal row just before a deal event: its record with each changed field's previous value. */
function rowBefore(event: ChangeEventRow): Row | null {
  if (event.type === 'deal.created') return null;
  const row: Row = { ...((event.record ?? {}) as Row) };
  for (const [field, change] of Object.entries((event.changes ?? {}) as Record<string, { from: unknown }>)) row[field] = change.from;
  return row;
}

/**
 * How the board counted the deal just before this deal event (null: it was not on this pipeline's
 * board). The event holds the deal's own columns; the names of its company and contact are not in
 * it, so the card's current ones stand in (they only matter to a text filter).
 */
function countedBefore(event: ChangeEventRow, pipelineId: number, now: LiveCard | undefined): CountedDeal | null {
  const row = rowBefore(event);
  if (!row || row.pipeline_id !== pipelineId || row.deleted_at != null) return null;
  return {
    stageId: Number(row.stage_id),
    value: String(row.value ?? 0),
    currency: String(row.currency ?? ''),
    status: row.status as CountedDeal['status'],
    ownerId: typeof row.owner_id === 'number' ? row.owner_id : null,
    name: String(row.name ?? ''),
    companyName: now?.card.companyName ?? null,
    contactName: now?.card.contactName ?? null,
    expectedClose: typeof row.expected_close === 'string' ? row.expected_close : null,
  };
}

/** What `pipelineId`'s board is told about this event, or null when it does not concern that board. */
export function boardMessageFor(event: ChangeEventRow, pipelineId: number, cards: ReadonlyMap<number, LiveCard>): BoardLiveMessage | null {
  if (!pipelinesOfEvent(event).includes(pipelineId)) return null;
  const occurredAt = event.occurredAt.toISOString();
  if (BOARD_SHAPE.has(event.recordType)) return { type: 'board', occurredAt };
  const dealId = event.dealId!;
  const now = cards.get(dealId);
  const card = now && now.pipelineId === pipelineId ? now.card : null;
  if (event.recordType === DEAL_RECORD) return { type: 'card', dealId, occurredAt, card, previous: countedBefore(event, pipelineId, now) };
  return { type: 'card', dealId, occurredAt, card };
}

const encoder = new TextEncoder();

/** One Server-Sent Events message: encoded once, the same bytes for every stream that gets it. */
export function encodeLiveMessage(message: BoardLiveMessage, id: bigint | null = null): Uint8Array {
  return encoder.encode(`${id === null ? '' : `id: ${id}\n`}data: ${JSON.stringify(message)}\n\n`);
}

/** A comment line: keeps proxies and the browser from closing an idle stream. */
export const HEARTBEAT = encoder.encode(': heartbeat\n\n');
