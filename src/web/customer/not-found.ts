import type { Context } from 'hono';
import { CachedResponse } from '../cached-response.js';
import { PUBLIC_CACHE } from '../public/routes.js';
import { renderNotFoundPage } from '../public/render.js';
import { sendCached } from '../send-cached.js';

/**
 * The public 404, byte for byte and header for header: an unknown or rotated token must look
 * exactly like any other missing page (issue 4 item 2), so nothing tells a customer URL apart.
 */
export function createSharedNotFound(publicUrl: string): (c: Context) => Response | Promise<Response> {
  let entry: CachedResponse | undefined;
  return (c) => {
    entry ??= new CachedResponse({ status: 404, contentType: 'text/html; charset=utf-8', body: renderNotFoundPage({ publicUrl }) });
    return sendCached(c, entry, PUBLIC_CACHE);
  };
}
