import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { buildTestContext, insertTestComponent } from '../../../test/helpers/write-fixtures.js';
import { archiveComponent } from '../status/components.js';
import { nameReferences } from './catalog-browse.js';
import { createCatalogEntry } from './catalog-entries.js';
import { createCatalogType } from './catalog-types.js';

const actor = { actor: 'api-key:k1' };

describeEachEngine('services/catalog-browse', (database) => {
  it('names just the components and entries the shown entries point at, not every component, and no archived one', async () => {
    const { ctx } = buildTestContext(database());
    const api = await insertTestComponent(database(), 'API');
    const web = await insertTestComponent(database(), 'Web');
    const old = await insertTestComponent(database(), 'Old');
    // Components no entry names: a list screen of 50 entries must not read all of them (hundreds at size).
    for (let i = 0; i < 5; i++) await insertTestComponent(database(), `Unnamed ${i}`);
    await archiveComponent(ctx, old);
    const region = await createCatalogType(ctx, { name: 'Region' }, actor);
    const customer = await createCatalogType(
      ctx,
      {
        name: 'Customer',
        attributes: [
          { id: 'components', name: 'Components', kind: 'component', isList: true },
          { id: 'region', name: 'Region', kind: 'entry', targetType: 'Region' },
        ],
      },
      actor,
    );
    const eu = await createCatalogEntry(ctx, region.id, { name: 'Europe', externalId: 'eu' }, actor);
    const acme = await createCatalogEntry(ctx, customer.id, { name: 'Acme', values: { components: ['api', 'web'], region: 'eu' } }, actor);
    // An entry still naming a component archived since.
    const shown = [acme, { values: { components: [web, old] } }];

    const names = await nameReferences(ctx, customer.attributes, shown);
    expect(Object.fromEntries(names)).toEqual({ [api]: 'API', [web]: 'Web', [eu.id]: 'Europe' });
  });
});
