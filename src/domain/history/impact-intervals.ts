import type { Impact } from '../status/impact.js';
import type { ImpactInterval, Incident } from '../status/incident.js';
import { orderedUpdates } from '../status/incident-updates.js';
import { sortInPlace } from '../sort-in-place.js';

interface OpenImpact {
  impact: Impact;
  start: Date;
}

/**
 * The stretches of time during which the incident held each component at each impact, ordered by start.
 *
 * Rules: updates apply in timeline order; an update's impacts take effect at its `displayAt` and leave
 * unmentioned components alone; `null` ends the component's interval; re-stating the same impact does not
 * split it; a `resolved` update ends every open interval (its own impacts are not applied), and a later
 * update reopens the incident with only the impacts it sets. Zero-length intervals are dropped.
 *
 * @example impactIntervals(incident) // [{ componentId: 'api', impact: 'full_outage', start, end: null }]
 */
export function impactIntervals(incident: Incident): ImpactInterval[] {
  const open = new Map<string, OpenImpact>();
  const intervals: ImpactInterval[] = [];

  const close = (componentId: string, current: OpenImpact, end: Date): void => {
    open.delete(componentId);
    if (end.getTime() > current.start.getTime()) {
      intervals.push({ incidentId: incident.id, componentId, impact: current.impact, start: current.start, end });
    }
  };

  for (const update of orderedUpdates(incident)) {
    const at = update.displayAt;
    if (update.status === 'resolved') {
      for (const [componentId, current] of open) close(componentId, current, at);
      continue;
    }
    for (const { componentId, impact } of update.impacts) {
      const current = open.get(componentId);
      if (current !== undefined && current.impact === impact) continue;
      if (current !== undefined) close(componentId, current, at);
      if (impact !== null) open.set(componentId, { impact, start: at });
    }
  }

  for (const [componentId, current] of open) {
    intervals.push({ incidentId: incident.id, componentId, impact: current.impact, start: current.start, end: null });
  }
  // Stable sort: intervals starting together keep the order in which the timeline produced them.
  return sortInPlace(intervals, (a, b) => a.start.getTime() - b.start.getTime());
}
