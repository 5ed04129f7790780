import { BeaconError } from '../errors.js';
import type { Incident, IncidentUpdate } from './incident.js';

/** Timeline order: `displayAt`, then `createdAt` (a back-dated update slots in where it belongs). */
export const compareUpdates = (a: IncidentUpdate, b: IncidentUpdate): number =>
  a.displayAt.getTime() - b.displayAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime();

/**
 * The incident's updates in timeline order. Returns the same array when it is already ordered
 * (the usual case: the store loads them sorted), so callers on the hot path pay no copy.
 */
export function orderedUpdates(incident: Incident): readonly IncidentUpdate[] {
  const updates = incident.updates;
  for (let i = 1; i < updates.length; i++) {
    if (compareUpdates(updates[i - 1]!, updates[i]!) > 0) return [...updates].sort(compareUpdates);
  }
  return updates;
}

/** First and latest update; an incident always has at least one, so an empty one is a bug upstream. */
export function timelineEnds(incident: Incident): { first: IncidentUpdate; latest: IncidentUpdate } {
  const updates = orderedUpdates(incident);
  const first = updates[0];
  const latest = updates[updates.length - 1];
  if (first === undefined || latest === undefined) {
    throw new BeaconError('unprocessable', `incident ${JSON.stringify(incident.id)} has no updates`);
  }
  return { first, latest };
}
