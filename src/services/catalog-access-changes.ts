import { entryAllowlist } from '../domain/customer-pages.js';
import { formatAllowlistDomain } from '../domain/email-domain.js';
import type { CatalogEntryRecord } from '../store/catalog-entries.js';
import { findCustomerPagesOfEntries } from '../store/customer-pages.js';
import { listCustomerSetBindings } from '../store/page-bindings.js';
import type { Tx } from '../store/transaction.js';
import { endSessionsOfRemovedPage, endSessionsOutsideAllowlist } from './sessions.js';

/** An entry write as `applyEntryWrites` makes it: the entry before (null when new) and after. */
export interface EntryChange {
  before: CatalogEntryRecord | null;
  after: CatalogEntryRecord;
}

/**
 * In the caller's transaction, before deleted entries' customer pages go with them: ends the sessions
 * that a catalog write took access from (SES-4, LOG-1). A customer whose allowlist lost a domain loses
 * the sessions that domain admitted; a deleted customer loses all of them. Sessions would already be
 * refused on their next request; this ends them for good, audited, and out of staff's session lists.
 * Returns how many sessions ended.
 */
export async function endSessionsLosingAccess(
  tx: Tx,
  changes: readonly EntryChange[],
  deleted: readonly CatalogEntryRecord[],
  audit: { actor: string; now: Date },
): Promise<number> {
  const narrowed = new Map<string, CatalogEntryRecord>();
  const sets = await listCustomerSetBindings(tx);
  for (const { before, after } of changes) {
    if (before === null) continue;
    const set = sets.find(({ binding }) => binding.catalogTypeId === after.typeId);
    if (set && lostDomain(before, after, set.binding.allowlistAttributeId)) narrowed.set(after.id, after);
  }
  const deletedIds = new Set(deleted.map((entry) => entry.id));
  if (narrowed.size === 0 && deletedIds.size === 0) return 0;

  let ended = 0;
  for (const customerPage of await findCustomerPagesOfEntries(tx, [...narrowed.keys(), ...deletedIds])) {
    const set = sets.find(({ pageId }) => pageId === customerPage.pageId);
    const entry = narrowed.get(customerPage.entryId);
    if (deletedIds.has(customerPage.entryId)) {
      ended += (await endSessionsOfRemovedPage(tx, { customerPageId: customerPage.id, ...audit })).length;
    } else if (set && entry) {
      const allowlist = entryAllowlist(entry, set.binding.allowlistAttributeId);
      ended += (await endSessionsOutsideAllowlist(tx, { customerPageId: customerPage.id, allowlist, ...audit })).length;
    }
  }
  return ended;
}

/** Whether an allowlist entry of `before` is gone from `after` (a wildcard narrowed to its domain counts). */
function lostDomain(before: CatalogEntryRecord, after: CatalogEntryRecord, attributeId: string): boolean {
  const kept = new Set(entryAllowlist(after, attributeId).map((domain) => formatAllowlistDomain(domain)));
  return entryAllowlist(before, attributeId).some((domain) => !kept.has(formatAllowlistDomain(domain)));
}
