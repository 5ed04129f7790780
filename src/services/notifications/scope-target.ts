import type { AllowlistDomain } from '../../domain/access/email-domain.js';
import { parseScopeKey } from '../../domain/notifications/notification-event.js';
import { customerPageAccessFor, customerPageState } from '../../domain/pages/customer-pages.js';
import { type PageKindsIndex, memoize } from '../../domain/pages/page-kinds-index.js';
import { listSubPages } from '../../domain/pages/sub-pages.js';
import { customerPagePath } from '../pages/customer-page-path.js';

/** Where a subscription's mails point, as the live snapshot has it now. */
export interface ScopeTarget {
  /** The page's name as its viewers see it. */
  name: string;
  /** The page's path, e.g. `/`, `/acme`, `/acme/eu`, `/c/<token>`. */
  path: string;
  /** Customer pages only: who may still have mail (SUB-4) and the set whose mail detail applies. */
  customer?: { allowlist: readonly AllowlistDomain[]; setId: string };
}

/**
 * The page a subscription scope names, or null when it no longer serves (removed, disabled, no one
 * can sign in). Worked out once per snapshot and scope (the index's memo), not once per mail.
 */
export function scopeTarget(kinds: PageKindsIndex, key: string): ScopeTarget | null {
  const scope = parseScopeKey(key);
  if (!scope) return null;
  return memoize(kinds, `notification-scope:${key}`, (): ScopeTarget | null => {
    const { snapshot } = kinds;
    switch (scope.kind) {
      case 'page': {
        const page = snapshot.pages.get(scope.pageId);
        if (!page || page.kind === 'customer_set') return null;
        return { name: page.name, path: page.isDefault ? '/' : `/${page.slug}` };
      }
      case 'sub': {
        const parent = snapshot.pages.get(scope.pageId);
        const sub = parent ? listSubPages(kinds, parent).find((candidate) => candidate.entry.id === scope.entryId) : undefined;
        if (!sub || sub.disabled) return null;
        return { name: sub.entry.name, path: `/${sub.pageSlug}` };
      }
      case 'customer': {
        const access = customerPageAccessFor(kinds, scope.customerPageId);
        const ref = kinds.customerPagesById.get(scope.customerPageId);
        const state = ref ? customerPageState(snapshot, ref) : null;
        if (!access || !state) return null;
        return {
          name: access.name,
          path: customerPagePath(access.urlToken),
          customer: { allowlist: access.allowlist, setId: state.set.id },
        };
      }
    }
  });
}
