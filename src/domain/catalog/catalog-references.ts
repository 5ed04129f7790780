import { listValues, type CatalogEntry, type CatalogType } from './catalog.js';

export type EntryReferenceCandidate = Pick<CatalogEntry, 'id' | 'externalId' | 'name' | 'aliases'>;

export type EntryReferenceResult =
  { ok: true; id: string } | { ok: false; reason: 'not_found' } | { ok: false; reason: 'ambiguous'; ids: string[] };

/**
 * Resolves a reference written as an id, an external id, a name or an alias, in that order of
 * precedence; names and aliases compare case-insensitively. The first kind of key that matches
 * decides: one match resolves, several are ambiguous (never a guess).
 *
 * @example resolveEntryReference(regions, 'eu') // { ok: true, id: 'r1' } via the alias "EU"
 */
export function resolveEntryReference(candidates: readonly EntryReferenceCandidate[], ref: string): EntryReferenceResult {
  const folded = ref.toLowerCase();
  const tiers: ((c: EntryReferenceCandidate) => boolean)[] = [
    (c) => c.id === ref,
    (c) => c.externalId === ref,
    (c) => c.name.toLowerCase() === folded,
    (c) => c.aliases.some((alias) => alias.toLowerCase() === folded),
  ];
  for (const matches of tiers) {
    const ids = [...new Set(candidates.filter(matches).map((c) => c.id))];
    const [only] = ids;
    if (ids.length === 1 && only !== undefined) return { ok: true, id: only };
    if (ids.length > 1) return { ok: false, reason: 'ambiguous', ids };
  }
  return { ok: false, reason: 'not_found' };
}

/** The entries (and attributes) that refer to `entryId`: what deleting that entry would leave dangling. */
export function findReferencesToEntry(
  entryId: string,
  types: readonly CatalogType[],
  entries: readonly CatalogEntry[],
): { entryId: string; attributeId: string }[] {
  const referring: { entryId: string; attributeId: string }[] = [];
  const typesById = new Map(types.map((t) => [t.id, t]));
  for (const entry of entries) {
    if (entry.id === entryId) continue;
    for (const attribute of typesById.get(entry.typeId)?.attributes ?? []) {
      if (attribute.kind === 'entry' && listValues(entry.values[attribute.id]).includes(entryId)) {
        referring.push({ entryId: entry.id, attributeId: attribute.id });
      }
    }
  }
  return referring;
}
