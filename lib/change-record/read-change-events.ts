import 'server-only';
import { db } from '../db';
import type { ChangeEvent, Prisma } from '../generated/prisma/client';

// Reading the change record in id order — which is commit order (docs/decisions/016-change-record.md),
// so "after <id>" never skips an event that commits later.

export type ChangeEventRow = ChangeEvent;

/** Events after `afterId`, oldest first, at most `limit`, narrowed by `where`. */
export async function readChangeEventsAfter(afterId: bigint, limit: number, where: Prisma.ChangeEventWhereInput = {}): Promise<ChangeEventRow[]> {
  return db.changeEvent.findMany({ where: { ...where, id: { gt: afterId } }, orderBy: { id: 'asc' }, take: limit });
}

/** The newest event's id (0 when there is none): where a reader that wants only new events starts. */
export async function latestChangeEventId(): Promise<bigint> {
  const latest = await db.changeEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  return latest?.id ?? 0n;
}
