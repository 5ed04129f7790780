import { Hono, type Context } from 'hono';
import { BeaconError } from '../../domain/errors.js';
import { parseScopeKey } from '../../domain/notifications/notification-event.js';
import { webhookDepsOf } from '../webhook-deps-of.js';
import {
  WEBHOOK_MANAGE_PATH,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  readWebhookManageToken,
  subscribeWebhookFromForm,
} from '../../services/webhooks/webhook-endpoints.js';
import { resolveScopePage } from '../../services/webhooks/scope-pages.js';
import type { AppDeps } from '../app-deps.js';
import { createClientIpResolver } from '../client-ip.js';
import { readForm } from '../customer/form-body.js';
import { limitBodySize } from '../middleware/body-size.js';
import { csrfGuard } from '../middleware/csrf.js';
import {
  type WebhookPageContext,
  renderWebhookCreatedPage,
  renderWebhookFormPage,
  renderWebhookManagePage,
  renderWebhookMessagePage,
} from './webhook-pages.js';

const FORM_LIMIT = 8 * 1024;
const FORM_PATH = '/subscriptions/webhook';

/**
 * `GET/POST /subscriptions/webhook?scope=<scopeKey>`: anyone subscribes a URL to a public page or
 * sub-page (never a customer page), rate limited per IP and page; the secret and the manage link are
 * shown once. `…/manage/<token>`: GET shows the endpoint and changes nothing, POST unsubscribes.
 */
export function createWebhookSubscriptionRoutes(deps: AppDeps): Hono {
  const { config } = deps;
  const webhooks = webhookDepsOf(deps, deps.ctx);
  const clientIp = createClientIpResolver(config.trustedProxies);
  const routes = new Hono();
  const send = (c: Context, status: 200 | 400 | 404 | 429, html: string) => {
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Robots-Tag', 'noindex');
    return c.html(html, status);
  };
  /** The public page a scope names, or null (customer scopes included: they are not offered here). */
  const pageOf = async (scope: string | undefined): Promise<WebhookPageContext | null> => {
    if (scope === undefined || scope.length > 300 || parseScopeKey(scope)?.kind === 'customer') return null;
    const snapshot = await deps.snapshots.fresh();
    const found = resolveScopePage(deps.snapshots.pageKinds(snapshot), scope, '');
    return found ? { pageName: found.name, homePath: found.links.pageUrl } : null;
  };
  const notFound = (c: Context) =>
    send(
      c,
      404,
      renderWebhookMessagePage({ pageName: 'Status', homePath: '/' }, 'Not found', 'There is no public page to subscribe to here.'),
    );

  routes.post(`${FORM_PATH}/*`, csrfGuard(config.publicUrl), limitBodySize(FORM_LIMIT));
  routes.post(FORM_PATH, csrfGuard(config.publicUrl), limitBodySize(FORM_LIMIT));

  routes.get(FORM_PATH, async (c) => {
    const scope = c.req.query('scope');
    const page = await pageOf(scope);
    return page ? send(c, 200, renderWebhookFormPage(page, scope!)) : notFound(c);
  });

  routes.post(FORM_PATH, async (c) => {
    const scope = c.req.query('scope');
    const page = await pageOf(scope);
    if (!page) return notFound(c);
    const form = await readForm(c);
    const url = typeof form?.url === 'string' ? form.url.trim() : '';
    const format = typeof form?.format === 'string' && form.format !== '' ? form.format : undefined;
    try {
      const created = await subscribeWebhookFromForm(webhooks, { scope: scope!, url, format, clientIp: clientIp(c) });
      if (created === null)
        return send(
          c,
          429,
          renderWebhookMessagePage(page, 'Too many requests', 'Too many subscriptions from here. Please try again later.'),
        );
      return send(c, 200, renderWebhookCreatedPage(page, created));
    } catch (error) {
      if (!(error instanceof BeaconError) || (error.code !== 'validation' && error.code !== 'not_found')) throw error;
      return send(c, 400, renderWebhookFormPage(page, scope!, { url: url.slice(0, 2000), message: error.message }));
    }
  });

  const endpointOf = async (token: string) => {
    const id = readWebhookManageToken(config.secret, token);
    if (id === null) return null;
    try {
      return await getWebhookEndpoint(webhooks, id);
    } catch {
      return null;
    }
  };
  const gone = (c: Context) =>
    send(
      c,
      404,
      renderWebhookMessagePage(
        { pageName: 'Status', homePath: '/' },
        'No such webhook',
        'This link names no webhook: it may have been unsubscribed.',
      ),
    );

  routes.get(`${WEBHOOK_MANAGE_PATH}/:token`, async (c) => {
    const endpoint = await endpointOf(c.req.param('token'));
    if (!endpoint) return gone(c);
    const page = (await pageOf(endpoint.scope)) ?? { pageName: 'Status', homePath: '/' };
    return send(c, 200, renderWebhookManagePage(page, endpoint, c.req.path));
  });

  routes.post(`${WEBHOOK_MANAGE_PATH}/:token`, async (c) => {
    const endpoint = await endpointOf(c.req.param('token'));
    if (!endpoint) return gone(c);
    await deleteWebhookEndpoint(webhooks, endpoint.id, 'form');
    const page = (await pageOf(endpoint.scope)) ?? { pageName: 'Status', homePath: '/' };
    return send(c, 200, renderWebhookMessagePage(page, 'Unsubscribed', `${endpoint.url} gets no more updates.`));
  });
  return routes;
}
