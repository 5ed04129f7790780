/** A page's scope (domain/pages/page-scope.ts) with what every view of it prints: its header, links and overall status. */
import { scopeKey } from '../../../domain/notifications/notification-event.js';
import type { Page } from '../../../domain/pages/page.js';
import { type OnPageMemo, type PageScope, scopeOf } from '../../../domain/pages/page-scope.js';
import type { StatusIndicator } from '../../../domain/status/page-status.js';
import type { Snapshot } from '../../../domain/snapshot.js';
import { brandStylesheet, logoPath } from '../brand-assets.js';
import { defaultPageOf } from './default-page-of.js';
import type { OverallView, PageHeaderView } from './page-view-types.js';
import { subPageName } from '../../../domain/pages/page-names.js';
import { statusDescription } from '../../../domain/status/status-labels.js';

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
  return { ...scope, header: pageHeaderView(snapshot, page), overall: overallView(scope.indicator) };
}

/** The page's name, description, zone and where its links go. */
function pageHeaderView(snapshot: Snapshot, page: Page): PageHeaderView {
  // Where a page is read: `/` for the one `/` shows (a parent's sub-pages link back to it there), else its `pagePath`.
  const homePath = (shown: { id: string; slug: string }): string => (defaultPageOf(snapshot)?.id === shown.id ? '/' : pagePath(shown.slug));
  const basePath = pagePath(page.slug);
  return {
    name: page.family === undefined ? page.name : subPageName(page.family.parent.name, page.name),
    slug: page.slug,
    description: page.description,
    timeZone: page.timeZone,
    homePath: homePath(page),
    basePath,
    historyPath: `${basePath}/history`,
    subscriptionScope: subscriptionScopeOf(page),
    family:
      page.family === undefined
        ? null
        : {
            parent: { name: page.family.parent.name, path: homePath(page.family.parent) },
            siblings: page.family.siblings.map((sibling) => ({ name: sibling.name, path: pagePath(sibling.slug) })),
          },
    supportUrl: page.branding.supportUrl,
    logoSrc: page.branding.logo === null ? null : logoPath(page.branding.logo),
    brandStylesheet: page.branding.brandColor === null ? null : brandStylesheet(page.branding.brandColor).path,
    uptimeDisplay: page.branding.uptimeDisplay,
  };
}

/**
 * A public page's scope key. A sub-page is built with the id `<parentId>-<entryId>` (domain/pages/sub-pages.ts),
 * and its family names its parent, so its entry is what follows the parent's id.
 */
function subscriptionScopeOf(page: Page): string {
  const parent = page.family?.parent;
  if (parent === undefined || !page.id.startsWith(`${parent.id}-`)) return scopeKey({ kind: 'page', pageId: page.id });
  return scopeKey({ kind: 'sub', pageId: parent.id, entryId: page.id.slice(parent.id.length + 1) });
}

/** `/<slug>`: where a page (a sub-page's slug holds its parent's) and its incident and history links live. */
export const pagePath = (slug: string): string => `/${slug}`;

const overallView = (indicator: StatusIndicator): OverallView => ({ indicator, description: statusDescription(indicator) });

/** `/<slug>/incidents/<id>`: an incident's own page, under the page's base path. */
export const incidentPath = (header: PageHeaderView, incidentId: string): string =>
  `${header.basePath}/incidents/${encodeURIComponent(incidentId)}`;
