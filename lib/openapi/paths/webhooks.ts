import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import {
  createdWebhookResponseSchema,
  createWebhookBody,
  listWebhookDeliveriesQuery,
  updateWebhookBody,
  webhookDeliveryResponseSchema,
  webhookResponseSchema,
} from '../../schemas/webhook';
import { dataEnvelope, errorResponses, idPathParam, listEnvelope } from '../common';

// Outbound webhooks: endpoints that receive change events, their delivery log, test events, replays.

const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const one = (description: string) => ({ description, ...json(dataEnvelope(webhookResponseSchema)) });
const delivery = (description: string) => ({ description, ...json(dataEnvelope(webhookDeliveryResponseSchema)) });

const webhookPath = idPathParam('wh_k5R8sPqW2z');
const deliveryPath = z.object({
  id: z.string().meta({ example: 'wh_k5R8sPqW2z' }),
  deliveryId: z.string().meta({ description: 'A delivery id (UUID)', example: '01939a4e-5f7b-7c3a-9d2e-4b8f0a1c2d3e' }),
});

const DELIVERY_RULES = [
  'Each delivery is an HTTP POST of the change event as JSON (the event API’s shape: `type`, `record`, `changes` with each changed field’s `from` and `to`, `data`),',
  'signed per the Standard Webhooks specification: headers `webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,` + base64 HMAC-SHA256 of `<id>.<timestamp>.<body>`',
  'keyed with the endpoint’s `whsec_…` secret), so a receiver verifies it with the standardwebhooks library. Delivery is at least once: use `webhook-id` to drop repeats.',
  'A record’s events arrive in the order they happened. A receiver has 10 seconds to answer 2xx; otherwise the delivery is retried with exponential backoff and jitter',
  'for about 24 hours, then the endpoint is disabled (`status: disabled`, `disabled_reason` says why). URLs must be http or https and resolve to public addresses.',
].join(' ');

export const webhooksPaths: ZodOpenApiPathsObject = {
  '/webhooks': {
    get: {
      tags: ['Webhooks'],
      operationId: 'listWebhooks',
      summary: 'List webhook endpoints',
      description: 'Every endpoint, oldest first, in one page (`has_more` is false). Admins only.',
      responses: { '200': { description: 'The endpoints', ...json(listEnvelope(webhookResponseSchema)) }, ...errorResponses(403) },
    },
    post: {
      tags: ['Webhooks'],
      operationId: 'createWebhook',
      summary: 'Add a webhook endpoint',
      description: `${DELIVERY_RULES} The answer carries the signing \`secret\`, the only time it is shown. A URL that is not http(s), has a user name or password, or resolves to a loopback, link-local or private address is a 422 on \`url\`. Admins only.`,
      requestBody: json(createWebhookBody),
      responses: {
        '201': { description: 'The new endpoint, with its secret', ...json(dataEnvelope(createdWebhookResponseSchema)) },
        ...errorResponses(400, 403, 413, 422),
      },
    },
  },
  '/webhooks/{id}': {
    get: {
      tags: ['Webhooks'],
      operationId: 'getWebhook',
      summary: 'Get a webhook endpoint',
      description: 'The endpoint, without its secret. Admins only.',
      requestParams: { path: webhookPath },
      responses: { '200': one('The endpoint'), ...errorResponses(403, 404) },
    },
    patch: {
      tags: ['Webhooks'],
      operationId: 'updateWebhook',
      summary: 'Change, pause or resume a webhook endpoint',
      description:
        'Only the fields sent change. `status: paused` stops deliveries (events meanwhile are not kept for later; queued ones are skipped); `status: active` resumes, also an endpoint the system disabled, and clears `disabled_reason`. A new URL is checked as on creation (422). Admins only.',
      requestParams: { path: webhookPath },
      requestBody: json(updateWebhookBody),
      responses: { '200': one('The updated endpoint'), ...errorResponses(400, 403, 404, 413, 422) },
    },
    delete: {
      tags: ['Webhooks'],
      operationId: 'deleteWebhook',
      summary: 'Delete a webhook endpoint',
      description: 'Deletes the endpoint and its delivery log; nothing more is sent to it. Admins only.',
      requestParams: { path: webhookPath },
      responses: { '204': { description: 'Deleted' }, ...errorResponses(403, 404) },
    },
  },
  '/webhooks/{id}/deliveries': {
    get: {
      tags: ['Webhooks'],
      operationId: 'listWebhookDeliveries',
      summary: 'List an endpoint’s deliveries',
      description:
        'The delivery log, newest first, with cursor pagination: each delivery’s status (pending, retrying, succeeded, failed, skipped), attempts, last response code, latency and error, and when the next attempt is due. Admins only.',
      requestParams: { path: webhookPath, query: listWebhookDeliveriesQuery },
      responses: { '200': { description: 'A page of deliveries', ...json(listEnvelope(webhookDeliveryResponseSchema)) }, ...errorResponses(400, 403, 404) },
    },
  },
  '/webhooks/{id}/test': {
    post: {
      tags: ['Webhooks'],
      operationId: 'sendTestWebhook',
      summary: 'Send a test event',
      description:
        'Queues a `webhook.test` event to the endpoint, shaped and signed like every delivery; follow it in the delivery log. 409 when the endpoint is paused or disabled. Admins only.',
      requestParams: { path: webhookPath },
      responses: { '202': delivery('The queued delivery'), ...errorResponses(403, 404, 409) },
    },
  },
  '/webhooks/{id}/deliveries/{deliveryId}/replay': {
    post: {
      tags: ['Webhooks'],
      operationId: 'replayWebhookDelivery',
      summary: 'Replay a delivery',
      description:
        'Queues the delivery’s payload again as a new delivery with its own id and attempt count. It keeps the original’s `webhook-id` header (`webhook_id`), as the Standard Webhooks specification asks of a message sent again, so a receiver that drops repeats by webhook-id will drop it too. It goes after the record’s events already queued. 409 when the endpoint is paused or disabled. Admins only.',
      requestParams: { path: deliveryPath },
      responses: { '202': delivery('The queued replay'), ...errorResponses(403, 404, 409) },
    },
  },
};
