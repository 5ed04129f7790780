import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { BeaconError } from '../../domain/errors.js';
import type { Snapshot } from '../../domain/snapshot.js';
import type { AppDeps } from '../app-deps.js';
import { fastPathStandsIn } from '../middleware/fast-path-stand-in.js';
import { nextWithDefaultHeaders } from '../middleware/default-headers.js';
import { toProblem } from '../problem.js';
import { type Locate, PAGE_PREFIXES } from '../public/page-locators.js';
import { PUBLIC_CACHE } from '../public/routes.js';
import { type CachedResponse, type Rendered, sendCached } from '../render-cache.js';
import { viewScopeOf } from '../views/models/view-scope.js';
import { type BadgeText, badgeSvg } from './badge-svg.js';
import { componentBadgeLook, pageBadgeLook } from './badge-status.js';

/**
 * Any site may show a badge (CORS for scripts that fetch it); the SVG itself may load and run nothing,
 * and `nosniff` (baseline) keeps it an image.
 */
const BADGE_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Content-Security-Policy': "default-src 'none'",
};
const SVG_TYPE = 'image/svg+xml; charset=utf-8';
const NOT_FOUND = toProblem(new BeaconError('not_found', 'No such page, or no such component on it.'));

/**
 * Status badges of every public page and sub-page (README, "Badges and embeds"): `<page>/badge.svg`
 * (the page's overall status, labelled with its name) and `<page>/components/<id>/badge.svg` (one
 * component of that page; 404 for a component not on it), where `<page>` is `/<slug>` or
 * `/<parent>/<sub-page>`; `/badge.svg` is the default page's. Customer pages have none: `resolvePublicPage` finds no
 * customer page, and `/c/…` never reaches these routes.
 *
 * Served as the v2 documents are: rendered into the public render cache (key: the path; dropped by
 * the revision publish), sent with ETag/304 and the pages' Cache-Control, and offered to the fast
 * path, which repeats them with the same headers. Mounted before the public pages, whose `/:slug/:sub`
 * would take `/<slug>/badge.svg`.
 */
export function createBadgeRoutes(deps: AppDeps): Hono {
  const cache = deps.renderCaches.public;
  const headers: MiddlewareHandler = fastPathStandsIn((c, next) => nextWithDefaultHeaders(c, next, BADGE_HEADERS));

  function send(c: Context, snapshot: Snapshot, key: string, entry: CachedResponse): Response | Promise<Response> {
    deps.hotResponses.offerSent(c, key, { snapshot, entry, cache, options: PUBLIC_CACHE, headers: BADGE_HEADERS });
    return sendCached(c, entry, PUBLIC_CACHE);
  }
  const notFound = (c: Context): Response => {
    c.header('Cache-Control', PUBLIC_CACHE.cacheControl);
    c.header('Content-Type', 'application/problem+json');
    return c.body(JSON.stringify(NOT_FOUND), 404);
  };

  /** `componentOf`: the component a path names, or undefined for the page's own badge. */
  const serve = (locate: Locate, componentOf: (c: Context) => string | undefined) => async (c: Context) => {
    const snapshot = await deps.snapshots.fresh();
    const key = c.req.path;
    const hit = cache.lookup(snapshot, key);
    if (hit !== undefined) return send(c, snapshot, key, hit);
    const shown = locate(snapshot, deps.snapshots.pageKinds(snapshot), c);
    const componentId = componentOf(c);
    // Only a real page's own components get an entry: made-up paths cannot fill the cache.
    if (shown === null) return notFound(c);
    if (componentId !== undefined && !viewScopeOf(shown.snapshot, shown.page, deps.ctx.clock()).onPage.has(componentId)) return notFound(c);
    const render = (now: Date): Rendered => {
      const scope = viewScopeOf(shown.snapshot, shown.page, now);
      if (componentId === undefined) return svg({ label: scope.header.name, ...pageBadgeLook(scope.indicator) });
      const name = shown.snapshot.components.get(componentId)?.name ?? 'status';
      return svg({ label: name, ...componentBadgeLook(scope.statuses.get(componentId) ?? 'operational') });
    };
    return send(c, snapshot, key, await cache.fill(snapshot, key, render));
  };

  const routes = new Hono();
  for (const { prefix, locate } of PAGE_PREFIXES) {
    // No `/components/<id>/badge.svg` for the default page: it would shadow the badge of page `components`'s sub-pages.
    const paths = prefix === '' ? ['/badge.svg'] : [`${prefix}/badge.svg`, `${prefix}/components/:component/badge.svg`];
    for (const path of paths) {
      routes.use(path, headers);
      routes.get(
        path,
        serve(locate, (c) => c.req.param('component')),
      );
    }
  }
  return routes;
}

const svg = (text: BadgeText): Rendered => ({ contentType: SVG_TYPE, body: badgeSvg(text) });
