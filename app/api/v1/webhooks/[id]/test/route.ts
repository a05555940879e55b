import { parsePathId } from '@/lib/api/parse-path-id';
import { dataResponse } from '@/lib/api/respond';
import { serializeWebhookDelivery } from '@/lib/api/serializers/webhook';
import { withApiRoute } from '@/lib/api/with-api-route';
import { sendTestWebhook } from '@/lib/services/webhooks/send-test-webhook';

// POST /api/v1/webhooks/:id/test – queue a webhook.test delivery to the endpoint (admins)
export const POST = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const endpointId = parsePathId('webhookEndpoint', params.id, 'webhook endpoint');
  return dataResponse(serializeWebhookDelivery(await sendTestWebhook({ ctx, input: { endpointId } })), { status: 202 });
});
