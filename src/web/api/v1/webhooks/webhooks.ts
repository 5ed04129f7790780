import type { OpenAPIHono } from '@hono/zod-openapi';
import { apiKeyActor } from '../../../../domain/access/audit-event.js';
import { webhookDepsOf } from '../../../webhook-deps-of.js';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookDeliveryLog,
  listWebhookEndpoints,
  replayWebhookDelivery,
  rotateWebhookSecret,
  setWebhookEndpointState,
} from '../../../../services/webhooks/webhook-endpoints.js';
import type { AppDeps } from '../../../app-deps.js';
import type { ApiEnv } from '../openapi-app.js';
import { presentWebhookDelivery, presentWebhookEndpoint } from '../presenters/webhook-endpoint.js';
import {
  createWebhookRoute,
  deleteWebhookRoute,
  listWebhookDeliveriesRoute,
  listWebhooksRoute,
  readWebhookRoute,
  replayWebhookDeliveryRoute,
  rotateWebhookSecretRoute,
  setWebhookStateRoute,
} from './webhooks-schema.js';

/** `/webhooks`: outgoing webhook endpoints on any page, customer pages included (admins write, STF-3). */
export function registerWebhookRoutes(api: OpenAPIHono<ApiEnv>, deps: AppDeps): void {
  const webhooks = (ctx: AppDeps['ctx']) => webhookDepsOf(deps, ctx);

  api.openapi(createWebhookRoute, async (c) => {
    const actor = apiKeyActor(c.get('apiKeyId'));
    const { endpoint, secret } = await createWebhookEndpoint(webhooks(c.var.ctx), { ...c.req.valid('json'), createdBy: actor }, actor);
    c.header('Cache-Control', 'no-store');
    return c.json({ ...presentWebhookEndpoint(endpoint), secret }, 201);
  });

  api.openapi(listWebhooksRoute, async (c) => {
    const { scope, after, limit } = c.req.valid('query');
    const endpoints = await listWebhookEndpoints(webhooks(c.var.ctx), { scope, after, limit });
    return c.json({ data: endpoints.map(presentWebhookEndpoint) }, 200);
  });

  api.openapi(readWebhookRoute, async (c) => {
    return c.json(presentWebhookEndpoint(await getWebhookEndpoint(webhooks(c.var.ctx), c.req.valid('param').id)), 200);
  });

  api.openapi(setWebhookStateRoute, async (c) => {
    const { state, reason } = c.req.valid('json');
    const actor = apiKeyActor(c.get('apiKeyId'));
    const endpoint = await setWebhookEndpointState(webhooks(c.var.ctx), c.req.valid('param').id, state, reason ?? null, actor);
    return c.json(presentWebhookEndpoint(endpoint), 200);
  });

  api.openapi(rotateWebhookSecretRoute, async (c) => {
    const { endpoint, secret } = await rotateWebhookSecret(webhooks(c.var.ctx), c.req.valid('param').id, apiKeyActor(c.get('apiKeyId')));
    c.header('Cache-Control', 'no-store');
    return c.json({ ...presentWebhookEndpoint(endpoint), secret }, 200);
  });

  api.openapi(deleteWebhookRoute, async (c) => {
    await deleteWebhookEndpoint(webhooks(c.var.ctx), c.req.valid('param').id, apiKeyActor(c.get('apiKeyId')));
    return c.body(null, 204);
  });

  api.openapi(listWebhookDeliveriesRoute, async (c) => {
    const { cursor, limit } = c.req.valid('query');
    const [at, id] = cursor === undefined ? [] : cursor.split('~');
    const before = at !== undefined && id !== undefined ? { at: new Date(at), id } : null;
    const log = await listWebhookDeliveryLog(webhooks(c.var.ctx), c.req.valid('param').id, { before, limit });
    const last = log.length === limit ? log[log.length - 1] : undefined;
    return c.json({ data: log.map(presentWebhookDelivery), next_cursor: last ? `${last.at.toISOString()}~${last.id}` : null }, 200);
  });

  api.openapi(replayWebhookDeliveryRoute, async (c) => {
    const { id, deliveryId } = c.req.valid('param');
    await replayWebhookDelivery(webhooks(c.var.ctx), id, deliveryId, apiKeyActor(c.get('apiKeyId')));
    return c.body(null, 202);
  });
}
