import { parsePathId } from '@/lib/api/parse-path-id';
import { dataResponse } from '@/lib/api/respond';
import { serializeWebhookDelivery } from '@/lib/api/serializers/webhook';
import { withApiRoute } from '@/lib/api/with-api-route';
import { parseDeliveryId } from '@/lib/schemas/webhook';
import { replayWebhookDelivery } from '@/lib/services/webhooks/replay-webhook-delivery';

// POST /api/v1/webhooks/:id/deliveries/:deliveryId/replay – send a delivery's payload again, as a new delivery (admins)
export const POST = withApiRoute<{ id: string; deliveryId: string }>(async ({ ctx, params }) => {
  const endpointId = parsePathId('webhookEndpoint', params.id, 'webhook endpoint');
  const deliveryId = parseDeliveryId(params.deliveryId);
  return dataResponse(serializeWebhookDelivery(await replayWebhookDelivery({ ctx, input: { endpointId, deliveryId } })), { status: 202 });
});
