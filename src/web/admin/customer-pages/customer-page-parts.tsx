import type { AllowlistDomain } from '../../../domain/access/email-domain.js';
import { describeAllowlistDomain, type SignInBlocker } from '../../../services/pages/customer-page-admin.js';

/** An instant as staff read it everywhere on these screens. */
export const formatWhen = (at: Date | null): string => (at === null ? 'never' : `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`);

/** Why no one can sign in, as the warning says it. */
export const BLOCKER_TEXT: Readonly<Record<SignInBlocker, string>> = {
  empty_allowlist: 'No one can sign in: the allowlist is empty.',
  refused_allowlist: 'No one can sign in: every domain on the allowlist is refused.',
};

/** A page's URL as read-only text to select, with a Copy button that the script shows where the Clipboard API exists. */
export function CopyableUrl({ id, url, label }: { id: string; url: string; label: string }) {
  return (
    <span class="url">
      <input id={id} type="text" readonly value={url} aria-label={label} />
      <button type="button" data-copy={id} hidden aria-label={`Copy ${label}`}>
        Copy
      </button>
      <span id={`${id}-copied`} class="copied" role="status"></span>
    </span>
  );
}

/** The allowlist, each domain in both forms where they differ (DOM-10), or a dash. */
export const AllowlistText = ({ allowlist }: { allowlist: readonly AllowlistDomain[] }) => (
  <>{allowlist.length === 0 ? '—' : allowlist.map(describeAllowlistDomain).join(', ')}</>
);
