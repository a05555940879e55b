'use server';

import { refresh } from 'next/cache';
import { getBrowserContext } from '../auth/get-browser-context';
import { AppError } from '../errors';
import { toPublicId } from '../ids';
import { createWebhookBody, parseDeliveryId, updateWebhookBody } from '../schemas/webhook';
import { createWebhookEndpoint } from '../services/webhooks/create-webhook-endpoint';
import { deleteWebhookEndpoint } from '../services/webhooks/delete-webhook-endpoint';
import { replayWebhookDelivery } from '../services/webhooks/replay-webhook-delivery';
import { sendTestWebhook } from '../services/webhooks/send-test-webhook';
import { updateWebhookEndpoint } from '../services/webhooks/update-webhook-endpoint';
import { idOf } from './action-input';
import { runAction, type ActionResult } from './run-action';

// Settings → Webhooks' writes: the API's schemas parse, one service call each, and the page
// refreshes in the same response.

/** A new endpoint; the answer carries its signing secret, shown this once. */
export async function createWebhookAction(input: {
  url: string;
  eventTypes: string[];
  description: string;
}): Promise<ActionResult<{ id: string; secret: string }>> {
  return runAction(async () => {
    const body = createWebhookBody.parse({ url: input.url, event_types: input.eventTypes, description: input.description });
    const ctx = await getBrowserContext();
    const { endpoint, secret } = await createWebhookEndpoint({ ctx, input: body });
    refresh();
    return { id: toPublicId('webhookEndpoint', endpoint.id), secret };
  });
}

/** Pauses or resumes an endpoint (resuming also one the system disabled). */
export async function setWebhookStatusAction(endpointId: string, status: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const id = idOf('webhookEndpoint', endpointId, 'webhook endpoint');
    const changes = updateWebhookBody.parse({ status });
    const ctx = await getBrowserContext();
    await updateWebhookEndpoint({ ctx, input: { endpointId: id, changes } });
    refresh();
    return null;
  });
}

export async function deleteWebhookAction(endpointId: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const id = idOf('webhookEndpoint', endpointId, 'webhook endpoint');
    const ctx = await getBrowserContext();
    await deleteWebhookEndpoint({ ctx, input: { endpointId: id } });
    refresh();
    return null;
  });
}

export async function sendTestWebhookAction(endpointId: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const id = idOf('webhookEndpoint', endpointId, 'webhook endpoint');
    const ctx = await getBrowserContext();
    await sendTestWebhook({ ctx, input: { endpointId: id } });
    refresh();
    return null;
  });
}

export async function replayWebhookDeliveryAction(endpointId: string, deliveryId: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const id = idOf('webhookEndpoint', endpointId, 'webhook endpoint');
    if (typeof deliveryId !== 'string') throw new AppError('not_found', 'No such delivery.');
    const ctx = await getBrowserContext();
    await replayWebhookDelivery({ ctx, input: { endpointId: id, deliveryId: parseDeliveryId(deliveryId) } });
    refresh();
    return null;
  });
}
