import type { Maintenance, MaintenancePhase } from './maintenance.js';

const reached = (now: Date, at: Date | null): boolean => at !== null && now.getTime() >= at.getTime();

/**
 * The phase at `now`, derived from the clock so that no job is needed to move it along.
 * Cancellation wins from the moment it happens; early completion or the scheduled end completes it.
 */
export function maintenancePhase(maintenance: Maintenance, now: Date): MaintenancePhase {
  if (reached(now, maintenance.cancelledAt)) return 'cancelled';
  if (reached(now, maintenance.completedAt) || reached(now, maintenance.scheduledEnd)) return 'completed';
  if (reached(now, maintenance.scheduledStart)) return 'in_progress';
  return 'scheduled';
}

/** Whether the window covers its components at `now`. */
export const isMaintenanceActive = (maintenance: Maintenance, now: Date): boolean => maintenancePhase(maintenance, now) === 'in_progress';

/**
 * The next instant after `now` at which the phase changes by the clock alone, or `null` if it never will.
 * The phase only changes at one of the maintenance's own instants, so trying them in order is exact.
 */
export function nextMaintenanceChange(maintenance: Maintenance, now: Date): Date | null {
  const phase = maintenancePhase(maintenance, now);
  const instants = [maintenance.scheduledStart, maintenance.scheduledEnd, maintenance.completedAt, maintenance.cancelledAt]
    .filter((at): at is Date => at !== null && at.getTime() > now.getTime())
    .sort((a, b) => a.getTime() - b.getTime());
  return instants.find((at) => maintenancePhase(maintenance, at) !== phase) ?? null;
}
