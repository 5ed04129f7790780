import type { ServiceContext } from '../../../services/context.js';
import { staffActor, withWriteAudit, writeResultId } from '../../../services/staff/staff-audit.js';
import type { StaffIdentity } from '../../../services/staff/staff-sessions.js';

/** What a dashboard write is, for its audit record: `component.archived` on the component it names. */
export interface DashboardWrite {
  action: string;
  subjectType: 'component' | 'group' | 'page';
  /** The subject's id; a create leaves it out and the record names what the write made. */
  subjectId?: string;
}

/**
 * STF-7: the services' context for one staff write, whose every write transaction records the
 * write with the member as the actor, inside that transaction (as the API's `api.write`): the
 * record commits with the write or not at all.
 */
export function auditedContext(
  ctx: ServiceContext,
  who: StaffIdentity,
  write: DashboardWrite,
  details: Record<string, unknown> = {},
): ServiceContext {
  return withWriteAudit(ctx, (result) => ({
    actor: staffActor(who.member.email),
    action: write.action,
    subjectType: write.subjectType,
    subjectId: write.subjectId ?? writeResultId(result),
    details: { via: 'dashboard', ...details },
  }));
}
