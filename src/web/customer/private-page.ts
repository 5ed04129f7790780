import type { NonSharedBuffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import type { CachedResponse } from '../cached-response.js';
import { CUSTOMER_STYLESHEET } from './assets.js';

/**
 * How a signed-in customer page keeps both a per-request CSP nonce (HDR-1) and cached bytes:
 * the page is rendered once per (customer page, revision, clock epoch) by the ordinary renderer,
 * with a placeholder where the nonce goes, and kept in the render cache. Each request sends the
 * cached identity bytes in pieces with its own nonce between them (no copy of the page). The cost is
 * no compression for these responses (they are `no-store`, so there is no ETag or 304 either).
 * See docs/customer-sessions.md.
 */

// Random per process, so no page content (all of it escaped anyway) can contain it.
const NONCE_PLACEHOLDER = `beacon-nonce-${randomBytes(12).toString('hex')}`;
const PLACEHOLDER_BYTES = Buffer.from(NONCE_PLACEHOLDER, 'latin1');

/**
 * Turns a public-page rendering into a customer page's: `noindex` (HDR-3..8), the customer
 * stylesheet, the nonce placeholder on every script, and a sign-out button (SES-7) in the header.
 * Throws when the layout no longer has the landmarks it hooks into, so a layout change fails tests
 * rather than silently dropping `noindex` or the nonce.
 */
export function decorateCustomerHtml(html: string, signOutAction: string): string {
  let out = replaceOnce(html, '</head>', `<meta name="robots" content="noindex"/><link rel="stylesheet" href="${CUSTOMER_STYLESHEET.path}"/></head>`);
  const signOut = `<form class="sign-out" method="post" action="${escapeAttribute(signOutAction)}"><button type="submit">Sign out</button></form>`;
  out = replaceOnce(out, '</nav>', `${signOut}</nav>`);
  return out.replaceAll('<script ', `<script nonce="${NONCE_PLACEHOLDER}" `);
}

const partsByEntry = new WeakMap<CachedResponse, NonSharedBuffer[]>();

/**
 * The entry's identity bytes with `nonce` at every placeholder, as pieces to be written one after the
 * other: the cached parts themselves and the nonce between them. Sending the pieces (see
 * `sendPrivateParts`) spares copying the whole page on every request.
 */
export function nonceParts(entry: CachedResponse, nonce: string): NonSharedBuffer[] {
  let parts = partsByEntry.get(entry);
  if (parts === undefined) {
    parts = splitAt(entry.body, PLACEHOLDER_BYTES);
    partsByEntry.set(entry, parts);
  }
  if (parts.length === 1) return parts;
  const nonceBytes = Buffer.from(nonce, 'latin1');
  const pieces: NonSharedBuffer[] = [];
  parts.forEach((part, index) => {
    if (index > 0) pieces.push(nonceBytes);
    pieces.push(part);
  });
  return pieces;
}

/** `nonceParts` as one buffer; the same buffer when there is no placeholder. */
export function spliceNonce(entry: CachedResponse, nonce: string): NonSharedBuffer {
  const pieces = nonceParts(entry, nonce);
  return pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
}

function splitAt(body: NonSharedBuffer, separator: Buffer): NonSharedBuffer[] {
  const parts: NonSharedBuffer[] = [];
  let start = 0;
  for (let at = body.indexOf(separator, start); at !== -1; at = body.indexOf(separator, start)) {
    parts.push(body.subarray(start, at));
    start = at + separator.length;
  }
  parts.push(body.subarray(start));
  return parts;
}

function replaceOnce(html: string, marker: string, replacement: string): string {
  const at = html.indexOf(marker);
  if (at === -1) throw new Error(`customer page decoration: the layout has no ${marker}`);
  return `${html.slice(0, at)}${replacement}${html.slice(at + marker.length)}`;
}

const escapeAttribute = (text: string): string => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
