import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { BeaconError } from '../../domain/errors.js';
import { LOGO_MAX_BYTES } from '../../domain/pages/logo-image.js';
import { SUBSCRIBER_IMPORT_MAX_BYTES } from '../../services/subscriptions/subscriber-csv.js';
import { problemResponse, toProblem } from '../problem.js';

/** Forms (sign-in, code) are a few short fields. */
export const FORM_BODY_LIMIT = 256 * 1024;
/** A page logo's upload (dashboard): the image, at most `LOGO_MAX_BYTES`, with the multipart framing around it. */
const LOGO_FORM_BODY_LIMIT = LOGO_MAX_BYTES + 16 * 1024;
/** The dashboard's subscriber import (a CSV file): the file's cap with the multipart framing around it. */
export const SUBSCRIBER_IMPORT_FORM_LIMIT = SUBSCRIBER_IMPORT_MAX_BYTES + 16 * 1024;
export const SUBSCRIBER_IMPORT_FORM_PATH = '/admin/subscribers/import';
/** API bodies: bulk catalog upserts are the largest. */
export const API_BODY_LIMIT = 1024 * 1024;

// No route reads the body of these; asking for it would cost every page view a full Request (see below).
const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a request body over `maxBytes` with a 413 problem, before any of it is parsed; bodies
 * without a Content-Length are counted as they stream. GET, HEAD and OPTIONS pass untouched: Hono's
 * check reads `c.req.raw.body`, which makes @hono/node-server build a whole Request with an
 * AbortSignal on the hot path of every page view (its cost: docs/performance.md).
 *
 * @example app.use('/api/*', limitBodySize(API_BODY_LIMIT))
 */
export function limitBodySize(maxBytes: number): MiddlewareHandler {
  const tooLarge = toProblem(new BeaconError('payload_too_large', `The request body is larger than ${maxBytes} bytes.`));
  const limit = bodyLimit({ maxSize: maxBytes, onError: () => problemResponse(tooLarge) });
  return (c, next) => (BODYLESS_METHODS.has(c.req.method) ? next() : limit(c, next));
}

/** The global limit: the API's for `/api/…`, the uploads' for a page's logo form and the subscriber import, the forms' for everything else. */
export function limitBodySizeByPath(): MiddlewareHandler {
  const api = limitBodySize(API_BODY_LIMIT);
  const forms = limitBodySize(FORM_BODY_LIMIT);
  const logo = limitBodySize(LOGO_FORM_BODY_LIMIT);
  const subscriberImport = limitBodySize(SUBSCRIBER_IMPORT_FORM_LIMIT);
  return (c, next) => {
    const { path } = c.req;
    if (path.startsWith('/api/')) return api(c, next);
    if (path === SUBSCRIBER_IMPORT_FORM_PATH) return subscriberImport(c, next);
    return path.startsWith('/admin/pages/') && path.endsWith('/logo') ? logo(c, next) : forms(c, next);
  };
}
