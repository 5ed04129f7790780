import { expect, it } from 'vitest';
import { attributeInputsOf } from '../../../test/helpers/catalog-fixtures.js';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { failureOf } from '../../../test/helpers/failure-of.js';
import { buildTestContext } from '../../../test/helpers/write-fixtures.js';
import { listAuditEvents } from '../../store/access/audit-log.js';
import { createCatalogEntry, getCatalogEntry, listCatalogEntries } from './catalog-entries.js';
import { createCatalogType, deleteCatalogType, getCatalogType, listCatalogTypes, updateCatalogType } from './catalog-types.js';

const actor = { actor: 'api-key:k1' };

describeEachEngine('services/catalog-types', (database) => {
  async function setup() {
    const fixture = buildTestContext(database());
    const { ctx } = fixture;
    const region = await createCatalogType(ctx, { name: 'Region', attributes: [{ name: 'Code', kind: 'text' }] }, actor);
    const customer = await createCatalogType(
      ctx,
      {
        name: 'Customer',
        description: 'Companies we serve',
        attributes: [
          { name: 'Email domains', kind: 'email_domain', isList: true },
          { name: 'Region', kind: 'entry', targetType: 'region' },
          { name: 'Seats', kind: 'number' },
          { name: 'Partners', kind: 'entry', isList: true, targetType: 'Customer' },
        ],
      },
      actor,
    );
    return { ...fixture, region, customer };
  }

  it('creates types with ordered attributes, derived ids and resolved target types (the own type included)', async () => {
    const { ctx, region, customer, revisions } = await setup();
    expect(customer.attributes).toEqual([
      { id: 'email_domains', name: 'Email domains', kind: 'email_domain', isList: true },
      { id: 'region', name: 'Region', kind: 'entry', isList: false, targetTypeId: region.id },
      { id: 'seats', name: 'Seats', kind: 'number', isList: false },
      { id: 'partners', name: 'Partners', kind: 'entry', isList: true, targetTypeId: customer.id },
    ]);
    expect(await getCatalogType(ctx, customer.id)).toEqual(customer);
    expect((await listCatalogTypes(ctx)).map((t) => t.name)).toEqual(['Customer', 'Region']);
    expect(revisions).toHaveLength(2);
    const events = await listAuditEvents(database().db, { subjectType: 'catalog_type', subjectId: customer.id });
    expect(events.map((e) => [e.action, e.actor])).toEqual([['catalog_type.created', 'api-key:k1']]);
  });

  it('refuses bad schemas naming each field, and a duplicate name regardless of case', async () => {
    const { ctx } = await setup();
    const bad = await failureOf(
      createCatalogType(
        ctx,
        {
          name: 'Product',
          attributes: [
            { name: 'Owner', kind: 'entry', targetType: 'Team' },
            { name: 'Colour', kind: 'colour' },
            { id: 'Bad Id', name: 'X', kind: 'text' },
          ],
        },
        actor,
      ),
    );
    expect(bad.code).toBe('validation');
    expect(bad.issues.map((i) => i.path)).toEqual(['attributes[0].targetTypeId', 'attributes[1].kind', 'attributes[2].id']);
    const duplicate = await failureOf(createCatalogType(ctx, { name: 'customer' }, actor));
    expect(duplicate.code).toBe('conflict');
    expect((await failureOf(getCatalogType(ctx, 'nope'))).code).toBe('not_found');
  });

  it('renames an attribute without touching the values stored under its id', async () => {
    const { ctx, customer } = await setup();
    const acme = await createCatalogEntry(ctx, customer.id, { name: 'Acme', values: { 'Email domains': ['acme.com'], Seats: 10 } }, actor);
    const renamed = await updateCatalogType(
      ctx,
      customer.id,
      { attributes: attributeInputsOf(customer.attributes.map((a) => (a.id === 'seats' ? { ...a, name: 'Licensed seats' } : a))) },
      actor,
    );
    expect(renamed.attributes.find((a) => a.id === 'seats')?.name).toBe('Licensed seats');
    expect((await getCatalogEntry(ctx, acme.id)).values).toEqual({ email_domains: ['acme.com'], seats: 10 });
  });

  it('keeps ids of attributes resent by name, and widening single → list breaks nothing', async () => {
    const { ctx, customer } = await setup();
    const acme = await createCatalogEntry(ctx, customer.id, { name: 'Acme', values: { seats: 10 } }, actor);
    const next = await updateCatalogType(
      ctx,
      customer.id,
      {
        attributes: [
          { name: 'Seats', kind: 'number', isList: true },
          { name: 'Email domains', kind: 'email_domain', isList: true },
        ],
      },
      { ...actor, force: false },
    );
    expect(next.attributes.map((a) => a.id)).toEqual(['seats', 'email_domains']);
    expect((await getCatalogEntry(ctx, acme.id)).values).toEqual({ seats: [10] });
  });

  it('refuses a schema change that breaks entries, listing each, and applies it with force', async () => {
    const { ctx, customer, advance } = await setup();
    const acme = await createCatalogEntry(
      ctx,
      customer.id,
      { name: 'Acme', externalId: 'acme', values: { seats: 10, email_domains: ['acme.com'] } },
      actor,
    );
    const globex = await createCatalogEntry(ctx, customer.id, { name: 'Globex', externalId: 'globex', values: { seats: 5 } }, actor);
    await createCatalogEntry(ctx, customer.id, { name: 'Initech', externalId: 'initech' }, actor);
    const withoutSeats = { attributes: attributeInputsOf(customer.attributes.filter((a) => a.id !== 'seats')) };

    const refused = await failureOf(updateCatalogType(ctx, customer.id, withoutSeats, actor));
    expect(refused.code).toBe('unprocessable');
    expect(refused.issues.map((i) => i.path).sort()).toEqual(
      [`entries.${acme.id}.values.seats`, `entries.${globex.id}.values.seats`].sort(),
    );
    expect(refused.issues[0]?.message).toMatch(/external id "(acme|globex)".*removed/);
    expect((await getCatalogType(ctx, customer.id)).attributes).toHaveLength(4);

    advance(1000);
    await updateCatalogType(ctx, customer.id, withoutSeats, { ...actor, force: true });
    expect((await getCatalogEntry(ctx, acme.id)).values).toEqual({ email_domains: ['acme.com'] });
    expect((await getCatalogEntry(ctx, globex.id)).values).toEqual({});
    const audit = await listAuditEvents(database().db, { subjectId: acme.id });
    expect(audit[0]).toMatchObject({
      action: 'catalog_entry.updated',
      actor: 'api-key:k1',
      details: { via: 'schema_change', changes: [{ field: 'values.seats', before: 10 }] },
    });
  });

  it('refuses a kind change the stored values do not fit', async () => {
    const { ctx, customer } = await setup();
    await createCatalogEntry(ctx, customer.id, { name: 'Acme', values: { seats: 10 } }, actor);
    const attributes = attributeInputsOf(customer.attributes.map((a) => (a.id === 'seats' ? { ...a, kind: 'bool' as const } : a)));
    const refused = await failureOf(updateCatalogType(ctx, customer.id, { attributes }, actor));
    expect(refused.code).toBe('unprocessable');
    expect(refused.issues).toHaveLength(1);
  });

  it('refuses deleting a type in use unless forced, then removes referring attributes too', async () => {
    const { ctx, region, customer } = await setup();
    const eu = await createCatalogEntry(ctx, region.id, { name: 'EU' }, actor);
    const acme = await createCatalogEntry(ctx, customer.id, { name: 'Acme', values: { region: 'EU', seats: 3 } }, actor);
    expect(acme.values.region).toBe(eu.id);

    const refused = await failureOf(deleteCatalogType(ctx, region.id, actor));
    expect(refused.code).toBe('unprocessable');
    expect(refused.issues.map((i) => i.path)).toEqual(['entries', 'referenced_by[0]', `entries.${acme.id}.values.region`]);

    await deleteCatalogType(ctx, region.id, { ...actor, force: true });
    expect((await listCatalogTypes(ctx)).map((t) => t.name)).toEqual(['Customer']);
    expect((await getCatalogType(ctx, customer.id)).attributes.map((a) => a.id)).toEqual(['email_domains', 'seats', 'partners']);
    expect((await getCatalogEntry(ctx, acme.id)).values).toEqual({ seats: 3 });
    expect((await failureOf(getCatalogEntry(ctx, eu.id))).code).toBe('not_found');
    const deleted = await listAuditEvents(database().db, { action: 'catalog_type.deleted' });
    expect(deleted[0]?.details).toMatchObject({ name: 'Region', entries_deleted: [{ id: eu.id, name: 'EU' }] });
  });

  it('deletes an unused type outright', async () => {
    const { ctx, customer } = await setup();
    const product = await createCatalogType(ctx, { name: 'Product' }, actor);
    await deleteCatalogType(ctx, product.id, actor);
    expect((await listCatalogTypes(ctx)).map((t) => t.id)).not.toContain(product.id);
    expect(await listCatalogEntries(ctx, customer.id)).toEqual([]);
  });
});
