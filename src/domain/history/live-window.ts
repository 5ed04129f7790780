import type { Incident } from '../status/incident.js';
import { incidentResolvedAt } from '../status/incident-status.js';
import type { Maintenance } from '../status/maintenance.js';

/**
 * How far back the live state keeps resolved incidents and finished maintenance: the 90 days of
 * uptime bars (which begin at a local midnight up to 14 hours before the UTC one) and the 14 days of
 * recent incidents, with a day to spare. Older ones are read from the store when a history month or
 * an old incident's page asks for them.
 */
const LIVE_WINDOW_DAYS = 92;
const LIVE_WINDOW_MS = LIVE_WINDOW_DAYS * 86_400_000;

/** The instant before which a resolved incident or ended maintenance leaves the live state. */
export const liveCutoff = (now: Date): Date => new Date(now.getTime() - LIVE_WINDOW_MS);

/**
 * Remembers when each incident was resolved (ms, +Infinity while open): every delta checks every held
 * incident against the window, and incidents never change once loaded (a change is a new object). The
 * caller keeps it (the domain keeps no memo of its own).
 */
export interface ResolvedAtMemo {
  get(incident: Incident): number | undefined;
  set(incident: Incident, resolvedAtMs: number): void;
}

/** Open, or resolved at or after `cutoff`: the same rule as the store's windowed read. */
export const isIncidentLive = (incident: Incident, cutoff: Date, memo?: ResolvedAtMemo): boolean =>
  resolvedAtMs(incident, memo) >= cutoff.getTime();

/** When the incident was resolved (ms), or +Infinity while it is open. */
function resolvedAtMs(incident: Incident, memo: ResolvedAtMemo | undefined): number {
  let known = memo?.get(incident);
  if (known === undefined) {
    known = incidentResolvedAt(incident)?.getTime() ?? Infinity;
    memo?.set(incident, known);
  }
  return known;
}

/** Scheduled to end at or after `cutoff` (every window that can still show, and a few that ended early). */
export const isMaintenanceLive = (maintenance: Maintenance, cutoff: Date): boolean =>
  maintenance.scheduledEnd.getTime() >= cutoff.getTime();

/** The order the store reads incidents in: creation time, then id. */
const compareIncidentsByCreation = (a: Incident, b: Incident): number =>
  a.createdAt.getTime() - b.createdAt.getTime() || compareText(a.id, b.id);

/** The order the store reads maintenance windows in: scheduled start, then id. */
const compareMaintenancesBySchedule = (a: Maintenance, b: Maintenance): number =>
  a.scheduledStart.getTime() - b.scheduledStart.getTime() || compareText(a.id, b.id);

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `current` with the incidents named in `changed` replaced by their new versions (`updated`: those that
 * still exist), and everything outside the window at `cutoff` dropped, in the store's order. `current`
 * is in that order already, so the few new versions are put in place rather than everything re-sorted.
 * `memo` as for `isIncidentLive`, when the caller keeps one.
 */
export const mergeIncidents = (
  current: readonly Incident[],
  changed: ReadonlySet<string>,
  updated: readonly Incident[],
  cutoff: Date,
  memo?: ResolvedAtMemo,
): Incident[] => mergeLive(current, changed, updated, (incident) => isIncidentLive(incident, cutoff, memo), compareIncidentsByCreation);

/** `mergeIncidents` for maintenance windows. */
export const mergeMaintenances = (
  current: readonly Maintenance[],
  changed: ReadonlySet<string>,
  updated: readonly Maintenance[],
  cutoff: Date,
): Maintenance[] =>
  mergeLive(current, changed, updated, (maintenance) => isMaintenanceLive(maintenance, cutoff), compareMaintenancesBySchedule);

function mergeLive<T extends { id: string }>(
  current: readonly T[],
  changed: ReadonlySet<string>,
  updated: readonly T[],
  isLive: (item: T) => boolean,
  compare: (a: T, b: T) => number,
): T[] {
  const kept = current.filter((item) => !changed.has(item.id) && isLive(item));
  return insertSorted(kept, updated.filter(isLive), compare);
}

/** `sorted` (in `compare` order) with each of `items` inserted where it belongs, by binary search. */
function insertSorted<T>(sorted: T[], items: readonly T[], compare: (a: T, b: T) => number): T[] {
  for (const item of items) {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(sorted[middle]!, item) <= 0) low = middle + 1;
      else high = middle;
    }
    sorted.splice(low, 0, item);
  }
  return sorted;
}
