import type { Maintenance } from '../../domain/status/maintenance.js';
import { toDbTime } from '../codec.js';
import type { Queryable } from '../transaction.js';
import { withDetails } from './maintenances.js';

/** The dashboard's three lists, by the phase at `now` (as `maintenancePhase` derives it, in SQL). */
export type MaintenanceListKind = 'in_progress' | 'upcoming' | 'past';

/** Where the previous page ended: its last window. */
type MaintenancePageCursor = Pick<Maintenance, 'id' | 'scheduledStart' | 'scheduledEnd'>;

export interface MaintenancePhaseQuery {
  kind: MaintenanceListKind;
  now: Date;
  limit: number;
  after?: MaintenancePageCursor;
}

/**
 * A page of the windows in one phase at `now`, keyset-paged by index so a page reads its rows and few
 * others: in progress by the earliest end (`maintenances_scheduled_end`: only windows not over yet),
 * upcoming by the earliest start and past by the latest (`maintenances_scheduled_start`, migration 0009).
 * In SQL what `maintenancePhase` says in the domain: cancelled or completed once those instants are
 * reached, in progress from the scheduled start to the scheduled end.
 */
export async function listMaintenancesInPhase(db: Queryable, query: MaintenancePhaseQuery): Promise<Maintenance[]> {
  const now = toDbTime(query.now);
  const newestFirst = query.kind === 'past';
  const column = query.kind === 'in_progress' ? 'scheduled_end' : 'scheduled_start';
  let select = db.selectFrom('maintenances').selectAll();
  if (query.kind === 'past') {
    select = select.where((eb) => eb.or([eb('cancelled_at', '<=', now), eb('completed_at', '<=', now), eb('scheduled_end', '<=', now)]));
  } else {
    select = select
      .where((eb) => eb.or([eb('cancelled_at', 'is', null), eb('cancelled_at', '>', now)]))
      .where((eb) => eb.or([eb('completed_at', 'is', null), eb('completed_at', '>', now)]))
      .where('scheduled_end', '>', now)
      .where('scheduled_start', query.kind === 'upcoming' ? '>' : '<=', now);
  }
  if (query.after) {
    const at = toDbTime(query.kind === 'in_progress' ? query.after.scheduledEnd : query.after.scheduledStart);
    const { id } = query.after;
    const beyond = newestFirst ? '<' : '>';
    select = select.where((eb) => eb.or([eb(column, beyond, at), eb.and([eb(column, '=', at), eb('id', beyond, id)])]));
  }
  const direction = newestFirst ? 'desc' : 'asc';
  const rows = await select.orderBy(column, direction).orderBy('id', direction).limit(query.limit).execute();
  return withDetails(db, rows);
}

/**
 * The windows not cancelled that cover some of [from, to) (until their early completion, if any),
 * earliest start first, at most `limit`: what a calendar month shows.
 */
export async function listMaintenancesOverlapping(db: Queryable, range: { from: Date; to: Date; limit: number }): Promise<Maintenance[]> {
  const from = toDbTime(range.from);
  const rows = await db
    .selectFrom('maintenances')
    .selectAll()
    .where('cancelled_at', 'is', null)
    .where('scheduled_end', '>', from)
    .where('scheduled_start', '<', toDbTime(range.to))
    .where((eb) => eb.or([eb('completed_at', 'is', null), eb('completed_at', '>', from)]))
    .orderBy('scheduled_start')
    .orderBy('id')
    .limit(range.limit)
    .execute();
  return withDetails(db, rows);
}
