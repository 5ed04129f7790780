import { liveCutoff, mergeIncidents, mergeMaintenances } from './history/live-window.js';
import type { Snapshot } from './snapshot.js';
import type { Incident } from './status/incident.js';
import type { Maintenance } from './status/maintenance.js';

/** Something not yet written: a new or updated incident, or a new maintenance window. */
export type Draft = { incident: Incident } | { maintenance: Maintenance };

/**
 * `snapshot` as the live state would hold it once `draft` is written, merged as a revision's delta
 * merges it (replacing any incident or window of the same id): a review renders from it, so that what
 * it shows is what the pages will. Nothing is stored, and `snapshot` is left as it was.
 */
export function withDraft(snapshot: Snapshot, draft: Draft, now: Date): Snapshot {
  const cutoff = liveCutoff(now);
  if ('incident' in draft) {
    const { incident } = draft;
    return { ...snapshot, incidents: mergeIncidents(snapshot.incidents, new Set([incident.id]), [incident], cutoff) };
  }
  const { maintenance } = draft;
  return { ...snapshot, maintenances: mergeMaintenances(snapshot.maintenances, new Set([maintenance.id]), [maintenance], cutoff) };
}
