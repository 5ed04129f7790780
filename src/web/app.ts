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
import { createPublicRoutes } from './public/routes.js';

/** The whole HTTP application. Order matters: operational endpoints, APIs, then pages. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use(requestId(), accessLog(deps.logger), securityHeaders(deps.config.publicUrl));
  app.use(limitBodySizeByPath());
  app.route('/', createOpsRoutes(deps));
  app.route('/api/v1', createApiV1(deps));
  app.route('/', createCustomerRoutes(deps));
  app.route('/', createPublicRoutes(deps));
  app.onError(createErrorHandler(deps.logger));
  return app;
}
