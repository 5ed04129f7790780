import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { failureOf } from '../../../test/helpers/failure-of.js';
import { insertTestEntry, insertTestType } from '../../../test/helpers/page-kinds-fixtures.js';
import { buildTestContext } from '../../../test/helpers/write-fixtures.js';
import { resolveCustomerPage } from '../../domain/pages/customer-pages.js';
import { customerPageSlug } from './customer-page-path.js';
import { resolveSubPage } from '../../domain/pages/sub-pages.js';
import { listAuditEvents } from '../../store/access/audit-log.js';
import { loadAllCatalogTypes } from '../../store/catalog/catalog-types.js';
import { loadAllCustomerPages } from '../../store/pages/customer-pages.js';
import { loadAllSubPageSettings } from '../../store/pages/page-bindings.js';
import type { Database } from '../../store/database.js';
import { createComponent } from '../status/components.js';
import { AUDIT_SET_CREATED, bindParentPage, createCustomerPageSet, setSubPageDisabled, unbindParentPage } from './page-kinds.js';
import { createPage, getPage, listPages } from './pages.js';
import { loadSnapshot } from '../live-state/snapshot-loader.js';
import { buildPageKindsIndex } from '../../domain/pages/page-kinds-index.js';

async function setup(database: Database) {
  const fixture = buildTestContext(database);
  const { ctx } = fixture;
  const api = await createComponent(ctx, { name: 'API' });
  const dbEu = await createComponent(ctx, { name: 'DB EU' });
  const dbUs = await createComponent(ctx, { name: 'DB US' });
  const region = await insertTestType(database, 'Region');
  const eu = await insertTestEntry(database, region.id, 'EU', { components: [api.id, dbEu.id] });
  const us = await insertTestEntry(database, region.id, 'US', { components: [api.id, dbUs.id] });
  const items = [api, dbEu, dbUs].map((c) => ({ kind: 'component' as const, componentId: c.id, showUptime: true }));
  const page = await createPage(ctx, { slug: 'status', name: 'Status', items });
  return { ...fixture, api, dbEu, dbUs, region, eu, us, page, items };
}

describeEachEngine('services/page-kinds', (database) => {
  it('binds a page as a parent: each entry becomes a sub-page at once', async () => {
    const { ctx, revisions, page, region, eu, dbEu, api } = await setup(database());
    const before = revisions.length;
    const bound = await bindParentPage(ctx, page.id, { catalogTypeId: region.id, componentAttributeId: 'components' });
    expect(bound).toMatchObject({
      kind: 'parent',
      binding: { kind: 'parent', catalogTypeId: region.id, componentAttributeId: 'components' },
    });
    expect(await getPage(ctx, page.id)).toEqual(bound);
    expect(revisions.length).toBe(before + 1);
    const found = resolveSubPage(buildPageKindsIndex(await loadSnapshot(database())), 'status', 'eu');
    expect(found?.entry.id).toBe(eu.id);
    expect(found?.componentIds).toEqual([api.id, dbEu.id]);
    const later = await insertTestEntry(database(), region.id, 'APAC', { components: [api.id] });
    expect(resolveSubPage(buildPageKindsIndex(await loadSnapshot(database())), 'status', 'apac')?.entry.id).toBe(later.id);
  });

  it('refuses an unknown page, type or attribute, a non-component attribute, and a customer page set', async () => {
    const { ctx, page, region } = await setup(database());
    expect((await failureOf(bindParentPage(ctx, 'nope', { catalogTypeId: region.id, componentAttributeId: 'components' }))).code).toBe(
      'not_found',
    );
    const unknownType = await failureOf(bindParentPage(ctx, page.id, { catalogTypeId: 'nope', componentAttributeId: 'components' }));
    expect(unknownType.issues).toEqual([{ path: 'catalog_type_id', message: 'unknown catalog type "nope"' }]);
    const unknownAttribute = await failureOf(bindParentPage(ctx, page.id, { catalogTypeId: region.id, componentAttributeId: 'nope' }));
    expect(unknownAttribute.issues[0]?.path).toBe('component_attribute_id');
    const wrongKind = await failureOf(bindParentPage(ctx, page.id, { catalogTypeId: region.id, componentAttributeId: 'domains' }));
    expect(wrongKind.issues[0]?.message).toContain('expected a component attribute');
    expect((await getPage(ctx, page.id)).kind).toBe('standalone');

    const customer = await insertTestType(database(), 'Customer');
    const set = await createCustomerPageSet(
      ctx,
      {
        slug: 'customers',
        name: 'Customers',
        catalogTypeId: customer.id,
        allowlistAttributeId: 'domains',
        componentAttributeId: 'components',
      },
      'cli',
    );
    expect((await failureOf(bindParentPage(ctx, set.id, { catalogTypeId: region.id, componentAttributeId: 'components' }))).code).toBe(
      'conflict',
    );
  });

  it('switches a sub-page off and on; rebinding to another type forgets the switches', async () => {
    const { ctx, page, region, eu } = await setup(database());
    await bindParentPage(ctx, page.id, { catalogTypeId: region.id, componentAttributeId: 'components' });
    expect(await setSubPageDisabled(ctx, page.id, eu.id, true)).toEqual({ pageId: page.id, entryId: eu.id, disabled: true });
    expect(resolveSubPage(buildPageKindsIndex(await loadSnapshot(database())), 'status', 'eu')).toBeNull();
    await setSubPageDisabled(ctx, page.id, eu.id, false);
    expect(resolveSubPage(buildPageKindsIndex(await loadSnapshot(database())), 'status', 'eu')).not.toBeNull();

    await setSubPageDisabled(ctx, page.id, eu.id, true);
    const other = await insertTestType(database(), 'Zone');
    await bindParentPage(ctx, page.id, { catalogTypeId: region.id, componentAttributeId: 'components' });
    expect(await loadAllSubPageSettings(database().db)).toHaveLength(1);
    await bindParentPage(ctx, page.id, { catalogTypeId: other.id, componentAttributeId: 'components' });
    expect(await loadAllSubPageSettings(database().db)).toEqual([]);
  });

  it('refuses switching a sub-page of a standalone page or an entry of another type', async () => {
    const { ctx, page, region, eu } = await setup(database());
    expect((await failureOf(setSubPageDisabled(ctx, page.id, eu.id, true))).code).toBe('conflict');
    await bindParentPage(ctx, page.id, { catalogTypeId: region.id, componentAttributeId: 'components' });
    const stranger = await insertTestEntry(database(), (await insertTestType(database(), 'Other')).id, 'X');
    expect((await failureOf(setSubPageDisabled(ctx, page.id, stranger.id, true))).code).toBe('not_found');
    expect((await failureOf(setSubPageDisabled(ctx, page.id, 'nope', true))).code).toBe('not_found');
  });

  it('unbinds a parent: its sub-pages are gone', async () => {
    const { ctx, page, region, eu } = await setup(database());
    await bindParentPage(ctx, page.id, { catalogTypeId: region.id, componentAttributeId: 'components' });
    await setSubPageDisabled(ctx, page.id, eu.id, true);
    const plain = await unbindParentPage(ctx, page.id);
    expect(plain.kind).toBe('standalone');
    expect(await getPage(ctx, page.id)).toEqual(plain);
    expect(resolveSubPage(buildPageKindsIndex(await loadSnapshot(database())), 'status', 'us')).toBeNull();
    expect(await loadAllSubPageSettings(database().db)).toEqual([]);
    expect((await failureOf(unbindParentPage(ctx, page.id))).code).toBe('conflict');
  });

  it('creates a customer page set on an existing type, with one unlisted page per entry', async () => {
    const { ctx, api } = await setup(database());
    const customer = await insertTestType(database(), 'Customer');
    const acme = await insertTestEntry(database(), customer.id, 'Acme', { domains: ['acme.com'] });
    await insertTestEntry(database(), customer.id, 'Globex', { domains: ['globex.com'] });
    const set = await createCustomerPageSet(
      ctx,
      {
        slug: 'customers',
        name: 'Customer status',
        timeZone: 'Europe/Berlin',
        items: [{ kind: 'component', componentId: api.id, showUptime: true }],
        catalogTypeId: customer.id,
        allowlistAttributeId: 'domains',
        componentAttributeId: 'components',
      },
      'api-key:k1',
    );
    expect(set).toMatchObject({ kind: 'customer_set', isDefault: false, timeZone: 'Europe/Berlin' });
    expect(await getPage(ctx, set.id)).toEqual(set);
    const rows = await loadAllCustomerPages(database().db);
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((row) => row.urlToken)).size).toBe(2);
    for (const row of rows) expect(row.urlToken).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const acmeRow = rows.find((row) => row.entryId === acme.id)!;
    expect(
      resolveCustomerPage(buildPageKindsIndex(await loadSnapshot(database())), acmeRow.urlToken, customerPageSlug(acmeRow.urlToken))?.page
        .name,
    ).toBe('Acme');
    const [event] = await listAuditEvents(database().db, { action: AUDIT_SET_CREATED });
    expect(event).toMatchObject({ actor: 'api-key:k1', subjectId: set.id, details: { customer_pages_created: 2, new_type: false } });
    expect(JSON.stringify(event)).not.toContain(acmeRow.urlToken);
  });

  it('creates a customer page set with a new type holding the allowlist and component attributes', async () => {
    const { ctx } = await setup(database());
    const set = await createCustomerPageSet(ctx, { slug: 'customers', name: 'Customers', newType: { name: 'Customer' } }, 'cli');
    const type = (await loadAllCatalogTypes(database().db)).find((candidate) => candidate.name === 'Customer')!;
    expect(type.attributes.map((a) => [a.id, a.kind, a.isList])).toEqual([
      ['email_domains', 'email_domain', true],
      ['components', 'component', true],
    ]);
    expect(set.binding).toEqual({
      kind: 'customer_set',
      catalogTypeId: type.id,
      allowlistAttributeId: 'email_domains',
      componentAttributeId: 'components',
    });
  });

  it('refuses bad catalog input before creating anything', async () => {
    const { ctx, region } = await setup(database());
    const pagesBefore = (await listPages(ctx)).length;
    const attempts = [
      { slug: 'a', name: 'A' },
      { slug: 'a', name: 'A', newType: { name: 'T' }, catalogTypeId: region.id },
      { slug: 'a', name: 'A', newType: { name: 'T' }, allowlistAttributeId: 'domains' },
      { slug: 'a', name: 'A', newType: { name: ' ' } },
      { slug: 'a', name: 'A', catalogTypeId: 'nope', allowlistAttributeId: 'domains', componentAttributeId: 'components' },
      { slug: 'a', name: 'A', catalogTypeId: region.id, componentAttributeId: 'components' },
      { slug: 'a', name: 'A', catalogTypeId: region.id, allowlistAttributeId: 'components', componentAttributeId: 'components' },
      { slug: 'a', name: 'A', catalogTypeId: region.id, allowlistAttributeId: 'domains', componentAttributeId: 'notes' },
    ];
    for (const input of attempts) expect((await failureOf(createCustomerPageSet(ctx, input, 'cli'))).code).toBe('validation');
    expect((await failureOf(createCustomerPageSet(ctx, { slug: 'a', name: 'A', newType: { name: 'Region' } }, 'cli'))).code).toBe(
      'conflict',
    );
    expect((await listPages(ctx)).length).toBe(pagesBefore);
  });

  it('refuses bad page input (the pages service rules) without creating a type', async () => {
    const { ctx } = await setup(database());
    const typesBefore = (await loadAllCatalogTypes(database().db)).length;
    expect((await failureOf(createCustomerPageSet(ctx, { slug: 'Bad Slug', name: 'A', newType: { name: 'New' } }, 'cli'))).code).toBe(
      'validation',
    );
    expect((await failureOf(createCustomerPageSet(ctx, { slug: 'status', name: 'A', newType: { name: 'New' } }, 'cli'))).code).toBe(
      'conflict',
    );
    expect((await loadAllCatalogTypes(database().db)).length).toBe(typesBefore);
  });
});
