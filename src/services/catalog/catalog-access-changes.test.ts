import { expect, it } from 'vitest';
import { insertSessionFor, seedCustomerPages } from '../../../test/helpers/customer-pages.js';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { buildTestContext } from '../../../test/helpers/write-fixtures.js';
import { listAuditEvents } from '../../store/access/audit-log.js';
import { createCatalogEntry, deleteCatalogEntry, updateCatalogEntry, upsertCatalogEntries } from './catalog-entries.js';
import { createCatalogType } from './catalog-types.js';
import { listCustomerPages } from '../pages/customer-pages.js';
import { createCustomerPageSet } from '../pages/page-kinds.js';
import { SIGN_IN_ACTIONS } from '../sign-in/sign-in-audit.js';

describeEachEngine('services/catalog-access-changes', (database) => {
  const sessionOn = (customerPageId: string, email: string, now: Date) => insertSessionFor(database(), customerPageId, email, now);
  const liveEmails = async () =>
    (await database().db.selectFrom('sessions').select('email').orderBy('email').execute()).map((row) => row.email);

  async function setup() {
    const fixture = buildTestContext(database());
    const seeded = await seedCustomerPages(fixture.ctx, 'https://status.example.com');
    const now = fixture.ctx.clock();
    const alice = await sessionOn(seeded.acme.customerPageId, 'alice@acme-corp.com', now);
    const bob = await sessionOn(seeded.acme.customerPageId, 'bob@acme-labs.com', now);
    const carol = await sessionOn(seeded.globex.customerPageId, 'carol@globex.com', now);
    const revocations = async () =>
      (await listAuditEvents(database().db, { action: SIGN_IN_ACTIONS.sessionRevoked })).map(({ actor, pageId, details }) => ({
        actor,
        pageId,
        reason: details.reason,
        email: details.email,
        domain: details.domain,
      }));
    return { ...fixture, seeded, alice, bob, carol, revocations };
  }

  it('SES-4/LOG-1: a domain removed from an entry ends the sessions it admitted, in the same write, audited', async () => {
    const { ctx, seeded, revocations } = await setup();
    await updateCatalogEntry(ctx, seeded.acme.entryId, { values: { email_domains: ['acme-corp.com'] } }, { actor: 'api-key:k1' });
    expect(await liveEmails()).toEqual(['alice@acme-corp.com', 'carol@globex.com']);
    expect(await revocations()).toEqual([
      {
        actor: 'api-key:k1',
        pageId: seeded.acme.customerPageId,
        reason: 'domain_removed',
        email: 'bob@acme-labs.com',
        domain: 'acme-labs.com',
      },
    ]);
  });

  it('ends nothing when no domain is removed: a rename, an added domain, a bulk upsert that keeps them', async () => {
    const { ctx, seeded, revocations } = await setup();
    await updateCatalogEntry(ctx, seeded.acme.entryId, { name: 'Acme Corporation' }, { actor: 'cli' });
    await updateCatalogEntry(
      ctx,
      seeded.acme.entryId,
      { values: { email_domains: ['acme-corp.com', 'acme-labs.com', 'acme.example'] } },
      { actor: 'cli' },
    );
    expect(await liveEmails()).toEqual(['alice@acme-corp.com', 'bob@acme-labs.com', 'carol@globex.com']);
    expect(await revocations()).toEqual([]);
  });

  it('SES-4: a bulk upsert that narrows a wildcard-free allowlist ends the sessions outside it', async () => {
    const { ctx, seeded, revocations } = await setup();
    const [globex] = await database()
      .db.selectFrom('catalog_entries')
      .select(['external_id', 'values'])
      .where('id', '=', seeded.globex.entryId)
      .execute();
    await upsertCatalogEntries(
      ctx,
      seeded.typeId,
      [
        {
          externalId: globex!.external_id,
          name: 'Globex',
          values: { email_domains: ['globex.example'], components: [seeded.globex.componentId] },
        },
      ],
      { actor: 'sync-test' },
    );
    expect(await liveEmails()).toEqual(['alice@acme-corp.com', 'bob@acme-labs.com']);
    expect(await revocations()).toMatchObject([{ actor: 'sync-test', reason: 'domain_removed', email: 'carol@globex.com' }]);
  });

  it('SES-4/LOG-1: deleting a customer entry ends all of its page’s sessions, audited, and no other page’s', async () => {
    const { ctx, seeded, revocations } = await setup();
    await deleteCatalogEntry(ctx, seeded.acme.entryId, { actor: 'api-key:k1' });
    expect(await liveEmails()).toEqual(['carol@globex.com']);
    expect((await revocations()).map((event) => [event.reason, event.email]).sort()).toEqual([
      ['page_removed', 'alice@acme-corp.com'],
      ['page_removed', 'bob@acme-labs.com'],
    ]);
  });

  it('SES-4: with two customer page sets on one type, each judges the change by its own allowlist attribute', async () => {
    const { ctx } = buildTestContext(database());
    const type = await createCatalogType(
      ctx,
      {
        name: 'Account',
        attributes: [
          { name: 'Staff domains', kind: 'email_domain', isList: true },
          { name: 'Partner domains', kind: 'email_domain', isList: true },
          { name: 'Components', kind: 'component', isList: true },
        ],
      },
      { actor: 'test' },
    );
    const entry = await createCatalogEntry(
      ctx,
      type.id,
      { name: 'Acme', values: { staff_domains: ['acme.example'], partner_domains: ['partner.example'] } },
      { actor: 'test' },
    );
    const setOf = (slug: string, allowlistAttributeId: string) =>
      createCustomerPageSet(
        ctx,
        { slug, name: slug, catalogTypeId: type.id, allowlistAttributeId, componentAttributeId: 'components' },
        'test',
      );
    const staffSet = await setOf('staff-status', 'staff_domains');
    const partnerSet = await setOf('partner-status', 'partner_domains');
    const pages = await listCustomerPages(ctx, { publicUrl: 'https://status.example.com' });
    const pageOf = (setId: string) => pages.find((page) => page.pageId === setId && page.entryId === entry.id)!.id;
    const now = ctx.clock();
    await sessionOn(pageOf(staffSet.id), 'sam@acme.example', now);
    await sessionOn(pageOf(partnerSet.id), 'pat@partner.example', now);
    await updateCatalogEntry(ctx, entry.id, { values: { partner_domains: [] } }, { actor: 'cli' });
    expect(await liveEmails()).toEqual(['sam@acme.example']);
    await updateCatalogEntry(ctx, entry.id, { values: { staff_domains: [] } }, { actor: 'cli' });
    expect(await liveEmails()).toEqual([]);
  });
});
