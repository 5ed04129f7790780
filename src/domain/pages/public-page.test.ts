import { describe, expect, it } from 'vitest';
import {
  buildSnapshot,
  catalogType,
  component,
  customerSet,
  entry,
  page,
  parentPage,
  single,
} from '../../../test/helpers/page-kinds-snapshot.js';
import { resolvePublicPage } from './public-page.js';
import { buildPageKindsIndex } from './page-kinds-index.js';

const standalone = page('docs', [single('a'), single('b')]);
const parent = parentPage('status', [single('a'), single('b')]);
const set = customerSet('customers', [single('a')]);
const snapshot = buildSnapshot({
  components: ['a', 'b'].map(component),
  pages: [standalone, parent, set],
  types: [catalogType('region'), catalogType('customer')],
  entries: [entry('eu', 'region', { components: ['b'] })],
});

describe('resolvePublicPage', () => {
  it('serves a standalone page as it is', () => {
    expect(resolvePublicPage(buildPageKindsIndex(snapshot), standalone)).toEqual({ page: standalone, snapshot, componentIds: ['a', 'b'] });
  });

  it("serves a parent filtered to its sub-pages' components", () => {
    expect(resolvePublicPage(buildPageKindsIndex(snapshot), parent)?.page.items).toEqual([single('b')]);
  });

  it('serves nothing for a customer page set', () => {
    expect(resolvePublicPage(buildPageKindsIndex(snapshot), set)).toBeNull();
  });
});
