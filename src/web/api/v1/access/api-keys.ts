import type { OpenAPIHono } from '@hono/zod-openapi';
import { apiKeyActor } from '../../../../domain/access/audit-event.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../../../services/sessions/api-keys.js';
import { createApiKeyRoute, listApiKeysRoute, revokeApiKeyRoute } from './api-keys-schema.js';
import type { ApiEnv } from '../openapi-app.js';
import { presentApiKey, presentCreatedApiKey } from '../presenters/api-key.js';

/** `/api-keys`: the bearer keys machines and staff use for this API. */
export function registerApiKeyRoutes(api: OpenAPIHono<ApiEnv>): void {
  api.openapi(createApiKeyRoute, async (c) => {
    const { name, role, scope } = c.req.valid('json');
    const { apiKey, token } = await createApiKey(c.var.ctx, { name, role, scope }, apiKeyActor(c.get('apiKeyId')));
    // The token must not linger in any cache between here and the client.
    c.header('Cache-Control', 'no-store');
    return c.json(presentCreatedApiKey(apiKey, token), 201);
  });

  api.openapi(listApiKeysRoute, async (c) => {
    const apiKeys = await listApiKeys(c.var.ctx);
    return c.json({ data: apiKeys.map(presentApiKey) }, 200);
  });

  api.openapi(revokeApiKeyRoute, async (c) => {
    await revokeApiKey(c.var.ctx, c.req.valid('param').id, apiKeyActor(c.get('apiKeyId')));
    return c.body(null, 204);
  });
}
