import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { insertSessionFor } from '../../../test/helpers/customer-pages.js';
import { insertTestEntry, insertTestType } from '../../../test/helpers/page-kinds-fixtures.js';
import { buildTestContext } from '../../../test/helpers/write-fixtures.js';
import type { AuditEvent } from '../../domain/access/audit-event.js';
import { newId } from '../../domain/id.js';
import { insertAuditEvents } from '../../store/access/audit-log.js';
import type { Database } from '../../store/database.js';
import { writeTransaction } from '../../store/transaction.js';
import { listAuditPage, listCustomerPagesForStaff, recordCustomerPagePreview } from './customer-page-admin.js';
import { createCustomerPageSet } from './page-kinds.js';

const publicUrl = 'https://status.example.com';
const NOW = new Date('2025-03-01T12:00:00.000Z');

async function setup(database: Database) {
  const fixture = buildTestContext(database, NOW);
  const type = await insertTestType(database, 'Customer');
  const names: [string, Record<string, string[]>][] = [
    ['Acme', { domains: ['acme.com'] }],
    ['ACME_labs', { domains: ['acme-labs.com'] }],
    ['100% Uptime Co', { domains: ['uptime.example'] }],
    ['Broken', { domains: ['not a domain!', '1.2.3.4'] }],
    ['Empty', {}],
  ];
  const entries = new Map<string, string>();
  for (const [name, values] of names) entries.set(name, (await insertTestEntry(database, type.id, name, values)).id);
  await createCustomerPageSet(
    fixture.ctx,
    {
      slug: 'customers',
      name: 'Customer status',
      catalogTypeId: type.id,
      allowlistAttributeId: 'domains',
      componentAttributeId: 'components',
    },
    'cli',
  );
  const all = await listCustomerPagesForStaff(fixture.ctx, { search: '', page: 1, pageSize: 50, publicUrl });
  const idOf = (name: string) => all.items.find((item) => item.name === name)!.id;
  return { ...fixture, idOf };
}

describeEachEngine('customer pages for staff', (database) => {
  it('pages and searches in the store by customer name, any case, with LIKE characters taken literally', async () => {
    const { ctx } = await setup(database());
    const names = async (search: string, page = 1, pageSize = 50) =>
      (await listCustomerPagesForStaff(ctx, { search, page, pageSize, publicUrl })).items.map((item) => item.name);
    expect(await names('')).toEqual(['100% Uptime Co', 'Acme', 'ACME_labs', 'Broken', 'Empty']);
    expect(await names('acme')).toEqual(['Acme', 'ACME_labs']);
    expect(await names('_')).toEqual(['ACME_labs']);
    expect(await names('%')).toEqual(['100% Uptime Co']);
    expect(await names('nobody')).toEqual([]);
    const pages = await Promise.all([1, 2, 3].map((page) => names('', page, 2)));
    expect(pages).toEqual([['100% Uptime Co', 'Acme'], ['ACME_labs', 'Broken'], ['Empty']]);
    const past = await listCustomerPagesForStaff(ctx, { search: '', page: 99, pageSize: 2, publicUrl });
    expect([past.page, past.pageCount, past.total, past.items.map((item) => item.name)]).toEqual([3, 3, 5, ['Empty']]);
  });

  it('says where no one can sign in (empty or entirely refused allowlist), counts live sessions and the last sign-in', async () => {
    const { ctx, idOf } = await setup(database());
    const acme = idOf('Acme');
    await insertSessionFor(database(), acme, 'alice@acme.com', NOW);
    await insertSessionFor(database(), acme, 'bob@acme.com', new Date(NOW.getTime() - 40 * 86_400_000)); // long expired
    const signedInAt = new Date(NOW.getTime() - 60_000);
    await writeTransaction(database(), (tx) =>
      insertAuditEvents(tx, [
        {
          id: newId(),
          at: signedInAt,
          actor: 'visitor',
          action: 'session.created',
          subjectType: 'session',
          subjectId: 'x',
          pageId: acme,
          details: {},
        },
      ]),
    );
    const { items } = await listCustomerPagesForStaff(ctx, { search: '', page: 1, pageSize: 50, publicUrl });
    const byName = new Map(items.map((item) => [item.name, item]));
    expect(byName.get('Acme')).toMatchObject({ viewers: 1, lastSignInAt: signedInAt, blocker: null });
    expect(byName.get('Acme')?.url).toMatch(/^https:\/\/status\.example\.com\/c\/[A-Za-z0-9_-]{20,}$/);
    expect(byName.get('Broken')).toMatchObject({ viewers: 0, lastSignInAt: null, blocker: 'refused_allowlist', allowlist: [] });
    expect(byName.get('Empty')?.blocker).toBe('empty_allowlist');
  });

  it('filters the audit log by address (any case) and page, pages by keyset across one instant, and limits non-admins to page events', async () => {
    const { ctx, idOf } = await setup(database());
    const acme = idOf('Acme');
    const event = (extra: Partial<AuditEvent>): AuditEvent => ({
      id: newId(),
      at: NOW,
      actor: 'visitor',
      action: 'sign_in.link_requested',
      subjectType: 'email',
      subjectId: 'alice@acme.com',
      pageId: acme,
      details: {},
      ...extra,
    });
    await writeTransaction(database(), (tx) =>
      insertAuditEvents(tx, [
        event({}),
        event({ action: 'session.revoked', subjectType: 'session', subjectId: 's1', details: { email: 'Alice@Acme.com' } }),
        event({ action: 'staff.added', subjectType: 'staff', subjectId: 'st', pageId: null, details: { email: 'alice@acme.com' } }),
        ...Array.from({ length: 7 }, () => event({ action: 'session.created', subjectType: 'session', subjectId: 'sx', details: {} })),
      ]),
    );
    await recordCustomerPagePreview(ctx, acme, 'staff:ann@example.com');

    const actions = async (query: Parameters<typeof listAuditPage>[1]) =>
      (await listAuditPage(ctx, query)).events.map((e) => e.action).sort();
    expect(await actions({ address: 'ALICE@acme.com', pageEventsOnly: false, limit: 50 })).toEqual([
      'session.revoked',
      'sign_in.link_requested',
      'staff.added',
    ]);
    expect(await actions({ address: 'alice@acme.com', pageEventsOnly: true, limit: 50 })).toEqual([
      'session.revoked',
      'sign_in.link_requested',
    ]);
    expect(await actions({ pageId: acme, action: 'customer_page.previewed', pageEventsOnly: true, limit: 50 })).toEqual([
      'customer_page.previewed',
    ]);

    const seen: string[] = [];
    let after: { at: Date; id: string } | undefined;
    for (let page = 0; page < 10; page++) {
      const { events, hasMore } = await listAuditPage(ctx, { pageId: acme, pageEventsOnly: true, limit: 3, ...(after ? { after } : {}) });
      seen.push(...events.map((e) => e.id));
      const last = events[events.length - 1];
      if (!hasMore || !last) break;
      after = { at: last.at, id: last.id };
    }
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    await expect(listAuditPage(ctx, { address: 'not an address', pageEventsOnly: false, limit: 5 })).rejects.toThrow(/address/);
  });
});
