import { describe, expect, it } from 'vitest';
import { type BoundPage, findBindingBreakage } from './binding-breakage.js';
import type { CatalogType } from './catalog.js';

const customer: CatalogType = {
  id: 'type-customer',
  name: 'Customer',
  description: null,
  attributes: [
    { id: 'email_domains', name: 'Email domains', kind: 'email_domain', isList: true },
    { id: 'components', name: 'Components', kind: 'component', isList: true },
    { id: 'seats', name: 'Seats', kind: 'number', isList: false },
  ],
};
const set: BoundPage = {
  pageId: 'p1',
  slug: 'customers',
  binding: { kind: 'customer_set', catalogTypeId: customer.id, allowlistAttributeId: 'email_domains', componentAttributeId: 'components' },
};
const parent: BoundPage = {
  pageId: 'p2',
  slug: 'by-customer',
  binding: { kind: 'parent', catalogTypeId: customer.id, componentAttributeId: 'components' },
};
const elsewhere: BoundPage = {
  pageId: 'p3',
  slug: 'regions',
  binding: { kind: 'parent', catalogTypeId: 'type-region', componentAttributeId: 'components' },
};
const withAttributes = (attributes: CatalogType['attributes']): CatalogType => ({ ...customer, attributes });

describe('findBindingBreakage', () => {
  it('names every page built on a type that is to be deleted, and no page of another type', () => {
    expect(findBindingBreakage([set, parent, elsewhere], customer, null)).toEqual([
      { path: 'pages.customers', message: 'page /customers is built from Customer; delete the page or unbind it first' },
      { path: 'pages.by-customer', message: 'page /by-customer is built from Customer; delete the page or unbind it first' },
    ]);
  });

  it('lets renames, reorders, list changes and other attributes go', () => {
    const next = withAttributes([
      { id: 'components', name: 'Own components', kind: 'component', isList: false },
      { id: 'email_domains', name: 'Allowed domains', kind: 'email_domain', isList: false },
    ]);
    expect(findBindingBreakage([set, parent], customer, next)).toEqual([]);
  });

  it('refuses removing the allowlist or the components, and re-kinding either, per page that reads them', () => {
    const next = withAttributes([
      { id: 'email_domains', name: 'Email domains', kind: 'text', isList: true },
      { id: 'seats', name: 'Seats', kind: 'number', isList: false },
    ]);
    expect(findBindingBreakage([set, parent, elsewhere], customer, next)).toEqual([
      { path: 'pages.customers', message: 'page /customers reads its components from attribute "Components"; this change removes it' },
      {
        path: 'pages.customers',
        message: 'page /customers reads its allowlist from attribute "Email domains"; this change makes it a text attribute',
      },
      { path: 'pages.by-customer', message: 'page /by-customer reads its components from attribute "Components"; this change removes it' },
    ]);
  });
});
