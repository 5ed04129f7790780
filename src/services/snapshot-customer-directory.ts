import { customerPageAccessFor } from '../domain/customer-pages.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { CustomerPageDirectory } from './customer-page-directory.js';

/**
 * The customer page directory the sign-in services read, backed by the live snapshot: every call
 * looks at the snapshot held now, so an allowlist change or a deleted entry counts from the reload
 * that follows its write, with no database round-trip (SES-4, TOK-7).
 *
 * @example const directory = createSnapshotCustomerPageDirectory(() => holder.current())
 */
export function createSnapshotCustomerPageDirectory(current: () => Snapshot | undefined): CustomerPageDirectory {
  return {
    get revision() {
      return current()?.revision ?? 0;
    },
    find(customerPageId) {
      const snapshot = current();
      return snapshot ? customerPageAccessFor(snapshot, customerPageId) : null;
    },
  };
}
