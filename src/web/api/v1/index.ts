import type { AppDeps } from '../../app-deps.js';
import { CachedResponse, type SendOptions } from '../../cached-response.js';
import { sendCached } from '../../send-cached.js';
import { API_V1_BASE, apiKeyAuth } from '../../middleware/api-key-auth.js';
import { auditApiWrites } from '../../middleware/api-write-audit.js';
import { registerApiKeyRoutes } from './access/api-keys.js';
import { registerCatalogEntryRoutes } from './catalog/catalog-entries.js';
import { registerCatalogTypeRoutes } from './catalog/catalog-types.js';
import { registerComponentRoutes } from './status/components.js';
import { withEdgeResponses } from './edge-responses.js';
import { registerCustomerPageSessionRoutes } from './pages/customer-page-sessions.js';
import { registerCustomerPageReadTokenRoutes } from './pages/customer-page-read-tokens.js';
import { registerGroupRoutes } from './status/groups.js';
import { registerIncidentRoutes } from './status/incidents.js';
import { requireJsonBodies } from './json-content-type.js';
import { registerMaintenanceRoutes } from './status/maintenances.js';
import { createOpenApiApp } from './openapi-app.js';
import { registerPageRoutes } from './pages/pages.js';
import { registerPageKindRoutes } from './pages/page-kinds.js';
import { answerUnrouted } from './unrouted.js';
import { CSV_IMPORT_PATH, registerSubscriberRoutes } from './subscribers/subscribers.js';
import { registerWebhookRoutes } from './webhooks/webhooks.js';

/** The document changes only with a new version of Beacon: clients may keep it, and revalidate (a 304) before each use. */
const OPENAPI_DOCUMENT_CACHE: SendOptions = { cacheControl: 'no-cache' };

/** The staff REST API, mounted at `/api/v1`. Each resource registers its routes here. */
export function createApiV1(deps: AppDeps) {
  const api = createOpenApiApp();
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  // Routing first: an unknown path is a 404 and a wrong method a 405, with a key or without.
  api.use('*', answerUnrouted(api, API_V1_BASE));
  api.use('*', apiKeyAuth(deps.ctx));
  // STF-7: the request's service context, which records each keyed write in the write's own transaction.
  api.use('*', auditApiWrites(deps.ctx, api));
  api.use('*', requireJsonBodies([CSV_IMPORT_PATH]));
  // Resource routers are registered below (one line each).
  registerComponentRoutes(api);
  registerGroupRoutes(api);
  registerPageRoutes(api);
  registerPageKindRoutes(api, deps);
  registerApiKeyRoutes(api);
  registerIncidentRoutes(api);
  registerMaintenanceRoutes(api, deps);
  registerCustomerPageSessionRoutes(api, deps);
  registerCustomerPageReadTokenRoutes(api, deps);
  registerCatalogTypeRoutes(api);
  registerCatalogEntryRoutes(api);
  registerSubscriberRoutes(api, deps);
  registerWebhookRoutes(api, deps);

  // Built on first use, then sent as cached bytes: with its ETag, and gzip or brotli to clients that take them.
  let document: CachedResponse | undefined;
  api.get('/openapi.json', (c) => {
    document ??= new CachedResponse(
      {
        contentType: 'application/json',
        body: JSON.stringify(
          withEdgeResponses(
            api.getOpenAPI31Document({
              openapi: '3.1.0',
              info: { title: 'Beacon staff API', version: '1' },
              servers: [{ url: `${deps.config.publicUrl}/api/v1` }],
              security: [{ bearer: [] }],
            }),
          ),
        ),
        // Compressed at once: built once per process, a queue that dropped it would leave it identity for good.
      },
      { compress: 'now' },
    );
    return sendCached(c, document, OPENAPI_DOCUMENT_CACHE);
  });
  return api;
}
