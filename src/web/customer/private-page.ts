import type { NonSharedBuffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import type { CachedResponse } from '../cached-response.js';
import type { CustomerChrome } from '../views/layout.js';
import { CUSTOMER_STYLESHEET } from './assets.js';

/**
 * How a signed-in customer page keeps both a per-request CSP nonce (HDR-1) and cached bytes:
 * the page is rendered once per (customer page, revision, clock epoch) by the public pages' layout
 * with the customer chrome, whose script nonce is a placeholder, and kept in the render cache. Each
 * request sends the cached identity bytes in pieces with its own nonce in place of the placeholder
 * (no copy of the page). The cost is no compression for these responses (they are `no-store`, so
 * there is no ETag or 304 either). See docs/customer-sessions.md.
 */

// Random per process, so no page content (all of it escaped anyway) can contain it.
const NONCE_PLACEHOLDER = `beacon-nonce-${randomBytes(12).toString('hex')}`;
const PLACEHOLDER_BYTES = Buffer.from(NONCE_PLACEHOLDER, 'latin1');

/** The chrome of a cached signed-in page at `pagePath` (`/c/<token>`): its scripts carry the placeholder. */
export const cachedPageChrome = (pagePath: string): CustomerChrome => ({
  stylesheet: CUSTOMER_STYLESHEET.path,
  signOutAction: `${pagePath}/sign-out`,
  tokensHref: `${pagePath}/tokens`,
  scriptNonce: NONCE_PLACEHOLDER,
});

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
    // A customer page is rendered as text, so its entry is one chunk; one in chunks would be joined here, once per entry.
    split = splitPage(entry.joinedBody());
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
