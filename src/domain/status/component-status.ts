import { type ComponentStatus, COMPONENT_STATUSES } from './component.js';
import { type Impact, worseImpact } from './impact.js';
import type { Incident } from './incident.js';
import { currentImpacts, isIncidentOpen } from './incident-status.js';
import type { Maintenance } from './maintenance.js';
import { isMaintenanceActive } from './maintenance-phase.js';

/** Impacts and component statuses share their names, so the mapping is the identity. */
export const componentStatusOfImpact = (impact: Impact): ComponentStatus => impact;

/** Order of severity: operational < under_maintenance < degraded < partial < full outage. */
const componentStatusRank = (status: ComponentStatus): number => COMPONENT_STATUSES.indexOf(status);

/** The worst of some statuses (a group's status); `operational` when there are none. */
export function worstComponentStatus(statuses: Iterable<ComponentStatus>): ComponentStatus {
  let worst: ComponentStatus = 'operational';
  for (const status of statuses) if (componentStatusRank(status) > componentStatusRank(worst)) worst = status;
  return worst;
}

/**
 * The derived status of each component at `now`: the worst impact of the open incidents on it, else
 * `under_maintenance` while an in-progress window covers it, else `operational`.
 * Incidents and maintenances are indexed once, so a page of many components costs one pass over each.
 */
export function componentStatuses(
  componentIds: Iterable<string>,
  incidents: readonly Incident[],
  maintenances: readonly Maintenance[],
  now: Date,
): Map<string, ComponentStatus> {
  const worstImpacts = new Map<string, Impact>();
  for (const incident of incidents) {
    if (!isIncidentOpen(incident)) continue;
    for (const [componentId, impact] of currentImpacts(incident)) {
      worstImpacts.set(componentId, worseImpact(worstImpacts.get(componentId) ?? null, impact) ?? impact);
    }
  }
  const underMaintenance = new Set<string>();
  for (const maintenance of maintenances) {
    if (isMaintenanceActive(maintenance, now)) for (const id of maintenance.componentIds) underMaintenance.add(id);
  }

  const statuses = new Map<string, ComponentStatus>();
  for (const id of componentIds) {
    const impact = worstImpacts.get(id);
    if (impact !== undefined) statuses.set(id, componentStatusOfImpact(impact));
    else statuses.set(id, underMaintenance.has(id) ? 'under_maintenance' : 'operational');
  }
  return statuses;
}
