import type { MiddlewareHandler } from 'hono';
import { apiResourceOf, refusalOf } from '../../domain/access/staff-role.js';
import { BeaconError } from '../../domain/errors.js';
import { authenticateApiKey } from '../../services/sessions/api-keys.js';
import type { ServiceContext } from '../../services/context.js';
import type { ApiEnv } from '../api/v1/openapi-app.js';
import { problemResponse, toProblem } from '../problem.js';

/** Where the staff API is mounted. */
export const API_V1_BASE = '/api/v1';
/** The one v1 path readable without a key: the API's own description. */
const OPENAPI_DOCUMENT_PATH = `${API_V1_BASE}/openapi.json`;

// RFC 6750 §3: a missing credential gets the bare challenge; a bad one also says why.
const CHALLENGE = 'Bearer realm="beacon"';
const INVALID_TOKEN_CHALLENGE = `${CHALLENGE}, error="invalid_token"`;

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Requires `Authorization: Bearer <api key>` on every `/api/v1` request but the OpenAPI
 * document, and records the key as `apiKey` (its id also as `apiKeyId`). Anything else is a 401
 * problem. Then the key's role and scope are enforced (STF-3): a viewer reads, a responder also
 * writes incidents and maintenance, an admin does everything, and a scope narrows any of them to the
 * resources it lists; anything else is a 403 problem saying why.
 */
export function apiKeyAuth(ctx: ServiceContext): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (c.req.path === OPENAPI_DOCUMENT_PATH) return next();
    const header = c.req.header('authorization');
    if (header === undefined || header.trim() === '') {
      return unauthenticated('Send an API key as "Authorization: Bearer <key>"', CHALLENGE);
    }
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    const apiKey = match?.[1] ? await authenticateApiKey(ctx, match[1]) : null;
    if (apiKey === null) return unauthenticated('The API key is unknown, malformed or revoked', INVALID_TOKEN_CHALLENGE);
    const resource = apiResourceOf(c.req.path.slice(API_V1_BASE.length));
    const refusal = refusalOf(apiKey, { resource, writes: !READS.has(c.req.method) });
    if (refusal !== null) return problemResponse(toProblem(new BeaconError('forbidden', refusal)));
    c.set('apiKeyId', apiKey.id);
    c.set('apiKey', apiKey);
    return next();
  };
}

function unauthenticated(detail: string, challenge: string): Response {
  return problemResponse(toProblem(new BeaconError('unauthenticated', detail)), { 'WWW-Authenticate': challenge });
}
