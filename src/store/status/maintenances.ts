import type { Selectable } from 'kysely';
import type { Maintenance, MaintenanceUpdate } from '../../domain/status/maintenance.js';
import { fromDbTime, fromDbTimeOrNull, toDbTime, toDbTimeOrNull } from '../codec.js';
import type { Tables } from '../tables.js';
import type { Queryable, Tx } from '../transaction.js';

export type MaintenanceRow = Selectable<Tables['maintenances']>;
export type MaintenanceMemberRow = Selectable<Tables['maintenance_components']>;
export type MaintenanceUpdateRow = Selectable<Tables['maintenance_updates']>;

/** Where the previous page of a listing ended: the last maintenance it showed. */
interface MaintenanceCursor {
  scheduledStart: Date;
  id: string;
}

export interface MaintenanceListQuery {
  limit: number;
  before?: MaintenanceCursor;
}

/** The row a maintenance is stored as (its components and updates have rows of their own). */
export const toMaintenanceRow = (m: Maintenance): MaintenanceRow => ({
  id: m.id,
  name: m.name,
  description: m.description,
  scheduled_start: toDbTime(m.scheduledStart),
  scheduled_end: toDbTime(m.scheduledEnd),
  completed_at: toDbTimeOrNull(m.completedAt),
  cancelled_at: toDbTimeOrNull(m.cancelledAt),
  created_at: toDbTime(m.createdAt),
  updated_at: toDbTime(m.updatedAt),
});

const toUpdate = (row: MaintenanceUpdateRow): MaintenanceUpdate => ({
  id: row.id,
  maintenanceId: row.maintenance_id,
  message: row.message,
  createdAt: fromDbTime(row.created_at),
});

function groupBy<Row, Value>(rows: readonly Row[], key: (row: Row) => string, value: (row: Row) => Value): Map<string, Value[]> {
  const map = new Map<string, Value[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(value(row));
    else map.set(key(row), [value(row)]);
  }
  return map;
}

/** Builds domain maintenances from rows, in the order of `rows`; components and updates keep the order they arrive in. */
export function assembleMaintenances(
  rows: readonly MaintenanceRow[],
  memberRows: readonly MaintenanceMemberRow[],
  updateRows: readonly MaintenanceUpdateRow[],
): Maintenance[] {
  const componentIds = groupBy(
    memberRows,
    (row) => row.maintenance_id,
    (row) => row.component_id,
  );
  const updates = groupBy(updateRows, (row) => row.maintenance_id, toUpdate);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    componentIds: componentIds.get(row.id) ?? [],
    scheduledStart: fromDbTime(row.scheduled_start),
    scheduledEnd: fromDbTime(row.scheduled_end),
    completedAt: fromDbTimeOrNull(row.completed_at),
    cancelledAt: fromDbTimeOrNull(row.cancelled_at),
    createdAt: fromDbTime(row.created_at),
    updatedAt: fromDbTime(row.updated_at),
    updates: updates.get(row.id) ?? [],
  }));
}

/** Loads the components and updates of the given rows: two queries, whatever the count (the listings in maintenance-lists.ts too). */
export async function withDetails(db: Queryable, rows: MaintenanceRow[]): Promise<Maintenance[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const memberRows = await db
    .selectFrom('maintenance_components')
    .selectAll()
    .where('maintenance_id', 'in', ids)
    .orderBy('component_id')
    .execute();
  const updateRows = await db
    .selectFrom('maintenance_updates')
    .selectAll()
    .where('maintenance_id', 'in', ids)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return assembleMaintenances(rows, memberRows, updateRows);
}

/** Inserts the maintenance, its components and its updates. */
export async function insertMaintenance(tx: Tx, maintenance: Maintenance): Promise<void> {
  await tx.insertInto('maintenances').values(toMaintenanceRow(maintenance)).execute();
  await insertMembers(tx, maintenance.id, maintenance.componentIds);
  for (const update of maintenance.updates) await insertMaintenanceUpdate(tx, update);
}

async function insertMembers(tx: Tx, maintenanceId: string, componentIds: readonly string[]): Promise<void> {
  if (componentIds.length === 0) return;
  await tx.insertInto('maintenance_components').values(toMaintenanceComponentRows(maintenanceId, componentIds)).execute();
}

export const toMaintenanceComponentRows = (maintenanceId: string, componentIds: readonly string[]): MaintenanceMemberRow[] =>
  componentIds.map((componentId) => ({ maintenance_id: maintenanceId, component_id: componentId }));

/** Writes every field but `id`, `createdAt`, the components and the updates. */
export async function updateMaintenanceRow(tx: Tx, maintenance: Maintenance): Promise<void> {
  const { id: _id, created_at: _createdAt, ...fields } = toMaintenanceRow(maintenance);
  await tx.updateTable('maintenances').set(fields).where('id', '=', maintenance.id).execute();
}

export async function replaceMaintenanceComponents(tx: Tx, maintenanceId: string, componentIds: readonly string[]): Promise<void> {
  await tx.deleteFrom('maintenance_components').where('maintenance_id', '=', maintenanceId).execute();
  await insertMembers(tx, maintenanceId, componentIds);
}

/**
 * Sets `updated_at`; false when the maintenance does not exist. On PostgreSQL this also locks
 * the row until commit, so read-check-write sequences on one maintenance do not interleave.
 */
export async function touchMaintenance(tx: Tx, id: string, updatedAt: Date): Promise<boolean> {
  const result = await tx
    .updateTable('maintenances')
    .set({ updated_at: toDbTime(updatedAt) })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertMaintenanceUpdate(tx: Tx, update: MaintenanceUpdate): Promise<void> {
  await tx.insertInto('maintenance_updates').values(toMaintenanceUpdateRow(update)).execute();
}

export const toMaintenanceUpdateRow = (update: MaintenanceUpdate): MaintenanceUpdateRow => ({
  id: update.id,
  maintenance_id: update.maintenanceId,
  message: update.message,
  created_at: toDbTime(update.createdAt),
});

/** Deletes the maintenance; foreign keys remove its components and updates. False when it did not exist. */
export async function deleteMaintenanceRow(tx: Tx, id: string): Promise<boolean> {
  const result = await tx.deleteFrom('maintenances').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function findMaintenance(db: Queryable, id: string): Promise<Maintenance | null> {
  const row = await db.selectFrom('maintenances').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [maintenance] = await withDetails(db, [row]);
  return maintenance ?? null;
}

/** The windows with these ids that still exist, with their components and updates, in no particular order. */
export async function findMaintenancesByIds(db: Queryable, ids: readonly string[]): Promise<Maintenance[]> {
  if (ids.length === 0) return [];
  return withDetails(db, await db.selectFrom('maintenances').selectAll().where('id', 'in', ids).execute());
}

/** A page of maintenances, latest scheduled start first (then id). */
export async function listMaintenances(db: Queryable, query: MaintenanceListQuery): Promise<Maintenance[]> {
  let select = db.selectFrom('maintenances').selectAll();
  if (query.before) {
    const at = toDbTime(query.before.scheduledStart);
    const id = query.before.id;
    select = select.where((eb) => eb.or([eb('scheduled_start', '<', at), eb.and([eb('scheduled_start', '=', at), eb('id', '<', id)])]));
  }
  const rows = await select.orderBy('scheduled_start', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
  return withDetails(db, rows);
}

/**
 * Every maintenance with its components and updates (oldest first), ordered by scheduled start,
 * in three queries. The snapshot loader calls this.
 */
export async function loadAllMaintenances(db: Queryable): Promise<Maintenance[]> {
  const rows = await db.selectFrom('maintenances').selectAll().orderBy('scheduled_start').orderBy('id').execute();
  const memberRows = await db.selectFrom('maintenance_components').selectAll().orderBy('component_id').execute();
  const updateRows = await db.selectFrom('maintenance_updates').selectAll().orderBy('created_at').orderBy('id').execute();
  return assembleMaintenances(rows, memberRows, updateRows);
}

/** A window's instants, for what the clock alone changes about it (starting, ending, a reminder). */
export interface MaintenanceInstants {
  id: string;
  scheduledStart: Date;
  scheduledEnd: Date;
  completedAt: Date | null;
  cancelledAt: Date | null;
  createdAt: Date;
}

/** Windows whose scheduled start or end lies in `(from, to]`: at most the windows of that stretch of time. */
export async function listMaintenancesWithInstantsIn(db: Queryable, input: { from: Date; to: Date }): Promise<MaintenanceInstants[]> {
  const from = toDbTime(input.from);
  const to = toDbTime(input.to);
  const rows = await db
    .selectFrom('maintenances')
    .select(['id', 'scheduled_start', 'scheduled_end', 'completed_at', 'cancelled_at', 'created_at'])
    .where((eb) =>
      eb.or([
        eb.and([eb('scheduled_start', '>', from), eb('scheduled_start', '<=', to)]),
        eb.and([eb('scheduled_end', '>', from), eb('scheduled_end', '<=', to)]),
      ]),
    )
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    scheduledStart: fromDbTime(row.scheduled_start),
    scheduledEnd: fromDbTime(row.scheduled_end),
    completedAt: fromDbTimeOrNull(row.completed_at),
    cancelledAt: fromDbTimeOrNull(row.cancelled_at),
    createdAt: fromDbTime(row.created_at),
  }));
}
