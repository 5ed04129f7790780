import type { DerivedPage } from '../../domain/pages/derived-page.js';
import type { IncidentArchive } from '../../services/live-state/incident-archive.js';
import type { PageLinks } from '../../services/statuspage/statuspage-presenters.js';
import { presentShownPage } from '../api/v2/statuspage-presenters.js';
import type { Rendered } from '../cached-response.js';
import type { ViewScope } from '../views/models/view-scope.js';
import { atomFeed } from './atom-feed.js';
import { buildFeed } from './feed-entries.js';
import { FEED_FILES, type FeedFile } from './feed-files.js';
import { maintenanceCalendar } from './maintenance-calendar.js';
import { rssFeed } from './rss-feed.js';

/** Where a feed is read. */
export interface FeedPlace {
  /** The feed's own absolute URL. */
  selfUrl: string;
  /** PUBLIC_URL's host, which scopes the feeds' ids. */
  host: string;
}

/**
 * One feed of `shown` at `now`, as the render caches keep it: built from the v2 API's presenters, so
 * the feeds list what `incidents.json` and `scheduled-maintenances.json` list (and the calendar the
 * windows of the live state, cancelled ones included).
 */
export async function renderFeed(
  archive: IncidentArchive,
  shown: DerivedPage,
  file: FeedFile,
  now: Date,
  linksOf: (scope: ViewScope) => PageLinks,
  place: FeedPlace,
): Promise<Rendered> {
  const page = presentShownPage(shown, now, linksOf);
  const contentType = FEED_FILES[file];
  if (file === 'maintenance.ics') {
    const { scope } = page;
    const context = { pageName: page.page.name, pageUrl: page.page.url, host: place.host, names: scope.names, now };
    return { contentType, body: maintenanceCalendar(scope.maintenances, context) };
  }
  const { componentIds } = page.scope;
  const feed = await buildFeed(
    page,
    {
      incidents: (limit) => archive.recentIncidentsOn(shown.snapshot, componentIds, limit),
      maintenances: (limit) => archive.recentMaintenancesOn(shown.snapshot, componentIds, limit),
    },
    place.host,
    shown.page.createdAt,
  );
  return { contentType, body: file === 'feed.atom' ? atomFeed(feed, place.selfUrl) : rssFeed(feed, place.selfUrl) };
}
