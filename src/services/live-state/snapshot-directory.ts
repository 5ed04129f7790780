import { customerPageAccessFor } from '../../domain/pages/customer-pages.js';
import { indexSnapshot, memoize } from '../../domain/pages/page-kinds-index.js';
import type { Snapshot } from '../../domain/snapshot.js';
import type { CustomerPageAccess, CustomerPageDirectory } from '../pages/customer-page-directory.js';
import { customerPagePath } from '../pages/customer-page-path.js';

/**
 * The customer page directory over an in-memory snapshot: `read` is called on every look-up, so a
 * directory over a snapshot holder (`() => holder.current()`) always answers from the newest
 * snapshot, and one over a fixed snapshot (`() => snapshot`) answers exactly as that snapshot does.
 * Look-ups cost no database round-trip (SES-4 on the hot path); before the first snapshot, nothing
 * is found.
 *
 * @example const directory = createSnapshotDirectory(() => holder.current())
 */
export function createSnapshotDirectory(read: () => Snapshot | undefined): CustomerPageDirectory {
  return {
    get revision() {
      return read()?.revision ?? -1;
    },
    find(customerPageId) {
      const snapshot = read();
      return snapshot ? findCustomerPageAccess(snapshot, customerPageId) : null;
    },
  };
}

/** One customer page's access facts, built once per snapshot. */
function findCustomerPageAccess(snapshot: Snapshot, customerPageId: string): CustomerPageAccess | null {
  // Unknown ids are answered without a memo entry, so made-up ids cannot grow the memo.
  if (!indexSnapshot(snapshot).customerPagesById.has(customerPageId)) return null;
  return memoize(snapshot, `customer-page-access:${customerPageId}`, () => {
    const access = customerPageAccessFor(snapshot, customerPageId);
    if (!access) return null;
    const { urlToken, ...rest } = access;
    return { ...rest, path: customerPagePath(urlToken) };
  });
}
