/** Incidents and maintenance as a page shows them: only the page's own components are ever named. */
import { type Impact, worseImpact } from '../../../domain/status/impact.js';
import type { Incident } from '../../../domain/status/incident.js';
import {
  currentImpacts,
  incidentResolvedAt,
  incidentStartedAt,
  incidentStatus,
  isIncidentOpen,
} from '../../../domain/status/incident-status.js';
import { orderedUpdates } from '../../../domain/status/incident-updates.js';
import type { Maintenance, MaintenancePhase } from '../../../domain/status/maintenance.js';
import type { PageScope } from '../../../domain/pages/page-scope.js';
import type { AffectedComponentView, IncidentView, MaintenanceView, UpdateView } from './page-view-types.js';
import { NO_IMPACT_LABEL, componentStatusLabel, incidentStatusLabel } from '../../../domain/status/status-labels.js';
import { type ViewScope, incidentPath } from './view-scope.js';

function affected(scope: PageScope, id: string, impact: Impact | null): AffectedComponentView {
  return { id, name: scope.names.get(id)!, impact, impactLabel: impact === null ? null : componentStatusLabel(impact) };
}

/** The incident with its timeline (newest first), impacts and affected components, limited to the page's components. */
export function incidentView(incident: Incident, scope: ViewScope): IncidentView {
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
      const impact = update.status === 'resolved' ? before : worseImpact(before, change.impact);
      worstByComponent.set(change.id, impact);
    }
    updates.unshift({
      id: update.id,
      status: update.status,
      statusLabel: incidentStatusLabel(update.status),
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
  for (const value of worstByComponent.values()) impact = worseImpact(impact, value);
  const status = incidentStatus(incident);
  return {
    id: incident.id,
    name: incident.name,
    path: incidentPath(scope.header, incident.id),
    status,
    statusLabel: incidentStatusLabel(status),
    isOpen,
    impact,
    impactLabel: impact === null ? NO_IMPACT_LABEL : componentStatusLabel(impact),
    startedAt: incidentStartedAt(incident),
    resolvedAt: incidentResolvedAt(incident),
    latestUpdate: updates[0]!,
    updates,
    components,
  };
}

/** A maintenance window with its components on the page and its updates, newest first. */
export function maintenanceView(maintenance: Maintenance, phase: MaintenancePhase, scope: PageScope): MaintenanceView {
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
