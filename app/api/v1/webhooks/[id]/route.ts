import { parsePathId } from '@/lib/api/parse-path-id';
import { dataResponse, noContent } from '@/lib/api/respond';
import { serializeWebhook } from '@/lib/api/serializers/webhook';
import { withApiRoute } from '@/lib/api/with-api-route';
import { updateWebhookBody } from '@/lib/schemas/webhook';
import { deleteWebhookEndpoint } from '@/lib/services/webhooks/delete-webhook-endpoint';
import { getWebhookEndpoint } from '@/lib/services/webhooks/get-webhook-endpoint';
import { updateWebhookEndpoint } from '@/lib/services/webhooks/update-webhook-endpoint';

// GET /api/v1/webhooks/:id – one endpoint (admins)
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const endpointId = parsePathId('webhookEndpoint', params.id, 'webhook endpoint');
  return dataResponse(serializeWebhook(await getWebhookEndpoint({ ctx, input: { endpointId } })));
});

// PATCH /api/v1/webhooks/:id – change the URL, event types, description, or pause/resume (admins)
export const PATCH = withApiRoute<{ id: string }>(async ({ ctx, params, body }) => {
  const endpointId = parsePathId('webhookEndpoint', params.id, 'webhook endpoint');
  const changes = body(updateWebhookBody);
  return dataResponse(serializeWebhook(await updateWebhookEndpoint({ ctx, input: { endpointId, changes } })));
});

// DELETE /api/v1/webhooks/:id – delete an endpoint and its delivery log (admins)
export const DELETE = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const endpointId = parsePathId('webhookEndpoint', params.id, 'webhook endpoint');
  await deleteWebhookEndpoint({ ctx, input: { endpointId } });
  return noContent();
});
