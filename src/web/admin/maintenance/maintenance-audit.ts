import type { Maintenance } from '../../../domain/status/maintenance.js';
import type { ServiceContext } from '../../../services/context.js';
import { staffActor, withWriteAudit } from '../../../services/staff/staff-audit.js';
import type { StaffIdentity } from '../../../services/staff/staff-sessions.js';

/** The dashboard's maintenance audit actions (STF-7). */
export const MAINTENANCE_ACTIONS = {
  scheduled: 'maintenance.scheduled',
  updated: 'maintenance.updated',
  startedEarly: 'maintenance.started_early',
  completed: 'maintenance.completed',
  cancelled: 'maintenance.cancelled',
} as const;

type MaintenanceAction = (typeof MAINTENANCE_ACTIONS)[keyof typeof MAINTENANCE_ACTIONS];

/** What the audit log keeps of a window: enough to see what an edit replaced. */
export const auditedFields = (m: Maintenance) => ({
  name: m.name,
  description: m.description,
  componentIds: m.componentIds,
  scheduledStart: m.scheduledStart.toISOString(),
  scheduledEnd: m.scheduledEnd.toISOString(),
});

/**
 * STF-7: the service context for one dashboard write by `who`, whose audit hook records `action`
 * on the window the write returns, inside the write's transaction (as the API's `auditApiWrites`):
 * the record commits with the write or not at all. `details` adds what the write replaced.
 */
export function auditedAs(
  ctx: ServiceContext,
  who: StaffIdentity,
  action: MaintenanceAction,
  details: Record<string, unknown> = {},
): ServiceContext {
  return withWriteAudit(ctx, (result) => {
    const maintenance = result as Maintenance;
    return {
      actor: staffActor(who.member.email),
      action,
      subjectType: 'maintenance',
      subjectId: maintenance.id,
      details: { ...details, after: auditedFields(maintenance) },
    };
  });
}
