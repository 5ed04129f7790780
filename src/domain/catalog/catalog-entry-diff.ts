import type { CatalogEntry, CatalogEntrySource } from './catalog.js';

/** One field of an entry that a write changes; `values.<attribute id>` for attribute values. */
export interface EntryFieldChange {
  field: string;
  /** `undefined` when the field (an attribute value) was absent. */
  before: unknown;
  after: unknown;
}

/** The parts of an entry a diff looks at. */
export type DiffableEntry = Pick<CatalogEntry, 'name' | 'externalId' | 'aliases' | 'rank' | 'values'> & {
  slug: string;
  source: CatalogEntrySource;
};

/**
 * The fields that differ between two states of an entry, in a fixed order (name, external_id,
 * aliases, rank, slug, source, then attribute values in the order `after` keeps them). `before` null means the
 * entry is new: every field that holds something is reported.
 *
 * @example diffCatalogEntry(old, { ...old, rank: 2 }) // [{ field: 'rank', before: 0, after: 2 }]
 */
export function diffCatalogEntry(before: DiffableEntry | null, after: DiffableEntry): EntryFieldChange[] {
  const changes: EntryFieldChange[] = [];
  const compare = (field: string, a: unknown, b: unknown) => {
    if (!isSameValue(a, b)) changes.push({ field, before: a, after: b });
  };
  compare('name', before?.name, after.name);
  compare('external_id', before?.externalId, after.externalId);
  compare('aliases', before?.aliases ?? [], after.aliases);
  compare('rank', before?.rank, after.rank);
  compare('slug', before?.slug, after.slug);
  compare('source', before ? describeSource(before.source) : undefined, describeSource(after.source));
  // In the order the values are kept (schema order), then any the new state no longer has.
  const attributeIds = [...new Set([...Object.keys(after.values), ...Object.keys(before?.values ?? {})])];
  for (const id of attributeIds) compare(`values.${id}`, before?.values[id], after.values[id]);
  return changes.filter((change) => !(before === null && isEmpty(change.after)));
}

/** `manual` or `sync:<key>`. */
export function describeSource(source: CatalogEntrySource): string {
  return source.kind === 'manual' ? 'manual' : `sync:${source.syncKey}`;
}

/** Deep equality of JSON-like values (lists compare in order). */
export function isSameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => isSameValue(item, b[index]));
  }
  return a === b;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.length === 0);
}
