import { type CatalogEntry, listValues } from '../catalog/catalog.js';
import { componentStatuses } from '../status/component-status.js';
import { type DerivedPage, filterStructure, withGroups } from './derived-page.js';
import { incidentComponentIds, isIncidentOpen } from '../status/incident-status.js';
import type { Page, PageBinding, PageFamily } from './page.js';
import { overallIndicator, type StatusIndicator } from '../status/page-status.js';
import { type PageKindsIndex, entriesOfType, memoize } from './page-kinds-index.js';
import { slugify } from './slug.js';
import { type Snapshot, subPageSettingKey } from '../snapshot.js';

export type ParentBinding = Extract<PageBinding, { kind: 'parent' }>;

/** One entry of a parent's catalog type, seen as the sub-page it makes. */
export interface SubPage {
  parent: Page;
  entry: CatalogEntry;
  /** The entry's slug: stable, and edited with the entry. */
  slug: string;
  /** `<parent-slug>/<entry-slug>`: its slug as a page (it is served at `/<pageSlug>`). */
  pageSlug: string;
  /** Switched off by staff: not served, and not counted on the parent. */
  disabled: boolean;
  /** The components its entry references that exist, in the entry's order. */
  componentIds: string[];
}

export interface ResolvedSubPage extends DerivedPage {
  parent: Page;
  entry: CatalogEntry;
  /** Same as `page`: the sub-page to render. */
  subPage: Page;
}

/** A sub-page with its overall status, as a parent page lists it. */
export interface SubPageStatus {
  entryId: string;
  name: string;
  /** The sub-page's slug as a page, as `SubPage.pageSlug`. */
  pageSlug: string;
  indicator: StatusIndicator;
}

/** The binding of a parent page, or null for any other page. */
export function parentBindingOf(page: Page): ParentBinding | null {
  return page.kind === 'parent' && page.binding?.kind === 'parent' ? page.binding : null;
}

/** The existing components an entry's `component` attribute names, in its order, each once. */
export function entryComponentIds(snapshot: Snapshot, entry: CatalogEntry, attributeId: string): string[] {
  const ids = listValues(entry.values[attributeId]).filter((value): value is string => typeof value === 'string');
  return [...new Set(ids)].filter((id) => snapshot.components.has(id));
}

/** The path segment an entry's sub-page lives at. */
const entrySlug = (entry: CatalogEntry): string => entry.slug ?? slugify(entry.name);

/**
 * Every sub-page of `parent` (disabled ones included, flagged), in the entries' display order;
 * empty when `parent` is not a parent page. A new entry is a new sub-page at once.
 */
export function listSubPages(kinds: PageKindsIndex, parent: Page): SubPage[] {
  return memoize(kinds, `sub-pages:${parent.id}`, () => {
    const binding = parentBindingOf(parent);
    return binding ? subPagesOf(kinds.snapshot, parent, binding, kinds.entriesByType.get(binding.catalogTypeId) ?? []) : [];
  });
}

/** The sub-pages `entries` (the bound type's, in display order) make of `parent`. */
function subPagesOf(snapshot: Snapshot, parent: Page, binding: ParentBinding, entries: readonly CatalogEntry[]): SubPage[] {
  return entries.map((entry) => {
    const slug = entrySlug(entry);
    return {
      parent,
      entry,
      slug,
      pageSlug: `${parent.slug}/${slug}`,
      disabled: snapshot.subPageSettings.get(subPageSettingKey(parent.id, entry.id))?.disabled === true,
      componentIds: entryComponentIds(snapshot, entry, binding.componentAttributeId),
    };
  });
}

/**
 * The sub-page at `/<parentSlug>/<subSlug>`, or null when there is no such parent page, no entry
 * with that slug in its type, or the sub-page is disabled (all answer 404 alike).
 *
 * @example const found = resolveSubPage(snapshots.pageKinds(snapshot), 'status', 'eu'); if (found) renderStatusPage(found.snapshot, found.subPage, now, options)
 */
export function resolveSubPage(kinds: PageKindsIndex, parentSlug: string, subSlug: string): ResolvedSubPage | null {
  const parent = kinds.pagesBySlug.get(parentSlug);
  if (!parent) return null;
  const subPage = listSubPages(kinds, parent).find((candidate) => candidate.slug === subSlug);
  if (!subPage || subPage.disabled) return null;
  const derived = buildSubPage(kinds, subPage);
  return { ...derived, parent, entry: subPage.entry, subPage: derived.page };
}

/** The sub-page as a page: the parent's structure filtered to its entry's components, groups kept. */
function buildSubPage(kinds: PageKindsIndex, subPage: SubPage): DerivedPage {
  return memoize(kinds, `sub-page:${subPage.parent.id}/${subPage.entry.id}`, () => {
    const { snapshot } = kinds;
    const { parent, entry } = subPage;
    const structure = filterStructure(snapshot, parent.items, subPage.componentIds);
    const page: Page = {
      id: `${parent.id}-${entry.id}`,
      slug: subPage.pageSlug,
      // The entry's name; the views print it after the parent's (the family carries that).
      name: entry.name,
      // The parent's description speaks for the parent; an entry has none of its own.
      description: null,
      timeZone: parent.timeZone,
      isDefault: false,
      kind: 'standalone',
      items: structure.items,
      // A sub-page looks like its parent.
      branding: parent.branding,
      createdAt: parent.createdAt,
      updatedAt: parent.updatedAt,
      family: subPageFamily(kinds, parent),
    };
    return { page, snapshot: withGroups(snapshot, structure.narrowedGroups), componentIds: structure.componentIds };
  });
}

/** A parent with more sub-pages than this lists them itself; its sub-pages link back to it only. */
const MAX_LISTED_SIBLINGS = 24;

/** The navigation every sub-page of `parent` shares: built once per parent and snapshot. */
function subPageFamily(kinds: PageKindsIndex, parent: Page): PageFamily {
  return memoize(kinds, `sub-page-family:${parent.id}`, () => {
    const enabled = listSubPages(kinds, parent).filter((subPage) => !subPage.disabled);
    return {
      parent: { id: parent.id, name: parent.name, slug: parent.slug },
      siblings:
        enabled.length > MAX_LISTED_SIBLINGS ? [] : enabled.map((subPage) => ({ name: subPage.entry.name, slug: subPage.pageSlug })),
    };
  });
}

/**
 * What a parent page shows: its structure filtered to the union of its enabled sub-pages'
 * components (so every incident on any of them shows here too). Keeps the parent's id and slug.
 */
export function buildParentPage(kinds: PageKindsIndex, parent: Page): DerivedPage {
  return memoize(kinds, `parent:${parent.id}`, () => {
    const { snapshot } = kinds;
    const union = listSubPages(kinds, parent)
      .filter((subPage) => !subPage.disabled)
      .flatMap((subPage) => subPage.componentIds);
    const structure = filterStructure(snapshot, parent.items, union);
    const page: Page = { ...parent, items: structure.items };
    return { page, snapshot: withGroups(snapshot, structure.narrowedGroups), componentIds: structure.componentIds };
  });
}

/**
 * The enabled sub-pages of `parent` with their overall status at `now`, for the list on the parent
 * page. Takes the snapshot the parent page is rendered from (`buildParentPage`'s, with its groups
 * narrowed), which no index covers; it is rendered once per snapshot, not per request.
 */
export function buildSubPageStatuses(snapshot: Snapshot, parent: Page, now: Date): SubPageStatus[] {
  const binding = parentBindingOf(parent);
  if (!binding) return [];
  return subPagesOf(snapshot, parent, binding, entriesOfType(snapshot, binding.catalogTypeId))
    .filter((subPage) => !subPage.disabled)
    .map((subPage) => {
      const indicator = indicatorOfComponents(snapshot, subPage.componentIds, now);
      return { entryId: subPage.entry.id, name: subPage.entry.name, pageSlug: subPage.pageSlug, indicator };
    });
}

/** The overall status of a set of components, counting only incidents and maintenance that touch them. */
function indicatorOfComponents(snapshot: Snapshot, componentIds: readonly string[], now: Date): StatusIndicator {
  const onPage = new Set(componentIds);
  const touches = (ids: readonly string[]): boolean => ids.some((id) => onPage.has(id));
  const incidents = snapshot.incidents.filter((incident) => touches(incidentComponentIds(incident)));
  const maintenances = snapshot.maintenances.filter((maintenance) => touches(maintenance.componentIds));
  const statuses = componentStatuses(componentIds, incidents, maintenances, now);
  return overallIndicator(statuses.values(), incidents.filter(isIncidentOpen));
}
