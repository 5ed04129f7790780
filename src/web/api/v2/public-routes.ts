import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type { Snapshot } from '../../../domain/snapshot.js';
import type { AppDeps } from '../../app-deps.js';
import { fastPathStandsIn } from '../../middleware/fast-path-stand-in.js';
import { nextWithDefaultHeaders } from '../../middleware/default-headers.js';
import { type Locate, PAGE_PREFIXES } from '../../public/page-locators.js';
import { PUBLIC_CACHE } from '../../public/routes.js';
import { type CachedResponse, type Render, sendCached } from '../../render-cache.js';
import { serveOpenApiDocument } from './openapi-document.js';
import { renderStatuspageDocument } from './render-document.js';
import { endpointOf } from './statuspage-documents.js';
import { V2_METHOD_NOT_ALLOWED, V2_NOT_FOUND, sendV2Problem } from './statuspage-problems.js';
import { publicPageLinks } from './statuspage-presenters.js';

/** Any origin may read a public page's API (widgets on other sites). */
const CORS: Readonly<Record<string, string>> = { 'Access-Control-Allow-Origin': '*' };
const PROBLEM_HEADERS: Readonly<Record<string, string>> = { 'Cache-Control': PUBLIC_CACHE.cacheControl };

const PREFIXES = PAGE_PREFIXES.map(({ prefix, locate }) => ({ prefix: `${prefix}/api/v2`, locate }));

/**
 * The Statuspage-compatible read API of every public page and sub-page (docs/statuspage-v2.md): at
 * `/api/v2/` (the default page), `/<page>/api/v2/` and `/<parent>/<sub-page>/api/v2/`, and the
 * OpenAPI document at `/api/v2/openapi.json`. Mounted before the public pages, whose `/:slug/:sub/…`
 * would take these paths.
 *
 * Served as the HTML pages are: each document is rendered from the live state into the public render
 * cache (key: the path; dropped by the same revision publish), sent by `Accept-Encoding` with its ETag
 * (304 on a match) and the pages' Cache-Control, and offered to the fast path, which sends the repeats
 * with the same CORS header.
 */
export function createStatuspageRoutes(deps: AppDeps): Hono {
  const cache = deps.renderCaches.public;
  const { publicUrl } = deps.config;
  // The fast path sends the same header with every v2 entry it answers (`HotResponse.headers`).
  const cors: MiddlewareHandler = fastPathStandsIn((c, next) => nextWithDefaultHeaders(c, next, CORS));
  const linksOf = publicPageLinks(publicUrl);

  function send(c: Context, snapshot: Snapshot, key: string, entry: CachedResponse): Response | Promise<Response> {
    deps.hotResponses.offerSent(c, key, { snapshot, entry, cache, options: PUBLIC_CACHE, headers: CORS });
    return sendCached(c, entry, PUBLIC_CACHE);
  }

  const serve = (locate: Locate) => async (c: Context) => {
    const endpoint = endpointOf(c.req.path);
    if (endpoint === undefined) return sendV2Problem(c, V2_NOT_FOUND, PROBLEM_HEADERS);
    const snapshot = await deps.snapshots.fresh();
    const key = c.req.path;
    const hit = cache.lookup(snapshot, key);
    if (hit !== undefined) return send(c, snapshot, key, hit);
    const shown = locate(snapshot, deps.snapshots.pageKinds(snapshot), c);
    if (shown === null) return sendV2Problem(c, V2_NOT_FOUND, PROBLEM_HEADERS);
    const render: Render = (now) => renderStatuspageDocument(deps.archive, shown, endpoint, now, linksOf);
    return send(c, snapshot, key, await cache.fill(snapshot, key, render));
  };

  const routes = new Hono();
  for (const { prefix } of PREFIXES) routes.use(`${prefix}/*`, cors);
  serveOpenApiDocument(routes, deps.config.publicUrl);
  for (const { prefix, locate } of PREFIXES) routes.get(`${prefix}/*`, serve(locate));
  // Other methods (HEAD is GET's): 405 on a path that names an endpoint, else the same 404.
  for (const { prefix } of PREFIXES) {
    routes.all(`${prefix}/*`, (c) =>
      endpointOf(c.req.path) !== undefined || c.req.path === '/api/v2/openapi.json'
        ? sendV2Problem(c, V2_METHOD_NOT_ALLOWED, PROBLEM_HEADERS)
        : sendV2Problem(c, V2_NOT_FOUND, PROBLEM_HEADERS),
    );
  }
  return routes;
}
