import type { AllowlistDomain } from '../access/email-domain.js';
import { customerPageState } from '../pages/customer-pages.js';
import type { PageKindsIndex } from '../pages/page-kinds-index.js';
import { parentBindingOf } from '../pages/sub-pages.js';
import { type SubscriptionScope, parseScopeKey } from './notification-event.js';

/** What a subscription scope names today, as staff see it. */
export interface SubscriptionTarget {
  scope: SubscriptionScope;
  /** The page's name; a sub-page or customer page as `<parent or set> / <entry>`. */
  title: string;
  /** A customer page's allowlist (SUB-4: only these addresses may be subscribed); null for other pages. */
  allowlist: readonly AllowlistDomain[] | null;
}

/**
 * The page a scope key names in this snapshot, or null when the key is malformed or names nothing
 * (a deleted page or entry, a customer page set itself, whose customers subscribe to their own pages).
 *
 * @example subscriptionTarget(kinds, 'page:k3v7q2m4x5a6b7c8') // { scope: { kind: 'page', … }, title: 'Acme status', allowlist: null }
 */
export function subscriptionTarget(kinds: PageKindsIndex, key: string): SubscriptionTarget | null {
  const scope = parseScopeKey(key);
  if (scope === null) return null;
  const { snapshot } = kinds;
  switch (scope.kind) {
    case 'page': {
      const page = snapshot.pages.get(scope.pageId);
      return page && page.kind !== 'customer_set' ? { scope, title: page.name, allowlist: null } : null;
    }
    case 'sub': {
      const parent = snapshot.pages.get(scope.pageId);
      const binding = parent ? parentBindingOf(parent) : null;
      const entry = snapshot.catalogEntries.get(scope.entryId);
      if (!parent || !binding || !entry || entry.typeId !== binding.catalogTypeId) return null;
      return { scope, title: `${parent.name} / ${entry.name}`, allowlist: null };
    }
    case 'customer': {
      const ref = kinds.customerPagesById.get(scope.customerPageId);
      const state = ref ? customerPageState(snapshot, ref) : null;
      return state ? { scope, title: `${state.set.name} / ${state.entry.name}`, allowlist: state.allowlist } : null;
    }
  }
}
