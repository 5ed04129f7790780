/** The days of an uptime bar as a viewer reads them, with the words a screen reader speaks for each. */
import type { Impact } from './impact.js';
import { componentStatusLabel } from './page-status.js';
import type { DayHistory } from './uptime.js';

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

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** "2026-03-12" → "12 March 2026", by string arithmetic: the key is already a local date. */
export const dayLabel = (day: string): string =>
  `${Number(day.slice(8, 10))} ${MONTH_NAMES[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;

/** "2026-03" → "March 2026". */
export const monthLabel = (month: string): string => `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/**
 * An uptime ratio as a percentage with two decimals, rounded down so that any downtime at all shows
 * below 100 ("99.99%"); exactly 1 reads "100%". `null` (no data) stays `null`.
 */
export function formatUptime(ratio: number | null): string | null {
  if (ratio === null) return null;
  if (ratio >= 1) return '100%';
  // The epsilon absorbs float noise such as 0.9995 * 10000 = 9994.999…
  return `${(Math.floor(ratio * 10_000 + 1e-7) / 100).toFixed(2)}%`;
}

function stateOf(day: DayHistory): DayState {
  if (day.uptime === null) return 'no_data';
  if (day.worstImpact !== null) return day.worstImpact;
  return day.hadMaintenance ? 'under_maintenance' : 'operational';
}

const STATE_LABELS: Record<'no_data' | 'under_maintenance', string> = { no_data: 'No data', under_maintenance: 'Maintenance' };

const NO_INCIDENTS: readonly { id: string; name: string }[] = Object.freeze([]);
const MAX_CACHED = 20_000;
// Every component of every page shows the same few hundred days, and most of those days read the same
// ("20 March 2026: Operational; 100% uptime"), so such days are built once and shared (never mutated).
const dateLabels = new Map<string, string>();
// day → its two commonest views (operational all day; no data) and then state → uptime → view; nested
// maps because building a joint string key costs more than the view.
interface PlainDays {
  fullyOperational: DayView | undefined;
  noData: DayView | undefined;
  byState: Map<DayState, Map<number | null, DayView>>;
}
const plainDays = new Map<string, PlainDays>();

function cachedDayLabel(day: string): string {
  let label = dateLabels.get(day);
  if (label === undefined) {
    if (dateLabels.size >= MAX_CACHED) dateLabels.clear();
    label = dayLabel(day);
    dateLabels.set(day, label);
  }
  return label;
}

function buildDayView(day: DayHistory, state: DayState, incidentNames: ReadonlyMap<string, string>): DayView {
  const dateLabel = cachedDayLabel(day.day);
  const stateLabel = state === 'no_data' || state === 'under_maintenance' ? STATE_LABELS[state] : componentStatusLabel(state);
  let incidents = NO_INCIDENTS;
  let label = `${dateLabel}: ${stateLabel}`;
  if (day.incidentIds.length > 0) {
    const named: { id: string; name: string }[] = [];
    for (const id of day.incidentIds) {
      const name = incidentNames.get(id);
      if (name !== undefined) named.push({ id, name });
    }
    if (named.length > 0) label += ` — ${named.map((incident) => incident.name).join(', ')}`;
    incidents = named;
  }
  const alsoMaintenance = day.hadMaintenance && state !== 'under_maintenance' && state !== 'no_data';
  if (alsoMaintenance) label += '; maintenance';
  const uptimeText = formatUptime(day.uptime);
  if (uptimeText !== null) label += `; ${uptimeText} uptime`;
  return { day: day.day, dateLabel, state, stateLabel, incidents, alsoMaintenance, uptimeText, label };
}

/**
 * The bar's days with labels; incident names come from `incidentNames` (ids it lacks are left out).
 * Days without incidents or extra maintenance are shared between calls: treat the result as read-only.
 */
export function dayViews(days: readonly DayHistory[], incidentNames: ReadonlyMap<string, string>): DayView[] {
  const views = new Array<DayView>(days.length);
  for (let index = 0; index < days.length; index++) {
    const day = days[index]!;
    const state = stateOf(day);
    const isPlain = day.incidentIds.length === 0 && (!day.hadMaintenance || state === 'under_maintenance' || state === 'no_data');
    if (!isPlain) {
      views[index] = buildDayView(day, state, incidentNames);
      continue;
    }
    let cached = plainDays.get(day.day);
    if (cached === undefined) {
      if (plainDays.size >= MAX_CACHED) plainDays.clear();
      cached = { fullyOperational: undefined, noData: undefined, byState: new Map() };
      plainDays.set(day.day, cached);
    }
    // Most days of most bars are one of these two: one lookup instead of three.
    if (state === 'operational' && day.uptime === 1) {
      views[index] = cached.fullyOperational ??= buildDayView(day, state, incidentNames);
      continue;
    }
    if (state === 'no_data') {
      views[index] = cached.noData ??= buildDayView(day, state, incidentNames);
      continue;
    }
    let byUptime = cached.byState.get(state);
    if (byUptime === undefined) {
      byUptime = new Map();
      cached.byState.set(state, byUptime);
    }
    let view = byUptime.get(day.uptime);
    if (view === undefined) {
      view = buildDayView(day, state, incidentNames);
      byUptime.set(day.uptime, view);
    }
    views[index] = view;
  }
  return views;
}
