import { describe, expect, it } from 'vitest';
import {
  NOW,
  buildSnapshot,
  catalogType,
  component,
  entry,
  group,
  incident,
  page,
  parentPage,
  placed,
  single,
  type SnapshotParts,
} from '../../../test/helpers/page-kinds-snapshot.js';
import type { Snapshot } from '../snapshot.js';
import { isIncidentOpen } from '../status/incident-status.js';
import type { Page } from './page.js';
import { scopeOf } from './page-scope.js';
import { buildParentPage, buildSubPageStatuses, listSubPages, resolveSubPage } from './sub-pages.js';
import { buildPageKindsIndex } from './page-kinds-index.js';

// A parent `status` bound to the Region type: api alone, a Databases group of three, and a CDN nobody references.
const base: SnapshotParts = {
  components: ['api', 'db-eu', 'db-us', 'db-apac', 'cdn', 'edge-eu', 'other'].map(component),
  groups: [group('dbs', ['db-eu', 'db-us', 'db-apac'])],
  pages: [parentPage('status', [single('api'), placed('dbs'), single('cdn', false)]), page('docs', [single('other')])],
  types: [catalogType('region'), catalogType('tier')],
  entries: [
    entry('eu', 'region', { components: ['api', 'db-eu', 'edge-eu'] }, { name: 'EU', rank: 1 }),
    entry('us', 'region', { components: ['api', 'db-us'] }, { name: 'US', rank: 2 }),
    entry('apac', 'region', { components: ['db-apac'] }, { name: 'APAC', rank: 3 }),
    entry('gold', 'tier', { components: ['cdn'] }, { name: 'Gold' }),
  ],
};
const build = (extra: Partial<SnapshotParts> = {}): Snapshot => buildSnapshot({ ...base, ...extra });
const parentOf = (snapshot: Snapshot) => snapshot.pages.get('status')!;

/** The open incidents on a page, by the scope every view of it is built from. */
const openIncidentIds = (snapshot: Snapshot, page: Page): string[] =>
  scopeOf(snapshot, page, NOW)
    .incidents.filter(isIncidentOpen)
    .map((i) => i.id)
    .sort();

/** The incident ids a page shows as open. */
function openIncidentsOn(snapshot: Snapshot, at: { parent: string; sub?: string } | { page: string }): string[] {
  if ('page' in at) return openIncidentIds(snapshot, snapshot.pages.get(at.page)!);
  const derived =
    at.sub === undefined
      ? buildParentPage(buildPageKindsIndex(snapshot), parentOf(snapshot))
      : resolveSubPage(buildPageKindsIndex(snapshot), at.parent, at.sub);
  if (!derived) throw new Error(`no page at ${at.parent}/${at.sub}`);
  return openIncidentIds(derived.snapshot, derived.page);
}

describe('listSubPages', () => {
  it('makes one sub-page per entry of the bound type, in rank order, with its existing components', () => {
    const subPages = listSubPages(buildPageKindsIndex(build()), parentOf(build()));
    expect(subPages.map((s) => [s.slug, s.pageSlug, s.disabled, s.componentIds])).toEqual([
      ['eu', 'status/eu', false, ['api', 'db-eu', 'edge-eu']],
      ['us', 'status/us', false, ['api', 'db-us']],
      ['apac', 'status/apac', false, ['db-apac']],
    ]);
  });

  it('flags disabled sub-pages and drops references to deleted components', () => {
    const snapshot = build({
      disabled: [{ pageId: 'status', entryId: 'us' }],
      components: ['api', 'db-eu', 'db-us', 'db-apac', 'cdn'].map(component),
    });
    const subPages = listSubPages(buildPageKindsIndex(snapshot), parentOf(snapshot));
    expect(subPages.find((s) => s.slug === 'us')?.disabled).toBe(true);
    expect(subPages.find((s) => s.slug === 'eu')?.componentIds).toEqual(['api', 'db-eu']);
  });

  it('has none for a standalone page or a parent whose type is gone', () => {
    const snapshot = build();
    expect(listSubPages(buildPageKindsIndex(snapshot), snapshot.pages.get('docs')!)).toEqual([]);
    const orphan = parentPage('orphan', [], 'deleted-type');
    expect(listSubPages(buildPageKindsIndex(buildSnapshot({ ...base, pages: [orphan] })), orphan)).toEqual([]);
  });
});

describe('resolveSubPage', () => {
  it("carries the parent's branding", () => {
    const branding = { supportUrl: 'https://help.example.com/', logo: null, brandColor: '#123456', uptimeDisplay: 'bars_only' as const };
    const snapshot = build();
    const branded = { ...snapshot, pages: new Map([...snapshot.pages, ['status', { ...parentOf(snapshot), branding }]]) };
    expect(resolveSubPage(buildPageKindsIndex(branded), 'status', 'eu')!.page.branding).toEqual(branding);
  });
  it("lays a sub-page out as the parent (groups kept, narrowed), appending components the parent doesn't place", () => {
    const found = resolveSubPage(buildPageKindsIndex(build()), 'status', 'eu');
    expect(found).not.toBeNull();
    expect(found!.entry.id).toBe('eu');
    expect(found!.subPage).toBe(found!.page);
    // Named by its entry; the family names the parent (the views print both).
    expect(found!.page).toMatchObject({ slug: 'status/eu', name: 'EU', isDefault: false, kind: 'standalone' });
    expect(found!.page.family?.parent).toMatchObject({ name: 'Page status', slug: 'status' });
    expect(found!.page.items).toEqual([single('api'), placed('dbs'), single('edge-eu')]);
    expect(found!.snapshot.groups.get('dbs')?.componentIds).toEqual(['db-eu']);
    expect(found!.componentIds).toEqual(['api', 'db-eu', 'edge-eu']);
  });

  it('leaves the loaded snapshot untouched', () => {
    const snapshot = build();
    resolveSubPage(buildPageKindsIndex(snapshot), 'status', 'us');
    expect(snapshot.groups.get('dbs')?.componentIds).toEqual(['db-eu', 'db-us', 'db-apac']);
  });

  it('answers null for an unknown parent, a standalone page, an unknown entry, another type, a disabled sub-page', () => {
    const snapshot = build({ disabled: [{ pageId: 'status', entryId: 'apac' }] });
    expect(resolveSubPage(buildPageKindsIndex(snapshot), 'nope', 'eu')).toBeNull();
    expect(resolveSubPage(buildPageKindsIndex(snapshot), 'docs', 'eu')).toBeNull();
    expect(resolveSubPage(buildPageKindsIndex(snapshot), 'status', 'mars')).toBeNull();
    expect(resolveSubPage(buildPageKindsIndex(snapshot), 'status', 'gold')).toBeNull();
    expect(resolveSubPage(buildPageKindsIndex(snapshot), 'status', 'apac')).toBeNull();
  });

  it('follows the catalog: a new entry is a sub-page at once, a deleted one is gone', () => {
    const added = build({ entries: [...base.entries!, entry('latam', 'region', { components: ['db-us'] })] });
    expect(resolveSubPage(buildPageKindsIndex(added), 'status', 'latam')?.page.items).toEqual([placed('dbs')]);
    const removed = build({ entries: base.entries!.filter((e) => e.id !== 'us') });
    expect(resolveSubPage(buildPageKindsIndex(removed), 'status', 'us')).toBeNull();
  });

  it('uses the edited entry slug, not the entry id', () => {
    const renamed = build({ entries: base.entries!.map((e) => (e.id === 'eu' ? { ...e, slug: 'europe' } : e)) });
    expect(resolveSubPage(buildPageKindsIndex(renamed), 'status', 'europe')?.entry.id).toBe('eu');
    expect(resolveSubPage(buildPageKindsIndex(renamed), 'status', 'eu')).toBeNull();
  });

  it('shows an entry without components as an empty page', () => {
    const snapshot = build({ entries: [entry('empty', 'region', {})] });
    expect(resolveSubPage(buildPageKindsIndex(snapshot), 'status', 'empty')?.page.items).toEqual([]);
  });
});

describe('buildParentPage', () => {
  it("filters the parent's structure to the union of its enabled sub-pages' components", () => {
    const parent = buildParentPage(buildPageKindsIndex(build()), parentOf(build()));
    expect(parent.page.slug).toBe('status');
    expect(parent.page.items).toEqual([single('api'), placed('dbs'), single('edge-eu')]);
    expect(parent.componentIds).toEqual(['api', 'db-eu', 'db-us', 'db-apac', 'edge-eu']);
  });

  it('leaves a disabled sub-page’s components out', () => {
    const snapshot = build({ disabled: [{ pageId: 'status', entryId: 'apac' }] });
    const parent = buildParentPage(buildPageKindsIndex(snapshot), parentOf(snapshot));
    expect(parent.snapshot.groups.get('dbs')?.componentIds).toEqual(['db-eu', 'db-us']);
  });
});

describe('an incident shows on exactly the pages carrying one of its components', () => {
  const incidents = [
    incident('i-api', { api: 'partial_outage' }), // EU and US share api
    incident('i-eu', { 'db-eu': 'full_outage' }),
    incident('i-apac', { 'db-apac': 'degraded_performance' }),
    incident('i-edge', { 'edge-eu': 'degraded_performance' }), // not in the parent's structure
    incident('i-cdn', { cdn: 'full_outage' }), // on the parent's structure, but no region references it
    incident('i-other', { other: 'full_outage' }),
    incident('i-mixed', { 'db-us': 'partial_outage', other: 'partial_outage' }),
  ];

  it('across the parent, its sub-pages and another page', () => {
    const snapshot = build({ incidents });
    expect(openIncidentsOn(snapshot, { parent: 'status' })).toEqual(['i-apac', 'i-api', 'i-edge', 'i-eu', 'i-mixed']);
    expect(openIncidentsOn(snapshot, { parent: 'status', sub: 'eu' })).toEqual(['i-api', 'i-edge', 'i-eu']);
    expect(openIncidentsOn(snapshot, { parent: 'status', sub: 'us' })).toEqual(['i-api', 'i-mixed']);
    expect(openIncidentsOn(snapshot, { parent: 'status', sub: 'apac' })).toEqual(['i-apac']);
    expect(openIncidentsOn(snapshot, { page: 'docs' })).toEqual(['i-mixed', 'i-other']);
  });

  it('stops showing on the parent once the only sub-page carrying it is disabled', () => {
    const snapshot = build({ incidents, disabled: [{ pageId: 'status', entryId: 'apac' }] });
    expect(openIncidentsOn(snapshot, { parent: 'status' })).toEqual(['i-api', 'i-edge', 'i-eu', 'i-mixed']);
  });

  it("counts only the page's own components of a shared incident towards its status", () => {
    const snapshot = build({ incidents: [incident('wide', { 'db-eu': 'full_outage', 'db-us': 'degraded_performance' })] });
    const eu = resolveSubPage(buildPageKindsIndex(snapshot), 'status', 'eu')!;
    const euScope = scopeOf(eu.snapshot, eu.page, NOW);
    expect([...euScope.statuses].filter(([, status]) => status !== 'operational')).toEqual([['db-eu', 'full_outage']]);
    expect(euScope.indicator).toBe('critical');
    const us = resolveSubPage(buildPageKindsIndex(snapshot), 'status', 'us')!;
    expect(scopeOf(us.snapshot, us.page, NOW).indicator).toBe('minor');
  });
});

describe('buildSubPageStatuses', () => {
  it('lists enabled sub-pages with their own overall status', () => {
    const snapshot = build({ incidents: [incident('i', { 'db-eu': 'full_outage' })], disabled: [{ pageId: 'status', entryId: 'us' }] });
    expect(buildSubPageStatuses(snapshot, parentOf(snapshot), NOW)).toEqual([
      { entryId: 'eu', name: 'EU', pageSlug: 'status/eu', indicator: 'critical' },
      { entryId: 'apac', name: 'APAC', pageSlug: 'status/apac', indicator: 'none' },
    ]);
  });

  it('counts resolved incidents as over', () => {
    const snapshot = build({ incidents: [incident('i', { 'db-eu': 'full_outage' }, true)] });
    expect(buildSubPageStatuses(snapshot, parentOf(snapshot), NOW)[0]?.indicator).toBe('none');
  });
});
