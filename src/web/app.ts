import { Hono } from 'hono';
import type { AppDeps } from './app-deps.js';
import { createAdminRoutes } from './admin/routes.js';
import { createApiV1 } from './api/v1/index.js';
import { createStatuspageRoutes } from './api/v2/public-routes.js';
import { createBadgeRoutes } from './badges/badge-routes.js';
import { createEmbedRoutes } from './embed/embed-routes.js';
import { createFeedRoutes } from './feeds/public-feed-routes.js';
import { createCustomerRoutes } from './customer/routes.js';
import { createWebhookSubscriptionRoutes } from './subscriptions/webhook-routes.js';
import { accessLog } from './middleware/access-log.js';
import { limitBodySizeByPath } from './middleware/body-size.js';
import { createErrorHandler } from './middleware/error-handler.js';
import { fastPathStandsIn } from './middleware/fast-path-stand-in.js';
import { requestId } from './middleware/request-id.js';
import { securityHeaders } from './middleware/security-headers.js';
import { createOpsRoutes } from './ops-routes.js';
import { createHtmlErrorRenderer } from './public/error-pages.js';
import { createPublicRoutes } from './public/routes.js';
import { createSubscriptionRoutes } from './subscriptions/routes.js';

export interface AppOptions {
  /** Routes tried before Beacon's own, behind the same middleware (tests). */
  extraRoutes?: Hono | undefined;
}

/**
 * The whole HTTP application, built only by the composition root (`createWebServer`, web/server.ts),
 * which puts the fast path in front of it. Order matters: operational endpoints, APIs, then pages.
 *
 * Every request goes through the same middleware and error handler; `/c/…` requests (customer
 * pages, answered entirely by the customer routes) are routed by an app holding only those routes.
 * With all ~190 routes in one router, Hono must fall back from its RegExpRouter (which cannot hold
 * `/:slug` beside the API's static paths) to its TrieRouter, whose matching would take most of the
 * budget of a signed-in customer page request (docs/performance.md).
 */
export function createApp(deps: AppDeps, options: AppOptions = {}): Hono {
  const customer = createCustomerRoutes(deps);
  const site = createArea(deps);
  if (options.extraRoutes) site.route('/', options.extraRoutes);
  site.route('/', createOpsRoutes(deps));
  site.route('/api/v1', createApiV1(deps));
  site.route('/', createWebhookSubscriptionRoutes(deps));
  // The pages' read API (`/api/v2/…`, `/<page>/api/v2/…`): before the pages, whose `/:slug/:sub/…` would take it.
  site.route('/', createStatuspageRoutes(deps));
  // Badges (`/<page>/badge.svg`) and the widget's script (`/embed/status.js`): before the pages too.
  site.route('/', createBadgeRoutes(deps));
  site.route('/', createEmbedRoutes());
  // The pages' feeds (`/feed.atom`, `/<page>/feed.rss`, …): before the pages too, for the same reason.
  site.route('/', createFeedRoutes(deps));
  // The staff dashboard: never offered to the fast path (its routes offer nothing).
  site.route('/', createAdminRoutes(deps));
  // The subscribers' forms and mailed links (`/subscriptions/…`, a reserved slug): before the pages too.
  site.route('/', createSubscriptionRoutes(deps));
  site.route('/', customer);
  site.route('/', createPublicRoutes(deps));
  const customerArea = createArea(deps);
  customerArea.route('/', customer);

  const app = new Hono();
  app.all('*', (c) => (c.req.path.startsWith('/c/') ? customerArea : site).fetch(c.req.raw, c.env));
  // Middleware belongs in `createArea`, where the fast path's guard sees it; here it would run unseen.
  if (app.routes.length !== 1) throw new Error('createApp: the outer app only dispatches; add middleware in createArea');
  return app;
}

/**
 * An app with the middleware and error handling every request gets. Each middleware is declared
 * with `fastPathStandsIn`, saying what the fast path (web/fast-path.ts) does in its stead; one
 * added without it makes the fast path stand aside for every request it touches.
 */
function createArea(deps: AppDeps): Hono {
  const area = new Hono();
  area.use(
    // The fast path echoes a sane X-Request-Id or makes one (`requestIdFor`), first among its headers.
    fastPathStandsIn(requestId()),
    // The fast path counts its requests into the access log's summary lines.
    fastPathStandsIn(accessLog(deps.logger)),
    // The fast path sends the same `baselineSecurityHeaders`, in the same order.
    fastPathStandsIn(securityHeaders(deps.config.publicUrl)),
  );
  // Bodies only: the fast path answers GET and HEAD alone, which this lets through untouched.
  area.use(fastPathStandsIn(limitBodySizeByPath()));
  area.onError(createErrorHandler(deps.logger, createHtmlErrorRenderer(deps)));
  return area;
}
