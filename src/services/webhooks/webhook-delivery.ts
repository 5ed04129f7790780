import { newId } from '../../domain/id.js';
import { SYSTEM_ACTOR } from '../../domain/access/audit-event.js';
import { retryAfterAt } from '../../domain/webhooks/retry-after.js';
import type { OutboxRecord } from '../../store/outbox.js';
import { type WebhookDeliveryRecord, insertWebhookDelivery } from '../../store/webhooks/webhook-deliveries.js';
import { findWebhookEndpoint, updateWebhookEndpoint } from '../../store/webhooks/webhook-endpoints.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';
import { type OutboxHandler, RetryLaterError } from '../outbox/outbox-worker.js';
import { openSealed } from '../seal.js';
import { appendAudit } from '../sign-in/sign-in-audit.js';
import type { WebhookDeps } from './webhook-deps.js';
import { WebhookRequestError, postWebhook } from './webhook-http.js';
import { parseWebhookMessage } from './webhook-message.js';
import { signedHeaders } from './webhook-signature.js';

/** What the delivery log keeps of a response body (staff only, WH-3). */
const EXCERPT_LENGTH = 1024;

const USER_AGENT = 'Beacon-Webhooks/1';

/**
 * Delivers `WEBHOOK_DELIVERY_KIND` messages: signs the queued body (WH-1) with the endpoint's secret,
 * and during a rotation also with the previous one, POSTs it under WH-2/WH-3 and logs the attempt.
 * A 2xx is sent; 410 Gone disables the endpoint (audited) and drops the message; 429 and 503 retry no
 * sooner than their `Retry-After`; anything else (3xx included: redirects are not followed) is
 * retried with the outbox's backoff until it gives up.
 */
export function createWebhookDeliveryHandler(deps: WebhookDeps): OutboxHandler {
  return {
    async deliver(message, signal) {
      const queued = parseWebhookMessage(message.payload);
      const endpoint = await findWebhookEndpoint(deps.ctx.database.db, queued.endpointId);
      if (!endpoint) return { status: 'dropped', reason: 'the endpoint was deleted' };
      if (endpoint.state !== 'active') return { status: 'dropped', reason: 'the endpoint is disabled' };
      const at = deps.ctx.clock();
      const secrets = [endpoint.secretSealed];
      if (endpoint.previousSecretSealed !== null && endpoint.previousSecretUntil !== null && endpoint.previousSecretUntil > at)
        secrets.push(endpoint.previousSecretSealed);
      const opened = secrets.map((sealed) => openSealed(deps.secret, sealed)).filter((secret) => secret !== null);
      if (opened.length === 0) throw new Error('the endpoint secret cannot be opened with this server secret');
      const log = (entry: Pick<WebhookDeliveryRecord, 'outcome' | 'statusCode' | 'durationMs' | 'error' | 'responseExcerpt'>) =>
        logAttempt(deps, message, queued.endpointId, queued.eventType, entry);

      let response;
      try {
        response = await postWebhook(
          {
            url: new URL(endpoint.url),
            body: queued.body,
            headers: {
              'content-type': 'application/json',
              'user-agent': USER_AGENT,
              ...signedHeaders(queued.webhookId, at, queued.body, opened),
            },
            timeoutMs: deps.timeoutMs,
            signal,
          },
          deps.policy,
        );
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        await log({
          outcome: 'failed',
          statusCode: null,
          durationMs: error instanceof WebhookRequestError ? error.durationMs : 0,
          error: text,
          responseExcerpt: null,
        });
        throw error;
      }
      const { status, durationMs } = response;
      const responseExcerpt = response.body.slice(0, EXCERPT_LENGTH);
      if (status >= 200 && status < 300) {
        await log({ outcome: 'sent', statusCode: status, durationMs, error: null, responseExcerpt });
        return { status: 'sent' };
      }
      if (status === 410) {
        await disableGone(deps, message, queued, { statusCode: status, durationMs, responseExcerpt });
        return { status: 'dropped', reason: '410 Gone: the endpoint was disabled' };
      }
      const location = response.headers.location;
      const error =
        status >= 300 && status < 400
          ? `HTTP ${status}: redirect${location ? ` to ${location.slice(0, 200)}` : ''} not followed`
          : `HTTP ${status}`;
      await log({ outcome: 'failed', statusCode: status, durationMs, error, responseExcerpt });
      const later = status === 429 || status === 503 ? retryAfterAt(firstHeader(response.headers['retry-after']), deps.ctx.clock()) : null;
      throw later ? new RetryLaterError(`${error}, Retry-After ${later.toISOString()}`, later) : new Error(error);
    },
    // The payload holds no secret: the body is what the receiver got, and a replay needs it whole.
    redact: (payload) => payload,
  };
}

const firstHeader = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

async function logAttempt(
  deps: WebhookDeps,
  message: OutboxRecord,
  endpointId: string,
  eventType: string,
  entry: Pick<WebhookDeliveryRecord, 'outcome' | 'statusCode' | 'durationMs' | 'error' | 'responseExcerpt'>,
): Promise<void> {
  await writeUnannounced(deps.ctx, (tx) =>
    insertWebhookDelivery(tx, {
      id: newId(),
      endpointId,
      messageId: message.id,
      eventType,
      attempt: message.attempts,
      at: deps.ctx.clock(),
      ...entry,
    }),
  );
}

/** 410 Gone: the receiver says the endpoint is no more, so no further event goes to it; audited. */
async function disableGone(
  deps: WebhookDeps,
  message: OutboxRecord,
  queued: { endpointId: string; eventType: string },
  entry: Pick<WebhookDeliveryRecord, 'statusCode' | 'durationMs' | 'responseExcerpt'>,
): Promise<void> {
  const at = deps.ctx.clock();
  const reason = 'the receiver answered 410 Gone';
  await writeUnannounced(deps.ctx, async (tx) => {
    await insertWebhookDelivery(tx, {
      id: newId(),
      endpointId: queued.endpointId,
      messageId: message.id,
      eventType: queued.eventType,
      attempt: message.attempts,
      at,
      outcome: 'disabled',
      error: reason,
      ...entry,
    });
    if (await updateWebhookEndpoint(tx, queued.endpointId, { state: 'disabled', disabledReason: reason, updatedAt: at })) {
      await appendAudit(tx, at, [
        {
          actor: SYSTEM_ACTOR,
          action: 'webhook_endpoint.disabled',
          subjectType: 'webhook_endpoint',
          subjectId: queued.endpointId,
          pageId: null,
          details: { reason },
        },
      ]);
    }
  });
}
