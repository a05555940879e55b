import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { assertAdmin } from '../permissions';

/** Events deleted per statement: short statements, so writers never wait long on a prune. */
export const PRUNE_BATCH = 5_000;
const DAY_MS = 86_400_000;

/**
 * Retention: deletes the events that occurred more than `olderThanDays` days ago, a batch at a
 * time, and answers how many. The only code that deletes from the change record (npm run cli --
 * events prune); admins only. Ids follow commit order and occurred_at is taken at commit, so the
 * oldest events are the lowest ids: each batch is the next run of ids from the start.
 */
export async function pruneChangeEvents({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { olderThanDays: number; now?: Date; batchSize?: number; onBatch?: (deletedSoFar: number) => void };
}): Promise<{ deleted: number; cutoff: Date }> {
  assertAdmin(ctx, 'prune the change record');
  const cutoff = new Date((input.now ?? new Date()).getTime() - input.olderThanDays * DAY_MS);
  const batchSize = input.batchSize ?? PRUNE_BATCH;
  let deleted = 0;
  for (;;) {
    const batch = await db.changeEvent.findMany({
      where: { occurredAt: { lt: cutoff } },
      orderBy: { id: 'asc' },
      take: batchSize,
      select: { id: true },
    });
    if (batch.length === 0) break;
    const { count } = await db.changeEvent.deleteMany({ where: { id: { in: batch.map((row) => row.id) }, occurredAt: { lt: cutoff } } });
    deleted += count;
    input.onBatch?.(deleted);
    if (batch.length < batchSize) break;
  }
  return { deleted, cutoff };
}
