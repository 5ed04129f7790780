import { domainToASCII, domainToUnicode } from 'node:url';

/**
 * One allowlist entry in canonical form. `domain` is the ASCII (`xn--`) lower-case form that every
 * comparison uses; `unicodeDomain` is the same name for people (DOM-10).
 */
export interface AllowlistDomain {
  /** ASCII, lower-case, without the `*.` prefix: `example.com`, `xn--bcher-kva.example`. */
  domain: string;
  unicodeDomain: string;
  /** Written `*.example.com`: admits subdomains of `domain` at a dot boundary, not `domain` itself (DOM-5). */
  wildcard: boolean;
}

export type HostnameResult = { ok: true; domain: string; unicodeDomain: string } | { ok: false; reason: string; isIpLiteral: boolean };

export type DomainResult = ({ ok: true } & AllowlistDomain) | { ok: false; reason: string; isIpLiteral: boolean };

/** Longest input looked at (REQ-8); a host name itself may not exceed 253 characters. */
export const MAX_INPUT_LENGTH = 254;
const MAX_HOSTNAME_LENGTH = 253;

const INVISIBLE_OR_SPACE = /[\p{Cc}\p{Cf}\p{Z}\s]/u;
// ASCII other than letters, digits, '-' and '.': domainToASCII would silently percent-decode or drop some of these.
const ASCII_PUNCTUATION = /[\x21-\x2c\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const NUMERIC_LABEL = /^(?:[0-9]+|0x[0-9a-f]*)$/;
const IPV4 = /^[0-9]+(?:\.[0-9]+){0,3}$/;
const IPV6 = /^[0-9a-f]*:[0-9a-f]*:[0-9a-f:.]*$/;

/** True for anything shaped like an IP literal: `[::1]`, `1.2.3.4`, `::1`, `0x7f.1`, `127.1`. */
export function isIpLiteral(input: string): boolean {
  const text = input.normalize('NFKC').trim().toLowerCase().replace(/\.$/, '');
  if ((text.startsWith('[') && text.endsWith(']')) || IPV6.test(text)) return true;
  const labels = text.split('.');
  const last = labels[labels.length - 1] ?? '';
  // WHATWG URL hosts whose last label is a number are IPv4 addresses (`0x7f.1` is 127.0.0.1).
  return IPV4.test(text) || (labels.length > 1 && NUMERIC_LABEL.test(last) && labels.every((l) => NUMERIC_LABEL.test(l)));
}

/**
 * DOM-3: NFKC, lower-case, `url.domainToASCII`, then a strict host name check: labels of 1–63
 * `[a-z0-9-]` not starting or ending with `-`, at least two labels, a non-numeric top label, no IP
 * literals and no trailing dot (refused, not repaired). Shared by addresses and allowlist entries.
 */
export function canonicaliseHostname(input: string): HostnameResult {
  const refuse = (reason: string, isIp = false): HostnameResult => ({ ok: false, reason, isIpLiteral: isIp });
  if (typeof input !== 'string') return refuse('is not text');
  if (input.length > MAX_INPUT_LENGTH) return refuse(`is longer than ${MAX_INPUT_LENGTH} characters`);
  const text = input.normalize('NFKC').toLowerCase();
  if (text.length === 0) return refuse('is empty');
  if (INVISIBLE_OR_SPACE.test(text)) return refuse('contains whitespace or control characters');
  if (isIpLiteral(text)) return refuse('is an IP address, not a domain name', true);
  const punctuation = ASCII_PUNCTUATION.exec(text);
  if (punctuation) return refuse(`contains ${JSON.stringify(punctuation[0])}, which a domain name cannot`);
  if (text.endsWith('.') || text.endsWith('\u3002')) return refuse('ends with a dot');
  const topLabel = text.slice(text.lastIndexOf('.') + 1);
  if (NUMERIC_LABEL.test(topLabel)) return refuse('has a numeric top-level label');

  const ascii = domainToASCII(text);
  if (ascii === '') return refuse('is not a valid international domain name');
  if (ascii.length > MAX_HOSTNAME_LENGTH) return refuse(`is longer than ${MAX_HOSTNAME_LENGTH} characters`);
  if (isIpLiteral(ascii)) return refuse('is an IP address, not a domain name', true);
  const labels = ascii.split('.');
  if (labels.length < 2) return refuse('needs at least two labels, like example.com');
  for (const label of labels) {
    if (!LABEL.test(label)) {
      return refuse(
        label.length === 0
          ? 'has an empty label (two dots in a row or a leading dot)'
          : `has an invalid label ${JSON.stringify(label)}: 1–63 letters, digits or hyphens, not starting or ending with a hyphen`,
      );
    }
  }
  if (NUMERIC_LABEL.test(labels[labels.length - 1] ?? '')) return refuse('has a numeric top-level label');

  const unicodeDomain = domainToUnicode(ascii);
  // A name that does not survive the round trip (odd Punycode) is refused rather than guessed at.
  if (unicodeDomain === '' || domainToASCII(unicodeDomain) !== ascii) return refuse('is not a valid international domain name');
  return { ok: true, domain: ascii, unicodeDomain };
}

/**
 * Canonicalises an allowlist entry as staff write it: `example.com`, `*.example.com`,
 * `bücher.example` (kept as `xn--bcher-kva.example` and `bücher.example`). Only a whole leading
 * `*.` label is a wildcard.
 *
 * @example canonicaliseDomain('*.Bücher.example') // { ok: true, domain: 'xn--bcher-kva.example', unicodeDomain: 'bücher.example', wildcard: true }
 */
export function canonicaliseDomain(input: string): DomainResult {
  if (typeof input !== 'string') return { ok: false, reason: 'is not text', isIpLiteral: false };
  if (input.length > MAX_INPUT_LENGTH) return { ok: false, reason: `is longer than ${MAX_INPUT_LENGTH} characters`, isIpLiteral: false };
  const text = input.normalize('NFKC');
  const wildcard = text.startsWith('*.');
  const rest = wildcard ? text.slice(2) : text;
  if (rest.includes('*')) {
    return { ok: false, reason: 'may use "*" only as a whole first label, as in *.example.com', isIpLiteral: false };
  }
  if (rest.includes('@')) return { ok: false, reason: 'must be a domain such as example.com, not an address', isIpLiteral: false };
  const host = canonicaliseHostname(rest);
  if (!host.ok) return host;
  return { ok: true, domain: host.domain, unicodeDomain: host.unicodeDomain, wildcard };
}

/** The written form of an entry: `*.example.com`, in ASCII (stored, compared) or Unicode (shown). */
export function formatAllowlistDomain(entry: AllowlistDomain, form: 'ascii' | 'unicode' = 'ascii'): string {
  const name = form === 'ascii' ? entry.domain : entry.unicodeDomain;
  return entry.wildcard ? `*.${name}` : name;
}
