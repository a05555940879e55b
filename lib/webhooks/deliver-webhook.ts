import 'server-only';
import type { JobWithMetadata, PgBoss } from 'pg-boss';
import { db } from '../db';
import { giveUpDelivery } from './give-up-delivery';
import { postWebhook, type WebhookAttempt } from './post-webhook';
import { DELIVERY_QUEUE, type DeliveryJobData } from './webhook-queue';

// The worker's handling of one job: one attempt, recorded in the delivery log. A failed attempt
// with retries left is failed in pg-boss right here (not by throwing), so the retry time pg-boss
// chose can be read back and shown as "next try"; the job then waits in the queue, holding back
// the later events of its record. The last failed attempt gives up: the endpoint is disabled.

const OPEN_STATUSES = ['pending', 'retrying'] as const;

export async function deliverWebhookJob(boss: PgBoss, job: JobWithMetadata<DeliveryJobData>): Promise<void> {
  const delivery = await db.webhookDelivery.findUnique({ where: { id: job.id }, include: { endpoint: true } });
  // gone with its endpoint, or settled already (a job handed out again after a crash)
  if (!delivery || !OPEN_STATUSES.includes(delivery.status as (typeof OPEN_STATUSES)[number])) return;
  const { endpoint } = delivery;
  if (endpoint.status !== 'active') {
    await settle(job.id, { status: 'skipped', nextAttemptAt: null });
    return;
  }
  const attempt = await postWebhook(
    { url: endpoint.url, secret: endpoint.secret, messageId: delivery.messageId, body: JSON.stringify(delivery.payload) },
    job.signal,
  );
  const attempts = delivery.attempts + 1;
  if (attempt.ok) {
    await settle(job.id, { ...recorded(attempt, attempts), status: 'succeeded', deliveredAt: new Date(), nextAttemptAt: null });
    return;
  }
  if (job.signal.aborted) {
    // the server is stopping: this attempt does not count, and pg-boss hands the job out again
    throw new Error(attempt.error ?? 'stopped');
  }
  if (job.retryCount >= job.retryLimit) {
    await giveUpDelivery(boss, { delivery: { ...delivery, attempts }, attempt });
    return;
  }
  await boss.fail(DELIVERY_QUEUE, job, { message: attempt.error });
  const [waiting] = await boss.findJobs(DELIVERY_QUEUE, { id: job.id });
  await settle(job.id, { ...recorded(attempt, attempts), status: 'retrying', nextAttemptAt: waiting?.state === 'retry' ? waiting.startAfter : null });
}

function recorded(attempt: WebhookAttempt, attempts: number) {
  return { attempts, lastStatusCode: attempt.statusCode, lastLatencyMs: attempt.latencyMs, lastError: attempt.error };
}

/** Updates a delivery still open; one settled meanwhile (given up with its endpoint) stays as it is. */
async function settle(id: string, data: Parameters<typeof db.webhookDelivery.updateMany>[0]['data']): Promise<void> {
  await db.webhookDelivery.updateMany({ where: { id, status: { in: [...OPEN_STATUSES] } }, data });
}
