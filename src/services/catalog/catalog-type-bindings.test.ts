import { expect, it } from 'vitest';
import { attributeInputsOf } from '../../../test/helpers/catalog-fixtures.js';
import { seedCustomerPages } from '../../../test/helpers/customer-pages.js';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { failureOf } from '../../../test/helpers/failure-of.js';
import { buildTestContext } from '../../../test/helpers/write-fixtures.js';
import { findCustomerPage } from '../../store/pages/customer-pages.js';
import { type CatalogTypeRecord, deleteCatalogType, getCatalogType, updateCatalogType } from './catalog-types.js';
import { bindParentPage, unbindParentPage } from '../pages/page-kinds.js';
import { createPage, deletePage } from '../pages/pages.js';

const actor = { actor: 'api-key:k1' };

/** The type's attributes as a schema update sends them, changed by `edit`. */
const attributesOf = (
  type: CatalogTypeRecord,
  edit: (attributes: CatalogTypeRecord['attributes']) => CatalogTypeRecord['attributes'] = (a) => a,
) => attributeInputsOf(edit(type.attributes));

describeEachEngine('services/catalog-types with pages built on them', (database) => {
  async function setup() {
    const fixture = buildTestContext(database());
    const seeded = await seedCustomerPages(fixture.ctx, 'https://status.example.com');
    const type = await getCatalogType(fixture.ctx, seeded.typeId);
    return { ...fixture, seeded, type };
  }

  it('refuses deleting the type of a customer page set, even forced, naming the page; nothing changes', async () => {
    const { ctx, seeded, type } = await setup();
    for (const force of [false, true]) {
      const refusal = await failureOf(deleteCatalogType(ctx, type.id, { ...actor, force }));
      expect(refusal.code).toBe('conflict');
      expect(refusal.issues).toEqual([
        { path: 'pages.customers', message: 'page /customers is built from Customer; delete the page or unbind it first' },
      ]);
    }
    expect(await getCatalogType(ctx, type.id)).toEqual(type);
    expect((await findCustomerPage(database().db, seeded.acme.customerPageId))?.entryId).toBe(seeded.acme.entryId);
  });

  it('refuses removing or re-kinding the allowlist or components attribute, even forced; renames go through', async () => {
    const { ctx, type } = await setup();
    const withoutAllowlist = attributesOf(type, (a) => a.filter((attribute) => attribute.id !== 'email_domains'));
    const allowlistAsText = attributesOf(type, (a) =>
      a.map((attribute) => (attribute.id === 'email_domains' ? { ...attribute, kind: 'text' as const } : attribute)),
    );
    const withoutComponents = attributesOf(type, (a) => a.filter((attribute) => attribute.id !== 'components'));
    for (const attributes of [withoutAllowlist, allowlistAsText, withoutComponents]) {
      const refusal = await failureOf(updateCatalogType(ctx, type.id, { attributes }, { ...actor, force: true }));
      expect(refusal.code).toBe('conflict');
      expect(refusal.issues.map((issue) => issue.path)).toEqual(['pages.customers']);
    }
    expect(await getCatalogType(ctx, type.id)).toEqual(type);
    const renamed = attributesOf(type, (a) => a.map((attribute) => ({ ...attribute, name: `${attribute.name} (renamed)` })).reverse());
    const updated = await updateCatalogType(ctx, type.id, { attributes: renamed }, actor);
    expect(updated.attributes.map((attribute) => attribute.name)).toEqual(['Components (renamed)', 'Email domains (renamed)']);
  });

  it('lets the type go once its customer page set is deleted', async () => {
    const { ctx, seeded, type } = await setup();
    await deletePage(ctx, seeded.setId, 'test');
    await deleteCatalogType(ctx, type.id, { ...actor, force: true });
    expect((await failureOf(getCatalogType(ctx, type.id))).code).toBe('not_found');
  });

  it('guards a parent page’s components attribute the same way, until the page is unbound', async () => {
    const { ctx, seeded, type } = await setup();
    const page = await createPage(ctx, { slug: 'by-customer', name: 'By customer', items: [] });
    await bindParentPage(ctx, page.id, { catalogTypeId: type.id, componentAttributeId: 'components' });
    await deletePage(ctx, seeded.setId, 'test');
    const withoutComponents = attributesOf(type, (a) => a.filter((attribute) => attribute.id !== 'components'));
    const refusal = await failureOf(updateCatalogType(ctx, type.id, { attributes: withoutComponents }, { ...actor, force: true }));
    expect(refusal.issues).toEqual([
      { path: 'pages.by-customer', message: 'page /by-customer reads its components from attribute "Components"; this change removes it' },
    ]);
    // Only the parent's attribute is guarded: the allowlist is free to go now that no set reads it.
    const withoutAllowlist = attributesOf(type, (a) => a.filter((attribute) => attribute.id !== 'email_domains'));
    expect(
      (await updateCatalogType(ctx, type.id, { attributes: withoutAllowlist }, { ...actor, force: true })).attributes.map((a) => a.id),
    ).toEqual(['components']);
    await unbindParentPage(ctx, page.id);
    expect((await updateCatalogType(ctx, type.id, { attributes: [] }, { ...actor, force: true })).attributes).toEqual([]);
  });
});
