/** A page's scope (domain/pages/page-scope.ts) with what every view of it prints: its header, links and overall status. */
import type { Page, PageFamily } from '../../../domain/pages/page.js';
import { type OnPageMemo, type PageScope, scopeOf } from '../../../domain/pages/page-scope.js';
import type { StatusIndicator } from '../../../domain/status/page-status.js';
import type { Snapshot } from '../../../domain/snapshot.js';
import type { FamilyView, OverallView, PageHeaderView } from './page-view-types.js';
import { statusDescription } from './status-labels.js';

export interface ViewScope extends PageScope {
  header: PageHeaderView;
  overall: OverallView;
}

/** `scopeOf` with the header and overall status as the views print them; `memoFor` as for `scopeOf`. */
export function viewScopeOf(
  snapshot: Snapshot,
  page: Page,
  now: Date,
  memoFor?: (componentIds: readonly string[]) => OnPageMemo,
): ViewScope {
  const scope = scopeOf(snapshot, page, now, memoFor);
  return { ...scope, header: pageHeaderView(page), overall: overallView(scope.indicator) };
}

/** The page's name, description, zone and where its links go. */
function pageHeaderView(page: Page): PageHeaderView {
  const basePath = pagePath(page.slug);
  return {
    name: page.name,
    slug: page.slug,
    description: page.description,
    timeZone: page.timeZone,
    homePath: homePath(page),
    basePath,
    historyPath: `${basePath}/history`,
    family: page.family === undefined ? null : familyView(page.family),
  };
}

/** `/<slug>`: where a page (a sub-page's slug holds its parent's) and its incident and history links live. */
export const pagePath = (slug: string): string => `/${slug}`;

/** Where a page is read: `/` for the default page, else its `pagePath`. */
const homePath = (page: { slug: string; isDefault: boolean }): string => (page.isDefault ? '/' : pagePath(page.slug));

const familyView = (family: PageFamily): FamilyView => ({
  parent: { name: family.parent.name, path: homePath(family.parent) },
  siblings: family.siblings.map((sibling) => ({ name: sibling.name, path: pagePath(sibling.slug) })),
});

const overallView = (indicator: StatusIndicator): OverallView => ({ indicator, description: statusDescription(indicator) });

/** `/<slug>/incidents/<id>`: an incident's own page, under the page's base path. */
export const incidentPath = (header: PageHeaderView, incidentId: string): string =>
  `${header.basePath}/incidents/${encodeURIComponent(incidentId)}`;
