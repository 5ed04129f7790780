import type { CatalogEntry, CatalogType } from '../../domain/catalog/catalog.js';
import { type CustomerPageRef, type SubPageSetting, subPageSettingKey } from '../../domain/snapshot.js';
import type { CatalogEntryRecord } from '../catalog/catalog-entries.js';
import type { CatalogTypeRecord } from '../catalog/catalog-types.js';
import { loadAllCatalog } from '../catalog/catalog.js';
import { type CustomerPageRecord, loadAllCustomerPages } from './customer-pages.js';
import { loadAllSubPageSettings } from './page-bindings.js';
import type { Queryable } from '../transaction.js';

export interface PageKindsSnapshotPart {
  catalogTypes: Map<string, CatalogType>;
  catalogEntries: Map<string, CatalogEntry>;
  subPageSettings: Map<string, SubPageSetting>;
  customerPages: Map<string, CustomerPageRef>;
}

/**
 * The snapshot's catalog, sub-page switches and customer pages (keyed by URL token). The snapshot
 * loader spreads it into the snapshot, inside its one read transaction.
 */
export async function loadPageKindsSnapshotPart(db: Queryable): Promise<PageKindsSnapshotPart> {
  const { types, entries } = await loadAllCatalog(db);
  const settings = await loadAllSubPageSettings(db);
  const customerPages = await loadAllCustomerPages(db);
  return pageKindsSnapshotPart(types, entries, settings, customerPages);
}

/** The part from what the loaders above answer (the snapshot reads them its own way: see snapshot-read.ts). */
export function pageKindsSnapshotPart(
  types: readonly CatalogTypeRecord[],
  entries: readonly CatalogEntryRecord[],
  settings: readonly SubPageSetting[],
  customerPages: readonly CustomerPageRecord[],
): PageKindsSnapshotPart {
  return {
    catalogTypes: new Map(types.map((type) => [type.id, type])),
    catalogEntries: new Map(entries.map((entry) => [entry.id, entry])),
    subPageSettings: new Map(settings.map((setting) => [subPageSettingKey(setting.pageId, setting.entryId), setting])),
    customerPages: new Map(
      customerPages.map((row) => [row.urlToken, { id: row.id, pageId: row.pageId, entryId: row.entryId, urlToken: row.urlToken }]),
    ),
  };
}
