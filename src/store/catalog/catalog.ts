import { type CatalogEntryRecord, loadAllCatalogEntries } from './catalog-entries.js';
import { type CatalogTypeRecord, loadAllCatalogTypes } from './catalog-types.js';
import type { Queryable } from '../transaction.js';

export interface CatalogData {
  types: CatalogTypeRecord[];
  entries: CatalogEntryRecord[];
}

/**
 * The whole catalog: every type and every entry (in display order within each type). The snapshot
 * loader calls it inside its read transaction; services call it to validate references in bulk.
 */
export async function loadAllCatalog(db: Queryable): Promise<CatalogData> {
  const types = await loadAllCatalogTypes(db);
  const entries = await loadAllCatalogEntries(db);
  return { types, entries };
}
