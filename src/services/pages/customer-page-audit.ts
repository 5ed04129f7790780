import type { AuditEvent } from '../../domain/access/audit-event.js';
import { listAuditEvents } from '../../store/access/audit-log.js';
import type { ServiceContext } from '../context.js';

const MAX_AUDIT_PAGE_SIZE = 500;

/**
 * LOG-1: one customer page's audit events (links requested, mails, redemptions, sessions, token
 * rotations), newest first, `limit` at a time; pass the oldest `at` seen as `before` for the next page.
 *
 * @example await listCustomerPageAudit(ctx, customerPageId, { limit: 50 })
 */
export async function listCustomerPageAudit(
  ctx: Pick<ServiceContext, 'database'>,
  customerPageId: string,
  options: { before?: Date; limit?: number } = {},
): Promise<AuditEvent[]> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 100), 1), MAX_AUDIT_PAGE_SIZE);
  return listAuditEvents(ctx.database.db, { pageId: customerPageId, limit, ...(options.before ? { before: options.before } : {}) });
}
