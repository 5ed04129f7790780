/** The shapes of the Statuspage-compatible read API (docs/statuspage-v2.md), as sent: every field listed. */
import type { StatusIndicator } from '../../domain/status/page-status.js';
import type { StatuspageComponentStatus, StatuspageImpact, StatuspageMaintenanceStatus } from '../../domain/status/statuspage-status.js';

export interface PageObject {
  id: string;
  name: string;
  url: string;
  time_zone: string;
  updated_at: string;
}

export interface StatusObject {
  indicator: StatusIndicator;
  description: string;
}

export interface ComponentObject {
  id: string;
  page_id: string;
  group_id: string | null;
  group: boolean;
  name: string;
  description: string | null;
  status: StatuspageComponentStatus;
  position: number;
  showcase: boolean;
  only_show_if_degraded: boolean;
  start_date: string | null;
  created_at: string;
  updated_at: string;
  /** Groups only: their members' ids, in page order. */
  components?: string[];
}

export interface AffectedComponent {
  code: string;
  name: string;
  old_status: StatuspageComponentStatus;
  new_status: StatuspageComponentStatus;
}

export interface IncidentUpdateObject {
  id: string;
  incident_id: string;
  /** An incident's status, or a window's at the time of the update. */
  status: IncidentObject['status'] | StatuspageMaintenanceStatus;
  body: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  affected_components: AffectedComponent[] | null;
  deliver_notifications: boolean;
  custom_tweet: null;
  tweet_id: null;
}

export interface IncidentObject {
  id: string;
  page_id: string;
  name: string;
  status: 'investigating' | 'identified' | 'monitoring' | 'resolved' | 'postmortem';
  impact: StatuspageImpact;
  created_at: string;
  updated_at: string;
  started_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  shortlink: string;
  components: ComponentObject[];
  /** Newest first. */
  incident_updates: IncidentUpdateObject[];
}

export interface MaintenanceObject extends Omit<IncidentObject, 'status' | 'impact'> {
  status: StatuspageMaintenanceStatus;
  impact: 'maintenance';
  scheduled_for: string;
  scheduled_until: string;
}
