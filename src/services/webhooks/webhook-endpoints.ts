import { BeaconError, invalid, notFound } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import { parseScopeKey } from '../../domain/notifications/notification-event.js';
import {
  type WebhookEndpoint,
  type WebhookFormat,
  detectWebhookFormat,
  isWebhookFormat,
  parseWebhookUrl,
} from '../../domain/webhooks/webhook-endpoint.js';
import { findOutboxRecord } from '../../store/outbox.js';
import { type WebhookDeliveryRecord, findWebhookDelivery, listWebhookDeliveries } from '../../store/webhooks/webhook-deliveries.js';
import {
  type WebhookEndpointRecord,
  deleteWebhookEndpoint as deleteEndpointRow,
  findWebhookEndpoint,
  insertWebhookEndpoint,
  listWebhookEndpoints as listEndpointRows,
  updateWebhookEndpoint,
} from '../../store/webhooks/webhook-endpoints.js';
import { enqueueMany } from '../outbox/outbox.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';
import { seal } from '../seal.js';
import { appendAudit } from '../sign-in/sign-in-audit.js';
import { hitRateLimit } from '../sign-in/rate-limit.js';
import { readSignedIdToken, signedIdToken } from '../subscriptions/subscription-links.js';
import type { WebhookDeps } from './webhook-deps.js';
import { urlRefusal } from './webhook-http.js';
import { WEBHOOK_DELIVERY_KIND } from './webhook-message.js';
import { newWebhookSecret } from './webhook-signature.js';
import { resolveScopePage } from './scope-pages.js';

/** How long the secret a rotation replaced still signs, beside the new one (WH-1). */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** Where an anonymous subscriber manages an endpoint: `/<token>` (GET shows it, POST ends it). */
export const WEBHOOK_MANAGE_PATH = '/subscriptions/webhook/manage';

/** The endpoint's manage link token: its id under an HMAC of the server secret (SUB-2: nobody else can make one). */
const webhookManageToken = (secret: string, endpointId: string): string => signedIdToken(secret, 'webhook-manage', endpointId);

/** The endpoint a manage token names, or null. */
export const readWebhookManageToken = (secret: string, token: unknown): string | null => readSignedIdToken(secret, 'webhook-manage', token);

export const webhookManageUrl = (deps: Pick<WebhookDeps, 'secret' | 'publicUrl'>, endpointId: string): string =>
  `${deps.publicUrl}${WEBHOOK_MANAGE_PATH}/${webhookManageToken(deps.secret, endpointId)}`;

export interface NewWebhookEndpoint {
  scope: string;
  url: string;
  /** Detected from the URL's host when left out (chat services), else `beacon`. */
  format?: string;
  /** Who subscribed it: the actor, or `form` for the public subscription form. */
  createdBy: string;
  /** Customer scopes are refused to the public form. */
  publicOnly?: boolean;
}

const toEndpoint = (record: WebhookEndpointRecord): WebhookEndpoint => {
  const { secretSealed: _secret, previousSecretSealed: _previous, ...endpoint } = record;
  return endpoint;
};

/**
 * Subscribes a URL to a scope. The URL must be http(s) and, judged against DNS now, not point at a
 * refused address (WH-2, checked again on every delivery). The signing secret is answered once,
 * here; it is kept sealed under the server secret, since every delivery signs with it.
 *
 * @example const { endpoint, secret } = await createWebhookEndpoint(deps, { scope: 'page:p1', url, createdBy: actor }, actor)
 */
export async function createWebhookEndpoint(
  deps: WebhookDeps,
  input: NewWebhookEndpoint,
  actor: string,
): Promise<{ endpoint: WebhookEndpoint; secret: string; manageUrl: string }> {
  const scope = parseScopeKey(input.scope);
  if (scope === null) throw invalid('scope', 'must be page:<id>, sub:<pageId>/<entryId> or customer:<id>');
  if (input.publicOnly === true && scope.kind === 'customer') throw invalid('scope', 'customer pages take webhooks from staff only');
  const snapshot = await deps.snapshots.fresh();
  if (resolveScopePage(deps.snapshots.pageKinds(snapshot), input.scope, deps.publicUrl) === null) throw notFound('page', input.scope);
  const parsed = parseWebhookUrl(input.url);
  if (!parsed.ok) throw invalid('url', parsed.reason);
  const refusal = await urlRefusal(parsed.url, deps.policy);
  if (refusal !== null) throw invalid('url', `cannot be delivered to: ${refusal}`);
  let format: WebhookFormat = detectWebhookFormat(parsed.url);
  if (input.format !== undefined) {
    if (!isWebhookFormat(input.format)) throw invalid('format', 'must be beacon, statuspage, slack, discord or teams');
    format = input.format;
  }
  const secret = newWebhookSecret();
  const now = deps.ctx.clock();
  const record: WebhookEndpointRecord = {
    id: newId(),
    scope: input.scope,
    url: parsed.url.href,
    format,
    state: 'active',
    disabledReason: null,
    createdBy: input.createdBy,
    secretSealed: seal(deps.secret, secret),
    previousSecretSealed: null,
    previousSecretUntil: null,
    createdAt: now,
    updatedAt: now,
  };
  await writeUnannounced(deps.ctx, async (tx) => {
    await insertWebhookEndpoint(tx, record);
    await appendAudit(tx, now, [auditOf(actor, 'webhook_endpoint.created', record, { url: record.url, format, scope: record.scope })]);
  });
  return { endpoint: toEndpoint(record), secret, manageUrl: webhookManageUrl(deps, record.id) };
}

const auditOf = (actor: string, action: string, endpoint: Pick<WebhookEndpoint, 'id'>, details: Record<string, unknown>) => ({
  actor,
  action,
  subjectType: 'webhook_endpoint',
  subjectId: endpoint.id,
  pageId: null,
  details,
});

export async function getWebhookEndpoint(deps: Pick<WebhookDeps, 'ctx'>, id: string): Promise<WebhookEndpoint> {
  const record = await findWebhookEndpoint(deps.ctx.database.db, id);
  if (!record) throw notFound('webhook endpoint', id);
  return toEndpoint(record);
}

/** One keyset page of endpoints (of one scope, or all), in id order. */
export async function listWebhookEndpoints(
  deps: Pick<WebhookDeps, 'ctx'>,
  query: { scope?: string; after?: string; limit: number },
): Promise<WebhookEndpoint[]> {
  const rows = await listEndpointRows(deps.ctx.database.db, {
    scopes: query.scope === undefined ? null : [query.scope],
    activeOnly: false,
    afterId: query.after ?? null,
    limit: query.limit,
  });
  return rows.map(toEndpoint);
}

/**
 * A new signing secret, answered once. The old one keeps signing beside it (both signatures are
 * sent) for `ROTATION_OVERLAP_MS`, so receivers can switch without missing a delivery (WH-1).
 */
export async function rotateWebhookSecret(
  deps: WebhookDeps,
  id: string,
  actor: string,
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const secret = newWebhookSecret();
  const now = deps.ctx.clock();
  const endpoint = await writeUnannounced(deps.ctx, async (tx) => {
    const record = await findWebhookEndpoint(tx, id);
    if (!record) throw notFound('webhook endpoint', id);
    const changes = {
      secretSealed: seal(deps.secret, secret),
      previousSecretSealed: record.secretSealed,
      previousSecretUntil: new Date(now.getTime() + ROTATION_OVERLAP_MS),
      updatedAt: now,
    };
    await updateWebhookEndpoint(tx, id, changes);
    await appendAudit(tx, now, [auditOf(actor, 'webhook_endpoint.secret_rotated', record, {})]);
    return { ...record, ...changes };
  });
  return { endpoint: toEndpoint(endpoint), secret };
}

/** Turns deliveries to the endpoint off (with a reason) or on again. */
export async function setWebhookEndpointState(
  deps: Pick<WebhookDeps, 'ctx'>,
  id: string,
  state: 'active' | 'disabled',
  reason: string | null,
  actor: string,
): Promise<WebhookEndpoint> {
  const now = deps.ctx.clock();
  return writeUnannounced(deps.ctx, async (tx) => {
    const record = await findWebhookEndpoint(tx, id);
    if (!record) throw notFound('webhook endpoint', id);
    const disabledReason = state === 'active' ? null : (reason ?? 'disabled by staff');
    await updateWebhookEndpoint(tx, id, { state, disabledReason, updatedAt: now });
    await appendAudit(tx, now, [
      auditOf(actor, state === 'active' ? 'webhook_endpoint.enabled' : 'webhook_endpoint.disabled', record, { reason: disabledReason }),
    ]);
    return toEndpoint({ ...record, state, disabledReason, updatedAt: now });
  });
}

export async function deleteWebhookEndpoint(deps: Pick<WebhookDeps, 'ctx'>, id: string, actor: string): Promise<void> {
  const now = deps.ctx.clock();
  await writeUnannounced(deps.ctx, async (tx) => {
    const record = await findWebhookEndpoint(tx, id);
    if (!record || !(await deleteEndpointRow(tx, id))) throw notFound('webhook endpoint', id);
    await appendAudit(tx, now, [auditOf(actor, 'webhook_endpoint.deleted', record, { url: record.url, scope: record.scope })]);
  });
}

/** One page of the endpoint's delivery log, newest first (staff only: WH-3). */
export async function listWebhookDeliveryLog(
  deps: Pick<WebhookDeps, 'ctx'>,
  endpointId: string,
  query: { before: { at: Date; id: string } | null; limit: number },
): Promise<WebhookDeliveryRecord[]> {
  await getWebhookEndpoint(deps, endpointId);
  return listWebhookDeliveries(deps.ctx.database.db, { endpointId, before: query.before, limit: query.limit });
}

/**
 * Sends a logged delivery again: the same body under the same `webhook-id`, so a receiver that already
 * has it can tell (Standard Webhooks' idempotency). Queued like any delivery; answers its outbox id.
 */
export async function replayWebhookDelivery(
  deps: Pick<WebhookDeps, 'ctx'>,
  endpointId: string,
  deliveryId: string,
  actor: string,
): Promise<string> {
  const now = deps.ctx.clock();
  const queued = await writeUnannounced(deps.ctx, async (tx) => {
    const delivery = await findWebhookDelivery(tx, deliveryId);
    if (!delivery || delivery.endpointId !== endpointId) throw notFound('webhook delivery', deliveryId);
    const message = await findOutboxRecord(tx, delivery.messageId);
    if (!message) throw new BeaconError('conflict', 'That delivery is too old to replay: its message was cleaned up.');
    const replayKey = `replay:${deliveryId}:${newId()}`;
    await enqueueMany(
      tx,
      [{ kind: WEBHOOK_DELIVERY_KIND, payload: JSON.parse(message.payload) as Record<string, unknown>, dedupeKey: replayKey }],
      now,
    );
    await appendAudit(tx, now, [auditOf(actor, 'webhook_endpoint.delivery_replayed', { id: endpointId }, { deliveryId })]);
    return replayKey;
  });
  deps.ctx.outbox?.ring();
  return queued;
}

/** Per client IP and per scope, anonymous subscriptions an hour (SUB-5, as REQ-4: held in the database). */
const FORM_LIMITS = { perIp: 5, perScope: 30, windowSeconds: 3600 };

/**
 * The public form's subscription: a public page or sub-page only (customer pages take webhooks from
 * staff), rate limited per client IP and per scope, with the same URL checks as staff get. Answers
 * null when a rate limit refuses it.
 */
export async function subscribeWebhookFromForm(
  deps: WebhookDeps,
  input: { scope: string; url: string; format?: string; clientIp: string },
): Promise<{ endpoint: WebhookEndpoint; secret: string; manageUrl: string } | null> {
  const now = deps.ctx.clock();
  const allowed = await writeUnannounced(deps.ctx, async (tx) => {
    const { perIp, perScope, windowSeconds } = FORM_LIMITS;
    return (
      (await hitRateLimit(tx, `webhook-form:ip:${input.clientIp}`, perIp, windowSeconds, now)) &&
      (await hitRateLimit(tx, `webhook-form:scope:${input.scope.slice(0, 300)}`, perScope, windowSeconds, now))
    );
  });
  if (!allowed) return null;
  return createWebhookEndpoint(deps, { ...input, createdBy: 'form', publicOnly: true }, 'form');
}
