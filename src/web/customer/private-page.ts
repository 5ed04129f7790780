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
  let out = replaceOnce(
    html,
    '</head>',
    `<meta name="robots" content="noindex"/><link rel="stylesheet" href="${CUSTOMER_STYLESHEET.path}"/></head>`,
  );
  const signOut = `<form class="sign-out" method="post" action="${escapeAttribute(signOutAction)}"><button type="submit">Sign out</button></form>`;
  out = replaceOnce(out, '</nav>', `${signOut}</nav>`);
  return out.replaceAll('<script ', `<script nonce="${NONCE_PLACEHOLDER}" `);
}

/**
 * A cached page with one response's nonce in place, ready to be written without copying the page:
 * `head`, the document up to and including the first nonce (a kilobyte or so), is text, so that Node
 * sends it in one chunk with the status line and headers; `tail` is the cached bytes after it, each
 * later nonce joined to the small piece before it. Fewer, larger chunks measured faster than one
 * chunk per piece.
 */
export interface NoncedPage {
  head: string;
  tail: NonSharedBuffer[];
  /** The whole body's length in bytes (Content-Length). */
  byteLength: number;
}

/** The entry's bytes split at each placeholder, the part before the first one already as text. */
interface SplitPage {
  prefix: string;
  prefixBytes: number;
  /** The parts after the first placeholder; `[body]` when the page has none. */
  parts: NonSharedBuffer[];
  partsBytes: number;
}

const splitByEntry = new WeakMap<CachedResponse, SplitPage>();

/** The entry's identity bytes with `nonce` at every placeholder, as a `NoncedPage`. */
export function noncedPage(entry: CachedResponse, nonce: string): NoncedPage {
  let split = splitByEntry.get(entry);
  if (split === undefined) {
    split = splitPage(entry.body);
    splitByEntry.set(entry, split);
  }
  const { parts } = split;
  if (split.prefix === '' && parts.length === 1) return { head: '', tail: parts, byteLength: split.partsBytes };
  const nonceBytes = Buffer.byteLength(nonce, 'latin1');
  const tail: NonSharedBuffer[] = [];
  for (let index = 0; index < parts.length - 1; index++) {
    const part = parts[index]!;
    if (part.byteLength <= JOIN_LIMIT) {
      const joined = Buffer.allocUnsafe(part.byteLength + nonceBytes);
      part.copy(joined);
      joined.write(nonce, part.byteLength, 'latin1');
      tail.push(joined);
    } else {
      tail.push(part, Buffer.from(nonce, 'latin1'));
    }
  }
  tail.push(parts[parts.length - 1]!);
  return { head: split.prefix + nonce, tail, byteLength: split.prefixBytes + split.partsBytes + nonceBytes * parts.length };
}

// Pieces up to this size are copied to carry their nonce: one chunk fewer is worth more than the copy.
const JOIN_LIMIT = 8 * 1024;

/** A `NoncedPage` as one buffer (HEAD, tests, and anywhere the pieces cannot be written). */
export function joinNoncedPage(page: NoncedPage): NonSharedBuffer {
  if (page.head === '' && page.tail.length === 1) return page.tail[0]!;
  return Buffer.concat([Buffer.from(page.head, 'utf8'), ...page.tail], page.byteLength);
}

/** The entry with `nonce` at every placeholder, as one buffer. */
export const spliceNonce = (entry: CachedResponse, nonce: string): NonSharedBuffer => joinNoncedPage(noncedPage(entry, nonce));

function splitPage(body: NonSharedBuffer): SplitPage {
  const all = splitAt(body, PLACEHOLDER_BYTES);
  if (all.length === 1) return { prefix: '', prefixBytes: 0, parts: all, partsBytes: body.byteLength };
  // The placeholder is ASCII, so the bytes before it end on a whole UTF-8 character.
  const first = all[0]!;
  const parts = all.slice(1);
  let partsBytes = 0;
  for (const part of parts) partsBytes += part.byteLength;
  return { prefix: first.toString('utf8'), prefixBytes: first.byteLength, parts, partsBytes };
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
