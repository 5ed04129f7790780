import { entryAllowlist } from '../../domain/pages/customer-pages.js';
import { formatAllowlistDomain } from '../../domain/access/email-domain.js';
import type { CatalogEntryRecord } from '../../store/catalog/catalog-entries.js';
import { findCustomerPagesOfEntries } from '../../store/pages/customer-pages.js';
import { listCustomerSetBindings } from '../../store/pages/page-bindings.js';
import type { Tx } from '../../store/transaction.js';
import { endSessionsOfRemovedPages, endSessionsOutsideAllowlist } from '../sessions/sessions.js';

/** An entry write as `applyEntryWrites` makes it: the entry before (null when new) and after. */
export interface EntryChange {
  before: CatalogEntryRecord | null;
  after: CatalogEntryRecord;
}

/**
 * In the caller's transaction, before deleted entries' customer pages go with them: ends the sessions
 * that a catalog write took access from (SES-4, LOG-1). A customer whose allowlist lost a domain loses
 * the sessions that domain admitted, on each customer page set whose allowlist attribute lost it; a
 * deleted customer loses all of them. Sessions would already be refused on their next request; this
 * ends them for good, audited, and out of staff's session lists. Returns how many sessions ended.
 */
export async function endSessionsLosingAccess(
  tx: Tx,
  changes: readonly EntryChange[],
  deleted: readonly CatalogEntryRecord[],
  audit: { actor: string; now: Date },
): Promise<number> {
  const sets = await listCustomerSetBindings(tx);
  // A type may back several sets, each with its own allowlist attribute: judged per set below.
  const lostUnder = (change: EntryChange, attributeId: string): boolean =>
    change.before !== null && lostDomain(change.before, change.after, attributeId);
  const narrowed = new Map<string, EntryChange>();
  for (const change of changes) {
    if (sets.some(({ binding }) => binding.catalogTypeId === change.after.typeId && lostUnder(change, binding.allowlistAttributeId))) {
      narrowed.set(change.after.id, change);
    }
  }
  const deletedIds = new Set(deleted.map((entry) => entry.id));
  if (narrowed.size === 0 && deletedIds.size === 0) return 0;

  const customerPages = await findCustomerPagesOfEntries(tx, [...narrowed.keys(), ...deletedIds]);
  const removed = customerPages.filter((customerPage) => deletedIds.has(customerPage.entryId)).map((customerPage) => customerPage.id);
  let ended = await endSessionsOfRemovedPages(tx, { customerPageIds: removed, ...audit });
  for (const customerPage of customerPages) {
    if (deletedIds.has(customerPage.entryId)) continue;
    const change = narrowed.get(customerPage.entryId);
    const attributeId = sets.find(({ pageId }) => pageId === customerPage.pageId)?.binding.allowlistAttributeId;
    if (change === undefined || attributeId === undefined || !lostUnder(change, attributeId)) continue;
    const allowlist = entryAllowlist(change.after, attributeId);
    ended += (await endSessionsOutsideAllowlist(tx, { customerPageId: customerPage.id, allowlist, ...audit })).length;
  }
  return ended;
}

/** Whether an allowlist entry of `before` is gone from `after` (a wildcard narrowed to its domain counts). */
function lostDomain(before: CatalogEntryRecord, after: CatalogEntryRecord, attributeId: string): boolean {
  const kept = new Set(entryAllowlist(after, attributeId).map((domain) => formatAllowlistDomain(domain)));
  return entryAllowlist(before, attributeId).some((domain) => !kept.has(formatAllowlistDomain(domain)));
}
