import { describe, expect, it } from 'vitest';
import {
  NOW,
  buildSnapshot,
  catalogType,
  component,
  customerSet,
  entry,
  group,
  incident,
  parentPage,
  placed,
  single,
} from '../../../../test/helpers/page-kinds-snapshot.js';
import { resolveCustomerPage } from '../../../domain/pages/customer-pages.js';
import { resolveSubPage } from '../../../domain/pages/sub-pages.js';
import { customerPageSlug } from '../../../services/pages/customer-page-path.js';
import { buildStatusPageView } from './page-view.js';
import { buildPageKindsIndex } from '../../../domain/pages/page-kinds-index.js';

// The pages the domain derives (a sub-page, a customer page) as the views print them: names, links, groups.

describe('a sub-page', () => {
  const snapshot = buildSnapshot({
    components: ['api', 'db-eu', 'db-us', 'edge-eu'].map(component),
    groups: [group('dbs', ['db-eu', 'db-us'])],
    pages: [parentPage('status', [single('api'), placed('dbs')])],
    types: [catalogType('region')],
    entries: [
      entry('eu', 'region', { components: ['api', 'db-eu', 'edge-eu'] }, { name: 'EU', rank: 1 }),
      entry('us', 'region', { components: ['api', 'db-us'] }, { name: 'US', rank: 2 }),
    ],
    incidents: [incident('wide', { 'db-eu': 'full_outage', 'db-us': 'degraded_performance' })],
  });
  const eu = resolveSubPage(buildPageKindsIndex(snapshot), 'status', 'eu')!;
  const view = buildStatusPageView(eu.snapshot, eu.page, NOW);

  it("is named after its parent and its entry, and links under the parent's slug", () => {
    expect(view.page).toMatchObject({ name: 'Page status — EU', basePath: '/status/eu', historyPath: '/status/eu/history' });
    // The parent is the only public page, so `/` shows it: the family links back there.
    expect(view.page.family).toEqual({
      parent: { name: 'Page status', path: '/' },
      siblings: [
        { name: 'EU', path: '/status/eu' },
        { name: 'US', path: '/status/us' },
      ],
    });
  });

  it('shows the parent’s structure narrowed to its components, and names only those on a shared incident', () => {
    expect(view.items.map((item) => (item.kind === 'group' ? [item.name, item.components.map((c) => c.id)] : item.component.id))).toEqual([
      'api',
      ['Group dbs', ['db-eu']],
      'edge-eu',
    ]);
    expect(view.openIncidents[0]?.components.map((c) => c.id)).toEqual(['db-eu']);
    expect(view.overall.indicator).toBe('critical');
  });
});

describe('a customer page', () => {
  it("lives at /c/<token> and shows the customer's own components as its dedicated group", () => {
    const snapshot = buildSnapshot({
      components: ['api', 'web', 'acme-1', 'acme-2'].map(component),
      groups: [group('core', ['web'])],
      pages: [customerSet('customers', [single('api'), placed('core')])],
      types: [catalogType('customer')],
      entries: [entry('acme', 'customer', { domains: ['acme.com'], components: ['acme-1', 'acme-2', 'api'] }, { name: 'Acme Corp' })],
      customerPages: [{ id: 'cp-acme', pageId: 'customers', entryId: 'acme', urlToken: 'tok-acme' }],
    });
    const found = resolveCustomerPage(buildPageKindsIndex(snapshot), 'tok-acme', customerPageSlug('tok-acme'))!;
    const view = buildStatusPageView(found.snapshot, found.page, NOW);
    expect(view.page).toMatchObject({ name: 'Acme Corp', homePath: '/c/tok-acme', basePath: '/c/tok-acme' });
    expect(view.items.map((item) => (item.kind === 'group' ? [item.name, item.components.map((c) => c.id)] : item.component.id))).toEqual([
      'api',
      ['Group core', ['web']],
      ['Acme Corp — dedicated', ['acme-1', 'acme-2']], // api stays in the shared place
    ]);
  });
});
