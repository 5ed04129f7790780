import type { AuditEventInput } from '../sign-in/sign-in-audit.js';
import { appendAudit } from '../sign-in/sign-in-audit.js';
import type { Clock } from '../../domain/clock.js';
import type { ServiceContext } from '../context.js';

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
 * A `ServiceContext.audit` hook that records one staff write in each write transaction it is given
 * to (STF-7), inside that transaction: the record commits with the write or not at all, at no extra
 * commit. `eventOf` names the event from the write's result.
 */
export function auditEachWrite(
  clock: Clock,
  eventOf: (result: unknown) => Omit<AuditEventInput, 'pageId'>,
): NonNullable<ServiceContext['audit']> {
  return (tx, result) => appendAudit(tx, clock(), [{ ...eventOf(result), pageId: null }]);
}
