import type { Feed } from './feed-entries.js';
import { xmlText } from './xml-text.js';

/** `feed` as an RSS 2.0 document; `selfUrl` is where it is read (an `atom:link`, as validators ask). */
export function rssFeed(feed: Feed, selfUrl: string): string {
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${xmlText(feed.title)}</title>`,
    `<link>${xmlText(feed.pageUrl)}</link>`,
    `<description>${xmlText(`Incidents and maintenance on ${feed.title}`)}</description>`,
    `<atom:link rel="self" type="application/rss+xml" href="${xmlText(selfUrl)}"/>`,
    `<lastBuildDate>${feed.updated.toUTCString()}</lastBuildDate>`,
    '<generator>Beacon</generator>',
  ];
  for (const entry of feed.entries) {
    out.push(
      '<item>',
      `<title>${xmlText(entry.title)}</title>`,
      `<link>${xmlText(entry.url)}</link>`,
      `<guid isPermaLink="false">${xmlText(entry.id)}</guid>`,
      `<pubDate>${entry.updated.toUTCString()}</pubDate>`,
      ...entry.components.map((name) => `<category>${xmlText(name)}</category>`),
      `<description>${xmlText(entry.text)}</description>`,
      '</item>',
    );
  }
  out.push('</channel>', '</rss>', '');
  return out.join('\n');
}
