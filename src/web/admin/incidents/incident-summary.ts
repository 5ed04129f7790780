import type { Incident } from '../../../domain/status/incident.js';
import { currentImpacts, incidentStatus } from '../../../domain/status/incident-status.js';
import { timelineEnds } from '../../../domain/status/incident-updates.js';
import { componentStatusLabel, incidentStatusLabel } from '../../../domain/status/status-labels.js';

/** One incident as a list row and a screen's header show it. */
export interface IncidentSummary {
  id: string;
  name: string;
  status: string;
  /** "API (Partial outage)", for the components it holds now. */
  impacted: string[];
  lastUpdateAt: Date;
  startedAt: Date;
}

/** `names`: component names by id (a component since deleted reads as its id). */
export function summariseIncident(incident: Incident, names: ReadonlyMap<string, string>): IncidentSummary {
  const { first, latest } = timelineEnds(incident);
  return {
    id: incident.id,
    name: incident.name,
    status: incidentStatusLabel(incidentStatus(incident)),
    impacted: [...currentImpacts(incident)].map(([id, impact]) => `${names.get(id) ?? id} (${componentStatusLabel(impact)})`),
    lastUpdateAt: latest.displayAt,
    startedAt: first.displayAt,
  };
}
