import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { insertTestEntry, insertTestType } from '../../../test/helpers/page-kinds-fixtures.js';
import { buildTestContext } from '../../../test/helpers/write-fixtures.js';
import { loadAllCustomerPages } from '../../store/pages/customer-pages.js';
import { bindParentPage, createCustomerPageSet, setSubPageDisabled } from './page-kinds.js';
import { listPageDirectory } from './page-directory.js';
import { createPage } from './pages.js';

describeEachEngine('services/page-directory', (database) => {
  it('lists every page, with sub-pages after their parent and customer pages after their set', async () => {
    const { ctx, advance } = buildTestContext(database());
    const region = await insertTestType(database(), 'Region');
    const eu = await insertTestEntry(database(), region.id, 'EU');
    const customer = await insertTestType(database(), 'Customer');
    const acme = await insertTestEntry(database(), customer.id, 'Acme');
    const status = await createPage(ctx, { slug: 'status', name: 'Status' });
    await bindParentPage(ctx, status.id, { catalogTypeId: region.id, componentAttributeId: 'components' });
    await setSubPageDisabled(ctx, status.id, eu.id, true);
    advance(1000);
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
    const [row] = await loadAllCustomerPages(database().db);

    const listing = await listPageDirectory(ctx, { publicUrl: 'http://localhost:3000' });
    expect(listing.map((p) => [p.kind, p.name, p.url, p.parentId, p.disabled, p.noOneCanSignIn, p.isDefault])).toEqual([
      ['parent', 'Status', 'http://localhost:3000/status', null, false, false, true],
      ['sub_page', 'EU', 'http://localhost:3000/status/eu', status.id, true, false, false],
      ['customer_set', 'Customers', null, null, false, false, false],
      ['customer_page', 'Acme', `http://localhost:3000/c/${row!.urlToken}`, set.id, false, true, false],
    ]);
    expect(listing[3]).toMatchObject({ id: row!.id, entryId: acme.id });
  });
});
