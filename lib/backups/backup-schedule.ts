import 'server-only';
import { getDbConnection } from '../db';
import { errorText } from '../database/connect';
import { getEnv } from '../env';
import { webhookQueue } from '../webhooks/webhook-queue';
import { rotateScheduledBackups } from './backup-dir';
import { takeBackup, type TakenBackup } from './take-backup';

// Scheduled backups (BACKUP_SCHEDULE): a pg-boss cron schedule on the job queue every server process
// already runs (lib/webhooks/webhook-queue.ts; docs/decisions/019-backups.md). pg-boss sends one job
// per occurrence however many processes share the database, and the queue's singleton policy lets
// one process at a time work it; on the embedded database there is one process anyway. A server
// that was down at the time takes one backup when it comes back (missed: 'once').

export const BACKUP_QUEUE = 'scheduled-backups';

/** The time zone BACKUP_SCHEDULE is read in: the server's (TZ). */
export function scheduleTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Registers (or, with BACKUP_SCHEDULE unset, removes) the schedule, and works its jobs in this process. */
export async function startBackupSchedule(): Promise<void> {
  const env = getEnv();
  const boss = await webhookQueue();
  if (!env.BACKUP_SCHEDULE) {
    if (await boss.getQueue(BACKUP_QUEUE)) await boss.unschedule(BACKUP_QUEUE);
    return;
  }
  if (!(await boss.getQueue(BACKUP_QUEUE))) {
    await boss.createQueue(BACKUP_QUEUE, {
      policy: 'singleton',
      expireInSeconds: 3 * 60 * 60,
      retryLimit: 2,
      retryDelay: 300,
      deleteAfterSeconds: 7 * 24 * 60 * 60,
    });
  }
  try {
    await boss.schedule(BACKUP_QUEUE, env.BACKUP_SCHEDULE, {}, { tz: scheduleTimeZone(), missed: 'once' });
  } catch (error) {
    throw new Error(
      `BACKUP_SCHEDULE "${env.BACKUP_SCHEDULE}" is not a schedule pg-boss understands (${errorText(error)}): write a cron expression such as "0 2 * * *".`,
    );
  }
  await boss.work(BACKUP_QUEUE, { localConcurrency: 1, batchSize: 1, pollingIntervalSeconds: 30 }, async () => {
    await runScheduledBackup();
  });
}

/** One scheduled backup: taken into BACKUP_DIR, then the scheduled ones beyond BACKUP_KEEP deleted. */
export async function runScheduledBackup(): Promise<{ taken: TakenBackup; rotated: string[] }> {
  const env = getEnv();
  try {
    const taken = await takeBackup(getDbConnection(), { creator: { kind: 'schedule' }, dir: env.backupDir });
    const rotated = rotateScheduledBackups(env.backupDir, env.BACKUP_KEEP);
    console.log(
      `Scheduled backup ${taken.id} written to ${taken.file} (${taken.bytes} bytes)${rotated.length ? `; deleted ${rotated.length} older scheduled backup(s)` : ''}.`,
    );
    return { taken, rotated };
  } catch (error) {
    console.error(`The scheduled backup failed (${errorText(error)}); it is tried again in 5 minutes (twice).`);
    throw error;
  }
}

/** When the next scheduled backup is due, or null when none is scheduled (for the settings page). */
export async function nextScheduledBackup(): Promise<Date | null> {
  const schedule = getEnv().BACKUP_SCHEDULE;
  if (!schedule) return null;
  try {
    const boss = await webhookQueue();
    return boss.previewSchedule(schedule, { tz: scheduleTimeZone(), count: 1 })[0] ?? null;
  } catch {
    return null;
  }
}
