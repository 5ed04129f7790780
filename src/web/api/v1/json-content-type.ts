import type { MiddlewareHandler } from 'hono';
import { BeaconError } from '../../../domain/errors.js';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
// `application/json`, `application/problem+json` and the like, with or without parameters.
const JSON_MEDIA_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/**
 * The staff API reads JSON only: a write whose body comes in another format (a form, plain text,
 * no Content-Type at all) is refused with 415 and says what to send, instead of failing validation
 * field by field as if the body were empty. A write without a body passes (some have none).
 */
export function requireJsonBodies(): MiddlewareHandler {
  return async (c, next) => {
    if (WITH_BODY.has(c.req.method) && hasBody(c.req.raw) && !JSON_MEDIA_TYPE.test(c.req.header('content-type') ?? '')) {
      throw new BeaconError('unsupported_media_type', 'The request body must be JSON, sent with Content-Type: application/json');
    }
    await next();
  };
}

/** From the framing headers when there are any (HTTP/1.1), else whether the Request has a body stream (in-process requests). */
function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  if (length !== null) return length.trim() !== '0';
  return request.headers.has('transfer-encoding') || request.body !== null;
}
