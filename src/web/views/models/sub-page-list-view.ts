import type { Page } from '../../../domain/pages/page.js';
import type { Snapshot } from '../../../domain/snapshot.js';
import { type SubPageStatus, buildSubPageStatuses, parentBindingOf } from '../../../domain/pages/sub-pages.js';
import { statusDescription } from '../../../domain/status/status-labels.js';
import { pagePath } from './view-scope.js';

/** A sub-page as its parent lists it: its status, described, and a link to it. */
interface SubPageStatusView extends SubPageStatus {
  path: string;
  description: string;
}

/** The list of a parent page's sub-pages, each with its own overall status and a link to it. */
export interface SubPageListView {
  /** The section heading, from the catalog type: "Regions" for a Region type. */
  title: string;
  /** Enabled sub-pages only, in the entries' display order. */
  subPages: SubPageStatusView[];
}

const FALLBACK_TITLE = 'Sub-pages';

/**
 * What a parent page lists of its sub-pages at `now`; null for any other page, so only parents grow
 * the section. Disabled sub-pages are left out, as they are from the parent's components.
 *
 * @example buildSubPageListView(snapshot, regionsPage, now) // { title: 'Regions', subPages: [{ name: 'EU', path: '/regions/eu', … }] }
 */
export function buildSubPageListView(snapshot: Snapshot, page: Page, now: Date): SubPageListView | null {
  const binding = parentBindingOf(page);
  if (!binding) return null;
  const typeName = snapshot.catalogTypes.get(binding.catalogTypeId)?.name;
  return {
    title: typeName === undefined ? FALLBACK_TITLE : pluralise(typeName),
    subPages: buildSubPageStatuses(snapshot, page, now).map((subPage) => ({
      ...subPage,
      path: pagePath(subPage.pageSlug),
      description: statusDescription(subPage.indicator),
    })),
  };
}

/**
 * An English plural for a section heading: "Region" → "Regions", "Country" → "Countries", "Branch" →
 * "Branches". A name already ending in "s" ("Regions", "Business") is kept as staff wrote it.
 */
export function pluralise(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return FALLBACK_TITLE;
  if (/s$/i.test(trimmed)) return trimmed;
  // An acronym takes a plain "s": "SKU" → "SKUs".
  if (trimmed === trimmed.toUpperCase() && /[A-Z]/.test(trimmed)) return `${trimmed}s`;
  if (/[^aeiou]y$/i.test(trimmed)) return `${trimmed.slice(0, -1)}ies`;
  if (/(x|z|ch|sh)$/i.test(trimmed)) return `${trimmed}es`;
  return `${trimmed}s`;
}
