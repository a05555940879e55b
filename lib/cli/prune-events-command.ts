import 'server-only';
import { ConfigError } from '../database/config';
import { db } from '../db';
import { getEnv } from '../env';
import { pruneChangeEvents } from '../services/change-events/prune-change-events';

// npm run cli -- events prune [--older-than-days N]: the change record's retention. The default age
// is EVENTS_RETENTION_DAYS (400 days); nothing else ever deletes events.

/** Parses --older-than-days (absent: the configured retention). */
export function retentionDays(option: string | undefined): number {
  if (option === undefined) return getEnv().EVENTS_RETENTION_DAYS;
  if (!/^\d+$/.test(option.trim()) || Number(option) > 36_500) {
    throw new ConfigError(`--older-than-days must be a whole number of days from 0 to 36500, not "${option}".`);
  }
  return Number(option);
}

/** Prunes as the workspace's first active admin, printing the progress and the total. */
export async function pruneEventsCommand(olderThanDays: number, print: (line: string) => void = console.log): Promise<number> {
  const admin = await db.user.findFirst({
    where: { role: 'admin', deactivatedAt: null },
    orderBy: { id: 'asc' },
    select: { id: true, name: true, email: true, role: true },
  });
  if (!admin) throw new ConfigError('The workspace has no active admin to act as: create one with user create --role admin.');
  let batches = 0;
  const { deleted, cutoff } = await pruneChangeEvents({
    ctx: { user: admin, source: 'api', channel: 'cli' },
    input: {
      olderThanDays,
      onBatch: (soFar) => {
        batches += 1;
        if (batches > 1) print(`  … ${soFar} deleted so far`);
      },
    },
  });
  print(
    `Deleted ${deleted} change event${deleted === 1 ? '' : 's'} older than ${olderThanDays} day${olderThanDays === 1 ? '' : 's'} (before ${cutoff.toISOString()}).`,
  );
  return deleted;
}
