import { type Impact, worseImpact } from './impact.js';
import { impactIntervals } from '../history/impact-intervals.js';
import type { Incident, IncidentStatus } from './incident.js';
import { orderedUpdates, timelineEnds } from './incident-updates.js';

/** The status of the latest update in timeline order. */
export const incidentStatus = (incident: Incident): IncidentStatus => timelineEnds(incident).latest.status;

/** Open until its latest update says `resolved`; a later update reopens it. */
export const isIncidentOpen = (incident: Incident): boolean => incidentStatus(incident) !== 'resolved';

/** When the incident began: its first update's `displayAt` (back-dating moves it earlier). */
export const incidentStartedAt = (incident: Incident): Date => timelineEnds(incident).first.displayAt;

/** When it was resolved, or `null` while open. */
export function incidentResolvedAt(incident: Incident): Date | null {
  const { latest } = timelineEnds(incident);
  return latest.status === 'resolved' ? latest.displayAt : null;
}

/**
 * The worst impact any update ever set on any component, or `null` if none ever did.
 * A `resolved` update's impacts are ignored, as they are when the intervals are built.
 */
export function incidentWorstImpact(incident: Incident): Impact | null {
  let worst: Impact | null = null;
  for (const update of incident.updates) {
    if (update.status === 'resolved') continue;
    for (const change of update.impacts) worst = worseImpact(worst, change.impact);
  }
  return worst;
}

/** The component impacts in force after the latest update; empty once resolved. */
export function currentImpacts(incident: Incident): Map<string, Impact> {
  const impacts = new Map<string, Impact>();
  for (const interval of impactIntervals(incident)) {
    if (interval.end === null) impacts.set(interval.componentId, interval.impact);
  }
  return impacts;
}

/**
 * Whether any update mentioned (even to clear it) one of `componentIds`: `incidentComponentIds` as a
 * test, without building the list (a page filters every live incident this way on each render).
 */
export function incidentMentionsAny(incident: Incident, componentIds: ReadonlySet<string>): boolean {
  for (const update of incident.updates) {
    for (const change of update.impacts) if (componentIds.has(change.componentId)) return true;
  }
  return false;
}

/** Every component any update mentioned (even to clear it), in order of first mention on the timeline. */
export function incidentComponentIds(incident: Incident): string[] {
  const ids = new Set<string>();
  for (const update of orderedUpdates(incident)) {
    for (const change of update.impacts) ids.add(change.componentId);
  }
  return [...ids];
}
