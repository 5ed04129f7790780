import type { AllowlistDomain } from '../../domain/access/email-domain.js';
import type { DerivedPage } from '../../domain/pages/derived-page.js';
import { resolveCustomerPage } from '../../domain/pages/customer-pages.js';
import type { PageKindsIndex } from '../../domain/pages/page-kinds-index.js';
import { resolvePublicPage } from '../../domain/pages/public-page.js';
import { listSubPages, resolveSubPage } from '../../domain/pages/sub-pages.js';
import { parseScopeKey, scopeKey } from '../../domain/notifications/notification-event.js';
import { customerPagePath, customerPageSlug } from '../../services/pages/customer-page-path.js';
import type { ScopeDirectory } from '../../services/subscriptions/subscription-deps.js';
import type { ResolvedScope } from '../../services/subscriptions/subscription-request.js';
import { dedicatedGroupName, subPageName } from '../../domain/pages/page-names.js';
import { pagePath } from '../views/models/view-scope.js';

/** One checkbox of the subscribe form. */
export interface ComponentChoice {
  id: string;
  name: string;
}

/** The page's components as the page groups them: single components, and groups of them. */
export type ComponentChoiceItem =
  { kind: 'component'; component: ComponentChoice } | { kind: 'group'; name: string; components: ComponentChoice[] };

/** A scope as the subscription pages show it: the page behind it, its structure, and where it lives. */
export interface ScopePage extends ResolvedScope {
  kind: 'page' | 'sub' | 'customer';
  /** Where the page is read; `/c/<token>` for a customer page. */
  homePath: string;
  /** Every component the page shows, in page order. */
  componentIds: readonly string[];
  choices: ComponentChoiceItem[];
}

/**
 * The scope `key` names in the current snapshot, or null when it names nothing that is served (an
 * unknown page, a customer page set, a disabled sub-page, a customer page no one can sign in to).
 */
export function resolveScope(kinds: PageKindsIndex, key: string): ScopePage | null {
  const scope = parseScopeKey(key);
  if (scope === null) return null;
  const { snapshot } = kinds;
  if (scope.kind === 'customer') {
    const ref = kinds.customerPagesById.get(scope.customerPageId);
    const page = ref ? resolveCustomerPage(kinds, ref.urlToken, customerPageSlug(ref.urlToken)) : null;
    if (!ref || !page) return null;
    return scopePage('customer', key, page.entry.name, customerPagePath(ref.urlToken), page, page.allowlist);
  }
  const page = snapshot.pages.get(scope.pageId);
  if (!page) return null;
  if (scope.kind === 'page') {
    const shown = resolvePublicPage(kinds, page);
    return shown ? scopePage('page', key, page.name, pagePath(page.slug), shown, null) : null;
  }
  const sub = listSubPages(kinds, page).find((candidate) => candidate.entry.id === scope.entryId);
  const shown = sub ? resolveSubPage(kinds, page.slug, sub.slug) : null;
  if (!sub || !shown) return null;
  return scopePage('sub', key, subPageName(page.name, sub.entry.name), pagePath(sub.pageSlug), shown, null);
}

/** The scope key of a customer page. */
export const customerScopeKey = (customerPageId: string): string => scopeKey({ kind: 'customer', customerPageId });

/** `resolveScope` as the services' directory (the subscription mails' page names and allowlists). */
export function scopeDirectoryOf(kinds: () => PageKindsIndex | undefined): ScopeDirectory {
  return (key) => {
    const index = kinds();
    const scope = index ? resolveScope(index, key) : null;
    return scope && { name: scope.name, allowlist: scope.allowlist };
  };
}

function scopePage(
  kind: ScopePage['kind'],
  key: string,
  name: string,
  homePath: string,
  shown: DerivedPage,
  allowlist: readonly AllowlistDomain[] | null,
): ScopePage {
  return { kind, key, name, homePath, allowlist, componentIds: shown.componentIds, choices: choicesOf(shown) };
}

/** The page's structure as checkboxes: its single components and its groups, in page order. */
function choicesOf(shown: DerivedPage): ComponentChoiceItem[] {
  const { snapshot, page } = shown;
  const choice = (id: string): ComponentChoice | null => {
    const component = snapshot.components.get(id);
    return component ? { id, name: component.name } : null;
  };
  const items: ComponentChoiceItem[] = [];
  for (const item of page.items) {
    if (item.kind === 'component') {
      const component = choice(item.componentId);
      if (component) items.push({ kind: 'component', component });
      continue;
    }
    const group = snapshot.groups.get(item.groupId);
    const components = [...new Set(group?.componentIds ?? [])].map(choice).filter((c): c is ComponentChoice => c !== null);
    if (group && components.length > 0)
      items.push({ kind: 'group', name: group.dedicated === true ? dedicatedGroupName(group.name) : group.name, components });
  }
  return items;
}
