/** The words the pages print for statuses, impacts and days: the domain names them, this says them. */
import type { ComponentStatus } from './component.js';
import type { IncidentStatus } from './incident.js';
import type { StatusIndicator } from './page-status.js';

/** Exactly Statuspage's strings: some clients compare them. */
const DESCRIPTIONS: Record<StatusIndicator, string> = {
  none: 'All Systems Operational',
  maintenance: 'Service Under Maintenance',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
};

const COMPONENT_STATUS_LABELS: Record<ComponentStatus, string> = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  full_outage: 'Full outage',
};

const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

/** The Statuspage description of an indicator, e.g. `critical` → "Major System Outage". */
export const statusDescription = (indicator: StatusIndicator): string => DESCRIPTIONS[indicator];

/** Human text for a component status (or an impact, which shares its names), e.g. "Partial outage". */
export const componentStatusLabel = (status: ComponentStatus): string => COMPONENT_STATUS_LABELS[status];

/** Human text for an incident status, e.g. "Monitoring". */
export const incidentStatusLabel = (status: IncidentStatus): string => INCIDENT_STATUS_LABELS[status];

/** What an incident that never touched the page's components reads as. */
export const NO_IMPACT_LABEL = 'No impact';

/** The day states that are not component statuses. */
export const DAY_STATE_LABELS: Record<'no_data' | 'under_maintenance', string> = { no_data: 'No data', under_maintenance: 'Maintenance' };
