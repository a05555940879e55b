import 'server-only';
import { db } from '../../db';
import type { Prisma } from '../../generated/prisma/client';
import type { ListWebhookDeliveriesQuery } from '../../schemas/webhook';
import type { ServiceContext } from '../context';
import { assertCanManageWebhooks, findWebhookEndpoint } from './webhook-rules';

/**
 * An endpoint's delivery log, newest first. Delivery ids are time-ordered (UUIDv7), so the cursor
 * is simply the last id of the page before.
 */
export async function listWebhookDeliveries({ ctx, input }: { ctx: ServiceContext; input: { endpointId: number; query: ListWebhookDeliveriesQuery } }) {
  assertCanManageWebhooks(ctx);
  await findWebhookEndpoint(input.endpointId);
  const { query } = input;
  const where: Prisma.WebhookDeliveryWhereInput = { endpointId: input.endpointId };
  if (query.status !== undefined) where.status = query.status;
  if (query.cursor !== undefined) where.id = { lt: query.cursor };
  const rows = await db.webhookDelivery.findMany({ where, orderBy: { id: 'desc' }, take: query.limit + 1 });
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  return { rows: page, hasMore, nextCursor: hasMore ? page[page.length - 1]!.id : null };
}
