import { describe, expect, it } from 'vitest';
import {
  buildSnapshot,
  catalogType,
  component,
  customerSet,
  entry,
  group,
  page,
  parentPage,
  placed,
  single,
} from '../../../test/helpers/page-kinds-snapshot.js';
import { buildPageKindsIndex } from './page-kinds-index.js';
import { pagesTouchedBy } from './pages-touched.js';

const snapshot = buildSnapshot({
  components: ['api', 'db', 'eu-1', 'us-1', 'acme-1', 'globex-1', 'web'].map(component),
  groups: [group('core', ['api', 'db'])],
  pages: [
    page('main', [placed('core'), single('web')], { name: 'Main' }),
    page('web-only', [single('web')], { name: 'Website' }),
    parentPage('regions', [placed('core')]),
    customerSet('customers', [single('api')]),
  ],
  types: [catalogType('region'), catalogType('customer')],
  entries: [
    entry('eu', 'region', { components: ['eu-1', 'db'] }),
    entry('us', 'region', { components: ['us-1'] }),
    entry('acme', 'customer', { domains: ['acme.com'], components: ['acme-1'] }, { name: 'Acme' }),
    entry('globex', 'customer', { domains: ['globex.com'], components: ['globex-1'] }, { name: 'Globex' }),
    entry('initech', 'customer', { components: ['acme-1'] }, { name: 'Initech (no domain)' }),
  ],
  disabled: [],
  customerPages: [
    { id: 'cp-acme', pageId: 'customers', entryId: 'acme', urlToken: 'tok-acme' },
    { id: 'cp-globex', pageId: 'customers', entryId: 'globex', urlToken: 'tok-globex' },
    { id: 'cp-initech', pageId: 'customers', entryId: 'initech', urlToken: 'tok-initech' },
  ],
});

const touched = (...ids: string[]) => {
  const found = pagesTouchedBy(buildPageKindsIndex(snapshot), new Set(ids));
  return {
    pages: found.pages.map((p) => p.id),
    subPages: found.subPages.map((s) => s.pageSlug),
    customerPages: found.customerPages.map((s) => s.customerPage.id),
  };
};

describe('pagesTouchedBy', () => {
  it('lists the pages, sub-pages and customer pages that show a component, by the same rule as the pages', () => {
    expect(touched('db')).toEqual({ pages: ['main', 'regions'], subPages: ['regions/eu'], customerPages: [] });
    expect(touched('api')).toEqual({ pages: ['main', 'regions'], subPages: [], customerPages: ['cp-acme', 'cp-globex'] });
    // A customer's own component: only that customer's page (Initech admits no one, so its page shows nothing).
    expect(touched('acme-1')).toEqual({ pages: [], subPages: [], customerPages: ['cp-acme'] });
    expect(touched('web')).toEqual({ pages: ['main', 'web-only'], subPages: [], customerPages: [] });
  });

  it('shows nothing for no component, and skips disabled sub-pages', () => {
    expect(touched()).toEqual({ pages: [], subPages: [], customerPages: [] });
    const withDisabled = buildSnapshot({
      components: [component('eu-1')],
      pages: [parentPage('regions', [])],
      types: [catalogType('region')],
      entries: [entry('eu', 'region', { components: ['eu-1'] })],
      disabled: [{ pageId: 'regions', entryId: 'eu' }],
    });
    expect(pagesTouchedBy(buildPageKindsIndex(withDisabled), new Set(['eu-1'])).subPages).toEqual([]);
  });
});
