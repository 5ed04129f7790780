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
