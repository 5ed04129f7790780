import { canonicaliseHostname, MAX_INPUT_LENGTH } from './email-domain.js';

/**
 * An address in the one canonical form (DOM-1) that the allowlist check, the mail recipient, the
 * session identity, rate-limit keys and the logs all use.
 *
 * The whole address is lower-case, local part included. RFC 5321 lets a server treat the local part
 * case-sensitively, but no mainstream one does, and a single lower-case form means every consumer
 * compares plain strings: `Alice@` and `alice@` are one mailbox for sessions, revocation and rate
 * limits, with no consumer able to forget a case-insensitive comparison.
 */
export interface CanonicalEmail {
  /** `local@ascii-domain`, lower-case, `+tag` kept (DOM-6): the identity and the recipient. */
  address: string;
  local: string;
  /** ASCII (`xn--`) lower-case. */
  domain: string;
  /** The domain in Unicode, for people (DOM-10). */
  unicodeDomain: string;
  /** The local part without its `+tag` (`alice+news` → `alice`); a leading `+` is not a tag. */
  localWithoutTag: string;
}

export type EmailResult = { ok: true; address: CanonicalEmail } | { ok: false; reason: string };

export const MAX_EMAIL_LENGTH = MAX_INPUT_LENGTH;
const MAX_LOCAL_LENGTH = 64;

// Checked in order after NFKC; the first match names the refusal (DOM-2).
const FORBIDDEN: readonly [RegExp, string][] = [
  [/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u, 'contains control or invisible characters (such as line breaks)'],
  [/"/, 'contains quotes'],
  [/[()]/, 'contains parentheses'],
  [/[<>]/, 'contains angle brackets'],
  [/,/, 'contains a comma'],
  [/;/, 'contains a semicolon'],
  [/:/, 'contains a colon'],
  [/\\/, 'contains a backslash'],
  [/[[\]]/, 'contains square brackets'],
  [/[\s\p{Z}]/u, 'contains whitespace'],
];
// Anything outside RFC 5322 atext and dots; `%` and `!` are refused on their own, above it.
const NOT_LOCAL_CHARACTER = /[^a-z0-9#$&'*+/=?^_`{|}~.-]/;

/**
 * DOM-1/DOM-2/DOM-3/REQ-8: refuses (never repairs) anything but one plain `local@domain`.
 * Input over 254 characters is refused before any parsing.
 *
 * @example canonicaliseEmail('Alice+News@Bücher.example')
 * // { ok: true, address: { address: 'alice+news@xn--bcher-kva.example', local: 'alice+news',
 * //   domain: 'xn--bcher-kva.example', unicodeDomain: 'bücher.example', localWithoutTag: 'alice' } }
 */
export function canonicaliseEmail(input: string): EmailResult {
  if (typeof input !== 'string') return refuse('is not text');
  if (input.length > MAX_EMAIL_LENGTH) return refuse(`is longer than ${MAX_EMAIL_LENGTH} characters`);
  const text = input.normalize('NFKC');
  if (text.length > MAX_EMAIL_LENGTH) return refuse(`is longer than ${MAX_EMAIL_LENGTH} characters`);
  if (text.length === 0) return refuse('is empty');
  for (const [pattern, reason] of FORBIDDEN) if (pattern.test(text)) return refuse(reason);

  const parts = text.split('@');
  if (parts.length !== 2) return refuse('must contain exactly one @');
  const [typedLocal = '', typedDomain = ''] = parts;
  if (typedLocal === '') return refuse('has nothing before the @');
  if (typedDomain === '') return refuse('has nothing after the @');

  const local = typedLocal.toLowerCase();
  if (/[^\x00-\x7f]/.test(local)) return refuse('has a non-ASCII character before the @');
  if (local.length > MAX_LOCAL_LENGTH) return refuse(`has more than ${MAX_LOCAL_LENGTH} characters before the @`);
  // Old relays route `bob%evil.com@example.com` to evil.com: the allowlist would see example.com.
  if (/[%!]/.test(local)) return refuse('contains % or !, which mail relays may treat as routing');
  const stray = NOT_LOCAL_CHARACTER.exec(local);
  if (stray) return refuse(`contains ${JSON.stringify(stray[0])}, which an address cannot`);
  if (local.startsWith('.') || local.endsWith('.')) return refuse('starts or ends with a dot before the @');
  if (local.includes('..')) return refuse('has two dots in a row before the @');

  const host = canonicaliseHostname(typedDomain);
  if (!host.ok) return refuse(`has a domain that ${host.reason}`);
  const address = `${local}@${host.domain}`;
  // Punycode can lengthen the domain, so the limit is checked again on the canonical form.
  if (address.length > MAX_EMAIL_LENGTH) return refuse(`is longer than ${MAX_EMAIL_LENGTH} characters once canonicalised`);

  const tagAt = local.indexOf('+');
  const localWithoutTag = tagAt > 0 ? local.slice(0, tagAt) : local;
  return { ok: true, address: { address, local, domain: host.domain, unicodeDomain: host.unicodeDomain, localWithoutTag } };
}

/** The mailbox an address delivers to, `+tag` stripped: the key for per-mailbox rate limits only (REQ-4, DOM-6). */
export function formatMailboxKey(email: CanonicalEmail): string {
  return `${email.localWithoutTag}@${email.domain}`;
}

/**
 * The address with its local part reduced to its first character, for operational logs that should
 * help someone recognise their own attempt without holding the whole address.
 *
 * @example formatMaskedAddress(canonical('alice@example.com')) // 'a…@example.com'
 */
export function formatMaskedAddress(email: CanonicalEmail): string {
  return `${email.local.slice(0, 1)}…@${email.domain}`;
}

function refuse(reason: string): EmailResult {
  return { ok: false, reason: `The address ${reason}.` };
}
