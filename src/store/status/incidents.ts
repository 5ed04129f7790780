import { type Insertable, type Selectable, sql } from 'kysely';
import type { Impact } from '../../domain/status/impact.js';
import type { ImpactChange, Incident, IncidentStatus, IncidentUpdate } from '../../domain/status/incident.js';
import { incidentResolvedAt, incidentStartedAt } from '../../domain/status/incident-status.js';
import { compareUpdates } from '../../domain/status/incident-updates.js';
import { sortInPlace } from '../../domain/sort-in-place.js';
import { fromDbTime, toDbTime } from '../codec.js';
import type { Tables } from '../tables.js';
import type { Queryable, Tx } from '../transaction.js';

export type IncidentRow = Selectable<Tables['incidents']>;
export type UpdateRow = Selectable<Tables['incident_updates']>;
export type ImpactRow = Selectable<Tables['incident_update_impacts']>;

/** Where the previous page of a listing ended: the last incident it showed. */
export interface IncidentCursor {
  createdAt: Date;
  id: string;
}

export interface IncidentListQuery {
  /** `true`: only open incidents; `false`: only resolved ones; absent: both. */
  open?: boolean;
  limit: number;
  before?: IncidentCursor;
}

const toUpdate = (row: UpdateRow, impacts: ImpactChange[]): IncidentUpdate => ({
  id: row.id,
  incidentId: row.incident_id,
  // Only the service writes these columns, and only with checked values.
  status: row.status as IncidentStatus,
  message: row.message,
  displayAt: fromDbTime(row.display_at),
  createdAt: fromDbTime(row.created_at),
  impacts,
});

const toImpactChange = (row: ImpactRow): ImpactChange => ({
  componentId: row.component_id,
  impact: row.impact as Impact | null,
});

/**
 * Builds domain incidents from rows, in the order of `incidentRows`. Each incident's updates end in
 * timeline order (`compareUpdates` on the decoded instants orders them as `ORDER BY display_at,
 * created_at` orders their ISO text), whatever order they arrive in; each update's impacts keep theirs.
 */
export function assembleIncidents(
  incidentRows: readonly IncidentRow[],
  updateRows: readonly UpdateRow[],
  impactRows: readonly ImpactRow[],
): Incident[] {
  const impactsByUpdate = new Map<string, ImpactChange[]>();
  for (const row of impactRows) {
    const list = impactsByUpdate.get(row.update_id);
    if (list) list.push(toImpactChange(row));
    else impactsByUpdate.set(row.update_id, [toImpactChange(row)]);
  }
  const updatesByIncident = new Map<string, IncidentUpdate[]>();
  for (const row of updateRows) {
    const update = toUpdate(row, impactsByUpdate.get(row.id) ?? []);
    const list = updatesByIncident.get(row.incident_id);
    if (list) list.push(update);
    else updatesByIncident.set(row.incident_id, [update]);
  }
  for (const updates of updatesByIncident.values()) sortInPlace(updates, compareUpdates);
  return incidentRows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: fromDbTime(row.created_at),
    updatedAt: fromDbTime(row.updated_at),
    updates: updatesByIncident.get(row.id) ?? [],
  }));
}

/**
 * Loads the updates and impacts of the given incident rows: two queries, whatever the count. The
 * impacts are asked for by update id (the primary key's first column), not through a join on the
 * updates: without fresh statistics PostgreSQL planned that join as a scan of every impact.
 */
export async function withUpdates(db: Queryable, incidentRows: IncidentRow[]): Promise<Incident[]> {
  if (incidentRows.length === 0) return [];
  const ids = incidentRows.map((row) => row.id);
  const updateRows = await db
    .selectFrom('incident_updates')
    .selectAll()
    .where('incident_id', 'in', ids)
    .orderBy('display_at')
    .orderBy('created_at')
    .execute();
  const impactRows =
    updateRows.length === 0
      ? []
      : await db
          .selectFrom('incident_update_impacts')
          .selectAll()
          .where(
            'update_id',
            'in',
            updateRows.map((row) => row.id),
          )
          .orderBy('component_id')
          .execute();
  return assembleIncidents(incidentRows, updateRows, impactRows);
}

/** The row an incident is stored as, its span included (its updates have rows of their own); its version starts at 1. */
export const toIncidentRow = (incident: Incident): Insertable<Tables['incidents']> => ({
  id: incident.id,
  name: incident.name,
  created_at: toDbTime(incident.createdAt),
  updated_at: toDbTime(incident.updatedAt),
  ...spanColumns(incident),
});

/** The row an update is stored as (its impacts are `toImpactRows`). */
export const toUpdateRow = (update: IncidentUpdate): UpdateRow => ({
  id: update.id,
  incident_id: update.incidentId,
  status: update.status,
  message: update.message,
  display_at: toDbTime(update.displayAt),
  created_at: toDbTime(update.createdAt),
});

export const toImpactRows = (update: IncidentUpdate): ImpactRow[] =>
  update.impacts.map((change) => ({ update_id: update.id, component_id: change.componentId, impact: change.impact }));

async function insertUpdateRows(tx: Tx, update: IncidentUpdate): Promise<void> {
  await tx.insertInto('incident_updates').values(toUpdateRow(update)).execute();
  if (update.impacts.length === 0) return;
  await tx.insertInto('incident_update_impacts').values(toImpactRows(update)).execute();
}

/** Inserts the incident with all its updates and their impacts. */
export async function insertIncident(tx: Tx, incident: Incident): Promise<void> {
  await tx.insertInto('incidents').values(toIncidentRow(incident)).execute();
  for (const update of incident.updates) await insertUpdateRows(tx, update);
}

/** The incident's `started_at` and `resolved_at` columns, as `refreshIncidentSpan` would set them. */
const spanColumns = (incident: Incident): { started_at: string; resolved_at: string | null } => {
  const resolvedAt = incidentResolvedAt(incident);
  return { started_at: toDbTime(incidentStartedAt(incident)), resolved_at: resolvedAt === null ? null : toDbTime(resolvedAt) };
};

/** Adds one update (and its impacts) to an existing incident, and moves the incident's span to match. */
export async function insertIncidentUpdate(tx: Tx, update: IncidentUpdate): Promise<void> {
  await insertUpdateRows(tx, update);
  await refreshIncidentSpan(tx, update.incidentId);
}

/**
 * Sets `started_at` and `resolved_at` from the incident's updates in timeline order (display time, then
 * creation time): the rules of `incidentStartedAt` and `incidentResolvedAt`, in SQL.
 */
async function refreshIncidentSpan(tx: Tx, incidentId: string): Promise<void> {
  await tx
    .updateTable('incidents')
    .set((eb) => ({
      started_at: eb
        .selectFrom('incident_updates')
        .select((u) => u.fn.min('display_at').as('started'))
        .where('incident_id', '=', incidentId),
      resolved_at: eb
        .selectFrom('incident_updates')
        .select((u) => u.case().when('status', '=', 'resolved').then(u.ref('display_at')).else(null).end().as('resolved'))
        .where('incident_id', '=', incidentId)
        .orderBy('display_at', 'desc')
        .orderBy('created_at', 'desc')
        .limit(1),
    }))
    .where('id', '=', incidentId)
    .execute();
}

/** What `touchIncident` may also do besides setting `updated_at`. */
export interface TouchOptions {
  name?: string;
  /** Touch only if the incident is still at this version (the one a staff member saw). */
  expectedVersion?: number;
}

/**
 * Sets `updated_at` (and the name, when given), raises the version by one, and answers the incident
 * as it now is with its new version, or null when it does not exist or (with `expectedVersion`) is no longer at that
 * version. On PostgreSQL this first locks the incident row until commit, which serialises concurrent
 * writers to one incident: what it answers is what the next write to it will build on, and a writer
 * that waited for the lock compares its expected version with the committed one.
 */
export async function touchIncident(
  tx: Tx,
  id: string,
  updatedAt: Date,
  options: TouchOptions = {},
): Promise<{ incident: Incident; version: number } | null> {
  const { name, expectedVersion } = options;
  let update = tx
    .updateTable('incidents')
    .set((eb) => ({
      updated_at: toDbTime(updatedAt),
      version: eb('version', '+', 1),
      ...(name === undefined ? {} : { name }),
    }))
    .where('id', '=', id);
  if (expectedVersion !== undefined) update = update.where('version', '=', expectedVersion);
  const row = await update.returningAll().executeTakeFirst();
  if (!row) return null;
  const [incident] = await withUpdates(tx, [row]);
  return incident ? { incident, version: Number(row.version) } : null;
}

/** The incident's version (raised by every write to it), or null when it does not exist. */
export async function findIncidentVersion(db: Queryable, id: string): Promise<number | null> {
  const row = await db.selectFrom('incidents').select('version').where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : Number(row.version);
}

/** The versions of those of these incidents that exist, by id: one query, whatever the count. */
export async function findIncidentVersions(db: Queryable, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('incidents').select(['id', 'version']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, Number(row.version)]));
}

/** Changes one update's text and display time, and moves the incident's span to match. False when the update is not the incident's. */
export async function updateIncidentUpdate(
  tx: Tx,
  change: { incidentId: string; updateId: string; message: string; displayAt: Date },
): Promise<boolean> {
  const result = await tx
    .updateTable('incident_updates')
    .set({ message: change.message, display_at: toDbTime(change.displayAt) })
    .where('id', '=', change.updateId)
    .where('incident_id', '=', change.incidentId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await refreshIncidentSpan(tx, change.incidentId);
  return true;
}

/**
 * Deletes the incident (only while at `expectedVersion`, when given); foreign keys remove its updates
 * and impacts. False when it did not exist or is at another version.
 */
export async function deleteIncidentRow(tx: Tx, id: string, expectedVersion?: number): Promise<boolean> {
  let deletion = tx.deleteFrom('incidents').where('id', '=', id);
  if (expectedVersion !== undefined) deletion = deletion.where('version', '=', expectedVersion);
  const result = await deletion.executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function findIncident(db: Queryable, id: string): Promise<Incident | null> {
  const row = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [incident] = await withUpdates(db, [row]);
  return incident ?? null;
}

/** The incident with the version its row is at, or null when it does not exist. */
export async function findIncidentWithVersion(db: Queryable, id: string): Promise<{ incident: Incident; version: number } | null> {
  const row = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [incident] = await withUpdates(db, [row]);
  return incident ? { incident, version: Number(row.version) } : null;
}

/** The incidents with these ids that still exist, with their updates and impacts, in no particular order. */
export async function findIncidentsByIds(db: Queryable, ids: readonly string[]): Promise<Incident[]> {
  if (ids.length === 0) return [];
  return withUpdates(db, await db.selectFrom('incidents').selectAll().where('id', 'in', ids).execute());
}

/**
 * Every incident whose span (first update to resolution, or on while open) reaches into [from, to),
 * oldest first (by creation, then id): what a history month lists, before it is narrowed to a page.
 */
export async function findIncidentsOverlapping(db: Queryable, from: Date, to: Date): Promise<Incident[]> {
  const rows = await db
    .selectFrom('incidents')
    .selectAll()
    .where('started_at', '<', toDbTime(to))
    .where((eb) => eb.or([eb('resolved_at', 'is', null), eb('resolved_at', '>=', toDbTime(from))]))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return withUpdates(db, rows);
}

/**
 * A page of incidents, newest first (by `created_at`, then id). Open means the latest update
 * in timeline order is not `resolved`, the same rule as `isIncidentOpen`.
 */
export async function listIncidents(db: Queryable, query: IncidentListQuery): Promise<Incident[]> {
  let select = db.selectFrom('incidents').selectAll('incidents');
  if (query.open !== undefined) {
    const open = query.open;
    select = select.where((eb) =>
      eb(
        eb
          .selectFrom('incident_updates')
          .select('incident_updates.status')
          .whereRef('incident_updates.incident_id', '=', 'incidents.id')
          .orderBy('incident_updates.display_at', 'desc')
          .orderBy('incident_updates.created_at', 'desc')
          .limit(1),
        open ? '<>' : '=',
        'resolved',
      ),
    );
  }
  if (query.before) {
    const at = toDbTime(query.before.createdAt);
    const id = query.before.id;
    select = select.where((eb) =>
      eb.or([eb('incidents.created_at', '<', at), eb.and([eb('incidents.created_at', '=', at), eb('incidents.id', '<', id)])]),
    );
  }
  const rows = await select.orderBy('incidents.created_at', 'desc').orderBy('incidents.id', 'desc').limit(query.limit).execute();
  return withUpdates(db, rows);
}

/** A dashboard listing: open ones (no resolution) or resolved ones, optionally only those whose name contains `nameContains`. */
export interface IncidentSearchQuery {
  resolved: boolean;
  /** Matched case-insensitively (ASCII letters) anywhere in the name; `%`, `_` and `\\` match themselves. */
  nameContains?: string;
  limit: number;
  before?: IncidentCursor;
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A page of incidents, newest first (by `created_at`, then id, the `incidents_created_at` index),
 * open meaning no resolution (`resolved_at` null, as `refreshIncidentSpan` keeps it), searched by
 * name in the database: at 10,000 incidents a page reads about `limit` rows plus those the name
 * filter skips, never the whole table into memory.
 */
export async function searchIncidents(db: Queryable, query: IncidentSearchQuery): Promise<Incident[]> {
  let select = db
    .selectFrom('incidents')
    .selectAll()
    .where('resolved_at', query.resolved ? 'is not' : 'is', null);
  if (query.nameContains) {
    const pattern = `%${escapeLike(query.nameContains.toLowerCase())}%`;
    select = select.where((eb) => eb(eb.fn('lower', ['name']), 'like', sql<string>`${pattern} escape '\\'`));
  }
  if (query.before) {
    const at = toDbTime(query.before.createdAt);
    const id = query.before.id;
    select = select.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]));
  }
  const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
  return withUpdates(db, rows);
}

/**
 * Every incident with its updates (timeline order) and their impacts, oldest first, in three
 * queries. The snapshot loader calls this.
 */
export async function loadAllIncidents(db: Queryable): Promise<Incident[]> {
  const incidentRows = await db.selectFrom('incidents').selectAll().orderBy('created_at').orderBy('id').execute();
  const updateRows = await db.selectFrom('incident_updates').selectAll().orderBy('display_at').orderBy('created_at').execute();
  const impactRows = await db.selectFrom('incident_update_impacts').selectAll().orderBy('component_id').execute();
  return assembleIncidents(incidentRows, updateRows, impactRows);
}
