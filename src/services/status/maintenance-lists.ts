import { invalid } from '../../domain/errors.js';
import type { Maintenance } from '../../domain/status/maintenance.js';
import { type MaintenanceListKind, listMaintenancesInPhase, listMaintenancesOverlapping } from '../../store/status/maintenance-lists.js';
import { findMaintenance } from '../../store/status/maintenances.js';
import type { ServiceContext } from '../context.js';
import { isPlausibleId } from './component-refs.js';

const MAX_PAGE = 100;
/** More windows than a month's calendar can show legibly; the calendar says when it stops there. */
const MAX_CALENDAR_WINDOWS = 500;

export interface MaintenancePage {
  maintenances: Maintenance[];
  /** The last window shown, when there are more after it: where the next page starts. */
  nextAfter: string | null;
}

/**
 * One page of the windows in progress, upcoming or past by the clock now, continuing after the
 * window `after` (an id from the previous page's `nextAfter`).
 *
 * @example listMaintenancePage(ctx, { kind: 'upcoming', limit: 20 })
 */
export async function listMaintenancePage(
  ctx: ServiceContext,
  options: { kind: MaintenanceListKind; limit: number; after?: string },
): Promise<MaintenancePage> {
  const db = ctx.database.db;
  let cursor: Maintenance | null = null;
  if (options.after !== undefined) {
    cursor = isPlausibleId(options.after) ? await findMaintenance(db, options.after) : null;
    if (!cursor) throw invalid('after', `maintenance ${JSON.stringify(options.after)} does not exist`);
  }
  const limit = Math.min(Math.max(Math.trunc(options.limit), 1), MAX_PAGE);
  // One more than asked: whether a next page exists, without counting.
  const rows = await listMaintenancesInPhase(db, {
    kind: options.kind,
    now: ctx.clock(),
    limit: limit + 1,
    ...(cursor ? { after: cursor } : {}),
  });
  const maintenances = rows.slice(0, limit);
  return { maintenances, nextAfter: rows.length > limit ? (maintenances[maintenances.length - 1]?.id ?? null) : null };
}

/** The windows not cancelled that cover some of [from, to), earliest first; `truncated` when there were more than a calendar shows. */
export async function listMaintenancesBetween(
  ctx: ServiceContext,
  from: Date,
  to: Date,
): Promise<{ maintenances: Maintenance[]; truncated: boolean }> {
  const rows = await listMaintenancesOverlapping(ctx.database.db, { from, to, limit: MAX_CALENDAR_WINDOWS + 1 });
  return { maintenances: rows.slice(0, MAX_CALENDAR_WINDOWS), truncated: rows.length > MAX_CALENDAR_WINDOWS };
}
