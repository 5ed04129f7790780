import type { IncidentUpdate } from '../../../../domain/status/incident.js';
import type { IncidentUpdateBody } from '../status/incidents-schema.js';

export const presentIncidentUpdate = (update: IncidentUpdate): IncidentUpdateBody => ({
  id: update.id,
  incident_id: update.incidentId,
  status: update.status,
  message: update.message,
  display_at: update.displayAt.toISOString(),
  created_at: update.createdAt.toISOString(),
  components: update.impacts.map((change) => ({ component_id: change.componentId, impact: change.impact ?? 'none' })),
});
