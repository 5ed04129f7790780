import type { Page } from './page.js';
import { type CustomerPageState, listCustomerPageStates } from './customer-pages.js';
import { structureComponentIds } from './derived-page.js';
import type { PageKindsIndex } from './page-kinds-index.js';
import { type SubPage, entryComponentIds, listSubPages, parentBindingOf } from './sub-pages.js';

/** Every page that shows something touching a set of components: what a review lists before publishing. */
export interface PagesTouched {
  /** Standalone and parent pages (a parent's own view shows its whole structure). */
  pages: Page[];
  /** Enabled sub-pages whose entry names a touched component. */
  subPages: SubPage[];
  /** Customer pages someone can sign in to, whose shared structure or own components include a touched one. */
  customerPages: CustomerPageState[];
}

/**
 * The pages an incident or maintenance window touching `componentIds` shows on: the rule of
 * `scopeOf` (it is on a page when it touches one of the page's components), applied to every page,
 * sub-page and customer page of the snapshot. Nothing touched, nothing shown.
 */
export function pagesTouchedBy(kinds: PageKindsIndex, componentIds: ReadonlySet<string>): PagesTouched {
  const { snapshot } = kinds;
  const touches = (ids: readonly string[]) => ids.some((id) => componentIds.has(id));
  const touched: PagesTouched = { pages: [], subPages: [], customerPages: [] };
  if (componentIds.size === 0) return touched;
  const sharedBySet = new Map<string, boolean>();
  for (const page of snapshot.pages.values()) {
    if (page.kind === 'customer_set') continue;
    if (touches(structureComponentIds(snapshot, page.items))) touched.pages.push(page);
    if (parentBindingOf(page) === null) continue;
    for (const subPage of listSubPages(kinds, page)) if (!subPage.disabled && touches(subPage.componentIds)) touched.subPages.push(subPage);
  }
  for (const state of listCustomerPageStates(kinds)) {
    if (state.noOneCanSignIn || state.set.binding?.kind !== 'customer_set') continue;
    let shared = sharedBySet.get(state.set.id);
    if (shared === undefined) sharedBySet.set(state.set.id, (shared = touches(structureComponentIds(snapshot, state.set.items))));
    if (shared || touches(entryComponentIds(snapshot, state.entry, state.set.binding.componentAttributeId)))
      touched.customerPages.push(state);
  }
  touched.pages.sort((a, b) => a.name.localeCompare(b.name));
  return touched;
}
