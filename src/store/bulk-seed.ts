import type { InsertObject } from 'kysely';
import type { Component, Group } from '../domain/status/component.js';
import type { Incident } from '../domain/status/incident.js';
import type { Maintenance } from '../domain/status/maintenance.js';
import type { Page } from '../domain/pages/page.js';
import { type Capabilities, capabilitiesOf } from './capabilities.js';
import { type CatalogEntryRecord, toCatalogEntryRow, toCatalogEntrySearchRow } from './catalog/catalog-entries.js';
import { type CatalogTypeRecord, toCatalogTypeRow } from './catalog/catalog-types.js';
import { toComponentRow } from './status/components.js';
import { type CustomerPageRecord, toCustomerPageRow } from './pages/customer-pages.js';
import { toGroupMemberRows, toGroupRow } from './status/groups.js';
import { toImpactRows, toIncidentRow, toUpdateRow } from './status/incidents.js';
import { toMaintenanceComponentRows, toMaintenanceRow, toMaintenanceUpdateRow } from './status/maintenances.js';
import { toPageItemRow, toPageRow } from './pages/pages.js';
import type { Tables } from './tables.js';
import type { Tx } from './transaction.js';

/** A whole organisation, as domain values, to be written at once. */
export interface BulkSeed {
  components: readonly Component[];
  groups: readonly Group[];
  catalogTypes: readonly CatalogTypeRecord[];
  catalogEntries: readonly CatalogEntryRecord[];
  pages: readonly Page[];
  customerPages: readonly CustomerPageRecord[];
  incidents: readonly Incident[];
  maintenances: readonly Maintenance[];
}

/** How many rows went into each table. */
export type BulkSeedCounts = Partial<Record<keyof Tables, number>>;

/**
 * Inserts everything in `seed` in the transaction, each table as multi-row INSERTs binding as many
 * parameters per statement as the engine allows: tens of thousands of incidents in seconds, where
 * one statement per row costs a round-trip each on PostgreSQL. The rows come from the same
 * functions the single-row inserts use (incidents with their span), so they stay right as the
 * schema grows. Nothing is validated: the caller hands in consistent values (for seeding, e.g. the
 * scale bench). Parents go before children, so foreign keys hold at every statement. `limits` is the
 * engine's own unless a test asks for a smaller one.
 *
 * @example await writeTransaction(database, (tx) => insertBulkSeed(tx, seed))
 */
export async function insertBulkSeed(
  tx: Tx,
  seed: BulkSeed,
  limits: Pick<Capabilities, 'maxBindParameters'> = capabilitiesOf(tx),
): Promise<BulkSeedCounts> {
  const counts: BulkSeedCounts = {};
  const insert = async <T extends keyof Tables & string>(table: T, rows: readonly InsertObject<Tables, T>[]) => {
    counts[table] = rows.length;
    await insertRows(tx, limits.maxBindParameters, table, rows);
  };
  await insert('components', seed.components.map(toComponentRow));
  await insert('component_groups', seed.groups.map(toGroupRow));
  await insert(
    'component_group_members',
    seed.groups.flatMap((group) => toGroupMemberRows(group.id, group.componentIds)),
  );
  await insert('catalog_types', seed.catalogTypes.map(toCatalogTypeRow));
  await insert('catalog_entries', seed.catalogEntries.map(toCatalogEntryRow));
  await insert('catalog_entry_search', seed.catalogEntries.map(toCatalogEntrySearchRow));
  await insert('pages', seed.pages.map(toPageRow));
  await insert(
    'page_items',
    seed.pages.flatMap((page) => page.items.map((item, position) => toPageItemRow(page.id, item, position))),
  );
  await insert('customer_pages', seed.customerPages.map(toCustomerPageRow));
  await insert('incidents', seed.incidents.map(toIncidentRow));
  const updates = seed.incidents.flatMap((incident) => incident.updates);
  await insert('incident_updates', updates.map(toUpdateRow));
  await insert('incident_update_impacts', updates.flatMap(toImpactRows));
  await insert('maintenances', seed.maintenances.map(toMaintenanceRow));
  await insert(
    'maintenance_components',
    seed.maintenances.flatMap((m) => toMaintenanceComponentRows(m.id, m.componentIds)),
  );
  await insert(
    'maintenance_updates',
    seed.maintenances.flatMap((m) => m.updates.map(toMaintenanceUpdateRow)),
  );
  return counts;
}

/** `rows` in as few statements as the parameter limit allows (every row of a table has the same columns). */
async function insertRows<T extends keyof Tables & string>(
  tx: Tx,
  maxBindParameters: number,
  table: T,
  rows: readonly InsertObject<Tables, T>[],
): Promise<void> {
  const [first] = rows;
  if (first === undefined) return;
  const perStatement = Math.max(1, Math.floor(maxBindParameters / Object.keys(first).length));
  for (let start = 0; start < rows.length; start += perStatement) {
    await tx
      .insertInto(table)
      .values(rows.slice(start, start + perStatement))
      .execute();
  }
}
