import { describe, expect, it } from 'vitest';
import {
  NOW,
  buildSnapshot,
  catalogType,
  component,
  entry,
  incident,
  page,
  parentPage,
  single,
} from '../../../../test/helpers/page-kinds-snapshot.js';
import { buildStatusPageView } from './page-view.js';
import { resolvePublicPage } from '../../../domain/pages/public-page.js';
import { buildSubPageListView, pluralise } from './sub-page-list-view.js';
import { resolveSubPage } from '../../../domain/pages/sub-pages.js';
import { buildPageKindsIndex } from '../../../domain/pages/page-kinds-index.js';

const snapshot = buildSnapshot({
  components: ['api', 'db-eu', 'db-us', 'other'].map(component),
  pages: [parentPage('status', [single('api')]), page('docs', [single('other')])],
  types: [{ ...catalogType('region'), name: 'Region' }],
  entries: [
    entry('eu', 'region', { components: ['api', 'db-eu'] }, { name: 'EU', rank: 1 }),
    entry('us', 'region', { components: ['db-us'] }, { name: 'US', rank: 2 }),
    entry('apac', 'region', { components: ['db-us'] }, { name: 'APAC', rank: 3 }),
  ],
  disabled: [{ pageId: 'status', entryId: 'apac' }],
  incidents: [incident('i1', { 'db-eu': 'full_outage' }), incident('i2', { other: 'partial_outage' })],
});
const parent = snapshot.pages.get('status')!;

describe('buildSubPageListView', () => {
  it('lists the enabled sub-pages of a parent with their own status, titled by the type', () => {
    expect(buildSubPageListView(snapshot, parent, NOW)).toEqual({
      title: 'Regions',
      subPages: [
        { entryId: 'eu', name: 'EU', pageSlug: 'status/eu', path: '/status/eu', indicator: 'critical', description: 'Major System Outage' },
        { entryId: 'us', name: 'US', pageSlug: 'status/us', path: '/status/us', indicator: 'none', description: 'All Systems Operational' },
      ],
    });
  });

  it('is null for a standalone page and for a sub-page, and falls back to a plain title without the type', () => {
    expect(buildSubPageListView(snapshot, snapshot.pages.get('docs')!, NOW)).toBeNull();
    expect(buildSubPageListView(snapshot, resolveSubPage(buildPageKindsIndex(snapshot), 'status', 'eu')!.page, NOW)).toBeNull();
    expect(buildSubPageListView({ ...snapshot, catalogTypes: new Map() }, parent, NOW)?.title).toBe('Sub-pages');
  });

  it('reaches the status page view of a parent page only', () => {
    const shown = resolvePublicPage(buildPageKindsIndex(snapshot), parent)!;
    expect(buildStatusPageView(shown.snapshot, shown.page, NOW).subPageList?.subPages.map((s) => s.name)).toEqual(['EU', 'US']);
    expect(buildStatusPageView(snapshot, snapshot.pages.get('docs')!, NOW).subPageList).toBeUndefined();
  });
});

describe('pluralise', () => {
  it.each([
    ['Region', 'Regions'],
    ['Country', 'Countries'],
    ['Day', 'Days'],
    ['Branch', 'Branches'],
    ['Box', 'Boxes'],
    ['Regions', 'Regions'],
    ['Business', 'Business'],
    ['SKU', 'SKUs'],
    ['Data centre', 'Data centres'],
    ['  ', 'Sub-pages'],
  ])('%s → %s', (name, plural) => {
    expect(pluralise(name)).toBe(plural);
  });
});
