import { type CompiledQuery, type RawBuilder, type Selectable, sql } from 'kysely';
import type { Component, Group } from '../domain/component.js';
import type { Incident } from '../domain/incident.js';
import type { Maintenance } from '../domain/maintenance.js';
import type { Page } from '../domain/page.js';
import type { Capabilities } from './capabilities.js';
import { assembleCatalogEntries } from './catalog-entries.js';
import { assembleCatalogTypes } from './catalog-types.js';
import { assembleComponents } from './components.js';
import { assembleCustomerPages } from './customer-pages.js';
import { assembleGroups } from './groups.js';
import { assembleIncidents } from './incidents.js';
import { assembleMaintenances } from './maintenances.js';
import { assembleSubPageSettings } from './page-bindings.js';
import { type PageKindsSnapshotPart, pageKindsSnapshotPart } from './page-kinds-snapshot.js';
import { assemblePages } from './pages.js';
import type { Tables } from './tables.js';
import type { Queryable } from './transaction.js';

type Engine = Capabilities['engine'];
type Column<Table extends keyof Tables> = keyof Tables[Table] & string;

/** What the snapshot holds, as the store's loaders build it (`loadAllComponents` and the rest). */
export interface SnapshotData {
  revision: number;
  components: Component[];
  groups: Group[];
  pages: Page[];
  incidents: Incident[];
  maintenances: Maintenance[];
  pageKinds: PageKindsSnapshotPart;
}

/** One table as the snapshot reads it: these columns of every row, in this order. */
interface TableRead<Table extends keyof Tables> {
  table: Table;
  columns: readonly Column<Table>[];
  orderBy: readonly Column<Table>[];
}

/** Every column of the table (what `selectAll()` reads), listed as an object so that the compiler checks none is missing. */
const all = <Table extends keyof Tables>(columns: Record<Column<Table>, true>): Column<Table>[] => Object.keys(columns) as Column<Table>[];

const read = <Table extends keyof Tables>(table: Table, columns: readonly Column<Table>[], orderBy: readonly Column<Table>[]): TableRead<Table> => ({
  table,
  columns,
  orderBy,
});

/*
 * The same rows, in the same order, as the loaders' queries read: `loadAllComponents`, `loadAllGroups`,
 * `loadAllPages`, `loadAllIncidents`, `loadAllMaintenances` and `loadPageKindsSnapshotPart`. Two
 * exceptions, both put in order by the assembling function instead: incident updates (each incident's
 * few, by `compareUpdates`) and the catalog (sorted as its loaders sort it), since SQLite's sorter
 * costs about 0.5 µs a row.
 */
const READS = {
  components: read('components', all<'components'>({ id: true, name: true, description: true, created_at: true, updated_at: true }), ['created_at', 'id']),
  groups: read('component_groups', all<'component_groups'>({ id: true, name: true, description: true, created_at: true, updated_at: true }), ['created_at', 'id']),
  groupMembers: read('component_group_members', ['group_id', 'component_id'], ['group_id', 'position']),
  pages: read(
    'pages',
    all<'pages'>({
      id: true,
      slug: true,
      name: true,
      description: true,
      time_zone: true,
      is_default: true,
      kind: true,
      created_at: true,
      updated_at: true,
      catalog_type_id: true,
      allowlist_attribute_id: true,
      component_attribute_id: true,
    }),
    ['created_at', 'id'],
  ),
  pageItems: read('page_items', all<'page_items'>({ page_id: true, position: true, kind: true, component_id: true, group_id: true, show_uptime: true }), ['page_id', 'position']),
  incidents: read('incidents', all<'incidents'>({ id: true, name: true, created_at: true, updated_at: true, started_at: true, resolved_at: true }), ['created_at', 'id']),
  incidentUpdates: read(
    'incident_updates',
    all<'incident_updates'>({ id: true, incident_id: true, status: true, message: true, display_at: true, created_at: true }),
    [],
  ),
  incidentImpacts: read('incident_update_impacts', all<'incident_update_impacts'>({ update_id: true, component_id: true, impact: true }), ['component_id']),
  maintenances: read(
    'maintenances',
    all<'maintenances'>({
      id: true,
      name: true,
      description: true,
      scheduled_start: true,
      scheduled_end: true,
      completed_at: true,
      cancelled_at: true,
      created_at: true,
      updated_at: true,
    }),
    ['scheduled_start', 'id'],
  ),
  maintenanceMembers: read('maintenance_components', all<'maintenance_components'>({ maintenance_id: true, component_id: true }), ['component_id']),
  maintenanceUpdates: read('maintenance_updates', all<'maintenance_updates'>({ id: true, maintenance_id: true, message: true, created_at: true }), ['created_at', 'id']),
  catalogTypes: read('catalog_types', all<'catalog_types'>({ id: true, name: true, description: true, attributes: true, created_at: true, updated_at: true }), []),
  catalogEntries: read(
    'catalog_entries',
    all<'catalog_entries'>({
      id: true,
      type_id: true,
      name: true,
      external_id: true,
      aliases: true,
      rank: true,
      values: true,
      slug: true,
      source_kind: true,
      sync_key: true,
      created_at: true,
      updated_at: true,
    }),
    [],
  ),
  subPageSettings: read('sub_page_settings', all<'sub_page_settings'>({ page_id: true, entry_id: true, disabled: true }), ['page_id', 'entry_id']),
  customerPages: read('customer_pages', all<'customer_pages'>({ id: true, page_id: true, entry_id: true, url_token: true, created_at: true, rotated_at: true }), ['created_at', 'id']),
} as const;

type ReadName = keyof typeof READS;

/** The rows of one table as one JSON array of arrays, spelt for the engine. */
function jsonRowsOf(engine: Engine, { table, columns, orderBy }: { table: string; columns: readonly string[]; orderBy: readonly string[] }): RawBuilder<unknown> {
  const values = sql.join(columns.map((column) => sql.ref(column)));
  const order = orderBy.length === 0 ? sql`` : sql` order by ${sql.join(orderBy.map((column) => sql.ref(column)))}`;
  const rows =
    engine === 'postgres'
      ? sql`coalesce(json_agg(json_build_array(${values})${order}), '[]'::json)`
      : sql`json_group_array(json_array(${values})${order})`;
  return sql`(select ${rows} from ${sql.table(table)})`;
}

// Built and compiled once per engine: the statement never changes and has no parameters.
const statements = new Map<Engine, CompiledQuery<Record<string, unknown>>>();

function statementFor(db: Queryable, engine: Engine): CompiledQuery<Record<string, unknown>> {
  let statement = statements.get(engine);
  if (statement === undefined) {
    const columns = (Object.keys(READS) as ReadName[]).map((name) => sql`${jsonRowsOf(engine, READS[name])} as ${sql.ref(name)}`);
    const revision = sql`(select ${sql.ref('value')} from ${sql.table('meta_revision')} where ${sql.ref('id')} = 1) as ${sql.ref('revision')}`;
    statement = sql<Record<string, unknown>>`select ${revision}, ${sql.join(columns)}`.compile(db);
    statements.set(engine, statement);
  }
  return statement;
}

/** The rows of one read, back as objects keyed by column, as the driver would have built them. */
function rowsOf<Table extends keyof Tables>(read: TableRead<Table>, value: unknown): Selectable<Tables[Table]>[] {
  // PostgreSQL's driver decodes json values itself; SQLite hands back the text.
  const tuples: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(tuples)) throw new Error(`snapshot read: ${read.table} did not come back as a JSON array`);
  const { columns } = read;
  return tuples.map((tuple: unknown) => {
    if (!Array.isArray(tuple) || tuple.length !== columns.length) throw new Error(`snapshot read: a ${read.table} row has the wrong shape`);
    const row: Record<string, unknown> = {};
    for (let index = 0; index < columns.length; index++) row[columns[index]!] = tuple[index];
    return row as Selectable<Tables[Table]>;
  });
}

/**
 * Everything the snapshot holds, read in one statement: every table comes back as one JSON value,
 * `[[…], […], …]`, and is built into domain objects by the same functions the store's loaders use.
 * One statement instead of sixteen saves their preparation and round trips (on PostgreSQL, one
 * round trip instead of sixteen), and the drivers no longer build a row object value by value
 * (better-sqlite3 spends about 0.3 µs a value), which was most of a snapshot load.
 *
 * @example const data = await readSnapshotData(tx, database.capabilities.engine)
 */
export async function readSnapshotData(db: Queryable, engine: Engine): Promise<SnapshotData> {
  const result = await db.executeQuery(statementFor(db, engine));
  const row = result.rows[0];
  if (row === undefined || row.revision === null || row.revision === undefined) throw new Error('snapshot read: meta_revision has no row');
  const rows = <Name extends ReadName>(name: Name) => rowsOf(READS[name] as TableRead<(typeof READS)[Name]['table']>, row[name]);
  return {
    revision: Number(row.revision),
    components: assembleComponents(rows('components')),
    groups: assembleGroups(rows('groups'), rows('groupMembers')),
    pages: assemblePages(rows('pages'), rows('pageItems')),
    incidents: assembleIncidents(rows('incidents'), rows('incidentUpdates'), rows('incidentImpacts')),
    maintenances: assembleMaintenances(rows('maintenances'), rows('maintenanceMembers'), rows('maintenanceUpdates')),
    pageKinds: pageKindsSnapshotPart(
      assembleCatalogTypes(rows('catalogTypes')),
      assembleCatalogEntries(rows('catalogEntries')),
      assembleSubPageSettings(rows('subPageSettings')),
      assembleCustomerPages(rows('customerPages')),
    ),
  };
}
