/** The feeds every page serves beside its HTML: `<page>/feed.atom`, `<page>/feed.rss`, `<page>/maintenance.ics`. */
export const FEED_FILES = {
  'feed.atom': 'application/atom+xml; charset=utf-8',
  'feed.rss': 'application/rss+xml; charset=utf-8',
  'maintenance.ics': 'text/calendar; charset=utf-8',
} as const;
export type FeedFile = keyof typeof FEED_FILES;
