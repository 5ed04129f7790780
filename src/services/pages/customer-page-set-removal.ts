import { newId } from '../../domain/id.js';
import type { Page } from '../../domain/pages/page.js';
import { insertAuditEvents } from '../../store/access/audit-log.js';
import { findCustomerPagesOfSet } from '../../store/pages/customer-pages.js';
import type { Tx } from '../../store/transaction.js';
import { endSessionsOfRemovedPages } from '../sessions/sessions.js';

export const AUDIT_SET_DELETED = 'customer_page_set.deleted';

/**
 * In the caller's transaction, before a customer page set's row goes (its customer pages go with it):
 * ends every session of its customer pages, each audited as revoked with `page_removed` (SES-4,
 * LOG-1), and records the set's deletion. Without this the sessions would stay listed until expiry,
 * though refused on use.
 */
export async function retireCustomerPageSet(tx: Tx, page: Page, audit: { actor: string; now: Date }): Promise<void> {
  const customerPages = await findCustomerPagesOfSet(tx, page.id);
  const sessionsEnded = await endSessionsOfRemovedPages(tx, {
    customerPageIds: customerPages.map((customerPage) => customerPage.id),
    ...audit,
  });
  await insertAuditEvents(tx, [
    {
      id: newId(),
      at: audit.now,
      actor: audit.actor,
      action: AUDIT_SET_DELETED,
      subjectType: 'page',
      subjectId: page.id,
      pageId: page.id,
      details: {
        slug: page.slug,
        catalog_type_id: page.binding?.catalogTypeId ?? null,
        customer_pages_deleted: customerPages.length,
        sessions_ended: sessionsEnded,
      },
    },
  ]);
}
