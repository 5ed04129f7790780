import type { NonSharedBuffer } from 'node:buffer';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { contentSecurityPolicy } from '../middleware/csp.js';
import { type NoncedPage, joinNoncedPage } from './private-page.js';

const HTML = 'text/html; charset=utf-8';

/**
 * HDR-3..8 and RED-7 on everything under `/c/<token>` but the shared 404: never stored by any cache,
 * varying by cookie, never indexed, never sending the page's URL (a capability) as a referrer.
 * Baseline headers (nosniff, frame denial, HSTS over https) come from the app's middleware.
 */
const PRIVATE_HEADERS: Readonly<Record<string, string>> = {
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
function sendPrivateBytes(body: NonSharedBuffer, nonce: string): Response {
  return new Response(body, { status: 200, headers: privateBytesHeaders(body.byteLength, nonce) });
}

/**
 * `sendPrivateBytes` for a cached page with this response's nonce (see `noncedPage`). Under Node a
 * GET is written straight to the socket (`writeNoncedPage`), so the page is never copied per request;
 * the adapter is told the response is already sent. Elsewhere (tests, HEAD) the page is joined into
 * one body.
 */
export function sendPrivateParts(c: Context, page: NoncedPage, nonce: string): Response {
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  if (outgoing === undefined || !CAN_WRITE_DIRECTLY || c.req.method !== 'GET') {
    return sendPrivateBytes(joinNoncedPage(page), nonce);
  }
  writeNoncedPage(outgoing, privateBytesHeaders(page.byteLength, nonce), page);
  return RESPONSE_ALREADY_SENT;
}

/**
 * Writes a 200 with `headers` and `page` in one corked go: the head, being text, leaves in one chunk
 * with the headers, and the cached bytes follow as they are (shared by the app and the fast path).
 */
export function writeNoncedPage(outgoing: ServerResponse, headers: OutgoingHttpHeaders | string[], page: NoncedPage): void {
  outgoing.cork();
  outgoing.writeHead(200, headers);
  if (page.head !== '') outgoing.write(page.head, 'utf8');
  const { tail } = page;
  for (let i = 0; i < tail.length - 1; i++) outgoing.write(tail[i]);
  outgoing.end(tail[tail.length - 1]);
  outgoing.uncork();
}

// The adapter leaves a response alone only when it is a native Response, as RESPONSE_ALREADY_SENT is
// unless the adapter had replaced the global Response (with its own, which keeps a `cache` symbol)
// before that module loaded; then the pieces are joined instead.
const CAN_WRITE_DIRECTLY = !Object.getOwnPropertySymbols(RESPONSE_ALREADY_SENT).some((symbol) => symbol.description === 'cache');

const privateBytesHeaders = (length: number, nonce: string): Record<string, string> => {
  const headers = { ...PRIVATE_BYTES_HEADERS };
  headers['Content-Length'] = String(length);
  headers['Content-Security-Policy'] = contentSecurityPolicy(nonce);
  return headers;
};
// In the order they are sent; the last two are filled in per response.
const PRIVATE_BYTES_HEADERS: Record<string, string> = {
  ...PRIVATE_HEADERS,
  'Content-Type': HTML,
  'Content-Length': '',
  'Content-Security-Policy': '',
};

/** A signed-in page's headers as a flat `[name, value, …]` list to copy, and where its per-response values go. */
export interface SignedInHeaderList {
  list: readonly string[];
  requestIdAt: number;
  contentLengthAt: number;
  policyAt: number;
}

/**
 * The headers the app sends with a signed-in page (`sendPrivateParts`), in its order: the request id
 * and the baseline security headers from the middleware, then the private ones, which replace
 * same-named baseline ones in place (as Node's `writeHead` does). For the fast path in front of the app.
 */
export function signedInHeaderList(baseline: Readonly<Record<string, string>>): SignedInHeaderList {
  const list = Object.entries({ 'X-Request-Id': '', ...baseline, ...PRIVATE_BYTES_HEADERS }).flat();
  return {
    list,
    requestIdAt: list.indexOf('X-Request-Id') + 1,
    contentLengthAt: list.indexOf('Content-Length') + 1,
    policyAt: list.indexOf('Content-Security-Policy') + 1,
  };
}

/** A 303 to `location` (a path on this site), e.g. after signing in or out; cookies set on `c` go out with it. */
export function sendSeeOther(c: Context, location: string): Response {
  setPrivateHeaders(c);
  return c.redirect(location, 303);
}
