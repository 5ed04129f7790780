import { Hono } from 'hono';
import type { AppDeps } from './app-deps.js';
import { createApiV1 } from './api/v1/index.js';
import { createErrorHandler } from './middleware/error-handler.js';

/** The whole HTTP application. Order matters: operational endpoints, APIs, then pages. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.route('/api/v1', createApiV1(deps));
  app.onError(createErrorHandler(deps.logger));
  return app;
}
