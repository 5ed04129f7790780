import { notFound } from '../../domain/errors.js';
import { type CatalogEntryRecord, findCatalogEntry } from '../../store/catalog/catalog-entries.js';
import { type CatalogTypeRecord, findCatalogType } from '../../store/catalog/catalog-types.js';
import { loadAllCatalog } from '../../store/catalog/catalog.js';
import { loadAllComponents } from '../../store/status/components.js';
import type { Queryable } from '../../store/transaction.js';
import type { CatalogState } from './catalog-entry-batch.js';
import { isPlausibleId } from '../status/component-refs.js';

/** The whole catalog and every component, read in the caller's transaction to check a write against. */
export async function loadCatalogState(db: Queryable): Promise<CatalogState> {
  const { types, entries } = await loadAllCatalog(db);
  const components = await loadAllComponents(db, { withArchived: true });
  return { types, entries, components };
}

export async function requireCatalogType(db: Queryable, id: string): Promise<CatalogTypeRecord> {
  const type = isPlausibleId(id) ? await findCatalogType(db, id) : null;
  if (!type) throw notFound('Catalog type', id);
  return type;
}

export async function requireCatalogEntry(db: Queryable, id: string): Promise<CatalogEntryRecord> {
  const entry = isPlausibleId(id) ? await findCatalogEntry(db, id) : null;
  if (!entry) throw notFound('Catalog entry', id);
  return entry;
}
