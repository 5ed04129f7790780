import type { Context, Hono } from 'hono';
import { V2_SIGNED_OUT, sendV2Problem } from '../api/v2/statuspage-problems.js';
import { FEED_FILES, type FeedFile } from '../feeds/feed-files.js';
import { renderFeed } from '../feeds/render-feed.js';
import { customerPageLinks } from '../../services/statuspage/statuspage-presenters.js';
import type { RouteKit } from './route-kit.js';
import { PRIVATE_PROBLEM_HEADERS, sendPrivateDocument } from './private-documents.js';
import { signedInViewer } from './viewer.js';

/**
 * A customer page's feeds at `/c/<token>/feed.atom`, `/feed.rss` and `/maintenance.ics`: the public
 * feeds' documents, for the signed-in viewer only, the session checked on every request by the one
 * check the HTML page and the read API use (`signedInViewer`, SES-4). Without one: 401 problem+json;
 * an unknown token: the shared 404. Rendered once per (customer page, revision, clock epoch) into the
 * customer render cache; never offered to the fast path.
 */
export function routeCustomerFeeds(routes: Hono, kit: RouteKit): void {
  const cache = kit.deps.renderCaches.customer;
  const { publicUrl } = kit;
  const host = new URL(publicUrl).host;

  for (const file of Object.keys(FEED_FILES) as FeedFile[]) {
    routes.get(`/c/:token/${file}`, async (c: Context) => {
      const located = await kit.locate(c);
      if (!located) return kit.notFound(c);
      if (!(await signedInViewer(kit, c, located))) return sendV2Problem(c, V2_SIGNED_OUT, PRIVATE_PROBLEM_HEADERS);

      const key = `${located.page.customerPage.id}\0feed\0${file}`;
      const links = customerPageLinks(publicUrl, located.path);
      const place = { selfUrl: `${publicUrl}${located.path}/${file}`, host };
      const entry =
        cache.lookup(located.snapshot, key) ??
        (await cache.fill(located.snapshot, key, (now) => renderFeed(kit.deps.archive, located.page, file, now, () => links, place)));
      return sendPrivateDocument(c, entry);
    });
  }
}
