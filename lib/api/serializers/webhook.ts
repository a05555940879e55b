import type { WebhookDelivery, WebhookEndpoint } from '../../generated/prisma/client';
import { toPublicId } from '../../ids';
import type { WebhookDeliveryJson, WebhookJson } from '../../schemas/webhook';
import { isoSeconds, publicIdOrNull } from '../format';

/** Endpoint row → API JSON; never the secret (only the create answer carries it). */
export function serializeWebhook(endpoint: WebhookEndpoint): WebhookJson {
  return {
    id: toPublicId('webhookEndpoint', endpoint.id),
    number: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    event_types: endpoint.eventTypes,
    status: endpoint.status,
    disabled_reason: endpoint.disabledReason,
    created_by_id: publicIdOrNull('user', endpoint.createdById),
    created_at: isoSeconds(endpoint.createdAt),
    updated_at: isoSeconds(endpoint.updatedAt),
  };
}

export function serializeWebhookDelivery(delivery: WebhookDelivery): WebhookDeliveryJson {
  return {
    id: delivery.id,
    webhook_id: delivery.messageId,
    endpoint_id: toPublicId('webhookEndpoint', delivery.endpointId),
    event_id: delivery.eventId === null ? null : Number(delivery.eventId),
    event_type: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    last_status_code: delivery.lastStatusCode,
    last_latency_ms: delivery.lastLatencyMs,
    last_error: delivery.lastError,
    next_attempt_at: isoSeconds(delivery.nextAttemptAt),
    created_at: isoSeconds(delivery.createdAt),
    delivered_at: isoSeconds(delivery.deliveredAt),
    payload: (delivery.payload ?? {}) as Record<string, unknown>,
  };
}
