import 'server-only';
import type { SettingsWebhook, SettingsWebhookDelivery } from '@/components/settings/webhooks-manager';
import type { WebhookDelivery, WebhookEndpoint } from '@/lib/generated/prisma/client';
import { toPublicId } from '@/lib/ids';

/** An endpoint and its latest deliveries as Settings → Webhooks shows them (never the secret). */
export function webhookRow(endpoint: WebhookEndpoint, deliveries: WebhookDelivery[]): SettingsWebhook {
  return {
    id: toPublicId('webhookEndpoint', endpoint.id),
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: endpoint.eventTypes,
    status: endpoint.status,
    disabledReason: endpoint.disabledReason,
    createdAt: endpoint.createdAt.toISOString(),
    deliveries: deliveries.map(
      (delivery): SettingsWebhookDelivery => ({
        id: delivery.id,
        eventType: delivery.eventType,
        status: delivery.status,
        attempts: delivery.attempts,
        lastStatusCode: delivery.lastStatusCode,
        lastLatencyMs: delivery.lastLatencyMs,
        lastError: delivery.lastError,
        nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
        createdAt: delivery.createdAt.toISOString(),
      }),
    ),
  };
}
