import type { NonSharedBuffer } from 'node:buffer';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { contentSecurityPolicy } from '../middleware/csp.js';

const HTML = 'text/html; charset=utf-8';

/**
 * HDR-3..8 and RED-7 on everything under `/c/<token>` but the shared 404: never stored by any cache,
 * varying by cookie, never indexed, never sending the page's URL (a capability) as a referrer.
 * Baseline headers (nosniff, frame denial, HSTS over https) come from the app's middleware.
 */
export const PRIVATE_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  Vary: 'Cookie',
  'X-Robots-Tag': 'noindex',
  'Referrer-Policy': 'no-referrer',
};

function setPrivateHeaders(c: Context): void {
  for (const name in PRIVATE_HEADERS) c.header(name, PRIVATE_HEADERS[name]);
}

/**
 * A sign-in page (rendered per request), with the strict CSP (HDR-1): `nonce` is the one its
 * scripts carry, or null when it runs none. Cookies set on `c` go out with it.
 */
export function sendPrivateHtml(c: Context, status: ContentfulStatusCode, body: string, nonce: string | null): Response {
  setPrivateHeaders(c);
  c.header('Content-Security-Policy', contentSecurityPolicy(nonce));
  c.header('Content-Type', HTML);
  return c.body(body, status);
}

/**
 * The hot path's answer (a signed-in page): the same headers as `sendPrivateHtml`, as a plain object
 * handed straight to the Response, which the Node adapter writes without building a `Headers`.
 */
export function sendPrivateBytes(body: NonSharedBuffer, nonce: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      ...PRIVATE_HEADERS,
      'Content-Type': HTML,
      'Content-Length': String(body.byteLength),
      'Content-Security-Policy': contentSecurityPolicy(nonce),
    },
  });
}

/** A 303 to `location` (a path on this site), e.g. after signing in or out; cookies set on `c` go out with it. */
export function sendSeeOther(c: Context, location: string): Response {
  setPrivateHeaders(c);
  return c.redirect(location, 303);
}
