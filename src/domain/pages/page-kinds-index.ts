import type { CatalogEntry } from '../catalog/catalog.js';
import type { Page } from './page.js';
import type { CustomerPageRef, Snapshot } from '../snapshot.js';

/**
 * Look-ups the generated page kinds need, over one snapshot (snapshots never change once loaded).
 * The domain keeps none: whoever holds snapshots keeps one index per snapshot (the snapshot holder's
 * `pageKinds`, services/live-state/snapshot-holder.ts), so the work is done once per snapshot.
 */
export interface PageKindsIndex {
  /** The snapshot indexed: functions given an index read everything else from it. */
  snapshot: Snapshot;
  pagesBySlug: Map<string, Page>;
  /** Entries of each type in display order (rank, then name). */
  entriesByType: Map<string, CatalogEntry[]>;
  customerPagesById: Map<string, CustomerPageRef>;
  /** Derived pages already built from this snapshot, by a caller-chosen key; goes with the index. */
  memo: Map<string, unknown>;
}

/** A new index of `snapshot` on every call: keep it beside the snapshot rather than building it per request. */
export function buildPageKindsIndex(snapshot: Snapshot): PageKindsIndex {
  const entriesByType = new Map<string, CatalogEntry[]>();
  for (const entry of snapshot.catalogEntries.values()) {
    const list = entriesByType.get(entry.typeId) ?? [];
    list.push(entry);
    entriesByType.set(entry.typeId, list);
  }
  for (const list of entriesByType.values()) list.sort(compareEntries);
  return {
    snapshot,
    pagesBySlug: new Map([...snapshot.pages.values()].map((page) => [page.slug, page])),
    entriesByType,
    customerPagesById: new Map([...snapshot.customerPages.values()].map((ref) => [ref.id, ref])),
    memo: new Map(),
  };
}

/** The entries of one catalog type in display order, without an index (a view over a derived snapshot). */
export function entriesOfType(snapshot: Snapshot, typeId: string): CatalogEntry[] {
  return [...snapshot.catalogEntries.values()].filter((entry) => entry.typeId === typeId).sort(compareEntries);
}

/**
 * `build()` once per index and key: a customer page request resolves its page on every hit, so
 * the work is done on the first request after a reload only. Results are shared: never mutate them.
 */
export function memoize<T>(kinds: PageKindsIndex, key: string, build: () => T): T {
  const { memo } = kinds;
  if (memo.has(key)) return memo.get(key) as T;
  const value = build();
  memo.set(key, value);
  return value;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const compareEntries = (a: CatalogEntry, b: CatalogEntry): number =>
  a.rank - b.rank || compareText(a.name, b.name) || compareText(a.id, b.id);
