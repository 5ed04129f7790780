import type { Context, MiddlewareHandler } from 'hono';
import { BeaconError } from '../../domain/errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a state-changing request comes from our own pages (REQ-5): `Sec-Fetch-Site: same-origin`,
 * or, from browsers that do not send it, an `Origin` equal to the public URL's origin. The Host
 * header is never consulted. A request with neither is refused: every browser that can submit our
 * forms sends one of them. (`Origin` is `null` on a page with `Referrer-Policy: no-referrer`, which
 * is why `Sec-Fetch-Site` is asked first.)
 */
export function isSameOriginRequest(headers: { get(name: string): string | null | undefined }, publicOrigin: string): boolean {
  const site = headers.get('sec-fetch-site');
  if (site !== null && site !== undefined) return site === 'same-origin';
  const origin = headers.get('origin');
  return origin !== null && origin !== undefined && origin === publicOrigin;
}

/**
 * REQ-5: refuses (403) any request but GET/HEAD/OPTIONS that does not come from `publicUrl`'s origin:
 * with `onRefused`'s response (an HTML page), else a `forbidden` error for the app's error handler.
 *
 * @example routes.use('/c/*', csrfGuard(config.publicUrl))
 */
export function csrfGuard(publicUrl: string, onRefused?: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  const publicOrigin = new URL(publicUrl).origin;
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || isSameOriginRequest({ get: (name) => c.req.header(name) }, publicOrigin)) return next();
    if (onRefused) return onRefused(c);
    throw new BeaconError('forbidden', 'This request did not come from this site.');
  };
}
