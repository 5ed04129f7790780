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

/** Where a page's own ways to follow it lead: its email form, and (public pages only) its webhook form. */
export interface SubscribeLinks {
  email: string;
  webhook: string | null;
}

/**
 * The subscription links of a page: a public page's or sub-page's forms under `/subscriptions/`, named
 * by its scope key; a customer page's email form under its own path, behind its sign-in (SUB-4).
 */
export function subscribeLinksOf(page: { basePath: string; subscriptionScope: string }, customer: boolean): SubscribeLinks {
  if (customer) return { email: `${page.basePath}/subscribe`, webhook: null };
  const query = `?scope=${encodeURIComponent(page.subscriptionScope)}`;
  return { email: `/subscriptions/email${query}`, webhook: `/subscriptions/webhook${query}` };
}

/** "Subscribe" in the page's header: a disclosure (no script needed) listing the feeds, the JSON API, email updates and webhooks. */
export function SubscribeMenu({ basePath, links }: { basePath: string; links: SubscribeLinks }) {
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
        <li>
          <a href={links.email}>Get email updates</a>
        </li>
        {links.webhook !== null && (
          <li>
            <a href={links.webhook}>Webhook</a>
          </li>
        )}
      </ul>
    </details>
  );
}
