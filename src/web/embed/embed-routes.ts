import { Hono } from 'hono';
import { CachedResponse } from '../cached-response.js';
import { hashedAsset, routeHashedAssets } from '../hashed-assets.js';
import { nextWithDefaultHeaders } from '../middleware/default-headers.js';
import { sendCached } from '../send-cached.js';
import { WIDGET_SCRIPT } from './widget-script.js';

/** The widget at its immutable, content-hashed name, e.g. `/assets/embed-status.1a2b3c4d.js`. */
export const WIDGET = hashedAsset('embed-status', 'js', WIDGET_SCRIPT);
/** The stable address sites paste; it follows new versions within minutes. */
export const WIDGET_ENTRY = '/embed/status.js';
const ENTRY_CACHE = { cacheControl: 'public, max-age=300' };

/**
 * The status widget's script (widget-script.ts): at its hashed asset name, cached forever, and at
 * `/embed/status.js`, the same bytes cached five minutes, with a `Link` naming the hashed one (for a
 * site that pins a version with `integrity`). Before the pages, whose `/:slug/:sub` would take both.
 * Not offered to the fast path: a browser fetches it once per page view at most.
 */
export function createEmbedRoutes(): Hono {
  const routes = new Hono();
  routeHashedAssets(routes, [WIDGET]);
  const entry = new CachedResponse({ contentType: WIDGET.contentType, body: WIDGET.body }, { compress: 'now' });
  const link = { Link: `<${WIDGET.path}>; rel="canonical"` };
  routes.use(WIDGET_ENTRY, (c, next) => nextWithDefaultHeaders(c, next, link));
  routes.get(WIDGET_ENTRY, (c) => sendCached(c, entry, ENTRY_CACHE));
  return routes;
}
