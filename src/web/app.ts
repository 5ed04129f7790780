import { Hono } from 'hono';
import type { AppDeps } from './app-deps.js';
import { createApiV1 } from './api/v1/index.js';
import { createCustomerRoutes } from './customer/routes.js';
import { accessLog } from './middleware/access-log.js';
import { limitBodySizeByPath } from './middleware/body-size.js';
import { createErrorHandler } from './middleware/error-handler.js';
import { requestId } from './middleware/request-id.js';
import { securityHeaders } from './middleware/security-headers.js';
import { createOpsRoutes } from './ops-routes.js';
import { createHtmlErrorRenderer } from './public/error-pages.js';
import { createPublicRoutes } from './public/routes.js';

/**
 * The whole HTTP application. Order matters: operational endpoints, APIs, then pages.
 *
 * Every request goes through the same middleware and error handler; `/c/…` requests (customer
 * pages, answered entirely by the customer routes) are routed by an app holding only those routes.
 * With all ~190 routes in one router, Hono must fall back from its RegExpRouter (which cannot hold
 * `/:slug` beside the API's static paths) to its TrieRouter, whose matching would take most of the
 * budget of a signed-in customer page request (docs/performance.md).
 */
export function createApp(deps: AppDeps): Hono {
  const customer = createCustomerRoutes(deps);
  const site = createArea(deps);
  site.route('/', createOpsRoutes(deps));
  site.route('/api/v1', createApiV1(deps));
  site.route('/', customer);
  site.route('/', createPublicRoutes(deps));
  const customerArea = createArea(deps);
  customerArea.route('/', customer);

  const app = new Hono();
  app.all('*', (c) => (c.req.path.startsWith('/c/') ? customerArea : site).fetch(c.req.raw, c.env));
  return app;
}

/** An app with the middleware and error handling every request gets. */
function createArea(deps: AppDeps): Hono {
  const area = new Hono();
  area.use(requestId(), accessLog(deps.logger), securityHeaders(deps.config.publicUrl));
  area.use(limitBodySizeByPath());
  area.onError(createErrorHandler(deps.logger, createHtmlErrorRenderer(deps)));
  return area;
}
