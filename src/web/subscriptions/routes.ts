import { type Context, Hono } from 'hono';
import { SUBSCRIPTION_PATHS } from '../../services/subscriptions/subscription-links.js';
import type { AppDeps } from '../app-deps.js';
import { renderForbiddenPage } from '../customer/auth-render.js';
import { readForm } from '../customer/form-body.js';
import { sendPrivateHtml } from '../customer/respond.js';
import { routeHashedAssets } from '../hashed-assets.js';
import { limitBodySize } from '../middleware/body-size.js';
import { csrfGuard } from '../middleware/csrf.js';
import { SUBSCRIPTION_ASSETS } from './assets.js';
import { createLinkHandlers } from './link-handlers.js';
import { type FormPlace, createRequestHandlers } from './request-handlers.js';
import { MANAGE_CODE_PATH, SUBSCRIBE_FORM_PATH, type SubscriptionKit, createSubscriptionKit } from './subscription-kit.js';

/** The subscription forms are a few short fields and a list of ticked components. */
const SUBSCRIPTION_FORM_LIMIT = 64 * 1024;

/**
 * The public side of email subscriptions (docs/subscriptions.md), under `/subscriptions/`:
 * - `GET|POST /subscriptions/email` (`?scope=` / `scope`): the subscribe form of a public page or sub-page;
 * - `GET|POST /subscriptions/manage` (`?scope=` / `scope`): "manage my subscription"; `POST …/manage/code`: its code;
 * - `GET|POST /subscriptions/confirm/<token>`, `GET|POST /subscriptions/manage/<token>`: the mailed links;
 * - `GET|POST /subscriptions/unsubscribe/<token>`: one-click unsubscribe (RFC 8058), the only POST
 *   without a CSRF check (SUB-3: mail providers post it from their servers).
 * Customer pages' forms live under their own path (customer-subscribe.ts); their links are these.
 */
export function createSubscriptionRoutes(deps: AppDeps): Hono {
  const kit = createSubscriptionKit(deps);
  const forms = createRequestHandlers(kit);
  const links = createLinkHandlers(kit);
  const routes = new Hono();
  routeHashedAssets(routes, SUBSCRIPTION_ASSETS);

  const limit = limitBodySize(SUBSCRIPTION_FORM_LIMIT);
  routes.get(`${SUBSCRIPTION_PATHS.unsubscribe}/:token`, links.openUnsubscribe);
  routes.post(`${SUBSCRIPTION_PATHS.unsubscribe}/:token`, limit, links.unsubscribe);
  // Every other form: CSRF first (REQ-5), then the size.
  const forbidden = (c: Context) => sendPrivateHtml(c, 403, renderForbiddenPage({ pageName: 'Email updates', homePath: '/' }), null);
  routes.post('/subscriptions/*', csrfGuard(kit.publicUrl, forbidden), limit);

  routes.get(SUBSCRIBE_FORM_PATH, async (c) => {
    const place = await publicPlace(kit, c.req.query('scope'));
    return place ? forms.subscribeForm(c, place) : kit.notFound(c);
  });
  routes.post(SUBSCRIBE_FORM_PATH, async (c) => {
    const fields = await readForm(c);
    const place = await publicPlace(kit, fields?.['scope']);
    return place ? forms.subscribe(c, place, fields) : kit.notFound(c);
  });
  routes.get(SUBSCRIPTION_PATHS.manage, async (c) => {
    const place = await publicPlace(kit, c.req.query('scope'));
    return place ? forms.manageForm(c, place) : kit.notFound(c);
  });
  routes.post(SUBSCRIPTION_PATHS.manage, async (c) => {
    const fields = await readForm(c);
    const place = await publicPlace(kit, fields?.['scope']);
    return place ? forms.requestManage(c, place, fields) : kit.notFound(c);
  });
  routes.post(MANAGE_CODE_PATH, links.enterCode);
  routes.get(`${SUBSCRIPTION_PATHS.manage}/:token`, links.openManage);
  routes.post(`${SUBSCRIPTION_PATHS.manage}/:token`, links.manage);
  routes.get(`${SUBSCRIPTION_PATHS.confirm}/:token`, links.openConfirm);
  routes.post(`${SUBSCRIPTION_PATHS.confirm}/:token`, links.confirm);
  return routes;
}

/**
 * The public forms of the scope a request names: a page or a sub-page. A customer page's scope is
 * refused here like an unknown one: its forms are behind its sign-in (SUB-4).
 */
async function publicPlace(kit: SubscriptionKit, key: unknown): Promise<FormPlace | null> {
  if (typeof key !== 'string' || key.length > 300) return null;
  const scope = await kit.scope(key);
  if (!scope || scope.kind === 'customer') return null;
  const query = `?scope=${encodeURIComponent(scope.key)}`;
  return {
    scope,
    subscribeAction: SUBSCRIBE_FORM_PATH,
    subscribeHref: `${SUBSCRIBE_FORM_PATH}${query}`,
    manageAction: SUBSCRIPTION_PATHS.manage,
    manageHref: `${SUBSCRIPTION_PATHS.manage}${query}`,
    carriesScope: true,
  };
}
