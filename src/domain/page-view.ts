/**
 * View models of the public pages: everything a view shows, computed from a snapshot in one pass, so the
 * views only format. A page only ever reveals its own components: incidents, maintenance and their
 * impacts are filtered to the page's components (customer pages must never see each other's).
 */
import type { ComponentStatus } from './component.js';
import { componentStatuses, worstComponentStatus } from './component-status.js';
import type { Impact } from './impact.js';
import type { ImpactInterval, Incident, IncidentStatus } from './incident.js';
import {
  currentImpacts,
  incidentComponentIds,
  incidentResolvedAt,
  incidentStartedAt,
  incidentStatus,
  isIncidentOpen,
} from './incident-status.js';
import { orderedUpdates } from './incident-updates.js';
import type { Maintenance, MaintenancePhase } from './maintenance.js';
import { maintenancePhase } from './maintenance-phase.js';
import type { Page } from './page.js';
import { componentStatusLabel, overallStatus, type StatusIndicator } from './page-status.js';
import { pageComponentIds } from './page-structure.js';
import type { Snapshot } from './snapshot.js';
import { addDays, monthKey as monthKeyOf, startOfDay, startOfMonth } from './time-zone.js';
import { type ComponentHistory, componentHistory, groupHistory, intervalsByComponent, maintenancesByComponent } from './uptime.js';
import { type DayView, dayViews, formatUptime, monthLabel } from './page-view-days.js';

export type { DayState, DayView } from './page-view-days.js';

export const HISTORY_DAYS = 90;
export const RECENT_INCIDENT_DAYS = 14;

export interface PageHeaderView {
  name: string;
  slug: string;
  description: string | null;
  timeZone: string;
  /** `/` for the default page, `/<slug>` otherwise. */
  homePath: string;
  /** `/<slug>`: incident and history links live under it, for the default page too. */
  basePath: string;
  historyPath: string;
}

export interface OverallView {
  indicator: StatusIndicator;
  description: string;
}

export interface UptimeView {
  /** Oldest first; the last day is today. */
  days: DayView[];
  /** 0–1 over the days with data, or `null` when none has any. */
  uptime: number | null;
  /** e.g. "99.95%", or `null` with no data. */
  uptimeText: string | null;
}

export interface ComponentRowView {
  id: string;
  name: string;
  description: string | null;
  status: ComponentStatus;
  statusLabel: string;
  history: UptimeView | null;
}

export type StructureItemView =
  | { kind: 'component'; component: ComponentRowView }
  | {
      kind: 'group';
      id: string;
      name: string;
      description: string | null;
      /** The worst status of its members. */
      status: ComponentStatus;
      statusLabel: string;
      components: ComponentRowView[];
      /** The group's combined uptime when it shows uptime, else `null`. */
      uptimeText: string | null;
    };

export interface ComponentRef {
  id: string;
  name: string;
}

export interface AffectedComponentView extends ComponentRef {
  /** The impact now (open incidents) or the worst it ever had (resolved ones); `null` when none. */
  impact: Impact | null;
  impactLabel: string | null;
}

export interface UpdateView {
  id: string;
  status: IncidentStatus;
  statusLabel: string;
  message: string;
  at: Date;
  /** What this update changed on the page's components. */
  impacts: AffectedComponentView[];
}

export interface IncidentView {
  id: string;
  name: string;
  path: string;
  status: IncidentStatus;
  statusLabel: string;
  isOpen: boolean;
  /** The worst impact it ever had on the page's components; colours the incident. */
  impact: Impact | null;
  impactLabel: string;
  startedAt: Date;
  resolvedAt: Date | null;
  latestUpdate: UpdateView;
  /** Newest first. */
  updates: UpdateView[];
  components: AffectedComponentView[];
}

export interface MaintenanceView {
  id: string;
  name: string;
  description: string | null;
  phase: MaintenancePhase;
  scheduledStart: Date;
  scheduledEnd: Date;
  completedAt: Date | null;
  components: ComponentRef[];
  /** Newest first. */
  updates: { id: string; message: string; at: Date }[];
}

export interface StatusPageView {
  page: PageHeaderView;
  overall: OverallView;
  generatedAt: Date;
  items: StructureItemView[];
  openIncidents: IncidentView[];
  activeMaintenances: MaintenanceView[];
  upcomingMaintenances: MaintenanceView[];
  /** Incidents resolved in the last 14 local days, newest first. */
  recentIncidents: IncidentView[];
}

export interface IncidentPageView {
  page: PageHeaderView;
  overall: OverallView;
  generatedAt: Date;
  incident: IncidentView;
}

export interface HistoryPageView {
  page: PageHeaderView;
  overall: OverallView;
  generatedAt: Date;
  month: { key: string; label: string };
  /** Incidents whose timeline touches the month, newest first. */
  incidents: IncidentView[];
  previousMonth: string | null;
  nextMonth: string | null;
}

/** What every builder needs, computed once per build: the page's components and what touches them. */
interface PageScope {
  page: Page;
  header: PageHeaderView;
  componentIds: string[];
  onPage: Set<string>;
  names: Map<string, string>;
  incidents: Incident[];
  maintenances: Maintenance[];
  statuses: Map<string, ComponentStatus>;
  overall: OverallView;
}

function scopeOf(snapshot: Snapshot, page: Page, now: Date): PageScope {
  const componentIds = pageComponentIds(page, snapshot.groups).filter((id) => snapshot.components.has(id));
  const onPage = new Set(componentIds);
  const names = new Map(componentIds.map((id) => [id, snapshot.components.get(id)!.name]));
  const touches = (ids: readonly string[]): boolean => ids.some((id) => onPage.has(id));
  const incidents = snapshot.incidents.filter((incident) => touches(incidentComponentIds(incident)));
  const maintenances = snapshot.maintenances.filter((maintenance) => touches(maintenance.componentIds));
  // Only the page's components and incidents count, so another page's outage never shows here.
  const statuses = componentStatuses(componentIds, incidents, maintenances, now);
  const overall = overallStatus(statuses.values(), incidents.filter(isIncidentOpen));
  const basePath = `/${page.slug}`;
  const header: PageHeaderView = {
    name: page.name,
    slug: page.slug,
    description: page.description,
    timeZone: page.timeZone,
    homePath: page.isDefault ? '/' : basePath,
    basePath,
    historyPath: `${basePath}/history`,
  };
  return { page, header, componentIds, onPage, names, incidents, maintenances, statuses, overall };
}

/** The public status page: banner, structure with 90-day history, incidents and maintenance. */
export function buildStatusPageView(snapshot: Snapshot, page: Page, now: Date): StatusPageView {
  const scope = scopeOf(snapshot, page, now);
  const intervals = intervalsByComponent(scope.incidents);
  const maintenanceIndex = maintenancesByComponent(scope.maintenances);
  const incidentNames = new Map(scope.incidents.map((incident) => [incident.id, incident.name]));

  const historyOf = (id: string): ComponentHistory =>
    componentHistory({
      createdAt: snapshot.components.get(id)!.createdAt,
      intervals: intervals.get(id) ?? NO_INTERVALS,
      maintenances: maintenanceIndex.get(id) ?? NO_MAINTENANCES,
      now,
      timeZone: page.timeZone,
      days: HISTORY_DAYS,
    });
  const rowOf = (id: string, history: ComponentHistory | null): ComponentRowView => {
    const component = snapshot.components.get(id)!;
    const status = scope.statuses.get(id) ?? 'operational';
    return {
      id,
      name: component.name,
      description: component.description,
      status,
      statusLabel: componentStatusLabel(status),
      history: history === null ? null : uptimeView(history, incidentNames),
    };
  };

  const items: StructureItemView[] = [];
  for (const item of page.items) {
    if (item.kind === 'component') {
      if (!scope.onPage.has(item.componentId)) continue;
      items.push({ kind: 'component', component: rowOf(item.componentId, item.showUptime ? historyOf(item.componentId) : null) });
      continue;
    }
    const group = snapshot.groups.get(item.groupId);
    const memberIds = [...new Set(group?.componentIds ?? [])].filter((id) => scope.onPage.has(id));
    if (group === undefined || memberIds.length === 0) continue;
    const histories = item.showUptime ? memberIds.map(historyOf) : null;
    const status = worstComponentStatus(memberIds.map((id) => scope.statuses.get(id) ?? 'operational'));
    items.push({
      kind: 'group',
      id: group.id,
      name: group.name,
      description: group.description,
      status,
      statusLabel: componentStatusLabel(status),
      components: memberIds.map((id, index) => rowOf(id, histories?.[index] ?? null)),
      uptimeText: histories === null ? null : formatUptime(groupHistory(histories).uptime),
    });
  }

  const recentSince = addDays(startOfDay(now, page.timeZone), -(RECENT_INCIDENT_DAYS - 1), page.timeZone).getTime();
  const phases = scope.maintenances.map((maintenance) => ({ maintenance, phase: maintenancePhase(maintenance, now) }));
  const maintenancesIn = (phase: MaintenancePhase): MaintenanceView[] =>
    phases
      .filter((entry) => entry.phase === phase)
      .map((entry) => maintenanceView(entry.maintenance, entry.phase, scope))
      .sort((a, b) => a.scheduledStart.getTime() - b.scheduledStart.getTime());

  return {
    page: scope.header,
    overall: scope.overall,
    generatedAt: now,
    items,
    openIncidents: scope.incidents
      .filter(isIncidentOpen)
      .map((incident) => incidentView(incident, scope))
      .sort(newestStartFirst),
    activeMaintenances: maintenancesIn('in_progress'),
    upcomingMaintenances: maintenancesIn('scheduled'),
    recentIncidents: scope.incidents
      .filter((incident) => (incidentResolvedAt(incident)?.getTime() ?? -Infinity) >= recentSince)
      .map((incident) => incidentView(incident, scope))
      .sort((a, b) => b.resolvedAt!.getTime() - a.resolvedAt!.getTime()),
  };
}

/** One incident with its full timeline, or `null` when it does not exist or touches none of the page's components. */
export function buildIncidentView(snapshot: Snapshot, page: Page, incidentId: string, now: Date): IncidentPageView | null {
  const scope = scopeOf(snapshot, page, now);
  const incident = scope.incidents.find((candidate) => candidate.id === incidentId);
  if (incident === undefined) return null;
  return { page: scope.header, overall: scope.overall, generatedAt: now, incident: incidentView(incident, scope) };
}

/**
 * The incidents whose timeline (start to resolution, or to now while open) touches the local month
 * `monthKey` (`YYYY-MM`), newest first, with links to the neighbouring months that can hold any.
 * `null` when the month is malformed or has not begun yet.
 */
export function buildHistoryView(snapshot: Snapshot, page: Page, monthKey: string, now: Date): HistoryPageView | null {
  const zone = page.timeZone;
  const previousKey = shiftMonth(monthKey, -1);
  const nextKey = shiftMonth(monthKey, 1);
  if (previousKey === null || nextKey === null) return null;
  const start = startOfMonth(monthKey, zone).getTime();
  const end = startOfMonth(nextKey, zone).getTime();
  if (start > now.getTime()) return null;

  const scope = scopeOf(snapshot, page, now);
  const spanOf = (incident: Incident): [number, number] => [
    incidentStartedAt(incident).getTime(),
    (incidentResolvedAt(incident) ?? now).getTime(),
  ];
  let oldest = Infinity;
  for (const id of scope.componentIds) oldest = Math.min(oldest, snapshot.components.get(id)!.createdAt.getTime());
  for (const incident of scope.incidents) oldest = Math.min(oldest, spanOf(incident)[0]);

  const incidents = scope.incidents
    .filter((incident) => {
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

/** The current local month of the page, as `YYYY-MM`: where the history starts. */
export const currentMonthKey = (page: Page, now: Date): string => monthKeyOf(now, page.timeZone);

const NO_INTERVALS: readonly ImpactInterval[] = [];
const NO_MAINTENANCES: readonly Maintenance[] = [];
const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

const newestStartFirst = (a: IncidentView, b: IncidentView): number => b.startedAt.getTime() - a.startedAt.getTime();

function uptimeView(history: ComponentHistory, incidentNames: ReadonlyMap<string, string>): UptimeView {
  return { days: dayViews(history.days, incidentNames), uptime: history.uptime, uptimeText: formatUptime(history.uptime) };
}

function affected(scope: PageScope, id: string, impact: Impact | null): AffectedComponentView {
  return { id, name: scope.names.get(id)!, impact, impactLabel: impact === null ? null : componentStatusLabel(impact) };
}

function incidentView(incident: Incident, scope: PageScope): IncidentView {
  const timeline = orderedUpdates(incident);
  const updates: UpdateView[] = [];
  const worstByComponent = new Map<string, Impact | null>();
  for (const update of timeline) {
    const impacts = update.impacts
      .filter((change) => scope.onPage.has(change.componentId))
      .map((change) => affected(scope, change.componentId, change.impact));
    for (const change of impacts) {
      const before = worstByComponent.get(change.id) ?? null;
      // Resolving clears impacts, so a resolved update's impacts never count as the worst.
      const impact = update.status === 'resolved' ? before : worse(before, change.impact);
      worstByComponent.set(change.id, impact);
    }
    updates.unshift({
      id: update.id,
      status: update.status,
      statusLabel: INCIDENT_STATUS_LABELS[update.status],
      message: update.message,
      at: update.displayAt,
      impacts,
    });
  }

  const isOpen = isIncidentOpen(incident);
  const current = isOpen ? currentImpacts(incident) : null;
  const components = [...worstByComponent.keys()].map((id) =>
    affected(scope, id, current === null ? (worstByComponent.get(id) ?? null) : (current.get(id) ?? null)),
  );
  let impact: Impact | null = null;
  for (const value of worstByComponent.values()) impact = worse(impact, value);
  const status = incidentStatus(incident);
  return {
    id: incident.id,
    name: incident.name,
    path: `${scope.header.basePath}/incidents/${encodeURIComponent(incident.id)}`,
    status,
    statusLabel: INCIDENT_STATUS_LABELS[status],
    isOpen,
    impact,
    impactLabel: impact === null ? 'No impact' : componentStatusLabel(impact),
    startedAt: incidentStartedAt(incident),
    resolvedAt: incidentResolvedAt(incident),
    latestUpdate: updates[0]!,
    updates,
    components,
  };
}

const IMPACT_ORDER: readonly (Impact | null)[] = [null, 'degraded_performance', 'partial_outage', 'full_outage'];
const worse = (a: Impact | null, b: Impact | null): Impact | null => (IMPACT_ORDER.indexOf(a) >= IMPACT_ORDER.indexOf(b) ? a : b);

function maintenanceView(maintenance: Maintenance, phase: MaintenancePhase, scope: PageScope): MaintenanceView {
  return {
    id: maintenance.id,
    name: maintenance.name,
    description: maintenance.description,
    phase,
    scheduledStart: maintenance.scheduledStart,
    scheduledEnd: maintenance.scheduledEnd,
    completedAt: maintenance.completedAt,
    components: [...new Set(maintenance.componentIds)]
      .filter((id) => scope.onPage.has(id))
      .map((id) => ({ id, name: scope.names.get(id)! })),
    updates: maintenance.updates.map((update) => ({ id: update.id, message: update.message, at: update.createdAt })).reverse(),
  };
}

/** `YYYY-MM` moved by `delta` months, or `null` when `month` is malformed. */
function shiftMonth(month: string, delta: number): string | null {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (match === null || Number(match[1]) < 1000) return null;
  const index = Number(match[1]) * 12 + Number(match[2]) - 1 + delta;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}
