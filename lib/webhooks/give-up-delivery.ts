import 'server-only';
import type { PgBoss } from 'pg-boss';
import { db } from '../db';
import type { WebhookDelivery } from '../generated/prisma/client';
import type { WebhookAttempt } from './post-webhook';
import { DELIVERY_QUEUE } from './webhook-queue';

// A delivery that failed its last attempt (about 24 hours of retries): it is marked failed, its
// endpoint disabled with a reason its admins read in Settings → Webhooks, and the endpoint's other
// queued deliveries skipped and taken out of the queue — a job left failed or waiting would hold
// back its record's later events once the endpoint is resumed.

export async function giveUpDelivery(boss: PgBoss, { delivery, attempt }: { delivery: WebhookDelivery; attempt: WebhookAttempt }): Promise<void> {
  const now = new Date();
  const reason = `Disabled on ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC after ${delivery.attempts} failed attempt${delivery.attempts === 1 ? '' : 's'} to deliver ${delivery.eventType}: ${lastAnswer(attempt)}`;
  const skipped = await db.$transaction(async (tx) => {
    // no actor is set: the change record names this write's channel "system", as it is
    await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, status: { in: ['pending', 'retrying'] } },
      data: {
        status: 'failed',
        attempts: delivery.attempts,
        lastStatusCode: attempt.statusCode,
        lastLatencyMs: attempt.latencyMs,
        lastError: attempt.error,
        nextAttemptAt: null,
      },
    });
    await tx.webhookEndpoint.updateMany({ where: { id: delivery.endpointId, status: 'active' }, data: { status: 'disabled', disabledReason: reason } });
    const open = await tx.webhookDelivery.findMany({
      where: { endpointId: delivery.endpointId, status: { in: ['pending', 'retrying'] }, id: { not: delivery.id } },
      select: { id: true },
    });
    await tx.webhookDelivery.updateMany({ where: { id: { in: open.map((row) => row.id) } }, data: { status: 'skipped', nextAttemptAt: null } });
    return open.map((row) => row.id);
  });
  if (skipped.length > 0) await boss.deleteJob(DELIVERY_QUEUE, skipped);
}

function lastAnswer(attempt: WebhookAttempt): string {
  if (attempt.statusCode !== null) return `the last answer was HTTP ${attempt.statusCode}.`;
  return `the last attempt failed: ${attempt.error ?? 'no answer'}`;
}
