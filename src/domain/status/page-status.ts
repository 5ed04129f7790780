import type { ComponentStatus } from './component.js';
import type { Incident } from './incident.js';
import { isIncidentOpen } from './incident-status.js';

/** A page's overall status, as the Statuspage v2 API names it. */
export type StatusIndicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

// Maintenance outranks "all clear" but yields to any incident.
const RANK: Record<StatusIndicator, number> = { none: 0, maintenance: 1, minor: 2, major: 3, critical: 4 };

const INDICATOR_OF_STATUS: Record<ComponentStatus, StatusIndicator> = {
  operational: 'none',
  under_maintenance: 'maintenance',
  degraded_performance: 'minor',
  partial_outage: 'major',
  full_outage: 'critical',
};

/**
 * The page's overall status: the worst over its components' statuses and its open incidents.
 * An incident's impacts reach the indicator through the statuses of the page's own components (so its
 * impact on components of other pages never raises this one); an open incident by itself counts as `minor`.
 */
export function overallIndicator(statuses: Iterable<ComponentStatus>, openIncidents: readonly Incident[]): StatusIndicator {
  let indicator: StatusIndicator = openIncidents.some(isIncidentOpen) ? 'minor' : 'none';
  for (const status of statuses) {
    const candidate = INDICATOR_OF_STATUS[status];
    if (RANK[candidate] > RANK[indicator]) indicator = candidate;
  }
  return indicator;
}
