import { z } from 'zod';

/** The outbox kind of one body for one endpoint. */
export const WEBHOOK_DELIVERY_KIND = 'webhook.delivery';

/**
 * A queued delivery. The body is rendered at fan-out, so every retry and replay sends the same bytes
 * under the same `webhookId`; the endpoint (URL, secrets, state) is read afresh at each attempt.
 */
const WebhookMessageSchema = z.object({
  endpointId: z.string(),
  /** The `webhook-id` header: fixed when queued, the same on every retry and replay. */
  webhookId: z.string(),
  eventType: z.string(),
  body: z.string(),
});

export type WebhookMessage = z.infer<typeof WebhookMessageSchema>;

export const parseWebhookMessage = (payload: string): WebhookMessage => WebhookMessageSchema.parse(JSON.parse(payload));
