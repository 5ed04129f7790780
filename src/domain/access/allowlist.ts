import type { CanonicalEmail } from './email-address.js';
import { canonicaliseDomain, type AllowlistDomain } from './email-domain.js';

/**
 * DOM-4/DOM-5/DOM-6: the allowlist entry that admits this address, or null. Returning the entry
 * answers "who can access … and why". Matching looks at the ASCII domain only, so a `+tag` never
 * matters. An entry `example.com` admits exactly `example.com`; `*.example.com` admits
 * `a.example.com` and `x.y.example.com` but not `example.com` itself (list both to admit both).
 * An exact entry wins over a wildcard one when both match.
 *
 * @example isAllowlisted(alice, [{ domain: 'example.com', unicodeDomain: 'example.com', wildcard: false }])
 */
export function isAllowlisted(email: CanonicalEmail, allowlist: readonly AllowlistDomain[]): AllowlistDomain | null {
  const domain = email.domain.toLowerCase();
  const exact = allowlist.find((entry) => !entry.wildcard && entry.domain.toLowerCase() === domain);
  if (exact) return exact;
  return allowlist.find((entry) => entry.wildcard && isStrictSubdomain(domain, entry.domain.toLowerCase())) ?? null;
}

/** True when `domain` lies under `parent` at a dot boundary: `a.example.com` under `example.com`, never `evilexample.com`. */
export function isStrictSubdomain(domain: string, parent: string): boolean {
  return parent.length > 0 && domain.length > parent.length + 1 && domain.endsWith(`.${parent}`);
}

/**
 * Turns stored `email_domain` values (`example.com`, `*.example.com`) into allowlist entries,
 * dropping any that no longer canonicalise: a bad stored value admits no one rather than failing
 * the page.
 */
export function toAllowlist(values: readonly string[]): AllowlistDomain[] {
  const entries: AllowlistDomain[] = [];
  for (const value of values) {
    const result = canonicaliseDomain(value);
    if (!result.ok) continue;
    entries.push({ domain: result.domain, unicodeDomain: result.unicodeDomain, wildcard: result.wildcard });
  }
  return entries;
}
