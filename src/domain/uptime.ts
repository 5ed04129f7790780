/**
 * Per-day history and uptime of one component (the rule is also written up in docs/uptime.md).
 *
 * - Days are the page's local days (23, 24 or 25 hours across DST); the last one is today.
 * - Several incidents overlapping on the component are merged, taking the worst impact at each instant,
 *   so no time is counted twice. Open intervals end at `now`.
 * - Downtime = full_outage time × 1.0 + partial_outage time × 0.3; degraded_performance colours the day
 *   but costs no uptime; maintenance is never downtime.
 * - Observed time = the part of the day after the component was created and before `now`. A day's uptime
 *   is 1 − downtime / observed time, or `null` when nothing of the day was observed (before creation).
 *   Nothing before creation counts: not downtime, not impacts, not maintenance.
 * - The overall uptime is weighted by observed time: 1 − Σ downtime / Σ observed time.
 */
import { dayGrid } from './day-grid.js';
import { IMPACTS, type Impact, impactRank } from './impact.js';
import type { ImpactInterval, Incident } from './incident.js';
import { impactIntervals } from './impact-intervals.js';
import type { Maintenance } from './maintenance.js';

/** One local day. `start` and `end` are shared between histories of the same day grid: do not mutate them. */
export interface DayHistory {
  day: string;
  start: Date;
  end: Date;
  worstImpact: Impact | null;
  hadMaintenance: boolean;
  uptime: number | null;
  /** Shared between days when empty: do not mutate. */
  incidentIds: readonly string[];
}

// Most days have no incident; one frozen array serves them all (9,000 days on a big page).
const NO_INCIDENT_IDS: readonly string[] = Object.freeze([]);

export interface ComponentHistory {
  days: DayHistory[];
  uptime: number | null;
}

export interface ComponentHistoryArgs {
  createdAt: Date;
  /** This component's intervals only (see `intervalsByComponent`). */
  intervals: readonly ImpactInterval[];
  /** The maintenances covering this component (see `maintenancesByComponent`). */
  maintenances: readonly Maintenance[];
  now: Date;
  timeZone: string;
  days: number;
}

/** Downtime weight by impact rank: none, degraded, partial, full. */
const DOWNTIME_WEIGHT = [0, 0, 0.3, 1] as const;

/**
 * One component's day-by-day history over the last `days` local days (today last), with its uptime.
 * @example componentHistory({ createdAt, intervals: byComponent.get(id) ?? [], maintenances, now, timeZone: page.timeZone, days: 90 })
 */
export function componentHistory(args: ComponentHistoryArgs): ComponentHistory {
  const { keys, bounds, dates } = dayGrid(args.now, args.timeZone, args.days);
  const now = args.now.getTime();
  const from = Math.max(bounds[0]!, args.createdAt.getTime());
  const dayCount = keys.length;
  // Typed arrays: zero-filled at birth, and this runs for every component of every page on a re-render.
  const worstRank = new Uint8Array(dayCount);
  const downtime = new Float64Array(dayCount);
  const hadMaintenance = new Uint8Array(dayCount);
  const incidentIds = new Array<Set<string> | undefined>(dayCount);

  // Visits each day that [start, end) overlaps, with the overlap's length.
  const forEachDay = (start: number, end: number, visit: (day: number, overlap: number) => void): void => {
    for (let day = dayIndexOf(bounds, start); day < dayCount && bounds[day]! < end; day++) {
      const overlap = Math.min(end, bounds[day + 1]!) - Math.max(start, bounds[day]!);
      if (overlap > 0) visit(day, overlap);
    }
  };

  const clipped = clipIntervals(args.intervals, from, now);
  for (const segment of mergeWorst(clipped)) {
    forEachDay(segment.start, segment.end, (day, overlap) => {
      worstRank[day] = Math.max(worstRank[day]!, segment.rank);
      downtime[day]! += overlap * (DOWNTIME_WEIGHT[segment.rank] ?? 0);
    });
  }
  for (const interval of clipped) {
    forEachDay(interval.start, interval.end, (day) => (incidentIds[day] ??= new Set()).add(interval.incidentId));
  }
  for (const maintenance of args.maintenances) {
    const start = Math.max(maintenance.scheduledStart.getTime(), from);
    forEachDay(start, Math.min(maintenanceEnd(maintenance), now), (day) => (hadMaintenance[day] = 1));
  }

  let totalObserved = 0;
  let totalDowntime = 0;
  const days = new Array<DayHistory>(dayCount);
  for (let day = 0; day < dayCount; day++) {
    const observed = Math.max(0, Math.min(bounds[day + 1]!, now) - Math.max(bounds[day]!, from));
    const ids = incidentIds[day];
    totalObserved += observed;
    totalDowntime += downtime[day]!;
    days[day] = {
      day: keys[day]!,
      start: dates[day]!,
      end: dates[day + 1]!,
      worstImpact: impactOfRank(worstRank[day]!),
      hadMaintenance: hadMaintenance[day] === 1,
      uptime: observed > 0 ? uptimeRatio(downtime[day]!, observed) : null,
      incidentIds: ids === undefined ? NO_INCIDENT_IDS : [...ids],
    };
  }
  return { days, uptime: totalObserved > 0 ? uptimeRatio(totalDowntime, totalObserved) : null };
}

/** Several components shown as one (a group): per day the worst impact and the mean uptime of members with data. */
export function groupHistory(histories: readonly ComponentHistory[]): ComponentHistory {
  const [first] = histories;
  if (first === undefined) return { days: [], uptime: null };
  const days = first.days.map((template, day): DayHistory => {
    const members = histories.map((history) => history.days[day]!);
    let worst = 0;
    for (const member of members) worst = Math.max(worst, impactRank(member.worstImpact));
    return {
      day: template.day,
      start: template.start,
      end: template.end,
      worstImpact: impactOfRank(worst),
      hadMaintenance: members.some((member) => member.hadMaintenance),
      uptime: meanOf(members.map((member) => member.uptime)),
      incidentIds: [...new Set(members.flatMap((member) => member.incidentIds))],
    };
  });
  return { days, uptime: meanOf(histories.map((history) => history.uptime)) };
}

/** A group's uptime (what `groupHistory(histories).uptime` is) without building its days: the mean of its members'. */
export function groupUptime(histories: readonly ComponentHistory[]): number | null {
  let sum = 0;
  let known = 0;
  for (const history of histories) {
    if (history.uptime === null) continue;
    sum += history.uptime;
    known++;
  }
  return known === 0 ? null : sum / known;
}

/** Every incident's intervals, indexed by component and ordered by start: index once per snapshot. */
export function intervalsByComponent(incidents: readonly Incident[]): Map<string, ImpactInterval[]> {
  const byComponent = new Map<string, ImpactInterval[]>();
  for (const incident of incidents) {
    for (const interval of impactIntervals(incident)) {
      const list = byComponent.get(interval.componentId);
      if (list === undefined) byComponent.set(interval.componentId, [interval]);
      else list.push(interval);
    }
  }
  for (const list of byComponent.values()) list.sort((a, b) => a.start.getTime() - b.start.getTime());
  return byComponent;
}

/** Every maintenance, indexed by the components it covers. */
export function maintenancesByComponent(maintenances: readonly Maintenance[]): Map<string, Maintenance[]> {
  const byComponent = new Map<string, Maintenance[]>();
  for (const maintenance of maintenances) {
    for (const id of new Set(maintenance.componentIds)) {
      const list = byComponent.get(id);
      if (list === undefined) byComponent.set(id, [maintenance]);
      else list.push(maintenance);
    }
  }
  return byComponent;
}

interface Span {
  incidentId: string;
  rank: number;
  start: number;
  end: number;
}

function clipIntervals(intervals: readonly ImpactInterval[], from: number, to: number): Span[] {
  const spans: Span[] = [];
  for (const interval of intervals) {
    const start = Math.max(interval.start.getTime(), from);
    const end = Math.min(interval.end?.getTime() ?? to, to);
    if (end > start) spans.push({ incidentId: interval.incidentId, rank: impactRank(interval.impact), start, end });
  }
  return spans;
}

/** Disjoint segments carrying the worst rank in force, by a sweep over start and end events. */
function mergeWorst(spans: readonly Span[]): { start: number; end: number; rank: number }[] {
  const events: { at: number; rank: number; delta: number }[] = [];
  for (const span of spans) {
    events.push({ at: span.start, rank: span.rank, delta: 1 }, { at: span.end, rank: span.rank, delta: -1 });
  }
  events.sort((a, b) => a.at - b.at);
  const active = [0, 0, 0, 0];
  const segments: { start: number; end: number; rank: number }[] = [];
  let previous = 0;
  for (const event of events) {
    const rank = active[3]! > 0 ? 3 : active[2]! > 0 ? 2 : active[1]! > 0 ? 1 : 0;
    if (rank > 0 && event.at > previous) segments.push({ start: previous, end: event.at, rank });
    active[event.rank]! += event.delta;
    previous = event.at;
  }
  return segments;
}

/** A maintenance covers its components until the earliest of its scheduled end, completion, cancellation. */
function maintenanceEnd(maintenance: Maintenance): number {
  let end = maintenance.scheduledEnd.getTime();
  if (maintenance.completedAt !== null) end = Math.min(end, maintenance.completedAt.getTime());
  if (maintenance.cancelledAt !== null) end = Math.min(end, maintenance.cancelledAt.getTime());
  return end;
}

/** The day containing `t` (binary search); 0 when `t` is before the grid. */
function dayIndexOf(bounds: readonly number[], t: number): number {
  let low = 0;
  let high = bounds.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (bounds[middle]! <= t) low = middle;
    else high = middle - 1;
  }
  return low;
}

// Guarded so that rank 0 never reads IMPACTS[-1], a slow out-of-bounds lookup on this hot path.
const impactOfRank = (rank: number): Impact | null => (rank > 0 ? (IMPACTS[rank - 1] ?? null) : null);
const uptimeRatio = (downtime: number, observed: number): number => Math.min(1, Math.max(0, 1 - downtime / observed));

function meanOf(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : known.reduce((sum, value) => sum + value, 0) / known.length;
}
