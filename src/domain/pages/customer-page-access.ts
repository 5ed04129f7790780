import { isAllowlisted, isStrictSubdomain } from '../access/allowlist.js';
import type { CanonicalEmail } from '../access/email-address.js';
import type { AllowlistDomain } from '../access/email-domain.js';
import type { PageKindsIndex } from './page-kinds-index.js';
import { type AccessGrant, type CustomerPageState, listCustomerPageStates, whoCanAccess } from './customer-pages.js';

/**
 * Why an allowlist entry close to an address still refuses it (DOM-4, DOM-5):
 * - `exact_entry`: the address is at a subdomain of an entry written without `*.` (`eu.acme.com` vs `acme.com`);
 * - `wildcard_entry`: the address is at the domain itself of a `*.` entry, which admits subdomains only;
 * - `narrower_entry`: the entry is a subdomain of the address's domain (`acme.com` vs `eu.acme.com`).
 */
export type NearMissReason = 'exact_entry' | 'wildcard_entry' | 'narrower_entry';

/** A customer page an address may not sign in to although its allowlist names a related domain. */
export interface AccessNearMiss {
  state: CustomerPageState;
  entry: AllowlistDomain;
  reason: NearMissReason;
}

/** "Who can access" with its refusals: the pages that admit `email` (and by which entry), and those that nearly do (and why not). */
export interface AccessExplanation {
  grants: AccessGrant[];
  nearMisses: AccessNearMiss[];
}

/** Why `entry` refuses an address at `domain` although the two are related, or null when they are unrelated (or it admits it). */
export function nearMissOf(domain: string, entry: AllowlistDomain): NearMissReason | null {
  const at = domain.toLowerCase();
  const listed = entry.domain.toLowerCase();
  if (entry.wildcard && at === listed) return 'wildcard_entry';
  if (!entry.wildcard && isStrictSubdomain(at, listed)) return 'exact_entry';
  if (isStrictSubdomain(listed, at)) return 'narrower_entry';
  return null;
}

/**
 * The pages `email` may sign in to (`whoCanAccess`) and, among the others that serve anything, those
 * whose allowlist names a related domain, each with the first such entry and why it refuses.
 *
 * @example explainAccess(kinds, alice).nearMisses[0]?.reason // 'exact_entry' for alice@eu.acme.com against acme.com
 */
export function explainAccess(kinds: PageKindsIndex, email: CanonicalEmail): AccessExplanation {
  const nearMisses: AccessNearMiss[] = [];
  for (const state of listCustomerPageStates(kinds)) {
    if (state.noOneCanSignIn || isAllowlisted(email, state.allowlist)) continue;
    for (const entry of state.allowlist) {
      const reason = nearMissOf(email.domain, entry);
      if (reason === null) continue;
      nearMisses.push({ state, entry, reason });
      break;
    }
  }
  return { grants: whoCanAccess(kinds, email), nearMisses };
}
