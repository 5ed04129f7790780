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
import type { DayGrid } from './day-grid.js';
import { IMPACTS, type Impact, impactRank } from '../status/impact.js';
import type { ImpactInterval, Incident } from '../status/incident.js';
import { impactIntervals } from './impact-intervals.js';
import type { Maintenance } from '../status/maintenance.js';
import { sortInPlace } from '../sort-in-place.js';

/** One local day. `start` and `end` are shared between histories of the same day grid: do not mutate them. */
interface DayHistory {
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

/**
 * The figures of `ComponentHistory` without an object per day: what a re-render of a big page reads
 * (100 components × 90 days), where most days are alike. Only the days with something to show are
 * listed; every other day is either operational all day (uptime 1) or, outside the observed days, has
 * no data.
 */
export interface DayFigures {
  /** The days, shared by every component of the page when the caller shares the grid: do not mutate. */
  grid: DayGrid;
  /** The observed days (some of the day lies between the component's creation and now) are `[observedFrom, observedTo)`. */
  observedFrom: number;
  observedTo: number;
  /** The days with an impact, maintenance or incidents, in day order (all observed). */
  notableDays: readonly NotableDay[];
  /** Over all days, weighted by observed time; `null` when nothing was observed. */
  uptime: number | null;
  /** The same over the last `recentDays` days only. */
  recentUptime: number | null;
}

/** One day of `DayFigures` with an impact, maintenance or incidents: `DayHistory`'s figures, by day index. */
interface NotableDay {
  index: number;
  /** The rank of the worst impact (`impactRank`), 0 for none. */
  worstRank: number;
  hadMaintenance: boolean;
  uptime: number | null;
  incidentIds: readonly string[];
}

export interface ComponentHistoryArgs {
  createdAt: Date;
  /** This component's intervals only (see `intervalsByComponent`). */
  intervals: readonly ImpactInterval[];
  /** The maintenances covering this component (see `maintenancesByComponent`). */
  maintenances: readonly Maintenance[];
  now: Date;
  /** The days: `dayGrid(now, timeZone, days, zones)`, which the caller shares between components. */
  grid: DayGrid;
  /** The last this many days also get a figure of their own (`recentUptime`): what narrow screens show. Defaults to 30. */
  recentDays?: number;
}

// Per-day working arrays, reused by every call (the work is synchronous): allocating four arrays per
// component on every re-render cost more than the arithmetic. Only the notable days leave them.
let rankScratch = new Uint8Array(0);
let downtimeScratch = new Float64Array(0);
let maintenanceScratch = new Uint8Array(0);
const incidentIdsScratch: (string[] | undefined)[] = [];

function clearScratch(dayCount: number): void {
  if (rankScratch.length < dayCount) {
    rankScratch = new Uint8Array(dayCount);
    downtimeScratch = new Float64Array(dayCount);
    maintenanceScratch = new Uint8Array(dayCount);
  }
  rankScratch.fill(0, 0, dayCount);
  downtimeScratch.fill(0, 0, dayCount);
  maintenanceScratch.fill(0, 0, dayCount);
  for (let day = 0; day < dayCount; day++) incidentIdsScratch[day] = undefined;
}

/** Downtime weight by impact rank: none, degraded, partial, full. */
const DOWNTIME_WEIGHT = [0, 0, 0.3, 1] as const;

/**
 * One component's day-by-day history over the last `days` local days (today last), with its uptime.
 * @example componentHistory({ createdAt, intervals: byComponent.get(id) ?? [], maintenances, now, grid: dayGrid(now, page.timeZone, 90, zones) })
 */
export function componentHistory(args: ComponentHistoryArgs): ComponentHistory {
  const { grid, observedFrom, observedTo, notableDays, uptime } = componentDayFigures(args);
  const { keys, dates } = grid;
  const days = new Array<DayHistory>(keys.length);
  let next = 0;
  for (let day = 0; day < keys.length; day++) {
    const notable = notableDays[next];
    const shared = { day: keys[day]!, start: dates[day]!, end: dates[day + 1]! };
    if (notable?.index === day) {
      next++;
      days[day] = {
        ...shared,
        worstImpact: impactOfRank(notable.worstRank),
        hadMaintenance: notable.hadMaintenance,
        uptime: notable.uptime,
        incidentIds: notable.incidentIds,
      };
    } else {
      const observed = day >= observedFrom && day < observedTo;
      days[day] = { ...shared, worstImpact: null, hadMaintenance: false, uptime: observed ? 1 : null, incidentIds: NO_INCIDENT_IDS };
    }
  }
  return { days, uptime };
}

/**
 * `componentHistory` without an object per day (see `DayFigures`): the same rules and arithmetic.
 * @example const figures = componentDayFigures({ createdAt, intervals, maintenances, now, grid })
 */
export function componentDayFigures(args: ComponentHistoryArgs): DayFigures {
  const { grid } = args;
  const { bounds } = grid;
  const now = args.now.getTime();
  const from = Math.max(bounds[0]!, args.createdAt.getTime());
  const dayCount = grid.keys.length;
  clearScratch(dayCount);
  const worstRank = rankScratch;
  const downtime = downtimeScratch;
  const hadMaintenance = maintenanceScratch;
  const incidentIds = incidentIdsScratch;

  // Each loop below visits the days that [start, end) overlaps by more than nothing.
  const clipped = clipIntervals(args.intervals, from, now);
  for (const segment of mergeWorst(clipped)) {
    const weight = DOWNTIME_WEIGHT[segment.rank] ?? 0;
    for (let day = dayIndexOf(bounds, segment.start); day < dayCount && bounds[day]! < segment.end; day++) {
      const overlap = Math.min(segment.end, bounds[day + 1]!) - Math.max(segment.start, bounds[day]!);
      if (overlap <= 0) continue;
      if (segment.rank > worstRank[day]!) worstRank[day] = segment.rank;
      downtime[day]! += overlap * weight;
    }
  }
  for (const interval of clipped) {
    for (let day = dayIndexOf(bounds, interval.start); day < dayCount && bounds[day]! < interval.end; day++) {
      if (Math.min(interval.end, bounds[day + 1]!) - Math.max(interval.start, bounds[day]!) <= 0) continue;
      // Few incidents touch one day: a list with a membership test keeps first-seen order, as a Set would.
      const ids = incidentIds[day];
      if (ids === undefined) incidentIds[day] = [interval.incidentId];
      else if (!ids.includes(interval.incidentId)) ids.push(interval.incidentId);
    }
  }
  for (const maintenance of args.maintenances) {
    const start = Math.max(maintenance.scheduledStart.getTime(), from);
    const end = Math.min(maintenanceEnd(maintenance), now);
    for (let day = dayIndexOf(bounds, start); day < dayCount && bounds[day]! < end; day++) {
      if (Math.min(end, bounds[day + 1]!) - Math.max(start, bounds[day]!) > 0) hadMaintenance[day] = 1;
    }
  }

  // The observed days are those overlapping [from, now): consecutive ones.
  let totalObserved = 0;
  let totalDowntime = 0;
  let recentObserved = 0;
  let recentDowntime = 0;
  const recentFrom = dayCount - Math.min(dayCount, args.recentDays ?? 30);
  let observedFrom = -1;
  let observedTo = -1;
  const notableDays: NotableDay[] = [];
  for (let day = 0; day < dayCount; day++) {
    const observed = Math.max(0, Math.min(bounds[day + 1]!, now) - Math.max(bounds[day]!, from));
    totalObserved += observed;
    totalDowntime += downtime[day]!;
    if (day >= recentFrom) {
      recentObserved += observed;
      recentDowntime += downtime[day]!;
    }
    if (observed > 0) {
      if (observedFrom < 0) observedFrom = day;
      observedTo = day + 1;
    }
    const ids = incidentIds[day];
    if (worstRank[day]! > 0 || hadMaintenance[day] === 1 || ids !== undefined) {
      notableDays.push({
        index: day,
        worstRank: worstRank[day]!,
        hadMaintenance: hadMaintenance[day] === 1,
        uptime: observed > 0 ? uptimeRatio(downtime[day]!, observed) : null,
        incidentIds: ids ?? NO_INCIDENT_IDS,
      });
    }
  }
  return {
    grid,
    observedFrom: Math.max(observedFrom, 0),
    observedTo: Math.max(observedTo, 0),
    notableDays,
    uptime: totalObserved > 0 ? uptimeRatio(totalDowntime, totalObserved) : null,
    recentUptime: recentObserved > 0 ? uptimeRatio(recentDowntime, recentObserved) : null,
  };
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
export function groupUptime(histories: readonly { uptime: number | null }[]): number | null {
  let sum = 0;
  let known = 0;
  for (const history of histories) {
    if (history.uptime === null) continue;
    sum += history.uptime;
    known++;
  }
  return known === 0 ? null : sum / known;
}

/**
 * Every incident's intervals, indexed by component and ordered by start: index once per snapshot.
 * `intervalsOf` is `impactIntervals`, or a caller's memo of it (an incident's intervals never change).
 */
export function intervalsByComponent(
  incidents: readonly Incident[],
  intervalsOf: (incident: Incident) => readonly ImpactInterval[] = impactIntervals,
): Map<string, ImpactInterval[]> {
  const byComponent = new Map<string, ImpactInterval[]>();
  for (const incident of incidents) {
    for (const interval of intervalsOf(incident)) {
      const list = byComponent.get(interval.componentId);
      if (list === undefined) byComponent.set(interval.componentId, [interval]);
      else list.push(interval);
    }
  }
  for (const list of byComponent.values()) sortInPlace(list, (a, b) => a.start.getTime() - b.start.getTime());
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
  sortInPlace(events, (a, b) => a.at - b.at);
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
