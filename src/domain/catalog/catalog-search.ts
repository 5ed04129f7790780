import { canonicaliseDomain, formatAllowlistDomain } from '../access/email-domain.js';
import { type CatalogEntry, listValues } from './catalog.js';

/** The longest search text kept per entry: enough for every name, alias and ordinary value. */
const MAX_SEARCH_TEXT = 20_000;

/**
 * What staff can find an entry by, lower-cased, one item a line: its name, external id, aliases,
 * slug and attribute values, with each international allowlist domain in its Unicode form beside
 * the stored `xn--` one (DOM-10), so `bücher` finds `xn--bcher-kva.example`. Lower-cased here,
 * not in SQL, so both engines match alike whatever their collation.
 *
 * @example catalogEntrySearchText({ name: 'Acme', … values: { domains: ['xn--bcher-kva.example'] } })
 *   // 'acme\nacme\n…\nxn--bcher-kva.example\nbücher.example'
 */
export function catalogEntrySearchText(entry: Pick<CatalogEntry, 'name' | 'externalId' | 'aliases' | 'slug' | 'values'>): string {
  const items = [entry.name, entry.externalId, ...entry.aliases, entry.slug ?? ''];
  for (const value of Object.values(entry.values)) {
    for (const item of listValues(value)) {
      if (typeof item !== 'string') {
        items.push(String(item));
        continue;
      }
      items.push(item);
      if (!item.includes('xn--')) continue;
      const domain = canonicaliseDomain(item);
      if (domain.ok) items.push(formatAllowlistDomain(domain, 'unicode'));
    }
  }
  return items
    .filter((item) => item !== '')
    .join('\n')
    .toLowerCase()
    .slice(0, MAX_SEARCH_TEXT);
}

/** A search as staff type it, in the form the search text is kept in. */
export const normaliseCatalogSearch = (query: string): string => query.normalize('NFKC').trim().toLowerCase();
