import type { Feed } from './feed-entries.js';
import { xmlText } from './xml-text.js';

/** `feed` as an Atom 1.0 document (RFC 4287); `selfUrl` is where it is read. Entries carry their text as plain `text` content. */
export function atomFeed(feed: Feed, selfUrl: string): string {
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${xmlText(feed.id)}</id>`,
    `<title>${xmlText(feed.title)}</title>`,
    `<updated>${feed.updated.toISOString()}</updated>`,
    `<link rel="alternate" type="text/html" href="${xmlText(feed.pageUrl)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${xmlText(selfUrl)}"/>`,
    `<author><name>${xmlText(feed.title)}</name><uri>${xmlText(feed.pageUrl)}</uri></author>`,
    '<generator>Beacon</generator>',
  ];
  for (const entry of feed.entries) {
    out.push(
      '<entry>',
      `<id>${xmlText(entry.id)}</id>`,
      `<title>${xmlText(entry.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${xmlText(entry.url)}"/>`,
      `<published>${entry.published.toISOString()}</published>`,
      `<updated>${entry.updated.toISOString()}</updated>`,
      ...entry.components.map((name) => `<category term="${xmlText(name)}"/>`),
      `<content type="text">${xmlText(entry.text)}</content>`,
      '</entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}
