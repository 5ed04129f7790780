import { type Context, Hono, type MiddlewareHandler, type Next } from 'hono';
import type { Snapshot } from '../../domain/snapshot.js';
import type { AppDeps } from '../app-deps.js';
import { nextWithDefaultHeaders } from '../middleware/default-headers.js';
import { fastPathStandsIn } from '../middleware/fast-path-stand-in.js';
import { type Locate, PAGE_PREFIXES } from '../public/page-locators.js';
import { PUBLIC_CACHE } from '../public/routes.js';
import { type CachedResponse, sendCached } from '../render-cache.js';
import { publicPageLinks } from '../api/v2/statuspage-presenters.js';
import { FEED_FILES, type FeedFile } from './feed-files.js';
import { renderFeed } from './render-feed.js';

/** Any origin may read a public page's feeds, as its v2 API. */
const CORS: Readonly<Record<string, string>> = { 'Access-Control-Allow-Origin': '*' };

/**
 * The feeds of every public page and sub-page: `<page>/feed.atom`, `<page>/feed.rss` and
 * `<page>/maintenance.ics`, the default page's also at `/feed.atom`, … (README, Feeds). Mounted before
 * the public pages, whose `/:slug` and `/:slug/:sub` would take these paths; an unknown page falls
 * through to them and gets their 404 page.
 *
 * Served as the v2 documents are: rendered from the live state into the public render cache (key:
 * the path; dropped by the revision publish), sent by `Accept-Encoding` with the ETag (304 on a match)
 * and the pages' Cache-Control, and offered to the fast path, which sends repeats with the same CORS
 * header.
 */
export function createFeedRoutes(deps: AppDeps): Hono {
  const cache = deps.renderCaches.public;
  const { publicUrl } = deps.config;
  const host = new URL(publicUrl).host;
  // The fast path sends the same header with every feed entry it answers (`HotResponse.headers`).
  const cors: MiddlewareHandler = fastPathStandsIn((c, next) => nextWithDefaultHeaders(c, next, CORS));

  const linksOf = publicPageLinks(publicUrl);

  function send(c: Context, snapshot: Snapshot, key: string, entry: CachedResponse): Response | Promise<Response> {
    deps.hotResponses.offerSent(c, key, { snapshot, entry, cache, options: PUBLIC_CACHE, headers: CORS });
    return sendCached(c, entry, PUBLIC_CACHE);
  }

  const serve = (locate: Locate, file: FeedFile) => async (c: Context, next: Next) => {
    const snapshot = await deps.snapshots.fresh();
    const key = c.req.path;
    const hit = cache.lookup(snapshot, key);
    if (hit !== undefined) return send(c, snapshot, key, hit);
    const shown = locate(snapshot, deps.snapshots.pageKinds(snapshot), c);
    if (shown === null) return next();
    const place = { selfUrl: `${publicUrl}${key}`, host };
    const entry = await cache.fill(snapshot, key, (now) => renderFeed(deps.archive, shown, file, now, linksOf, place));
    return send(c, snapshot, key, entry);
  };

  const routes = new Hono();
  for (const { prefix, locate } of PAGE_PREFIXES) {
    for (const file of Object.keys(FEED_FILES) as FeedFile[]) {
      routes.use(`${prefix}/${file}`, cors);
      routes.get(`${prefix}/${file}`, serve(locate, file));
    }
  }
  return routes;
}
