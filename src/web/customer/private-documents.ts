import type { Context } from 'hono';
import type { CachedResponse, SendOptions } from '../render-cache.js';
import { sendCached } from '../send-cached.js';

/** HDR-3..8 on a customer page's documents (read API, feeds): stored by no cache, varying by cookie. No CORS. */
const PRIVATE_DOCUMENT: SendOptions = { cacheControl: 'no-store', vary: 'Cookie' };
/** Never indexed, and the URL (a capability) never a referrer. */
const PRIVATE_EXTRA: Readonly<Record<string, string>> = { 'X-Robots-Tag': 'noindex', 'Referrer-Policy': 'no-referrer' };

/** The headers of a customer document's problem answers (401, 404, 405): the same rules. */
export const PRIVATE_PROBLEM_HEADERS: Readonly<Record<string, string>> = { 'Cache-Control': 'no-store', Vary: 'Cookie', ...PRIVATE_EXTRA };

/** Sends a customer page's rendered document (its v2 JSON, a feed) with the private headers. */
export async function sendPrivateDocument(c: Context, entry: CachedResponse): Promise<Response> {
  const res = await sendCached(c, entry, PRIVATE_DOCUMENT);
  for (const name in PRIVATE_EXTRA) res.headers.set(name, PRIVATE_EXTRA[name]!);
  return res;
}
