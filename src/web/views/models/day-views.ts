/** The days of an uptime bar as a viewer reads them, with the words a screen reader speaks for each. */
import type { DayGrid } from '../../../domain/history/day-grid.js';
import type { DayFigures } from '../../../domain/history/uptime.js';
import { IMPACTS, type Impact } from '../../../domain/status/impact.js';
import { dayLabel } from './date-labels.js';
import { DAY_STATE_LABELS, componentStatusLabel } from '../../../domain/status/status-labels.js';
import { formatUptime } from './uptime-text.js';

/** What colours a day: its worst impact, else maintenance, else operational; `no_data` before the component existed. */
export type DayState = 'no_data' | 'operational' | 'under_maintenance' | Impact;

export interface DayView {
  /** `YYYY-MM-DD` in the page's zone. */
  day: string;
  /** e.g. "12 March 2026". */
  dateLabel: string;
  state: DayState;
  /** e.g. "Partial outage", "Maintenance", "No data". */
  stateLabel: string;
  incidents: readonly { id: string; name: string }[];
  /** Maintenance on a day that also had an incident, which the state does not show. */
  alsoMaintenance: boolean;
  /** e.g. "99.20%", or `null` with no data. */
  uptimeText: string | null;
  /** The whole day in one sentence: "12 March 2026: Partial outage — Elevated API errors; 99.20% uptime". */
  label: string;
}

const NO_INCIDENTS: readonly { id: string; name: string }[] = Object.freeze([]);
const NO_NAMES: ReadonlyMap<string, string> = new Map();
const NO_INCIDENT_IDS: readonly string[] = Object.freeze([]);
const MAX_CACHED = 20_000;
// Every component of every page shows the same few hundred days, and most of those days read the same
// ("20 March 2026: Operational; 100% uptime"), so such days are built once and shared (never mutated).
const dateLabels = new Map<string, string>();

/**
 * The two commonest days of a day grid, built once per grid for every one of its days: operational all
 * day (uptime 1), and no data (before the component existed). A bar's stretch of such days is then a
 * stretch of one of these lists, which the views can print as one piece (see `sharedDayRun`).
 */
interface GridDays {
  operational: readonly DayView[];
  noData: readonly DayView[];
}
const gridDays = new WeakMap<DayGrid, GridDays>();

/** Where a shared day sits: its list (operational or no-data days of one grid) and its index there. */
export interface SharedDayRun {
  days: readonly DayView[];
  index: number;
}
const sharedRuns = new WeakMap<DayView, SharedDayRun>();

// The other days without incidents (maintenance all day, mostly): day → state → uptime → view; nested
// maps because building a joint string key costs more than the view.
const plainDays = new Map<string, Map<DayState, Map<number | null, DayView>>>();
// Counted across the nested maps: today's uptime under maintenance moves with the clock, so one day
// can gather a view per render.
let plainDayCount = 0;

function cachedDayLabel(day: string): string {
  let label = dateLabels.get(day);
  if (label === undefined) {
    if (dateLabels.size >= MAX_CACHED) dateLabels.clear();
    label = dayLabel(day);
    dateLabels.set(day, label);
  }
  return label;
}

function buildDayView(
  day: string,
  state: DayState,
  incidentIds: readonly string[],
  hadMaintenance: boolean,
  uptime: number | null,
  incidentNames: ReadonlyMap<string, string>,
): DayView {
  const dateLabel = cachedDayLabel(day);
  const stateLabel = state === 'no_data' || state === 'under_maintenance' ? DAY_STATE_LABELS[state] : componentStatusLabel(state);
  let incidents = NO_INCIDENTS;
  let label = `${dateLabel}: ${stateLabel}`;
  if (incidentIds.length > 0) {
    const named: { id: string; name: string }[] = [];
    for (const id of incidentIds) {
      const name = incidentNames.get(id);
      if (name !== undefined) named.push({ id, name });
    }
    if (named.length > 0) label += ` — ${named.map((incident) => incident.name).join(', ')}`;
    incidents = named;
  }
  const alsoMaintenance = hadMaintenance && state !== 'under_maintenance' && state !== 'no_data';
  if (alsoMaintenance) label += '; maintenance';
  const uptimeText = formatUptime(uptime);
  if (uptimeText !== null) label += `; ${uptimeText} uptime`;
  return { day, dateLabel, state, stateLabel, incidents, alsoMaintenance, uptimeText, label };
}

function daysOfGrid(grid: DayGrid): GridDays {
  let days = gridDays.get(grid);
  if (days === undefined) {
    const list = (state: 'operational' | 'no_data', uptime: number | null): DayView[] => {
      const views = grid.keys.map((key) => buildDayView(key, state, NO_INCIDENT_IDS, false, uptime, NO_NAMES));
      views.forEach((view, index) => sharedRuns.set(view, { days: views, index }));
      return views;
    };
    days = { operational: list('operational', 1), noData: list('no_data', null) };
    gridDays.set(grid, days);
  }
  return days;
}

function cachedPlainDay(day: string, state: DayState, uptime: number | null): DayView {
  if (plainDayCount >= MAX_CACHED) {
    plainDays.clear();
    plainDayCount = 0;
  }
  let byState = plainDays.get(day);
  if (byState === undefined) {
    byState = new Map();
    plainDays.set(day, byState);
  }
  let byUptime = byState.get(state);
  if (byUptime === undefined) {
    byUptime = new Map();
    byState.set(state, byUptime);
  }
  let view = byUptime.get(uptime);
  if (view === undefined) {
    view = buildDayView(day, state, NO_INCIDENT_IDS, false, uptime, NO_NAMES);
    byUptime.set(uptime, view);
    plainDayCount += 1;
  }
  return view;
}

/**
 * The bar's days with labels; incident names come from `incidentNames` (ids it lacks are left out).
 * Days without incidents or extra maintenance are shared between calls: treat the result as read-only.
 */
export function dayViews(figures: DayFigures, incidentNames: ReadonlyMap<string, string>): DayView[] {
  const { grid, observedFrom, observedTo } = figures;
  const { keys } = grid;
  const shared = daysOfGrid(grid);
  const views = new Array<DayView>(keys.length);
  // Most days of most bars are operational all day, or have no data: shared from the grid's lists.
  for (let index = 0; index < keys.length; index++) {
    views[index] = index >= observedFrom && index < observedTo ? shared.operational[index]! : shared.noData[index]!;
  }
  for (const day of figures.notableDays) {
    const { index, worstRank: rank, hadMaintenance, uptime, incidentIds } = day;
    const state: DayState =
      uptime === null ? 'no_data' : rank > 0 ? IMPACTS[rank - 1]! : hadMaintenance ? 'under_maintenance' : 'operational';
    const isPlain = incidentIds.length === 0 && (!hadMaintenance || state === 'under_maintenance' || state === 'no_data');
    if (!isPlain) {
      views[index] = buildDayView(keys[index]!, state, incidentIds, hadMaintenance, uptime, incidentNames);
    } else if (state === 'operational' && uptime === 1) {
      views[index] = shared.operational[index]!;
    } else if (state === 'no_data') {
      views[index] = shared.noData[index]!;
    } else {
      views[index] = cachedPlainDay(keys[index]!, state, uptime);
    }
  }
  return views;
}

/**
 * For a day that `dayViews` shares from its grid's list of operational or no-data days, that list and
 * the day's place in it; `undefined` for any other day. Consecutive days of a bar that are consecutive
 * in the list read as one stretch, so a view can print them as one piece.
 */
export const sharedDayRun = (day: DayView): SharedDayRun | undefined => sharedRuns.get(day);
