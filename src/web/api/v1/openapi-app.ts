import { OpenAPIHono } from '@hono/zod-openapi';
import type { ServiceContext } from '../../../services/context.js';
import type { ApiKeyGrant } from '../../../services/sessions/api-keys.js';
import { fromZodError } from '../../problem.js';

/**
 * Variables the v1 middleware sets on the context: the key's id, the key with its role and scope, and
 * the request's service context (which audits a keyed write in its own transaction, STF-7).
 */
export interface ApiEnv {
  Variables: { apiKeyId: string; apiKey: ApiKeyGrant; ctx: ServiceContext };
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
