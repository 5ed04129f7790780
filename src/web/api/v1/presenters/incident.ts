import type { Incident } from '../../../../domain/status/incident.js';
import {
  currentImpacts,
  incidentComponentIds,
  incidentResolvedAt,
  incidentStartedAt,
  incidentStatus,
  incidentWorstImpact,
} from '../../../../domain/status/incident-status.js';
import { orderedUpdates } from '../../../../domain/status/incident-updates.js';
import type { IncidentBody } from '../status/incidents-schema.js';
import { presentIncidentUpdate } from './incident-update.js';

/** Every field explicit; status, impact, resolved_at and current component impacts are derived. `version` when known (one incident, not a list). */
export function presentIncident(incident: Incident, version?: number): IncidentBody {
  const impacts = currentImpacts(incident);
  return {
    id: incident.id,
    name: incident.name,
    status: incidentStatus(incident),
    impact: incidentWorstImpact(incident) ?? 'none',
    started_at: incidentStartedAt(incident).toISOString(),
    resolved_at: incidentResolvedAt(incident)?.toISOString() ?? null,
    created_at: incident.createdAt.toISOString(),
    updated_at: incident.updatedAt.toISOString(),
    components: incidentComponentIds(incident).map((componentId) => ({
      component_id: componentId,
      impact: impacts.get(componentId) ?? 'none',
    })),
    updates: orderedUpdates(incident).map(presentIncidentUpdate),
    ...(version === undefined ? {} : { version }),
  };
}
