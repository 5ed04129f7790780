import { type SubscriptionScope, parseScopeKey } from '../../domain/notifications/notification-event.js';
import { resolveCustomerPage } from '../../domain/pages/customer-pages.js';
import { defaultPageAmong } from '../../domain/pages/default-page.js';
import type { DerivedPage } from '../../domain/pages/derived-page.js';
import { subPageName } from '../../domain/pages/page-names.js';
import type { PageKindsIndex } from '../../domain/pages/page-kinds-index.js';
import { resolvePublicPage } from '../../domain/pages/public-page.js';
import { listSubPages, resolveSubPage } from '../../domain/pages/sub-pages.js';
import { customerPagePath, customerPageSlug } from '../pages/customer-page-path.js';
import { type PageLinks, customerPageLinks, pageLinksAt } from '../statuspage/statuspage-presenters.js';

/** A subscription scope as the page it names: what it shows, the name it prints, where it lives. */
export interface ScopePage {
  scope: SubscriptionScope;
  shown: DerivedPage;
  name: string;
  links: PageLinks;
}

/**
 * The page a scope key names in `kinds.snapshot`, as readers see it now, or null when it serves
 * nothing (gone, a disabled sub-page, a customer page no one can sign in to).
 *
 * @example resolveScopePage(holder.pageKinds(snapshot), 'sub:status/eu', config.publicUrl)
 */
export function resolveScopePage(kinds: PageKindsIndex, key: string, publicUrl: string): ScopePage | null {
  const scope = parseScopeKey(key);
  if (scope === null) return null;
  const { snapshot } = kinds;
  if (scope.kind === 'customer') {
    const ref = kinds.customerPagesById.get(scope.customerPageId);
    const found = ref ? resolveCustomerPage(kinds, ref.urlToken, customerPageSlug(ref.urlToken)) : null;
    if (!ref || !found) return null;
    return { scope, shown: found, name: found.page.name, links: customerPageLinks(publicUrl, customerPagePath(ref.urlToken)) };
  }
  const page = snapshot.pages.get(scope.pageId);
  if (!page) return null;
  if (scope.kind === 'sub') {
    const subPage = listSubPages(kinds, page).find((candidate) => candidate.entry.id === scope.entryId);
    const found = subPage ? resolveSubPage(kinds, page.slug, subPage.slug) : null;
    if (!subPage || !found) return null;
    const path = `/${subPage.pageSlug}`;
    return { scope, shown: found, name: subPageName(page.name, subPage.entry.name), links: pageLinksAt(publicUrl, path, path) };
  }
  const shown = resolvePublicPage(kinds, page);
  if (!shown) return null;
  const basePath = `/${page.slug}`;
  const homePath = defaultPageAmong(snapshot.pages.values())?.id === page.id ? '/' : basePath;
  return { scope, shown, name: page.name, links: pageLinksAt(publicUrl, homePath, basePath) };
}
