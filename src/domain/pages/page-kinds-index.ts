import type { CatalogEntry } from '../catalog/catalog.js';
import type { Page } from './page.js';
import type { CustomerPageRef, Snapshot } from '../snapshot.js';

/** Look-ups the generated page kinds need, built once per snapshot (snapshots never change once loaded). */
export interface PageKindsIndex {
  pagesBySlug: Map<string, Page>;
  /** Entries of each type in display order (rank, then name). */
  entriesByType: Map<string, CatalogEntry[]>;
  customerPagesById: Map<string, CustomerPageRef>;
  /** Derived pages already built from this snapshot, by a caller-chosen key. */
  memo: Map<string, unknown>;
}

const indexes = new WeakMap<Snapshot, PageKindsIndex>();

/** The index of `snapshot`, built on first use and kept as long as the snapshot lives. */
export function indexSnapshot(snapshot: Snapshot): PageKindsIndex {
  const known = indexes.get(snapshot);
  if (known) return known;
  const entriesByType = new Map<string, CatalogEntry[]>();
  for (const entry of snapshot.catalogEntries.values()) {
    const list = entriesByType.get(entry.typeId) ?? [];
    list.push(entry);
    entriesByType.set(entry.typeId, list);
  }
  for (const list of entriesByType.values()) list.sort(compareEntries);
  const index: PageKindsIndex = {
    pagesBySlug: new Map([...snapshot.pages.values()].map((page) => [page.slug, page])),
    entriesByType,
    customerPagesById: new Map([...snapshot.customerPages.values()].map((ref) => [ref.id, ref])),
    memo: new Map(),
  };
  indexes.set(snapshot, index);
  return index;
}

/**
 * `build()` once per snapshot and key: a customer page request resolves its page on every hit, so
 * the work is done on the first request after a reload only. Results are shared: never mutate them.
 */
export function memoize<T>(snapshot: Snapshot, key: string, build: () => T): T {
  const { memo } = indexSnapshot(snapshot);
  if (memo.has(key)) return memo.get(key) as T;
  const value = build();
  memo.set(key, value);
  return value;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const compareEntries = (a: CatalogEntry, b: CatalogEntry): number =>
  a.rank - b.rank || compareText(a.name, b.name) || compareText(a.id, b.id);
