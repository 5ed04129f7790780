/**
 * View models of the public pages: everything a view shows, computed from a snapshot in one pass, so the
 * views only format. The rules (what is on a page, statuses, uptime) are the domain's; the words and
 * links are made here. A page only ever reveals its own components: incidents, maintenance and their
 * impacts are filtered to the page's components (customer pages must never see each other's).
 */
import type { ComponentStatus } from '../../../domain/status/component.js';
import { worstComponentStatus } from '../../../domain/status/component-status.js';
import {
  type HistoryStartMemo,
  historyMonthBounds,
  isPageHistoryMonth,
  oldestHistoryInstant,
  shiftMonth,
} from '../../../domain/history/history-range.js';
import type { ImpactInterval, Incident } from '../../../domain/status/incident.js';
import { incidentComponentIds, incidentResolvedAt, incidentStartedAt, isIncidentOpen } from '../../../domain/status/incident-status.js';
import type { Maintenance, MaintenancePhase } from '../../../domain/status/maintenance.js';
import { maintenancePhase } from '../../../domain/status/maintenance-phase.js';
import type { Page } from '../../../domain/pages/page.js';
import type { OnPageMemo } from '../../../domain/pages/page-scope.js';
import type { Snapshot } from '../../../domain/snapshot.js';
import {
  componentDayFigures,
  type DayFigures,
  groupUptime,
  intervalsByComponent,
  maintenancesByComponent,
} from '../../../domain/history/uptime.js';
import { monthLabel } from './date-labels.js';
import { sharedDayGrid } from './day-grid-memo.js';
import { dayViews } from './day-views.js';
import { incidentView, maintenanceView } from './incident-view.js';
import type {
  ComponentRowView,
  HistoryPageView,
  IncidentPageView,
  IncidentView,
  MaintenanceView,
  StatusPageView,
  StructureItemView,
  UptimeView,
} from './page-view-types.js';
import { dedicatedGroupName } from '../../../domain/pages/page-names.js';
import { componentStatusLabel } from '../../../domain/status/status-labels.js';
import { buildSubPageListView } from './sub-page-list-view.js';
import { formatUptime } from './uptime-text.js';
import { type ViewScope, viewScopeOf } from './view-scope.js';
import { timeZones } from '../../time-zones.js';

export type { DayState, DayView } from './day-views.js';
export type * from './page-view-types.js';
export { historyMonthBounds };

const HISTORY_DAYS = 90;
/** What narrow screens show of a bar (the stylesheet hides the older days), with a figure of its own. */
const RECENT_HISTORY_DAYS = 30;
const RECENT_INCIDENT_DAYS = 14;
/**
 * The most recent incidents the front page shows as cards; the rest of the 14 days are a link to the
 * history away. A bad fortnight (hundreds of incidents) must not make every reader download them all,
 * nor make each re-render after a write cost what the fortnight holds.
 */
export const RECENT_INCIDENT_LIMIT = 20;

/**
 * A component row as figures: what its view shows, with the 90 days as `DayFigures` rather than as day
 * views (see `componentRowView`). A renderer that keeps rows' markup can tell from these whether a
 * row reads as it did, without building its views.
 */
export interface ComponentRowFigures {
  id: string;
  name: string;
  description: string | null;
  status: ComponentStatus;
  statusLabel: string;
  history: DayFigures | null;
}

export type StructureItemFigures =
  | { kind: 'component'; component: ComponentRowFigures }
  | (Omit<Extract<StructureItemView, { kind: 'group' }>, 'components'> & { components: ComponentRowFigures[] });

/** What a status page shows besides its structure and its incident cards. */
export type StatusPageFrame = Omit<StatusPageView, 'items' | 'openIncidents' | 'recentIncidents'>;

/**
 * The status page's view in parts (`buildStatusPageParts`): the frame, the structure as figures, and
 * the incidents to show as cards, in order, still as incidents (`incidentView(incident, scope)` makes
 * each card's view).
 */
export interface StatusPageParts {
  frame: StatusPageFrame;
  structure: StructureItemFigures[];
  /** The names of the incidents on the page, by id: the names a row's days show. */
  incidentNames: ReadonlyMap<string, string>;
  /** Newest start first. */
  openIncidents: Incident[];
  /** Resolved in the last 14 local days, latest resolution first, at most `RECENT_INCIDENT_LIMIT` (the frame counts the rest). */
  recentIncidents: Incident[];
  scope: ViewScope;
}

/** The public status page: banner, structure with 90-day history, incidents and maintenance. */
export function buildStatusPageView(snapshot: Snapshot, page: Page, now: Date): StatusPageView {
  const { frame, structure, incidentNames, openIncidents, recentIncidents, scope } = buildStatusPageParts(snapshot, page, now);
  const rowView = (row: ComponentRowFigures): ComponentRowView => componentRowView(row, incidentNames);
  const items = structure.map((item): StructureItemView =>
    item.kind === 'component'
      ? { kind: 'component', component: rowView(item.component) }
      : { ...item, components: item.components.map(rowView) },
  );
  const cardView = (incident: Incident): IncidentView => incidentView(incident, scope);
  return { ...frame, items, openIncidents: openIncidents.map(cardView), recentIncidents: recentIncidents.map(cardView) };
}

/** A row's view from its figures; `incidentNames` as in `StatusPageParts`. */
export function componentRowView(row: ComponentRowFigures, incidentNames: ReadonlyMap<string, string>): ComponentRowView {
  const { history, ...rest } = row;
  return { ...rest, history: history === null ? null : uptimeView(history, incidentNames) };
}

/**
 * `buildStatusPageView` in parts, so that a renderer can reuse the markup of rows and cards that read
 * as before; `memoFor` as for `scopeOf`; `intervalsOf` as for `intervalsByComponent`.
 */
export function buildStatusPageParts(
  snapshot: Snapshot,
  page: Page,
  now: Date,
  memoFor?: (componentIds: readonly string[]) => OnPageMemo,
  intervalsOf?: (incident: Incident) => readonly ImpactInterval[],
): StatusPageParts {
  const scope = viewScopeOf(snapshot, page, now, memoFor);
  const grid = sharedDayGrid(now, page.timeZone, HISTORY_DAYS);
  const intervals = intervalsByComponent(scope.incidents, intervalsOf);
  const maintenanceIndex = maintenancesByComponent(scope.maintenances);
  const incidentNames = new Map(scope.incidents.map((incident) => [incident.id, incident.name]));

  const historyOf = (id: string): DayFigures =>
    componentDayFigures({
      createdAt: snapshot.components.get(id)!.createdAt,
      intervals: intervals.get(id) ?? NO_INTERVALS,
      maintenances: maintenanceIndex.get(id) ?? NO_MAINTENANCES,
      now,
      recentDays: RECENT_HISTORY_DAYS,
      grid,
    });
  const rowOf = (id: string, history: DayFigures | null): ComponentRowFigures => {
    const component = snapshot.components.get(id)!;
    const status = scope.statuses.get(id) ?? 'operational';
    return { id, name: component.name, description: component.description, status, statusLabel: componentStatusLabel(status), history };
  };

  const { uptimeDisplay } = page.branding;
  // `hidden` overrides every item's choice; `bars_only` keeps the bars and drops the figures (the list's class, and the groups' here).
  const showsUptime = (item: { showUptime: boolean }): boolean => item.showUptime && uptimeDisplay !== 'hidden';
  const structure: StructureItemFigures[] = [];
  for (const item of page.items) {
    if (item.kind === 'component') {
      if (!scope.onPage.has(item.componentId)) continue;
      structure.push({ kind: 'component', component: rowOf(item.componentId, showsUptime(item) ? historyOf(item.componentId) : null) });
      continue;
    }
    const group = snapshot.groups.get(item.groupId);
    const memberIds = [...new Set(group?.componentIds ?? [])].filter((id) => scope.onPage.has(id));
    if (group === undefined || memberIds.length === 0) continue;
    const histories = showsUptime(item) ? memberIds.map(historyOf) : null;
    const status = worstComponentStatus(memberIds.map((id) => scope.statuses.get(id) ?? 'operational'));
    structure.push({
      kind: 'group',
      id: group.id,
      name: group.dedicated === true ? dedicatedGroupName(group.name) : group.name,
      description: group.description,
      status,
      statusLabel: componentStatusLabel(status),
      components: memberIds.map((id, index) => rowOf(id, histories?.[index] ?? null)),
      uptimeText: histories === null || uptimeDisplay === 'bars_only' ? null : formatUptime(groupUptime(histories)),
    });
  }

  // The start of the first of the last 14 local days: the memoised grid's first bound, without Intl work per render.
  const recentSince = sharedDayGrid(now, page.timeZone, RECENT_INCIDENT_DAYS).bounds[0]!;
  const phases = scope.maintenances.map((maintenance) => ({ maintenance, phase: maintenancePhase(maintenance, now) }));
  const maintenancesIn = (phase: MaintenancePhase): MaintenanceView[] =>
    phases
      .filter((entry) => entry.phase === phase)
      .map((entry) => maintenanceView(entry.maintenance, entry.phase, scope))
      .sort((a, b) => a.scheduledStart.getTime() - b.scheduledStart.getTime());

  // Sorted by the times their views show (the sort is stable, as the views' was).
  const startOf = (incident: Incident): number => incidentStartedAt(incident).getTime();
  const resolvedOf = (incident: Incident): number => incidentResolvedAt(incident)?.getTime() ?? -Infinity;
  const openIncidents = scope.incidents.filter(isIncidentOpen).sort((a, b) => startOf(b) - startOf(a));
  const recentResolved = scope.incidents
    .filter((incident) => resolvedOf(incident) >= recentSince)
    .sort((a, b) => resolvedOf(b) - resolvedOf(a));
  const recentIncidents = recentResolved.slice(0, RECENT_INCIDENT_LIMIT);
  const frame: StatusPageFrame = {
    page: scope.header,
    overall: scope.overall,
    generatedAt: now,
    activeMaintenances: maintenancesIn('in_progress'),
    upcomingMaintenances: maintenancesIn('scheduled'),
    moreRecentIncidents: recentResolved.length - recentIncidents.length,
    subPageList: buildSubPageListView(snapshot, page, now) ?? undefined,
  };
  return { frame, structure, incidentNames, openIncidents, recentIncidents, scope };
}

/**
 * One incident with its full timeline, or `null` when there is none or it touches none of the page's
 * components. The caller finds the incident (in the live state, or in the store for an old one).
 */
export function buildIncidentView(snapshot: Snapshot, page: Page, incident: Incident | null, now: Date): IncidentPageView | null {
  if (incident === null) return null;
  const scope = viewScopeOf(snapshot, page, now);
  if (!incidentComponentIds(incident).some((id) => scope.onPage.has(id))) return null;
  return { page: scope.header, overall: scope.overall, generatedAt: now, incident: incidentView(incident, scope) };
}

/**
 * The incidents whose timeline (start to resolution, or to now while open) touches the local month
 * `monthKey` (`YYYY-MM`), newest first, with links to the neighbouring months that can hold any.
 * `monthIncidents` are the incidents whose span reaches into the month (`historyMonthBounds`), read
 * by the caller from the store; only those touching the page are listed. `null` when the month is
 * malformed, before the page's history began, or has not begun yet. `historyStarts`: the caller's memo
 * for `snapshot` (see `HistoryStartMemo`), when it keeps one.
 */
export function buildHistoryView(
  snapshot: Snapshot,
  page: Page,
  monthKey: string,
  now: Date,
  monthIncidents: readonly Incident[],
  historyStarts: HistoryStartMemo = new Map(),
): HistoryPageView | null {
  const previousKey = shiftMonth(monthKey, -1);
  const nextKey = shiftMonth(monthKey, 1);
  const bounds = historyMonthBounds(page, monthKey, now, timeZones);
  if (previousKey === null || nextKey === null || bounds === null) return null;
  const start = bounds.start.getTime();
  const end = bounds.end.getTime();

  // Months before the page's history began are no page at all, whatever incidents the caller read.
  if (!isPageHistoryMonth(snapshot, page, monthKey, now, timeZones, historyStarts)) return null;
  const scope = viewScopeOf(snapshot, page, now);
  const spanOf = (incident: Incident): [number, number] => [
    incidentStartedAt(incident).getTime(),
    (incidentResolvedAt(incident) ?? now).getTime(),
  ];
  const oldest = oldestHistoryInstant(snapshot, page, historyStarts);

  const incidents = monthIncidents
    .filter((incident) => {
      if (!incidentComponentIds(incident).some((id) => scope.onPage.has(id))) return false;
      const [from, to] = spanOf(incident);
      return from < end && to >= start;
    })
    .map((incident) => incidentView(incident, scope))
    .sort(newestStartFirst);

  return {
    page: scope.header,
    overall: scope.overall,
    generatedAt: now,
    month: { key: monthKey, label: monthLabel(monthKey) },
    incidents,
    previousMonth: oldest < start ? previousKey : null,
    nextMonth: end <= now.getTime() ? nextKey : null,
  };
}

const NO_INTERVALS: readonly ImpactInterval[] = [];
const NO_MAINTENANCES: readonly Maintenance[] = [];

const newestStartFirst = (a: IncidentView, b: IncidentView): number => b.startedAt.getTime() - a.startedAt.getTime();

function uptimeView(history: DayFigures, incidentNames: ReadonlyMap<string, string>): UptimeView {
  return {
    days: dayViews(history, incidentNames),
    uptime: history.uptime,
    uptimeText: formatUptime(history.uptime),
    recent: { days: RECENT_HISTORY_DAYS, uptimeText: formatUptime(history.recentUptime) },
  };
}
