import type { HeadElement } from './document-head.js';

/** What a page offers to follow it, each at `<base path>/<file>` (web/feeds, web/api/v2). */
const SUBSCRIPTIONS = [
  { file: 'feed.atom', type: 'application/atom+xml', label: 'Atom feed', title: 'incidents and maintenance (Atom)' },
  { file: 'feed.rss', type: 'application/rss+xml', label: 'RSS feed', title: 'incidents and maintenance (RSS)' },
  { file: 'maintenance.ics', type: 'text/calendar', label: 'Maintenance calendar (iCalendar)', title: 'maintenance calendar' },
  { file: 'api/v2/summary.json', type: 'application/json', label: 'JSON API summary', title: null },
] as const;

/** The `<link rel="alternate">` of each feed of the page at `basePath`, for readers that discover feeds. */
export function feedHeadLinks(pageName: string, basePath: string): HeadElement[] {
  return SUBSCRIPTIONS.flatMap(({ file, type, title }) =>
    title === null
      ? []
      : [{ tag: 'link' as const, attributes: { rel: 'alternate', type, title: `${pageName}: ${title}`, href: `${basePath}/${file}` } }],
  );
}

/** "Subscribe" in the page's header: a disclosure (no script needed) listing the feeds and the JSON API. */
export function SubscribeMenu({ basePath }: { basePath: string }) {
  return (
    <details class="subscribe">
      <summary>Subscribe</summary>
      <ul class="subscribe-menu">
        {SUBSCRIPTIONS.map(({ file, type, label }) => (
          <li>
            <a href={`${basePath}/${file}`} type={type}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
