import type { MiddlewareHandler } from 'hono';
import { BeaconError } from '../../../domain/errors.js';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
// `application/json`, `application/problem+json` and the like, with or without parameters.
const JSON_MEDIA_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/**
 * The staff API reads JSON (but the paths in `otherFormats`, whose routes check their own format after
 * their parameters, e.g. a CSV import): a write whose body comes in another format (a form, plain text,
 * no Content-Type at all) is refused with 415 and says what to send, instead of failing validation
 * field by field as if the body were empty. A write without a body passes (some have none, some
 * take an optional one): no body at all, `Content-Length: 0`, or an empty chunked body.
 */
export function requireJsonBodies(otherFormats: readonly string[] = []): MiddlewareHandler {
  return async (c, next) => {
    if (
      WITH_BODY.has(c.req.method) &&
      !otherFormats.includes(c.req.path) &&
      !JSON_MEDIA_TYPE.test(c.req.header('content-type') ?? '') &&
      (await hasBody(c.req.raw))
    ) {
      throw new BeaconError('unsupported_media_type', 'The request body must be JSON, sent with Content-Type: application/json');
    }
    await next();
  };
}

/**
 * Content-Length says when it is there. Without it, a body stream proves nothing: the Node adapter
 * gives every POST one, even a request with no body at all (legal HTTP/1.1). So a copy of the
 * stream is read (only for a write that is not JSON, and within the body-size limit applied before).
 */
async function hasBody(request: Request): Promise<boolean> {
  const length = request.headers.get('content-length');
  if (length !== null) return length.trim() !== '0';
  if (request.body === null) return false;
  return (await request.clone().arrayBuffer()).byteLength > 0;
}
