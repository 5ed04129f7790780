import type { Page } from './page.js';

/** A customer page set is private (its pages are served only at their unlisted URLs): never the default. */
export const canBeDefaultPage = (page: Pick<Page, 'kind'>): boolean => page.kind !== 'customer_set';

/**
 * The one rule for the default page: the page `/` shows and whose name the site goes by. It is the
 * public page flagged default; when none is, the oldest public page (by creation, then id), so that
 * `/` shows something once any public page exists. Undefined while there is no public page.
 *
 * The services keep the flag on this page after every page write (see `settleDefaultPage`), so the
 * fallback shows only in data written around them.
 */
export function defaultPageAmong(pages: Iterable<Page>): Page | undefined {
  let found: Page | undefined;
  for (const page of pages) {
    if (!canBeDefaultPage(page)) continue;
    if (found === undefined || ranksBefore(page, found)) found = page;
  }
  return found;
}

/** Flagged first, then older, then the smaller id (a total order, so the choice never depends on iteration order). */
function ranksBefore(a: Page, b: Page): boolean {
  if (a.isDefault !== b.isDefault) return a.isDefault;
  const age = a.createdAt.getTime() - b.createdAt.getTime();
  if (age !== 0) return age < 0;
  return a.id < b.id;
}
