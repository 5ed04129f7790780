import { expect, it } from 'vitest';
import { seedCustomerPages } from '../../test/helpers/customer-pages.js';
import { describeEachEngine } from '../../test/helpers/describe-each-engine.js';
import { buildTestContext } from '../../test/helpers/write-fixtures.js';
import { newId } from '../domain/id.js';
import { listAuditEvents } from '../store/audit-log.js';
import { insertSession } from '../store/sessions.js';
import { writeTransaction } from '../store/transaction.js';
import { deleteCatalogEntry, updateCatalogEntry, upsertCatalogEntries } from './catalog-entries.js';
import { SIGN_IN_ACTIONS } from './sign-in-audit.js';

const DAY = 86_400_000;

describeEachEngine('services/catalog-access-changes', (database) => {
  async function setup() {
    const fixture = buildTestContext(database());
    const seeded = await seedCustomerPages(fixture.ctx, 'https://status.example.com');
    const now = fixture.ctx.clock();
    // Sessions as sign-in leaves them (only their hashes and addresses matter here).
    const sessionOn = async (customerPageId: string, email: string) => {
      const record = {
        id: newId(),
        idHash: `hash-${newId()}`,
        customerPageId,
        email,
        domain: email.split('@')[1]!,
        createdAt: now,
        lastSeenAt: now,
        idleExpiresAt: new Date(now.getTime() + 7 * DAY),
        absoluteExpiresAt: new Date(now.getTime() + 30 * DAY),
      };
      await writeTransaction(database(), (tx) => insertSession(tx, record));
      return record;
    };
    const alice = await sessionOn(seeded.acme.customerPageId, 'alice@acme-corp.com');
    const bob = await sessionOn(seeded.acme.customerPageId, 'bob@acme-labs.com');
    const carol = await sessionOn(seeded.globex.customerPageId, 'carol@globex.com');
    const liveEmails = async () => (await database().db.selectFrom('sessions').select('email').orderBy('email').execute()).map((row) => row.email);
    const revocations = async () =>
      (await listAuditEvents(database().db, { action: SIGN_IN_ACTIONS.sessionRevoked })).map(({ actor, pageId, details }) => ({
        actor,
        pageId,
        reason: details.reason,
        email: details.email,
        domain: details.domain,
      }));
    return { ...fixture, seeded, alice, bob, carol, liveEmails, revocations };
  }

  it('SES-4/LOG-1: a domain removed from an entry ends the sessions it admitted, in the same write, audited', async () => {
    const { ctx, seeded, liveEmails, revocations } = await setup();
    await updateCatalogEntry(ctx, seeded.acme.entryId, { values: { email_domains: ['acme-corp.com'] } }, { actor: 'api-key:k1' });
    expect(await liveEmails()).toEqual(['alice@acme-corp.com', 'carol@globex.com']);
    expect(await revocations()).toEqual([
      { actor: 'api-key:k1', pageId: seeded.acme.customerPageId, reason: 'domain_removed', email: 'bob@acme-labs.com', domain: 'acme-labs.com' },
    ]);
  });

  it('ends nothing when no domain is removed: a rename, an added domain, a bulk upsert that keeps them', async () => {
    const { ctx, seeded, liveEmails, revocations } = await setup();
    await updateCatalogEntry(ctx, seeded.acme.entryId, { name: 'Acme Corporation' }, { actor: 'cli' });
    await updateCatalogEntry(ctx, seeded.acme.entryId, { values: { email_domains: ['acme-corp.com', 'acme-labs.com', 'acme.example'] } }, { actor: 'cli' });
    expect(await liveEmails()).toEqual(['alice@acme-corp.com', 'bob@acme-labs.com', 'carol@globex.com']);
    expect(await revocations()).toEqual([]);
  });

  it('SES-4: a bulk upsert that narrows a wildcard-free allowlist ends the sessions outside it', async () => {
    const { ctx, seeded, liveEmails, revocations } = await setup();
    const [globex] = await database().db.selectFrom('catalog_entries').select(['external_id', 'values']).where('id', '=', seeded.globex.entryId).execute();
    await upsertCatalogEntries(
      ctx,
      seeded.typeId,
      [{ externalId: globex!.external_id, name: 'Globex', values: { email_domains: ['globex.example'], components: [seeded.globex.componentId] } }],
      { actor: 'sync-test' },
    );
    expect(await liveEmails()).toEqual(['alice@acme-corp.com', 'bob@acme-labs.com']);
    expect(await revocations()).toMatchObject([{ actor: 'sync-test', reason: 'domain_removed', email: 'carol@globex.com' }]);
  });

  it('SES-4/LOG-1: deleting a customer entry ends all of its page’s sessions, audited, and no other page’s', async () => {
    const { ctx, seeded, liveEmails, revocations } = await setup();
    await deleteCatalogEntry(ctx, seeded.acme.entryId, { actor: 'api-key:k1' });
    expect(await liveEmails()).toEqual(['carol@globex.com']);
    expect((await revocations()).map((event) => [event.reason, event.email]).sort()).toEqual([
      ['page_removed', 'alice@acme-corp.com'],
      ['page_removed', 'bob@acme-labs.com'],
    ]);
  });
});
