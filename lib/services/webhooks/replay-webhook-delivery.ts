import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { Prisma } from '../../generated/prisma/client';
import { enqueueDeliveries, recordOrderKey } from '../../webhooks/enqueue-deliveries';
import { webhookQueue } from '../../webhooks/webhook-queue';
import type { ServiceContext } from '../context';
import { assertCanManageWebhooks, assertEndpointActive, findWebhookEndpoint } from './webhook-rules';

/**
 * Queues a delivery's payload again as a new delivery (admins), with a fresh attempt count. It
 * keeps the original's webhook-id, as the Standard Webhooks specification asks of a message sent
 * again: a receiver that handled it already can tell. It queues behind its record's pending events.
 */
export async function replayWebhookDelivery({ ctx, input }: { ctx: ServiceContext; input: { endpointId: number; deliveryId: string } }) {
  assertCanManageWebhooks(ctx);
  const endpoint = await findWebhookEndpoint(input.endpointId);
  const original = await db.webhookDelivery.findFirst({ where: { id: input.deliveryId, endpointId: endpoint.id } });
  if (!original) throw new AppError('not_found', 'No delivery with this ID exists for this endpoint.');
  assertEndpointActive(endpoint);
  const boss = await webhookQueue();
  const payload = original.payload as Prisma.InputJsonObject;
  // behind the record's own events, under the key the relay gave them
  const event =
    original.eventId === null ? null : await db.changeEvent.findUnique({ where: { id: original.eventId }, select: { recordType: true, recordId: true } });
  const orderKey = event ? recordOrderKey(endpoint.id, event.recordType, event.recordId) : `${endpoint.id}:replay:${original.messageId}`;
  const [id] = await db.$transaction((tx) =>
    enqueueDeliveries(tx, boss, [
      { endpointId: endpoint.id, eventId: original.eventId, eventType: original.eventType, payload, orderKey, messageId: original.messageId },
    ]),
  );
  return db.webhookDelivery.findUniqueOrThrow({ where: { id: id! } });
}
