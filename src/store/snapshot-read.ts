import { type RawBuilder, type Selectable, sql } from 'kysely';
import type { Component, Group } from '../domain/status/component.js';
import type { Incident } from '../domain/status/incident.js';
import type { Maintenance } from '../domain/status/maintenance.js';
import type { Page } from '../domain/pages/page.js';
import { type Capabilities, capabilitiesOf } from './capabilities.js';
import { type ChangeKind, type ChangesSince, whenComplete } from './revisions/change-log.js';
import { fromDbTime, toDbTime } from './codec.js';
import { assembleCatalogEntries } from './catalog/catalog-entries.js';
import { assembleCatalogTypes } from './catalog/catalog-types.js';
import { assembleComponents } from './status/components.js';
import { assembleCustomerPages } from './pages/customer-pages.js';
import { assembleGroups } from './status/groups.js';
import { assembleIncidents } from './status/incidents.js';
import { assembleMaintenances } from './status/maintenances.js';
import { assembleSubPageSettings } from './pages/page-bindings.js';
import { type PageKindsSnapshotPart, pageKindsSnapshotPart } from './pages/page-kinds-snapshot.js';
import { assemblePages } from './pages/pages.js';
import type { Tables } from './tables.js';
import type { Queryable } from './transaction.js';

type Engine = Capabilities['engine'];
type Column<Table extends keyof Tables> = keyof Tables[Table] & string;

/** The page structure: what every page is laid out from. */
export interface StructureData {
  components: Component[];
  groups: Group[];
  pages: Page[];
}

/**
 * What the live state holds, as the store's loaders build it (`loadAllComponents` and the rest): the
 * structure and catalog whole, the incidents and maintenance windows of the window only (see
 * `readLiveStateData`), and when each component's first incident began (for history navigation).
 */
export interface LiveStateData extends StructureData {
  revision: number;
  incidents: Incident[];
  maintenances: Maintenance[];
  pageKinds: PageKindsSnapshotPart;
  firstIncidentStarts: Map<string, Date>;
}

/** One table as the snapshot reads it: these columns of every row, in this order. */
interface TableRead<Table extends keyof Tables> {
  table: Table;
  columns: readonly Column<Table>[];
  orderBy: readonly Column<Table>[];
  /** A condition every read of the table has (archived rows are never in the live state). */
  always?: RawBuilder<unknown>;
}

/** Every column of the table (what `selectAll()` reads), listed as an object so that the compiler checks none is missing. */
const all = <Table extends keyof Tables>(columns: Record<Column<Table>, true>): Column<Table>[] => Object.keys(columns) as Column<Table>[];

const read = <Table extends keyof Tables>(
  table: Table,
  columns: readonly Column<Table>[],
  orderBy: readonly Column<Table>[],
  always?: RawBuilder<unknown>,
): TableRead<Table> => ({
  table,
  columns,
  orderBy,
  ...(always ? { always } : {}),
});

/** Archived components and groups (migration 0011) leave every page: the live state never holds them. */
const IN_USE = sql`archived_at is null`;

/*
 * The same rows, in the same order, as the loaders' queries read: `loadAllComponents`, `loadAllGroups`,
 * `loadAllPages`, `loadAllIncidents`, `loadAllMaintenances` and `loadPageKindsSnapshotPart` (the
 * incidents and maintenance windows narrowed to the live window by `WINDOWED` below). Two
 * exceptions, both put in order by the assembling function instead: incident updates (each incident's
 * few, by `compareUpdates`) and the catalog (sorted as its loaders sort it), since SQLite's sorter
 * costs more per row than sorting them here (docs/performance.md).
 */
const READS = {
  components: read(
    'components',
    all<'components'>({ id: true, name: true, description: true, created_at: true, updated_at: true, archived_at: true }),
    ['created_at', 'id'],
    IN_USE,
  ),
  groups: read(
    'component_groups',
    all<'component_groups'>({ id: true, name: true, description: true, created_at: true, updated_at: true, archived_at: true }),
    ['created_at', 'id'],
    IN_USE,
  ),
  groupMembers: read(
    'component_group_members',
    ['group_id', 'component_id'],
    ['group_id', 'position'],
    sql`group_id not in (select id from component_groups where archived_at is not null)`,
  ),
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
      support_url: true,
      brand_color: true,
      uptime_display: true,
      logo_sha256: true,
      logo_content_type: true,
    }),
    ['created_at', 'id'],
  ),
  pageItems: read(
    'page_items',
    all<'page_items'>({ page_id: true, position: true, kind: true, component_id: true, group_id: true, show_uptime: true }),
    ['page_id', 'position'],
  ),
  incidents: read(
    'incidents',
    all<'incidents'>({ id: true, name: true, created_at: true, updated_at: true, started_at: true, resolved_at: true, version: true }),
    ['created_at', 'id'],
  ),
  incidentUpdates: read(
    'incident_updates',
    all<'incident_updates'>({ id: true, incident_id: true, status: true, message: true, display_at: true, created_at: true }),
    [],
  ),
  incidentImpacts: read('incident_update_impacts', all<'incident_update_impacts'>({ update_id: true, component_id: true, impact: true }), [
    'component_id',
  ]),
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
  maintenanceMembers: read('maintenance_components', all<'maintenance_components'>({ maintenance_id: true, component_id: true }), [
    'component_id',
  ]),
  maintenanceUpdates: read(
    'maintenance_updates',
    all<'maintenance_updates'>({ id: true, maintenance_id: true, message: true, created_at: true }),
    ['created_at', 'id'],
  ),
  catalogTypes: read(
    'catalog_types',
    all<'catalog_types'>({ id: true, name: true, description: true, attributes: true, created_at: true, updated_at: true }),
    [],
  ),
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
  subPageSettings: read('sub_page_settings', all<'sub_page_settings'>({ page_id: true, entry_id: true, disabled: true }), [
    'page_id',
    'entry_id',
  ]),
  customerPages: read(
    'customer_pages',
    all<'customer_pages'>({ id: true, page_id: true, entry_id: true, url_token: true, created_at: true, rotated_at: true }),
    ['created_at', 'id'],
  ),
  changes: read('change_log', all<'change_log'>({ revision: true, kind: true, entity_id: true }), ['revision']),
} as const;

type ReadName = keyof typeof READS;

/** Rows of the incidents (and their updates and impacts) that are open, or resolved at or after the cutoff. */
const liveIncidents = (cutoff: string) => sql`(resolved_at is null or resolved_at >= ${cutoff})`;
/** Maintenance windows whose scheduled end is at or after the cutoff: every window that can still show, and a few that ended early. */
const liveMaintenances = (cutoff: string) => sql`scheduled_end >= ${cutoff}`;

/** The conditions some reads of one statement are narrowed by. */
type Filters = Partial<Record<ReadName, RawBuilder<unknown>>>;

/** The extra conditions of the windowed reads, given the cutoff as stored text. */
const WINDOWED: Record<
  'incidents' | 'incidentUpdates' | 'incidentImpacts' | 'maintenances' | 'maintenanceMembers' | 'maintenanceUpdates',
  (cutoff: string) => RawBuilder<unknown>
> = {
  incidents: liveIncidents,
  incidentUpdates: (cutoff) => sql`incident_id in (select id from incidents where ${liveIncidents(cutoff)})`,
  incidentImpacts: (cutoff) =>
    sql`update_id in (select id from incident_updates where incident_id in (select id from incidents where ${liveIncidents(cutoff)}))`,
  maintenances: liveMaintenances,
  maintenanceMembers: (cutoff) => sql`maintenance_id in (select id from maintenances where ${liveMaintenances(cutoff)})`,
  maintenanceUpdates: (cutoff) => sql`maintenance_id in (select id from maintenances where ${liveMaintenances(cutoff)})`,
};

const STRUCTURE: readonly ReadName[] = ['components', 'groups', 'groupMembers', 'pages', 'pageItems'];
const CATALOG: readonly ReadName[] = ['catalogTypes', 'catalogEntries', 'subPageSettings', 'customerPages'];
const HISTORY: readonly ReadName[] = [
  'incidents',
  'incidentUpdates',
  'incidentImpacts',
  'maintenances',
  'maintenanceMembers',
  'maintenanceUpdates',
];
const DELTA: readonly ReadName[] = ['changes', ...HISTORY];

/** The rows of one table as one JSON array of arrays, spelt for the engine. */
function jsonRowsOf(
  engine: Engine,
  { table, columns, orderBy, always }: TableRead<keyof Tables>,
  narrowing: RawBuilder<unknown> | undefined,
): RawBuilder<unknown> {
  const where = always && narrowing ? sql`${always} and ${narrowing}` : (always ?? narrowing);
  const values = sql.join(columns.map((column) => sql.ref(column)));
  const order = orderBy.length === 0 ? sql`` : sql` order by ${sql.join(orderBy.map((column) => sql.ref(column)))}`;
  const rows =
    engine === 'postgres'
      ? sql`coalesce(json_agg(json_build_array(${values})${order}), '[]'::json)`
      : sql`json_group_array(json_array(${values})${order})`;
  const filter = where === undefined ? sql`` : sql` where ${where}`;
  return sql`(select ${rows} from ${sql.table(table)}${filter})`;
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

type Rows = <Name extends ReadName>(name: Name) => Selectable<Tables[(typeof READS)[Name]['table']]>[];

/**
 * The named tables (and the revision) in one statement: every table comes back as one JSON value,
 * `[[…], […], …]`, built into domain objects by the same functions the store's loaders use. One
 * statement instead of one per table saves their preparation and round trips, and the drivers no
 * longer build a row object value by value, which was most of a load.
 */
async function readTables(db: Queryable, names: readonly ReadName[], filters: Filters = {}): Promise<{ revision: number; rows: Rows }> {
  const { engine } = capabilitiesOf(db);
  const columns = names.map(
    (name) => sql`${jsonRowsOf(engine, READS[name] as TableRead<keyof Tables>, filters[name])} as ${sql.ref(name)}`,
  );
  const revision = sql`(select ${sql.ref('value')} from ${sql.table('meta_revision')} where ${sql.ref('id')} = 1) as ${sql.ref('revision')}`;
  const result = await sql<Record<string, unknown>>`select ${revision}, ${sql.join(columns)}`.execute(db);
  const row = result.rows[0];
  if (row === undefined || row.revision === null || row.revision === undefined) throw new Error('snapshot read: meta_revision has no row');
  const rows: Rows = (name) => rowsOf(READS[name] as TableRead<(typeof READS)[typeof name]['table']>, row[name]);
  return { revision: Number(row.revision), rows };
}

const structureOf = (rows: Rows): StructureData => ({
  components: assembleComponents(rows('components')),
  groups: assembleGroups(rows('groups'), rows('groupMembers')),
  pages: assemblePages(rows('pages'), rows('pageItems')),
});

const catalogOf = (rows: Rows): PageKindsSnapshotPart =>
  pageKindsSnapshotPart(
    assembleCatalogTypes(rows('catalogTypes')),
    assembleCatalogEntries(rows('catalogEntries')),
    assembleSubPageSettings(rows('subPageSettings')),
    assembleCustomerPages(rows('customerPages')),
  );

/**
 * The whole live state: structure and catalog, the incidents open or resolved at or after `cutoff`,
 * the maintenance windows scheduled to end at or after it, and each component's first incident start.
 * Run it in one read transaction, so that all of it is of one revision.
 *
 * @example const data = await readInSnapshot(database, (tx) => readLiveStateData(tx, cutoff))
 */
export async function readLiveStateData(db: Queryable, cutoff: Date): Promise<LiveStateData> {
  const cutoffText = toDbTime(cutoff);
  const windowed = Object.fromEntries(Object.entries(WINDOWED).map(([name, filter]) => [name, filter(cutoffText)]));
  const { revision, rows } = await readTables(db, [...STRUCTURE, ...HISTORY, ...CATALOG], windowed);
  return {
    revision,
    ...structureOf(rows),
    incidents: assembleIncidents(rows('incidents'), rows('incidentUpdates'), rows('incidentImpacts')),
    maintenances: assembleMaintenances(rows('maintenances'), rows('maintenanceMembers'), rows('maintenanceUpdates')),
    pageKinds: catalogOf(rows),
    firstIncidentStarts: await readFirstIncidentStarts(db),
  };
}

/** The page structure alone, with the revision it was read at. */
export async function readStructureData(db: Queryable): Promise<StructureData & { revision: number }> {
  const { revision, rows } = await readTables(db, STRUCTURE);
  return { revision, ...structureOf(rows) };
}

/** The catalog, sub-page switches and customer pages alone, with the revision they were read at. */
export async function readCatalogData(db: Queryable): Promise<PageKindsSnapshotPart & { revision: number }> {
  const { revision, rows } = await readTables(db, CATALOG);
  return { revision, ...catalogOf(rows) };
}

/**
 * When the earliest incident touching each component began (any update naming it, even to clear
 * it), for the given components or for all: where a page's history stops going back.
 */
export async function readFirstIncidentStarts(db: Queryable, componentIds?: readonly string[]): Promise<Map<string, Date>> {
  if (componentIds !== undefined && componentIds.length === 0) return new Map();
  let query = db
    .selectFrom('incident_update_impacts as m')
    .innerJoin('incident_updates as u', 'u.id', 'm.update_id')
    .innerJoin('incidents as i', 'i.id', 'u.incident_id')
    .select((eb) => ['m.component_id as componentId', eb.fn.min('i.started_at').as('startedAt')])
    .groupBy('m.component_id');
  if (componentIds !== undefined) query = query.where('m.component_id', 'in', componentIds);
  const rows = await query.execute();
  const starts = new Map<string, Date>();
  for (const row of rows) if (row.startedAt !== null) starts.set(row.componentId, fromDbTime(row.startedAt));
  return starts;
}

/** What changed since a revision, with the rows it names, as `readLiveDelta` reads them. */
export interface LiveDelta extends ChangesSince {
  /** The incidents that the changes name and that still exist, with their updates and impacts. */
  incidents: Incident[];
  /** The maintenance windows that the changes name and that still exist. */
  maintenances: Maintenance[];
}

/**
 * The current revision, the changes logged after `after`, and the incidents and maintenance windows
 * those changes name, in one statement: one round trip, and all of one revision without a transaction.
 * What a snapshot needs to move forward when writes changed only incidents and maintenance windows.
 */
export async function readLiveDelta(db: Queryable, after: number): Promise<LiveDelta> {
  const { engine } = capabilitiesOf(db);
  const named = (kind: ChangeKind) => sql`select entity_id from change_log where kind = ${kind} and revision > ${after}`;
  // PostgreSQL plans `= any(array(…))` as an index lookup of the few ids; `in (select …)` may be planned as a
  // join that scans the whole table while the planner has no statistics (a freshly loaded database).
  const among = (column: string, ids: RawBuilder<unknown>) =>
    engine === 'postgres' ? sql`${sql.ref(column)} = any(array(${ids}))` : sql`${sql.ref(column)} in (${ids})`;
  const incidentIds = named('incident');
  const maintenanceIds = named('maintenance');
  const { revision, rows } = await readTables(db, DELTA, {
    changes: sql`revision > ${after}`,
    incidents: among('id', incidentIds),
    incidentUpdates: among('incident_id', incidentIds),
    incidentImpacts: among('update_id', sql`select id from incident_updates where ${among('incident_id', incidentIds)}`),
    maintenances: among('id', maintenanceIds),
    maintenanceMembers: among('maintenance_id', maintenanceIds),
    maintenanceUpdates: among('maintenance_id', maintenanceIds),
  });
  const logged = rows('changes').map((row) => ({ revision: Number(row.revision), kind: row.kind as ChangeKind, entityId: row.entity_id }));
  return {
    revision,
    changes: whenComplete(logged, after, revision),
    incidents: assembleIncidents(rows('incidents'), rows('incidentUpdates'), rows('incidentImpacts')),
    maintenances: assembleMaintenances(rows('maintenances'), rows('maintenanceMembers'), rows('maintenanceUpdates')),
  };
}
