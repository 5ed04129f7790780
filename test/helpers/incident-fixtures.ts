import type { Impact } from '../../src/domain/status/impact.js';
import type { Incident, IncidentStatus, IncidentUpdate } from '../../src/domain/status/incident.js';

/** `'10:30'` → that time on the fixtures' day, 2025-05-01 (UTC). */
export const t = (hhmm: string): Date => new Date(`2025-05-01T${hhmm}:00Z`);

/** An update of incident `inc` shown at `at` (and written at `createdAt`), setting these impacts (`null` clears one). */
export function update(status: IncidentStatus, at: string, impacts: Record<string, Impact | null> = {}, createdAt = at): IncidentUpdate {
  return {
    id: `u-${status}-${at}-${createdAt}`,
    incidentId: 'inc',
    status,
    message: '',
    displayAt: t(at),
    createdAt: t(createdAt),
    impacts: Object.entries(impacts).map(([componentId, impact]) => ({ componentId, impact })),
  };
}

/** Incident `inc`, created at midnight, with these updates in the order given. */
export const incident = (...updates: IncidentUpdate[]): Incident => ({
  id: 'inc',
  name: 'Incident',
  createdAt: t('00:00'),
  updatedAt: t('00:00'),
  updates,
});
