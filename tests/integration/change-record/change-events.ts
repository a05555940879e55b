import { db } from '../../../lib/db';

// Reading the change record in the door tests: the events of one record, oldest first, with only
// the fields a subscriber sees about who acted and what changed.

export interface RecordedEvent {
  type: string;
  recordType: string;
  recordId: string;
  dealId: number | null;
  pipelineId: number | null;
  actorUserId: number | null;
  actorApiKeyId: number | null;
  channel: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  record: Record<string, unknown>;
}

function shape(row: Awaited<ReturnType<typeof db.changeEvent.findMany>>[number]): RecordedEvent {
  return {
    type: row.type,
    recordType: row.recordType,
    recordId: row.recordId,
    dealId: row.dealId,
    pipelineId: row.pipelineId,
    actorUserId: row.actorUserId,
    actorApiKeyId: row.actorApiKeyId,
    channel: row.channel,
    changes: row.changes as RecordedEvent['changes'],
    record: row.record as RecordedEvent['record'],
  };
}

/** The events of one record (by its type and database id or key), oldest first. */
export async function eventsOf(recordType: string, recordId: number | string): Promise<RecordedEvent[]> {
  const rows = await db.changeEvent.findMany({ where: { recordType, recordId: String(recordId) }, orderBy: { id: 'asc' } });
  return rows.map(shape);
}

/** Every event about a deal (the deal, its links, line items, activities, tasks), oldest first. */
export async function eventsOfDeal(dealId: number): Promise<RecordedEvent[]> {
  const rows = await db.changeEvent.findMany({ where: { dealId }, orderBy: { id: 'asc' } });
  return rows.map(shape);
}

/** The id of the newest event so far (0 when there is none): "nothing was recorded since". */
export async function lastEventId(): Promise<bigint> {
  const last = await db.changeEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  return last?.id ?? 0n;
}

/** Every event after `afterId`, oldest first. */
export async function eventsSince(afterId: bigint): Promise<RecordedEvent[]> {
  const rows = await db.changeEvent.findMany({ where: { id: { gt: afterId } }, orderBy: { id: 'asc' } });
  return rows.map(shape);
}
