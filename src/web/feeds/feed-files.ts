/** The feeds every page serves beside its HTML: `<page>/feed.atom`, `<page>/feed.rss`, `<page>/maintenance.ics`. */
export const FEED_FILES = {
  'feed.atom': 'application/atom+xml; charset=utf-8',
  'feed.rss': 'application/rss+xml; charset=utf-8',
  'maintenance.ics': 'text/calendar; charset=utf-8',
} as const;
export type FeedFile = keyof typeof FEED_FILES;

/** `feed.rss` from `/acme/feed.rss`; undefined when the path's last segment names no feed. */
export function feedFileOf(path: string): FeedFile | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return Object.hasOwn(FEED_FILES, name) ? (name as FeedFile) : undefined;
}
