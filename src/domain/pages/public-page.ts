import { type DerivedPage, structureComponentIds } from './derived-page.js';
import type { Page } from './page.js';
import type { Snapshot } from '../snapshot.js';
import { buildParentPage } from './sub-pages.js';

/**
 * What `/<slug>` (or `/`) serves for a page of `snapshot`: a standalone page as it is, a parent page
 * filtered to its enabled sub-pages' components, and nothing (404) for a customer page set, whose
 * pages live only at their unlisted `/c/<token>` URLs.
 *
 * @example const shown = resolvePublicPage(snapshot, page); if (shown) renderStatusPage(shown.snapshot, shown.page, now, options)
 */
export function resolvePublicPage(snapshot: Snapshot, page: Page): DerivedPage | null {
  if (page.kind === 'customer_set') return null;
  if (page.kind === 'parent') return buildParentPage(snapshot, page);
  return { page, snapshot, componentIds: structureComponentIds(snapshot, page.items) };
}
