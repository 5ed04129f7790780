import { isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import { BeaconError } from '../../domain/errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a state-changing request comes from our own pages (REQ-5), judged against the public URL's
 * origin, never against what the request says it was sent to:
 * - `Sec-Fetch-Site`, when sent, must be `same-origin`;
 * - an `Origin` naming an origin must be the public URL's, whatever `Sec-Fetch-Site` says: a page of a
 *   DNS-rebinding host posts to that host with `Sec-Fetch-Site: same-origin`;
 * - an opaque `Origin` (`null`, which our own pages send: they carry `Referrer-Policy: no-referrer`) or
 *   none counts only with `Sec-Fetch-Site: same-origin`, and only when the Host header, if any, is the
 *   public URL's host, or an IP address or `localhost` (what a proxy in front of Beacon may send; no
 *   DNS rebinding reaches a page by such a name).
 * A request with neither `Sec-Fetch-Site` nor an `Origin` is refused: every browser that can submit
 * our forms sends one of them.
 */
export function isSameOriginRequest(headers: { get(name: string): string | null | undefined }, publicOrigin: string): boolean {
  const site = headers.get('sec-fetch-site') ?? null;
  const origin = headers.get('origin') ?? null;
  if (site !== null && site !== 'same-origin') return false;
  if (origin !== null && origin !== 'null') return origin === publicOrigin;
  return site === 'same-origin' && isOwnOrProxyHost(headers.get('host') ?? null, publicOrigin);
}

function isOwnOrProxyHost(host: string | null, publicOrigin: string): boolean {
  if (host === null) return true;
  let url: URL;
  try {
    url = new URL(`${new URL(publicOrigin).protocol}//${host}`);
  } catch {
    return false;
  }
  if (url.host === new URL(publicOrigin).host) return true;
  const name = url.hostname.replace(/^\[|\]$/g, '');
  return name === 'localhost' || isIP(name) !== 0;
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
