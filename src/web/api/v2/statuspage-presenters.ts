/** The v2 presenters (services/statuspage) over a page as its HTML views scope it. */
import type { DerivedPage } from '../../../domain/pages/derived-page.js';
import {
  type PageLinks,
  type StatuspagePage,
  pageLinksAt,
  presentStatuspagePage,
} from '../../../services/statuspage/statuspage-presenters.js';
import { type ViewScope, viewScopeOf } from '../../views/models/view-scope.js';

/** Where a public page's HTML lives under `publicUrl` (the v2 shortlinks, the feeds' links). */
export const publicPageLinks =
  (publicUrl: string) =>
  (scope: ViewScope): PageLinks =>
    pageLinksAt(publicUrl, scope.header.homePath, scope.header.basePath);

/** The page's v2 objects at `now`, from the same scope its HTML page is built from; `linksOf` says where its HTML lives. */
export function presentShownPage(shown: DerivedPage, now: Date, linksOf: (scope: ViewScope) => PageLinks): StatuspagePage {
  const scope = viewScopeOf(shown.snapshot, shown.page, now);
  return presentStatuspagePage(shown, scope, scope.header.name, linksOf(scope), now);
}
