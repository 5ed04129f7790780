import { customerPageAccessFor } from '../../domain/pages/customer-pages.js';
import { type PageKindsIndex, memoize } from '../../domain/pages/page-kinds-index.js';
import type { CustomerPageAccess, CustomerPageDirectory } from '../pages/customer-page-directory.js';
import { customerPagePath } from '../pages/customer-page-path.js';

/**
 * The customer page directory over an in-memory snapshot, given by its page-kinds index: `read` is
 * called on every look-up, so a directory over a snapshot holder (its current snapshot's index)
 * always answers from the newest snapshot, and one over a fixed index (`() => kinds`) answers exactly
 * as that snapshot does.
 * Look-ups cost no database round-trip (SES-4 on the hot path); before the first snapshot, nothing
 * is found.
 *
 * @example const directory = createSnapshotDirectory(() => snapshots.pageKinds(snapshot))
 */
export function createSnapshotDirectory(read: () => PageKindsIndex | undefined): CustomerPageDirectory {
  return {
    get revision() {
      return read()?.snapshot.revision ?? -1;
    },
    find(customerPageId) {
      const kinds = read();
      return kinds ? findCustomerPageAccess(kinds, customerPageId) : null;
    },
  };
}

/** One customer page's access facts, built once per snapshot (the index's memo). */
function findCustomerPageAccess(kinds: PageKindsIndex, customerPageId: string): CustomerPageAccess | null {
  // Unknown ids are answered without a memo entry, so made-up ids cannot grow the memo.
  if (!kinds.customerPagesById.has(customerPageId)) return null;
  return memoize(kinds, `customer-page-access:${customerPageId}`, () => {
    const access = customerPageAccessFor(kinds, customerPageId);
    if (!access) return null;
    const { urlToken, ...rest } = access;
    return { ...rest, path: customerPagePath(urlToken) };
  });
}
