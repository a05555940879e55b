import 'server-only';
import { PgBoss, fromPglite } from 'pg-boss';
import { getDbConnection } from '../db';
import { getEnv } from '../env';

// The durable queue webhook deliveries (and scheduled backups, lib/backups/backup-schedule.ts) wait
// in: pg-boss, in its own schema of the same database
// (docs/decisions/017-webhooks.md). One instance per server process, started on first use — by the
// relay and the worker at boot, or by a service that queues a test event or a replay — and kept on
// globalThis, so route handlers and the boot code (bundled apart by Next) share it.
// On PostgreSQL it has a small pool of its own; on the embedded database it shares the app's one
// PGlite connection (a second instance on the same data directory is impossible).

export const DELIVERY_QUEUE = 'webhook-deliveries';

/** A job's data: the rest (URL, secret, body) is read from the delivery row, whose id is the job's. */
export interface DeliveryJobData {
  endpointId: number;
}

/** How long one attempt may hold a job before pg-boss takes it back: well above the 10 s timeout. */
const EXPIRE_SECONDS = 60;

interface QueueState {
  starting: Promise<PgBoss> | null;
}

const STATE_KEY = Symbol.for('dealboard.webhookQueue');
const globalForQueue = globalThis as unknown as Record<symbol, QueueState | undefined>;

function state(): QueueState {
  globalForQueue[STATE_KEY] ??= { starting: null };
  return globalForQueue[STATE_KEY];
}

/** The process's queue, started (and its schema installed or migrated) on first use. */
export function webhookQueue(): Promise<PgBoss> {
  const s = state();
  s.starting ??= startQueue().catch((error: unknown) => {
    s.starting = null;
    throw error;
  });
  return s.starting;
}

async function startQueue(): Promise<PgBoss> {
  const connection = getDbConnection();
  // the cron clock runs only where a schedule is wanted: scheduled backups (lib/backups/backup-schedule.ts)
  const schedule = getEnv().BACKUP_SCHEDULE !== null;
  const boss =
    connection.engine === 'embedded'
      ? new PgBoss({ db: fromPglite(connection.pglite!), backend: 'pglite', useListenNotify: true, schedule })
      : new PgBoss({
          connectionString: connection.config.engine === 'postgresql' ? connection.config.url : undefined,
          max: 4,
          application_name: 'dealboard-webhooks',
          useListenNotify: true,
          schedule,
        });
  boss.on('error', (error) => console.error('The webhook queue reported an error:', error));
  await boss.start();
  const env = getEnv();
  // every attempt's retry rules come from the queue, so a changed setting applies to queued jobs too
  const retries = {
    retryLimit: env.WEBHOOK_RETRY_LIMIT,
    retryDelay: env.WEBHOOK_RETRY_DELAY_SECONDS,
    retryBackoff: true,
    retryDelayMax: env.WEBHOOK_RETRY_DELAY_MAX_SECONDS,
    expireInSeconds: EXPIRE_SECONDS,
    // the delivery log keeps the history; pg-boss need not keep finished jobs long
    deleteAfterSeconds: 24 * 60 * 60,
    // far past the ~24 h of retries, so a job is never dropped while it may still be tried
    retentionSeconds: 14 * 24 * 60 * 60,
  };
  if (await boss.getQueue(DELIVERY_QUEUE)) await boss.updateQueue(DELIVERY_QUEUE, retries);
  else await boss.createQueue(DELIVERY_QUEUE, { ...retries, policy: 'key_strict_fifo', notify: true });
  return boss;
}

/** Stops the queue (its workers finish their attempt first, for up to `graceMs`). */
export async function stopWebhookQueue(graceMs = 10_000): Promise<void> {
  const s = state();
  const starting = s.starting;
  s.starting = null;
  if (!starting) return;
  const boss = await starting.catch(() => null);
  await boss?.stop({ graceful: true, timeout: graceMs, close: true });
}
