import { dataResponse, listResponse } from '@/lib/api/respond';
import { serializeWebhook } from '@/lib/api/serializers/webhook';
import { withApiRoute } from '@/lib/api/with-api-route';
import { createWebhookBody } from '@/lib/schemas/webhook';
import { createWebhookEndpoint } from '@/lib/services/webhooks/create-webhook-endpoint';
import { listWebhookEndpoints } from '@/lib/services/webhooks/list-webhook-endpoints';

// GET /api/v1/webhooks – every webhook endpoint (admins)
export const GET = withApiRoute(async ({ ctx }) => {
  const endpoints = await listWebhookEndpoints({ ctx });
  return listResponse({ items: endpoints.map(serializeWebhook), hasMore: false, nextCursor: null });
});

// POST /api/v1/webhooks – add an endpoint (admins); the answer carries its secret, this once
export const POST = withApiRoute(async ({ ctx, body }) => {
  const input = body(createWebhookBody);
  const { endpoint, secret } = await createWebhookEndpoint({ ctx, input });
  return dataResponse({ ...serializeWebhook(endpoint), secret }, { status: 201 });
});
