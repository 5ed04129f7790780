import { type CatalogAttribute, listValues } from '../../domain/catalog/catalog.js';
import {
  type CatalogEntryRecord,
  type CatalogEntrySearch,
  countCatalogEntriesByType,
  findCatalogEntriesByIds,
  searchCatalogEntriesOfType,
} from '../../store/catalog/catalog-entries.js';
import { type CatalogTypeRecord, loadAllCatalogTypes } from '../../store/catalog/catalog-types.js';
import { findComponentListings } from '../../store/status/components.js';
import type { ServiceContext } from '../context.js';
import { requireCatalogType } from './catalog-state.js';

/** The longest page of entries a caller may ask for. */
const MAX_PAGE_SIZE = 200;

/** Every type, by name, with how many entries each has. */
export async function listCatalogTypesWithCounts(ctx: ServiceContext): Promise<{ type: CatalogTypeRecord; entries: number }[]> {
  const db = ctx.database.db;
  const [types, counts] = [await loadAllCatalogTypes(db), await countCatalogEntriesByType(db)];
  return types.map((type) => ({ type, entries: counts.get(type.id) ?? 0 }));
}

/**
 * A page of a type's entries matching `search` (name, external id, alias, slug or any value; an
 * international domain by either form), in display order, and how many match in all. Searched
 * and paged in the store.
 */
export async function searchCatalogEntries(
  ctx: ServiceContext,
  typeId: string,
  query: CatalogEntrySearch,
): Promise<{ type: CatalogTypeRecord; entries: CatalogEntryRecord[]; total: number }> {
  const type = await requireCatalogType(ctx.database.db, typeId);
  const limit = Math.min(Math.max(1, Math.trunc(query.limit)), MAX_PAGE_SIZE);
  const offset = Math.max(0, Math.trunc(query.offset));
  const found = await searchCatalogEntriesOfType(ctx.database.db, typeId, { ...query, limit, offset });
  return { type, ...found };
}

/**
 * The names of what an entry's reference values point at (entries and components by id), for
 * showing them as people wrote them. A reference to something gone is absent.
 */
export async function nameReferences(
  ctx: ServiceContext,
  attributes: readonly CatalogAttribute[],
  entries: readonly Pick<CatalogEntryRecord, 'values'>[],
): Promise<Map<string, string>> {
  const ids = (kind: CatalogAttribute['kind']) =>
    attributes
      .filter((a) => a.kind === kind)
      .flatMap((a) => entries.flatMap((e) => listValues(e.values[a.id])))
      .filter((value): value is string => typeof value === 'string');
  const names = new Map<string, string>();
  const entryIds = [...new Set(ids('entry'))];
  for (const entry of await findCatalogEntriesByIds(ctx.database.db, entryIds)) names.set(entry.id, entry.name);
  // Only the components named: a page of entries names a few, the organisation may have hundreds.
  for (const component of (await findComponentListings(ctx.database.db, ids('component'))).values())
    if (component.archivedAt === null) names.set(component.id, component.name);
  return names;
}
