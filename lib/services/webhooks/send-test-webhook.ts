import 'server-only';
import { db } from '../../db';
import { WEBHOOK_TEST_EVENT_TYPE } from '../../change-record/event-types';
import { toPublicId } from '../../ids';
import { enqueueDeliveries } from '../../webhooks/enqueue-deliveries';
import { webhookQueue } from '../../webhooks/webhook-queue';
import type { ServiceContext } from '../context';
import { assertCanManageWebhooks, assertEndpointActive, findWebhookEndpoint } from './webhook-rules';

/**
 * Queues a `webhook.test` delivery to the endpoint (admins), shaped like every change event, so a
 * receiver can be checked end to end; it is the delivery log's newest row.
 */
export async function sendTestWebhook({ ctx, input }: { ctx: ServiceContext; input: { endpointId: number } }) {
  assertCanManageWebhooks(ctx);
  const endpoint = await findWebhookEndpoint(input.endpointId);
  assertEndpointActive(endpoint);
  const boss = await webhookQueue();
  const endpointPublicId = toPublicId('webhookEndpoint', endpoint.id);
  const payload = {
    id: null,
    type: WEBHOOK_TEST_EVENT_TYPE,
    occurred_at: new Date().toISOString(),
    record: { type: 'webhook_endpoint', id: endpointPublicId },
    deal_id: null,
    pipeline_id: null,
    actor: {
      user_id: toPublicId('user', ctx.user.id),
      api_key_id: ctx.apiKeyId ? toPublicId('apiKey', ctx.apiKeyId) : null,
      channel: ctx.channel ?? ctx.source,
    },
    changes: {},
    data: { message: `A test event from Dealboard to ${endpoint.url}` },
  };
  // the delivery log is not part of the change record: this transaction writes nothing it records
  const [id] = await db.$transaction((tx) =>
    enqueueDeliveries(tx, boss, [
      { endpointId: endpoint.id, eventId: null, eventType: WEBHOOK_TEST_EVENT_TYPE, payload, orderKey: `${endpoint.id}:test:${endpointPublicId}` },
    ]),
  );
  return db.webhookDelivery.findUniqueOrThrow({ where: { id: id! } });
}
