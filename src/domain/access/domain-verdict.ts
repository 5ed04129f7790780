import { type OverridableRefusal, type VettingRefusal, isOverridableRefusal, vetAllowlistDomain } from './domain-vetting.js';
import { canonicaliseDomain, formatAllowlistDomain } from './email-domain.js';

/**
 * What staff learn about one allowlist entry as they write it: its stored (`xn--`) and Unicode forms
 * (DOM-10) when it is a domain name at all, and whether it is refused, why, and whether an explicit
 * override may accept it (DOM-8).
 */
export type DomainVerdict =
  | { ok: true; written: string; ascii: string; unicode: string }
  | {
      ok: false;
      written: string;
      ascii: string | null;
      unicode: string | null;
      reason: VettingRefusal;
      message: string;
      overridable: boolean;
    };

/**
 * The one verdict on an allowlist entry: the catalog's value check, the dashboard's form and its
 * as-you-type check all ask this, so they cannot disagree. `ascii` is the stored form.
 *
 * @example judgeAllowlistDomain('gmail.com') // { ok: false, reason: 'webmail', overridable: true, ascii: 'gmail.com', … }
 * @example judgeAllowlistDomain('*.Bücher.example') // { ok: true, ascii: '*.xn--bcher-kva.example', unicode: '*.bücher.example', … }
 */
export function judgeAllowlistDomain(written: string): DomainVerdict {
  const entry = canonicaliseDomain(written);
  if (!entry.ok) {
    const vetting = vetAllowlistDomain(written);
    const [reason, message] = vetting.ok
      ? (['invalid', `${JSON.stringify(written)} ${entry.reason}`] as const)
      : [vetting.reason, vetting.message];
    return { ok: false, written, ascii: null, unicode: null, reason, message, overridable: isOverridableRefusal(reason) };
  }
  const ascii = formatAllowlistDomain(entry, 'ascii');
  const unicode = formatAllowlistDomain(entry, 'unicode');
  const vetting = vetAllowlistDomain(entry);
  if (vetting.ok) return { ok: true, written, ascii, unicode };
  return {
    ok: false,
    written,
    ascii,
    unicode,
    reason: vetting.reason,
    message: vetting.message,
    overridable: isOverridableRefusal(vetting.reason),
  };
}

/** The refusal an override accepts, when this verdict is one (a stored form exists and the reason may be set aside). */
export function overridableRefusalOf(verdict: DomainVerdict): { ascii: string; reason: OverridableRefusal; message: string } | null {
  if (verdict.ok || verdict.ascii === null || !isOverridableRefusal(verdict.reason)) return null;
  return { ascii: verdict.ascii, reason: verdict.reason, message: verdict.message };
}
