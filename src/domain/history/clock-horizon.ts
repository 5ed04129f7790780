import { nextMaintenanceChange } from '../status/maintenance-phase.js';
import type { Snapshot } from '../snapshot.js';
import { type TimeZoneFormatters, nextMidnight } from '../time-zone.js';

/**
 * The earliest instant after `now` at which something derived from the snapshot changes by the clock
 * alone: a maintenance changing phase, a page's local day rolling over (its history moves along), or an
 * incident update dated in the future taking effect. Caches built from the snapshot expire then.
 * With no pages at all it answers the next UTC midnight, so callers always get an instant.
 */
export function nextClockChange(snapshot: Snapshot, now: Date, zones: TimeZoneFormatters): Date {
  const pageZones = new Set<string>();
  for (const page of snapshot.pages.values()) pageZones.add(page.timeZone);
  if (pageZones.size === 0) pageZones.add('UTC');

  let next = Infinity;
  for (const zone of pageZones) next = Math.min(next, nextMidnight(now, zone, zones).getTime());
  for (const maintenance of snapshot.maintenances) {
    const change = nextMaintenanceChange(maintenance, now);
    if (change !== null) next = Math.min(next, change.getTime());
  }
  for (const incident of snapshot.incidents) {
    for (const update of incident.updates) {
      const at = update.displayAt.getTime();
      if (at > now.getTime()) next = Math.min(next, at);
    }
  }
  return new Date(next);
}
