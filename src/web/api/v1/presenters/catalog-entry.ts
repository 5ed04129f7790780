import type { CatalogEntryRecord } from '../../../../services/catalog/catalog-entries.js';
import type { CatalogEntryBody } from '../catalog/catalog-entries-schema.js';

export const presentCatalogEntry = (entry: CatalogEntryRecord): CatalogEntryBody => ({
  id: entry.id,
  type_id: entry.typeId,
  name: entry.name,
  external_id: entry.externalId,
  aliases: [...entry.aliases],
  rank: entry.rank,
  slug: entry.slug,
  values: { ...entry.values },
  source: entry.source.kind,
  sync_key: entry.source.kind === 'sync' ? entry.source.syncKey : null,
  created_at: entry.createdAt.toISOString(),
  updated_at: entry.updatedAt.toISOString(),
});
