/** The shapes of the public pages' view models (built in page-view.ts, rendered by web/views). */
import type { UptimeDisplay } from '../../../domain/pages/page-branding.js';
import type { ComponentStatus } from '../../../domain/status/component.js';
import type { Impact } from '../../../domain/status/impact.js';
import type { IncidentStatus } from '../../../domain/status/incident.js';
import type { MaintenancePhase } from '../../../domain/status/maintenance.js';
import type { StatusIndicator } from '../../../domain/status/page-status.js';
import type { DayView } from './day-views.js';
import type { SubPageListView } from './sub-page-list-view.js';

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
  /**
   * The scope key a subscription to this page names (`page:<id>`, or `sub:<parentId>/<entryId>` for a
   * sub-page). A customer page's is not used: its forms live under its own path.
   */
  subscriptionScope: string;
  /** A sub-page's parent and siblings, for navigation; null on any other page. */
  family: FamilyView | null;
  /** Where "Contact support" links to; null for no link. */
  supportUrl: string | null;
  /** The logo's URL (its alt text is the page's name); null for none. */
  logoSrc: string | null;
  /** The brand colour's stylesheet; null for Beacon's own colours. */
  brandStylesheet: string | null;
  uptimeDisplay: UptimeDisplay;
}

/** Where a sub-page sits: a link back to its parent, and across to its siblings. */
export interface FamilyView {
  parent: { name: string; path: string };
  /** The enabled sub-pages of the parent, this one included, in display order; empty when too many to list. */
  siblings: { name: string; path: string }[];
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
  /** The last `days` days alone (what narrow screens show of the bar), with their own figure. */
  recent: { days: number; uptimeText: string | null };
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

interface ComponentRef {
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
  /** Incidents resolved in the last 14 local days, newest first: at most `RECENT_INCIDENT_LIMIT` of them. */
  recentIncidents: IncidentView[];
  /** How many more were resolved in those days than `recentIncidents` shows (the history page lists them). */
  moreRecentIncidents: number;
  /** Parent pages only: their enabled sub-pages, each with its status and link. */
  subPageList?: SubPageListView;
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
