import { parsePathId } from '@/lib/api/parse-path-id';
import { listResponse } from '@/lib/api/respond';
import { serializeWebhookDelivery } from '@/lib/api/serializers/webhook';
import { withApiRoute } from '@/lib/api/with-api-route';
import { listWebhookDeliveriesQuery } from '@/lib/schemas/webhook';
import { listWebhookDeliveries } from '@/lib/services/webhooks/list-webhook-deliveries';

// GET /api/v1/webhooks/:id/deliveries – the endpoint's delivery log, newest first (admins)
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params, query }) => {
  const endpointId = parsePathId('webhookEndpoint', params.id, 'webhook endpoint');
  const page = await listWebhookDeliveries({ ctx, input: { endpointId, query: query(listWebhookDeliveriesQuery) } });
  return listResponse({ items: page.rows.map(serializeWebhookDelivery), hasMore: page.hasMore, nextCursor: page.nextCursor });
});
