import { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiKeyGrant } from '../../../services/sessions/api-keys.js';
import { fromZodError } from '../../problem.js';

/** Variables the v1 middleware sets on the context: the key's id, and the key with its role and scope. */
export interface ApiEnv {
  Variables: { apiKeyId: string; apiKey: ApiKeyGrant };
}

/**
 * An OpenAPIHono whose validation failures become one 400 problem+json naming every
 * field (thrown, so the app's single error handler shapes the response).
 */
export function createOpenApiApp(): OpenAPIHono<ApiEnv> {
  return new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success) throw fromZodError(result.error, result.target === 'json' ? undefined : result.target);
    },
  });
}
