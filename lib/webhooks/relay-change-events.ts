import 'server-only';
import type { PgBoss } from 'pg-boss';
import { presentChangeEvent } from '../change-record/present-change-event';
import { db } from '../db';
import { queryRows } from '../database/run-sql';
import { sql } from '../database/typed-sql';
import type { ChangeEvent, Prisma, WebhookEndpoint } from '../generated/prisma/client';
import { enqueueDeliveries, recordOrderKey, type NewDelivery } from './enqueue-deliveries';

// The relay turns the change record into deliveries (an outbox read by cursor). In one transaction
// it reads the events after the cursor kept in webhook_relay_state, queues a delivery for each
// active endpoint subscribed to each event's type, and moves the cursor past them: the deliveries
// and the cursor commit together, so after a crash or restart every event is queued exactly once.
// The transaction starts by taking a transaction-level advisory lock, so of several server
// processes only one relays at a time; the others find it taken and leave the batch to it.

/** Any constant unique to this lock (the change record's own is 4201202612070001). */
const RELAY_LOCK = 4201202612070002n;
const BATCH = 200;

export type RelayOutcome = 'done' | 'more' | 'busy';

/** Relays one batch of events: 'more' when a full batch went, 'busy' when another process relays. */
export async function relayChangeEventBatch(boss: PgBoss): Promise<RelayOutcome> {
  return db.$transaction(
    async (tx) => {
      const [lock] = await queryRows<{ locked: boolean }>(tx, sql`SELECT pg_try_advisory_xact_lock(${RELAY_LOCK}) AS locked`);
      if (!lock?.locked) return 'busy';
      const relayState = await tx.webhookRelayState.findUnique({ where: { id: 1 } });
      const cursor = relayState?.lastEventId ?? 0n;
      const events = await tx.changeEvent.findMany({ where: { id: { gt: cursor } }, orderBy: { id: 'asc' }, take: BATCH });
      if (events.length === 0) return 'done';
      const endpoints = await tx.webhookEndpoint.findMany({ where: { status: 'active' }, orderBy: { id: 'asc' } });
      await enqueueDeliveries(tx, boss, deliveriesOf(events, endpoints));
      const last = events[events.length - 1]!.id;
      await tx.webhookRelayState.upsert({ where: { id: 1 }, create: { id: 1, lastEventId: last }, update: { lastEventId: last } });
      return events.length === BATCH ? 'more' : 'done';
    },
    { timeout: 60_000 },
  );
}

/** Each event for each endpoint that wants it, in event order. */
function deliveriesOf(events: readonly ChangeEvent[], endpoints: readonly WebhookEndpoint[]): NewDelivery[] {
  const deliveries: NewDelivery[] = [];
  for (const event of events) {
    for (const endpoint of endpoints) {
      if (!subscribes(endpoint, event)) continue;
      deliveries.push({
        endpointId: endpoint.id,
        eventId: event.id,
        eventType: event.type,
        payload: presentChangeEvent(event) as unknown as Prisma.InputJsonObject,
        orderKey: recordOrderKey(endpoint.id, event.recordType, event.recordId),
      });
    }
  }
  return deliveries;
}

function subscribes(endpoint: WebhookEndpoint, event: ChangeEvent): boolean {
  // an endpoint hears what happens from its creation on, even when the relay was behind
  if (event.occurredAt < endpoint.createdAt) return false;
  return endpoint.eventTypes.includes('*') || endpoint.eventTypes.includes(event.type);
}
