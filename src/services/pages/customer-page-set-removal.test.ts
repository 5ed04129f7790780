import { expect, it } from 'vitest';
import { insertSessionFor, seedCustomerPages } from '../../../test/helpers/customer-pages.js';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { buildTestContext } from '../../../test/helpers/write-fixtures.js';
import { listAuditEvents } from '../../store/access/audit-log.js';
import { AUDIT_SET_DELETED } from './customer-page-set-removal.js';
import { listCustomerPages } from './customer-pages.js';
import { createCustomerPageSet } from './page-kinds.js';
import { deletePage } from './pages.js';
import { SIGN_IN_ACTIONS } from '../sign-in/sign-in-audit.js';

describeEachEngine('services/customer-page-set-removal', (database) => {
  const liveEmails = async () =>
    (await database().db.selectFrom('sessions').select('email').orderBy('email').execute()).map((row) => row.email);

  it('SES-4/LOG-1: deleting a customer page set ends its pages’ sessions in the same write, audited, and no other set’s', async () => {
    const { ctx } = buildTestContext(database());
    const seeded = await seedCustomerPages(ctx, 'https://status.example.com');
    // A second set on the same type: its sessions must survive the first set's deletion.
    const other = await createCustomerPageSet(
      ctx,
      {
        slug: 'partners',
        name: 'Partner status',
        catalogTypeId: seeded.typeId,
        allowlistAttributeId: 'email_domains',
        componentAttributeId: 'components',
      },
      'test',
    );
    const otherAcme = (await listCustomerPages(ctx, { publicUrl: 'https://status.example.com' })).find(
      (page) => page.pageId === other.id && page.entryId === seeded.acme.entryId,
    )!;
    const now = ctx.clock();
    await insertSessionFor(database(), seeded.acme.customerPageId, 'alice@acme-corp.com', now);
    await insertSessionFor(database(), seeded.globex.customerPageId, 'carol@globex.com', now);
    await insertSessionFor(database(), otherAcme.id, 'bob@acme-labs.com', now);

    await deletePage(ctx, seeded.setId, 'api-key:k1');

    expect(await liveEmails()).toEqual(['bob@acme-labs.com']);
    const revoked = await listAuditEvents(database().db, { action: SIGN_IN_ACTIONS.sessionRevoked });
    expect(revoked.map(({ actor, pageId, details }) => [details.email, actor, pageId, details.reason]).sort()).toEqual([
      ['alice@acme-corp.com', 'api-key:k1', seeded.acme.customerPageId, 'page_removed'],
      ['carol@globex.com', 'api-key:k1', seeded.globex.customerPageId, 'page_removed'],
    ]);
    const [deleted] = await listAuditEvents(database().db, { action: AUDIT_SET_DELETED });
    expect(deleted).toMatchObject({
      actor: 'api-key:k1',
      pageId: seeded.setId,
      details: { slug: 'customers', customer_pages_deleted: 2, sessions_ended: 2 },
    });
    expect((await listCustomerPages(ctx, { publicUrl: 'https://status.example.com' })).map((page) => page.pageId)).toEqual([
      other.id,
      other.id,
    ]);
  });
});
