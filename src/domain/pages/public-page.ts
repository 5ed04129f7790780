import { type DerivedPage, structureComponentIds } from './derived-page.js';
import type { Page } from './page.js';
import type { PageKindsIndex } from './page-kinds-index.js';
import { buildParentPage } from './sub-pages.js';

/**
 * What `/<slug>` (or `/`) serves for a page of `kinds.snapshot`: a standalone page as it is, a parent page
 * filtered to its enabled sub-pages' components, and nothing (404) for a customer page set, whose
 * pages live only at their unlisted `/c/<token>` URLs.
 *
 * @example const shown = resolvePublicPage(snapshots.pageKinds(snapshot), page); if (shown) renderStatusPage(shown.snapshot, shown.page, now, options)
 */
export function resolvePublicPage(kinds: PageKindsIndex, page: Page): DerivedPage | null {
  if (page.kind === 'customer_set') return null;
  if (page.kind === 'parent') return buildParentPage(kinds, page);
  const { snapshot } = kinds;
  return { page, snapshot, componentIds: structureComponentIds(snapshot, page.items) };
}
