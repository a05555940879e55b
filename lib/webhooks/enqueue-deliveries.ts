import 'server-only';
import { fromPrisma, type PgBoss } from 'pg-boss';
import { v7 as uuidv7 } from 'uuid';
import type { Prisma } from '../generated/prisma/client';
import { DELIVERY_QUEUE, type DeliveryJobData } from './webhook-queue';

// A delivery is a row in webhook_deliveries (the log admins read) and a pg-boss job with the same
// id, written in the caller's transaction: both commit with it, or neither does.

export interface NewDelivery {
  endpointId: number;
  /** the change event (null for a test event) */
  eventId: bigint | null;
  eventType: string;
  payload: Prisma.InputJsonValue;
  /**
   * Deliveries with the same key are attempted one at a time, in the order queued, each after the
   * one before succeeded or was given up: `<endpoint>:<record type>:<record id>` keeps each
   * record's events in order at each endpoint.
   */
  orderKey: string;
  /** a replay sends the same message again, under its webhook-id */
  messageId?: string;
}

/** The order key of a record's events at an endpoint. */
export function recordOrderKey(endpointId: number, recordType: string, recordId: string): string {
  return `${endpointId}:${recordType}:${recordId}`;
}

/**
 * Queues the deliveries in the transaction `tx`, in the order given; their ids (time-ordered
 * UUIDv7, so deliveries queued in one transaction keep their order in the queue, where equal
 * creation times would otherwise tie).
 */
export async function enqueueDeliveries(tx: Prisma.TransactionClient, boss: PgBoss, deliveries: readonly NewDelivery[]): Promise<string[]> {
  if (deliveries.length === 0) return [];
  const rows = deliveries.map((delivery) => {
    const id = uuidv7();
    return {
      id,
      messageId: delivery.messageId ?? id,
      endpointId: delivery.endpointId,
      eventId: delivery.eventId,
      eventType: delivery.eventType,
      payload: delivery.payload,
    };
  });
  await tx.webhookDelivery.createMany({ data: rows });
  // through the transaction itself: on the embedded database a send on pg-boss's own connection
  // would wait for the transaction holding it, forever
  await boss.insert(
    DELIVERY_QUEUE,
    rows.map((row, index) => ({ id: row.id, data: { endpointId: row.endpointId } satisfies DeliveryJobData, singletonKey: deliveries[index]!.orderKey })),
    { db: fromPrisma(tx) },
  );
  return rows.map((row) => row.id);
}
