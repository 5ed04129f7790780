import type { WebhookEndpoint } from '../../../../domain/webhooks/webhook-endpoint.js';
import type { WebhookDeliveryRecord } from '../../../../store/webhooks/webhook-deliveries.js';
import type { WebhookDeliveryBody, WebhookEndpointBody } from '../webhooks/webhooks-schema.js';

export const presentWebhookEndpoint = (endpoint: WebhookEndpoint): WebhookEndpointBody => ({
  id: endpoint.id,
  scope: endpoint.scope,
  url: endpoint.url,
  format: endpoint.format,
  state: endpoint.state,
  disabled_reason: endpoint.disabledReason,
  created_by: endpoint.createdBy,
  previous_secret_until: endpoint.previousSecretUntil?.toISOString() ?? null,
  created_at: endpoint.createdAt.toISOString(),
  updated_at: endpoint.updatedAt.toISOString(),
});

export const presentWebhookDelivery = (delivery: WebhookDeliveryRecord): WebhookDeliveryBody => ({
  id: delivery.id,
  webhook_id: delivery.messageId,
  event_type: delivery.eventType,
  attempt: delivery.attempt,
  at: delivery.at.toISOString(),
  outcome: delivery.outcome,
  status_code: delivery.statusCode,
  duration_ms: delivery.durationMs,
  error: delivery.error,
  response_excerpt: delivery.responseExcerpt,
});
