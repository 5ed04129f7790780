import type { AllowlistDomain } from '../../domain/access/email-domain.js';

/** What the sign-in services need to know about one customer page, taken from the in-memory snapshot. */
export interface CustomerPageAccess {
  id: string;
  name: string;
  /** Where the page lives, e.g. `/c/<token>`. */
  path: string;
  /** The page's allowlist as it is now; every check reads it afresh (TOK-7, SES-4). */
  allowlist: readonly AllowlistDomain[];
}

/**
 * The customer pages as the current snapshot has them. Implementations read the live snapshot on
 * every call, so an allowlist change is seen by the next check without any database round-trip.
 */
export interface CustomerPageDirectory {
  /**
   * The data revision the directory reflects now. The session cache drops entries read at an older
   * revision, which is how a revocation or sign-out made by another process reaches this one. What
   * `find` answers changes only with the revision (every write bumps it), so whatever was decided from
   * it holds while the revision stays (the session cache's admissions rely on this).
   */
  readonly revision: number;
  find(customerPageId: string): CustomerPageAccess | null;
}

/**
 * A directory held in a map, for tests and tools. Its pages change only when told, and each change
 * is a new revision, as a write is; `setRevision` stands for a write that touched no page.
 */
export function createStaticDirectory(
  pages: readonly CustomerPageAccess[],
  revision = 1,
): CustomerPageDirectory & {
  set(page: CustomerPageAccess): void;
  remove(customerPageId: string): void;
  setRevision(revision: number): void;
} {
  const byId = new Map(pages.map((page) => [page.id, page]));
  let current = revision;
  return {
    get revision() {
      return current;
    },
    find: (customerPageId) => byId.get(customerPageId) ?? null,
    set: (page) => {
      byId.set(page.id, page);
      current += 1;
    },
    remove: (customerPageId) => {
      byId.delete(customerPageId);
      current += 1;
    },
    setRevision: (next) => {
      current = next;
    },
  };
}
