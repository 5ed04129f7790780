import type { AuditEventInput } from '../sign-in/sign-in-audit.js';
import { appendAudit } from '../sign-in/sign-in-audit.js';
import type { ServiceContext } from '../context.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';

/** The actor of a signed-in staff member's action in the dashboard (STF-7). */
export const staffActor = (email: string): string => `staff:${email}`;

/** Staff audit actions. */
export const STAFF_ACTIONS = {
  added: 'staff.added',
  removed: 'staff.removed',
  roleChanged: 'staff.role_changed',
  sessionRevoked: 'staff_session.revoked',
} as const;

/**
 * Records one staff write that its service did not audit itself (STF-7), in a transaction of its own
 * that bumps no revision (no snapshot holds the audit log).
 */
export async function recordStaffWrite(
  ctx: Pick<ServiceContext, 'database' | 'clock'>,
  event: Omit<AuditEventInput, 'pageId'>,
): Promise<void> {
  await writeUnannounced(ctx, (tx) => appendAudit(tx, ctx.clock(), [{ ...event, pageId: null }]));
}
