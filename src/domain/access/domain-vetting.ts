import { parse } from 'tldts';
import {
  OUR_DISPOSABLE_ADDITIONS,
  OUR_WEBMAIL_ADDITIONS,
  UPSTREAM_DISPOSABLE_DOMAINS,
  UPSTREAM_WEBMAIL_DOMAINS,
} from './free-email-domains.js';
import { canonicaliseDomain, formatAllowlistDomain, isIpLiteral, type AllowlistDomain } from './email-domain.js';

export type VettingRefusal = 'public_suffix' | 'ip_address' | 'webmail' | 'disposable' | 'invalid';
/** The refusals staff may override (DOM-8); an IP address or a malformed name can never match an address anyway. */
export type OverridableRefusal = Extract<VettingRefusal, 'public_suffix' | 'webmail' | 'disposable'>;

export type VettingResult = { ok: true } | { ok: false; reason: VettingRefusal; message: string };

const WEBMAIL: ReadonlySet<string> = new Set([...UPSTREAM_WEBMAIL_DOMAINS, ...OUR_WEBMAIL_ADDITIONS]);
const DISPOSABLE: ReadonlySet<string> = new Set([...UPSTREAM_DISPOSABLE_DOMAINS, ...OUR_DISPOSABLE_ADDITIONS]);

/** True for the refusals that an explicit, audited staff override may set aside. */
export function isOverridableRefusal(reason: VettingRefusal): reason is OverridableRefusal {
  return reason === 'public_suffix' || reason === 'webmail' || reason === 'disposable';
}

/**
 * DOM-8: may staff add this allowlist entry without an override? Refuses public suffixes (ICANN and
 * private ones such as `github.io`), IP addresses, and webmail or disposable domains, checked on the
 * entry and on every parent down to its registrable domain (`eu.gmail.com` → `gmail.com`).
 * Takes the entry as written (`*.example.com`) or already canonical.
 *
 * @example vetAllowlistDomain('x.mailinator.com') // { ok: false, reason: 'disposable', message: '…' }
 */
export function vetAllowlistDomain(input: string | AllowlistDomain): VettingResult {
  const entry = typeof input === 'string' ? canonicaliseDomain(input) : ({ ok: true, ...input } as const);
  if (!entry.ok) {
    const written = JSON.stringify(input);
    if (entry.isIpLiteral || (typeof input === 'string' && isIpLiteral(input.replace(/^\*\./, '')))) {
      return refuse('ip_address', `${written} is an IP address: only domain names can be allowlisted.`);
    }
    if (typeof input === 'string' && isBarePublicSuffix(input)) {
      return refuse(
        'public_suffix',
        `${written} is a public suffix: anyone can register a domain under it, so it cannot identify one customer.`,
      );
    }
    return refuse('invalid', `${written} ${entry.reason}.`);
  }

  const shown = formatAllowlistDomain(entry, 'unicode');
  const parsed = parse(entry.domain, { allowPrivateDomains: true, extractHostname: false });
  if (parsed.isIp) return refuse('ip_address', `${shown} is an IP address: only domain names can be allowlisted.`);
  const registrable = parsed.domain;
  if (registrable === null) {
    return refuse(
      'public_suffix',
      `${shown} is a public suffix: anyone can register a domain under it, so it cannot identify one customer.`,
    );
  }

  for (const candidate of parentsDownTo(entry.domain, registrable)) {
    const via = candidate === entry.domain ? '' : ` (it belongs to ${candidate})`;
    if (WEBMAIL.has(candidate)) {
      return refuse('webmail', `${shown} is a webmail domain${via}: anyone can get an address there, so it cannot identify one customer.`);
    }
    if (DISPOSABLE.has(candidate)) {
      return refuse(
        'disposable',
        `${shown} is a disposable email domain${via}: anyone can get an address there, so it cannot identify one customer.`,
      );
    }
  }
  return { ok: true };
}

/** `com` or `*.com`: refused by the host name check (one label), but the clearer message is that it is a public suffix. */
function isBarePublicSuffix(input: string): boolean {
  const text = input.normalize('NFKC').toLowerCase().replace(/^\*\./, '');
  const parsed = parse(text, { allowPrivateDomains: true, extractHostname: false });
  return parsed.domain === null && parsed.publicSuffix === text && (parsed.isIcann === true || parsed.isPrivate === true);
}

/** `a.b.example.com`, `b.example.com`, `example.com` for registrable `example.com`. */
function parentsDownTo(domain: string, registrable: string): string[] {
  const labels = domain.split('.');
  const depth = registrable.split('.').length;
  const parents: string[] = [];
  for (let start = 0; labels.length - start >= depth; start += 1) parents.push(labels.slice(start).join('.'));
  return parents;
}

function refuse(reason: VettingRefusal, message: string): VettingResult {
  return { ok: false, reason, message };
}
