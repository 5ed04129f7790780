import type { Context } from 'hono';
import type { SnapshotSource } from '../../services/live-state/snapshot-source.js';
import { CachedResponse } from '../cached-response.js';
import { PUBLIC_CACHE } from '../public/routes.js';
import { renderNotFoundPage } from '../public/render.js';
import { siteNameOf } from '../public/site-name.js';
import { sendCached } from '../send-cached.js';

/**
 * The public 404, byte for byte and header for header: an unknown or rotated token must look
 * exactly like any other missing page, so nothing tells a customer URL apart.
 * Rendered again only when the site's name changes.
 */
export function createSharedNotFound(publicUrl: string, snapshots: SnapshotSource): (c: Context) => Promise<Response> {
  let entry: CachedResponse | undefined;
  let entryName: string | undefined;
  return async (c) => {
    const siteName = siteNameOf(await snapshots.fresh());
    if (entry === undefined || entryName !== siteName) {
      entry = new CachedResponse(
        {
          status: 404,
          contentType: 'text/html; charset=utf-8',
          body: renderNotFoundPage({ publicUrl }, siteName),
        },
        { compress: 'now' },
      ); // small, and kept until the site's name changes: never left to a queue that may drop it
      entryName = siteName;
    }
    return sendCached(c, entry, PUBLIC_CACHE);
  };
}
