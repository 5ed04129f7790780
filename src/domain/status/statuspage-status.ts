/**
 * Beacon's statuses in the words of Atlassian Statuspage's v2 API (docs/statuspage-v2.md): protocol
 * constants, which widgets and bots read unchanged. The descriptions clients compare are the views'
 * (`statusDescription`); this holds only the mapping.
 */
import type { ComponentStatus } from './component.js';
import type { Impact } from './impact.js';
import type { MaintenancePhase } from './maintenance.js';
import type { StatusIndicator } from './page-status.js';

export type StatuspageComponentStatus = 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage' | 'under_maintenance';
export type StatuspageImpact = 'none' | 'minor' | 'major' | 'critical';
export type StatuspageMaintenanceStatus = 'scheduled' | 'in_progress' | 'verifying' | 'completed';

const COMPONENT_STATUS: Readonly<Record<ComponentStatus, StatuspageComponentStatus>> = {
  operational: 'operational',
  under_maintenance: 'under_maintenance',
  degraded_performance: 'degraded_performance',
  partial_outage: 'partial_outage',
  full_outage: 'major_outage',
};

const IMPACT: Readonly<Record<Impact, StatuspageImpact>> = {
  degraded_performance: 'minor',
  partial_outage: 'major',
  full_outage: 'critical',
};

// Maintenance outranks "all clear" and yields to any outage, as on the pages.
const RANK: Readonly<Record<StatusIndicator, number>> = { none: 0, maintenance: 1, minor: 2, major: 3, critical: 4 };

/** `full_outage` → `major_outage`; the other statuses share their names. */
export const statuspageComponentStatus = (status: ComponentStatus): StatuspageComponentStatus => COMPONENT_STATUS[status];

/** An incident's impact: `degraded_performance` → `minor`, `partial_outage` → `major`, `full_outage` → `critical`, none → `none`. */
export const statuspageImpact = (impact: Impact | null): StatuspageImpact => (impact === null ? 'none' : IMPACT[impact]);

/**
 * A window's status, or null for a cancelled one: Statuspage has no word for a window that never
 * happened (its lists simply stop showing it). Beacon has no `verifying` phase: a window is complete
 * at its end or when staff complete it, so `verifying` is never given.
 */
export function statuspageMaintenanceStatus(phase: MaintenancePhase): StatuspageMaintenanceStatus | null {
  return phase === 'cancelled' ? null : phase;
}

/**
 * The page's indicator: the worst over its components' statuses (`under_maintenance` → `maintenance`,
 * an impact's status → that impact's indicator) and its open incidents' impacts (an open incident
 * without impact counts `none`).
 */
export function statuspageIndicator(statuses: Iterable<ComponentStatus>, openIncidentImpacts: Iterable<Impact | null>): StatusIndicator {
  let worst: StatusIndicator = 'none';
  const consider = (candidate: StatusIndicator): void => {
    if (RANK[candidate] > RANK[worst]) worst = candidate;
  };
  for (const status of statuses) {
    if (status === 'under_maintenance') consider('maintenance');
    else if (status !== 'operational') consider(statuspageImpact(status));
  }
  for (const impact of openIncidentImpacts) if (impact !== null) consider(IMPACT[impact]);
  return worst;
}
