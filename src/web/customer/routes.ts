import { Hono } from 'hono';
import type { AppDeps } from '../app-deps.js';
import { limitBodySize } from '../middleware/body-size.js';
import { cspNonce } from '../middleware/csp.js';
import { csrfGuard } from '../middleware/csrf.js';
import { fastPathStandsIn } from '../middleware/fast-path-stand-in.js';
import { routeHashedAssets } from '../hashed-assets.js';
import { CUSTOMER_ASSETS } from './assets.js';
import { renderForbiddenPage } from './auth-render.js';
import { routeCustomerFeeds } from './feeds.js';
import { createPageHandlers } from './page-handlers.js';
import { createReadTokenHandlers } from './read-token-handlers.js';
import { sendPrivateHtml } from './respond.js';
import { createRouteKit } from './route-kit.js';
import { createSignInHandlers } from './sign-in-handlers.js';
import { routeCustomerStatuspageApi } from './statuspage-api.js';
import { createCustomerSubscribeHandlers } from '../subscriptions/customer-subscribe.js';

/** Sign-in forms are a few short fields; anything bigger is not one of ours. */
const SIGN_IN_FORM_LIMIT = 16 * 1024;

/**
 * Customer pages at their unlisted `/c/<token>` URLs (README, Customer pages): the signed-in page, its incidents
 * and history, and the sign-in flow. Mounted before the public routes; every `/c/…` path is
 * answered here, unknown ones with the shared public 404.
 */
export function createCustomerRoutes(deps: AppDeps): Hono {
  const kit = createRouteKit(deps);
  const pages = createPageHandlers(kit);
  const signIn = createSignInHandlers(kit);
  const readTokens = createReadTokenHandlers(kit);
  const subscribe = createCustomerSubscribeHandlers(kit);
  const routes = new Hono();

  routeHashedAssets(routes, CUSTOMER_ASSETS);

  // The fast path makes a fresh nonce for each signed-in page it sends, and its policy with it.
  routes.use('/c/*', fastPathStandsIn(cspNonce()));
  // The read API first: its other methods get a 405 before the form posts' CSRF check below.
  routeCustomerStatuspageApi(routes, kit);
  routeCustomerFeeds(routes, kit);
  // Every form posts to a path below its page; CSRF first (REQ-5), then the size, then the handler.
  routes.post(
    '/c/:token/*',
    csrfGuard(kit.publicUrl, async (c) => {
      const located = await kit.locate(c);
      return located ? sendPrivateHtml(c, 403, renderForbiddenPage(located.auth), null) : kit.notFound(c);
    }),
    limitBodySize(SIGN_IN_FORM_LIMIT),
  );

  routes.get('/c/:token', pages.status);
  routes.get('/c/:token/incidents/:id', pages.incident);
  routes.get('/c/:token/history', pages.history);
  routes.post('/c/:token/sign-in', signIn.requestLink);
  routes.get('/c/:token/auth', signIn.openLink);
  routes.post('/c/:token/auth', signIn.continueLink);
  routes.post('/c/:token/auth/code', signIn.enterCode);
  routes.post('/c/:token/sign-out', signIn.signOut);
  routes.get('/c/:token/tokens', readTokens.list);
  routes.post('/c/:token/tokens', readTokens.create);
  routes.post('/c/:token/tokens/:id/revoke', readTokens.revoke);
  routes.get('/c/:token/subscribe', subscribe.form);
  routes.post('/c/:token/subscribe', subscribe.subscribe);
  routes.get('/c/:token/subscribe/manage', subscribe.manageForm);
  routes.post('/c/:token/subscribe/manage', subscribe.requestManage);
  // Anything else under /c/ looks like any missing page.
  routes.all('/c/*', (c) => kit.notFound(c));
  return routes;
}
