import type { NonSharedBuffer } from 'node:buffer';
import type { Context } from 'hono';
import { type CachedResponse, type Encoding, type SendOptions, varyOf } from './cached-response.js';

export type { SendOptions } from './cached-response.js';

/**
 * Answers with a cached entry: brotli, else gzip, else identity by `Accept-Encoding`; `304 Not
 * Modified` when `If-None-Match` holds the chosen form's ETag. Header objects are prebuilt per
 * entry, so a hit allocates only the Response. A client that accepts compression, asking for a form
 * not made yet (the first such request after a render), waits while it is made (`prepare`): identity
 * bytes sent then would be kept by a CDN for the whole max-age. A client revalidating that form's
 * ETag gets its 304 without the form being made: the ETag follows from the identity bytes.
 *
 * @example
 * return sendCached(c, entry, { cacheControl: 'public, max-age=10' });
 */
export function sendCached(c: Context, entry: CachedResponse, options: SendOptions): Response | Promise<Response> {
  const encoding = pickEncoding(c.req.header('accept-encoding'));
  if (!entry.isPending(encoding)) return answer(c, entry, options, encoding);
  const revalidated = notModified(c, entry, options, encoding);
  return revalidated ?? entry.prepare(encoding).then(() => answer(c, entry, options, encoding));
}

function answer(c: Context, entry: CachedResponse, options: SendOptions, encoding: Encoding): Response {
  const variant = entry.variantsFor(options)[encoding];
  if (entry.status === 200) {
    const ifNoneMatch = c.req.header('if-none-match');
    if (ifNoneMatch !== undefined && matchesEtag(ifNoneMatch, variant.etag)) {
      return new Response(null, { status: 304, headers: variant.notModifiedHeaders });
    }
  }
  return new Response(bodyOf(variant.chunks), { status: entry.status, headers: variant.headers });
}

/** A 304 for a form not made yet, when the client already holds it (its ETag is in `If-None-Match`); else undefined. */
function notModified(c: Context, entry: CachedResponse, options: SendOptions, encoding: Encoding): Response | undefined {
  const ifNoneMatch = c.req.header('if-none-match');
  const etag = entry.etagOf(encoding);
  if (entry.status !== 200 || ifNoneMatch === undefined || !matchesEtag(ifNoneMatch, etag)) return undefined;
  // The headers the form's variant will carry (`variantsFor`); built here, as this 304 is rare.
  return new Response(null, { status: 304, headers: { ETag: etag, 'Cache-Control': options.cacheControl, Vary: varyOf(options) } });
}

/**
 * A body of chunks, not joined: one chunk as it is, several as a stream that hands them over as they
 * are. The Node adapter writes each (within one tick, so Node sends them together) after the headers,
 * which carry the Content-Length. Only the first request for a fresh entry comes this way; the fast
 * path in front of the app sends the rest.
 */
function bodyOf(chunks: readonly NonSharedBuffer[]): NonSharedBuffer | ReadableStream<Uint8Array> {
  if (chunks.length === 1) return chunks[0]!;
  return new ReadableStream<Uint8Array>({
    // Not a byte stream: that would detach (take over) the chunks' memory, which other entries share.
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

// Clients send a handful of distinct Accept-Encoding strings; parse each once.
const MAX_REMEMBERED = 256;
const pickedByHeader = new Map<string, Encoding>();

/** The best encoding the client accepts: br, then gzip (unless it ranks gzip higher), else identity. */
export function pickEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  let picked = pickedByHeader.get(acceptEncoding);
  if (picked === undefined) {
    picked = parseAcceptEncoding(acceptEncoding);
    if (pickedByHeader.size >= MAX_REMEMBERED) pickedByHeader.clear();
    pickedByHeader.set(acceptEncoding, picked);
  }
  return picked;
}

function parseAcceptEncoding(header: string): Encoding {
  let br = -1;
  let gzip = -1;
  let any = -1;
  for (const part of header.split(',')) {
    const [rawName = '', ...params] = part.split(';');
    const name = rawName.trim().toLowerCase();
    let q = 1;
    for (const param of params) {
      const match = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(param);
      if (match) q = Number(match[1]) || 0;
    }
    if (name === 'br') br = q;
    else if (name === 'gzip' || name === 'x-gzip') gzip = q;
    else if (name === '*') any = q;
  }
  // `*` stands for every coding not named.
  if (br === -1) br = Math.max(any, 0);
  if (gzip === -1) gzip = Math.max(any, 0);
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return 'identity';
}

/** RFC 9110 weak comparison of an `If-None-Match` value (`*`, one tag, or a list) with `etag`. */
export function matchesEtag(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch === etag) return true;
  if (ifNoneMatch.trim() === '*') return true;
  for (const part of ifNoneMatch.split(',')) {
    const tag = part.trim();
    if ((tag.startsWith('W/') ? tag.slice(2) : tag) === etag) return true;
  }
  return false;
}
