import type { AuditEventInput } from '../sign-in/sign-in-audit.js';
import { appendAudit } from '../sign-in/sign-in-audit.js';
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
 * `ctx` whose every write transaction records one staff write (STF-7), inside that transaction: the
 * record commits with the write or not at all, at no extra commit. `eventOf` names the event from
 * the write's result.
 */
export function withWriteAudit(ctx: ServiceContext, eventOf: (result: unknown) => Omit<AuditEventInput, 'pageId'>): ServiceContext {
  return { ...ctx, audit: (tx, result) => appendAudit(tx, ctx.clock(), [{ ...eventOf(result), pageId: null }]) };
}

/** The id a write's result carries (what a create made), or '' when it carries none. */
export const writeResultId = (result: unknown): string =>
  typeof result === 'object' && result !== null && 'id' in result && typeof result.id === 'string' ? result.id : '';
