import { type Context, Hono } from 'hono';
import type { DerivedPage } from '../../domain/pages/derived-page.js';
import type { Page } from '../../domain/pages/page.js';
import { isPageHistoryMonth } from '../../domain/history/history-range.js';
import { resolvePublicPage } from '../../domain/pages/public-page.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { resolveSubPage } from '../../domain/pages/sub-pages.js';
import { monthKey } from '../../domain/time-zone.js';
import type { AppDeps } from '../app-deps.js';
import { MonthParam, isHistoryMonth } from '../history-months.js';
import { type CachedResponse, type Render, type RenderCache, type Rendered, type SendOptions, sendCached } from '../render-cache.js';
import { routeHashedAssets } from '../hashed-assets.js';
import { routeBrandAssets } from './brand-routes.js';
import { PUBLIC_ASSETS, type RenderOptions, renderHistoryPageOf, renderIncidentPage, renderNotFoundPage } from './render.js';
import { defaultPageOf } from '../views/models/default-page-of.js';
import { siteNameOf } from './site-name.js';
import { StatusPageRenderer } from './status-page-renderer.js';
import { timeZones } from '../time-zones.js';

const HTML = 'text/html; charset=utf-8';
/** Short enough that readers see news within seconds; long enough that a CDN absorbs a flood. */
export const PUBLIC_CACHE: SendOptions = {
  cacheControl: 'public, max-age=10, stale-while-revalidate=30, stale-if-error=86400',
};
// One shared entry for every unknown page or incident, so made-up URLs cannot fill the cache.
const NOT_FOUND_KEY = '\0not-found';

export interface PublicRoutesOptions {
  /** Shared with other routers, or inspected by tests. */
  cache?: RenderCache;
}

/**
 * The public pages, each rendered from the snapshot once per (revision, clock epoch) and then served
 * as cached bytes: `/` (the default page), `/:slug`, `/:slug/incidents/:id`, `/:slug/history`
 * (`?month=YYYY-MM`), the same three under a parent page's sub-pages (`/:slug/:sub/…`), and the
 * content-hashed assets under `/assets/`. HEAD is answered by Hono from GET.
 *
 * A parent page shows the union of its enabled sub-pages; a customer page set is never served here
 * (its pages live at `/c/<token>`). `/:slug/incidents/:id` and `/:slug/history` are registered before
 * `/:slug/:sub` and win; entry slugs can never be `incidents` or `history` (both are reserved slugs).
 */
export function createPublicRoutes(deps: AppDeps, options: PublicRoutesOptions = {}): Hono {
  const cache = options.cache ?? deps.renderCaches.public;
  const renderOptions: RenderOptions = { publicUrl: deps.config.publicUrl };
  const notFoundOf = (snapshot: Snapshot) => (): Rendered => ({
    status: 404,
    contentType: HTML,
    body: renderNotFoundPage(renderOptions, siteNameOf(snapshot)),
  });
  const statusPages = new StatusPageRenderer(deps.config.caches.statusPageRows);
  // A renderer's null means "not on this page": the 404 page, under the URL's own key.
  const htmlOf =
    (snapshot: Snapshot) =>
    (body: string | null): Rendered =>
      body === null ? notFoundOf(snapshot)() : { contentType: HTML, body };
  const findPage = createPageFinder();

  /** Chooses what to render for a request on a cache miss; undefined means the shared 404 page. */
  type Pick = (snapshot: Snapshot, c: Context) => Render | undefined | Promise<Render | undefined>;
  /** The page a request's path names, ready to render; null when there is none (404). */
  type Locate = (snapshot: Snapshot, c: Context) => DerivedPage | null;

  /** The hot path: a current entry is sent without rendering, parsing or allocating beyond the response. */
  async function respond(c: Context, key: string, pick: Pick): Promise<Response> {
    const snapshot = await deps.snapshots.fresh();
    const hit = cache.lookup(snapshot, key);
    if (hit !== undefined) return send(c, snapshot, key, hit);
    const render = await pick(snapshot, c);
    const entry = render ? await cache.fill(snapshot, key, render) : await cache.fill(snapshot, NOT_FOUND_KEY, notFoundOf(snapshot));
    return send(c, snapshot, key, entry);
  }

  /** Sends an entry, offering it to the fast path in front of the app, which serves it while it is current. */
  function send(c: Context, snapshot: Snapshot, key: string, entry: CachedResponse): Response | Promise<Response> {
    deps.hotResponses.offerSent(c, key, { snapshot, entry, cache, options: PUBLIC_CACHE });
    return sendCached(c, entry, PUBLIC_CACHE);
  }

  const locatePage: Locate = (snapshot, c) => {
    const page = findPage(snapshot, c.req.path === '/' ? undefined : c.req.param('slug'));
    return page ? resolvePublicPage(deps.snapshots.pageKinds(snapshot), page) : null;
  };
  const locateSubPage: Locate = (snapshot, c) => {
    const parentSlug = c.req.param('slug');
    const subSlug = c.req.param('sub');
    return parentSlug === undefined || subSlug === undefined
      ? null
      : resolveSubPage(deps.snapshots.pageKinds(snapshot), parentSlug, subSlug);
  };

  const pickNothing: Pick = () => undefined;
  const pickStatusPage =
    (locate: Locate): Pick =>
    (snapshot, c) => {
      const shown = locate(snapshot, c);
      return shown
        ? (now) => ({ contentType: HTML, body: statusPages.render(shown.snapshot, shown.page, now, renderOptions), bodyIsOwned: true })
        : undefined;
    };
  const pickIncidentPage =
    (locate: Locate): Pick =>
    async (snapshot, c) => {
      const shown = locate(snapshot, c);
      const id = c.req.param('id');
      // Only real incidents get an entry of their own; made-up ids share the 404 entry.
      const incident = shown && id !== undefined ? await deps.archive.findIncident(snapshot, id) : null;
      if (!shown || incident === null) return undefined;
      return (now) => htmlOf(snapshot)(renderIncidentPage(shown.snapshot, shown.page, incident, now, renderOptions));
    };
  const pickHistoryPage =
    (locate: Locate): Pick =>
    (snapshot, c) => {
      const shown = locate(snapshot, c);
      if (!shown) return undefined;
      const month = c.req.query('month');
      // A month outside this page's history shares the 404 entry instead of getting one of its own.
      if (
        month !== undefined &&
        !isPageHistoryMonth(shown.snapshot, shown.page, month, deps.ctx.clock(), timeZones, deps.archive.historyStarts(shown.snapshot))
      )
        return undefined;
      // Without ?month: the page's current month, which moves only at a day roll-over (a clock horizon).
      return async (now) =>
        htmlOf(snapshot)(
          await renderHistoryPageOf(deps.archive, shown, month ?? monthKey(now, shown.page.timeZone, timeZones), now, renderOptions),
        );
    };
  /** `?month=` must be a month that can hold history, else the shared 404; each month is its own cache entry. */
  const serveHistory = (locate: Locate) => {
    const pick = pickHistoryPage(locate);
    return async (c: Context): Promise<Response> => {
      const month = c.req.query('month');
      if (month === undefined) return respond(c, c.req.path, pick);
      const isMonth = MonthParam.safeParse(month).success && isHistoryMonth(await deps.snapshots.fresh(), month, deps.ctx.clock());
      if (!isMonth) return respond(c, NOT_FOUND_KEY, pickNothing);
      return respond(c, `${c.req.path}?month=${month}`, pick);
    };
  };

  const routes = new Hono();
  routeHashedAssets(routes, PUBLIC_ASSETS);
  routeBrandAssets(routes, deps, (c) => respond(c, NOT_FOUND_KEY, pickNothing));
  // Any other asset name: the 404 page, before `/:slug/:sub` would take it for a sub-page.
  routes.get('/assets/*', (c) => respond(c, NOT_FOUND_KEY, pickNothing));
  const page = { status: pickStatusPage(locatePage), incident: pickIncidentPage(locatePage) };
  const subPage = { status: pickStatusPage(locateSubPage), incident: pickIncidentPage(locateSubPage) };
  routes.get('/', (c) => respond(c, '/', page.status));
  routes.get('/:slug', (c) => respond(c, c.req.path, page.status));
  routes.get('/:slug/incidents/:id', (c) => respond(c, c.req.path, page.incident));
  routes.get('/:slug/history', serveHistory(locatePage));
  // Sub-pages come after, so that `/:slug/incidents/:id` and `/:slug/history` win over them.
  routes.get('/:slug/:sub', (c) => respond(c, c.req.path, subPage.status));
  routes.get('/:slug/:sub/incidents/:id', (c) => respond(c, c.req.path, subPage.incident));
  routes.get('/:slug/:sub/history', serveHistory(locateSubPage));
  // Any other path or method: the same 404 page (never the framework's text/plain one). Not offered
  // to the fast path: a made-up path is not worth a hot entry.
  routes.all('*', async (c) => {
    const snapshot = await deps.snapshots.fresh();
    return sendCached(c, await cache.fill(snapshot, NOT_FOUND_KEY, notFoundOf(snapshot)), PUBLIC_CACHE);
  });

  return routes;
}

/** Finds a page by slug (or the default page) through an index built once per snapshot. */
function createPageFinder(): (snapshot: Snapshot, slug: string | undefined) => Page | undefined {
  let indexed: Snapshot | undefined;
  let bySlug = new Map<string, Page>();
  return (snapshot, slug) => {
    if (slug === undefined) return defaultPageOf(snapshot);
    if (snapshot !== indexed) {
      indexed = snapshot;
      bySlug = new Map();
      for (const page of snapshot.pages.values()) bySlug.set(page.slug, page);
    }
    return bySlug.get(slug);
  };
}
