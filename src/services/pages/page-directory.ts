import { listCustomerPageStates } from '../../domain/pages/customer-pages.js';
import { listSubPages } from '../../domain/pages/sub-pages.js';
import { type PageReadOptions, absoluteUrl, pageKindsFor } from './customer-pages.js';
import type { ServiceContext } from '../context.js';
import { customerPagePath } from './customer-page-path.js';

type PageListingKind = 'standalone' | 'parent' | 'sub_page' | 'customer_set' | 'customer_page';

/** One page viewers can reach (or a set, which itself serves nothing), as `beacon pages list` shows it. */
export interface PageListing {
  kind: PageListingKind;
  /** The page id; for a sub-page `<parent id>-<entry id>`; for a customer page the customer page id (for `pages rotate`). */
  id: string;
  name: string;
  /** Absolute URL; null for a customer page set, which is served only through its customer pages. */
  url: string | null;
  isDefault: boolean;
  /** The parent page or customer page set, for sub-pages and customer pages. */
  parentId: string | null;
  entryId: string | null;
  /** Sub-pages switched off by staff. */
  disabled: boolean;
  /** Customer pages whose entry allowlists no domain. */
  noOneCanSignIn: boolean;
}

/**
 * Every page, each parent followed by its sub-pages and each customer page set by its customer
 * pages with their unlisted URLs: what staff need to find and share any page.
 */
export async function listPageDirectory(ctx: ServiceContext, options: PageReadOptions): Promise<PageListing[]> {
  const kinds = await pageKindsFor(ctx, options);
  const { snapshot } = kinds;
  const url = (path: string): string => absoluteUrl(options.publicUrl, path);
  const customerPages = listCustomerPageStates(kinds);
  const listings: PageListing[] = [];
  const base = { isDefault: false, parentId: null, entryId: null, disabled: false, noOneCanSignIn: false };
  for (const page of snapshot.pages.values()) {
    listings.push({
      ...base,
      kind: page.kind,
      id: page.id,
      name: page.name,
      url: page.kind === 'customer_set' ? null : url(`/${page.slug}`),
      isDefault: page.isDefault,
    });
    for (const subPage of listSubPages(kinds, page)) {
      listings.push({
        ...base,
        kind: 'sub_page',
        id: `${page.id}-${subPage.entry.id}`,
        name: subPage.entry.name,
        url: url(`/${subPage.pageSlug}`),
        parentId: page.id,
        entryId: subPage.entry.id,
        disabled: subPage.disabled,
      });
    }
    for (const state of customerPages.filter((candidate) => candidate.set.id === page.id)) {
      listings.push({
        ...base,
        kind: 'customer_page',
        id: state.customerPage.id,
        name: state.entry.name,
        url: url(customerPagePath(state.customerPage.urlToken)),
        parentId: page.id,
        entryId: state.entry.id,
        noOneCanSignIn: state.noOneCanSignIn,
      });
    }
  }
  return listings;
}
