import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { failureOf } from '../../../test/helpers/failure-of.js';
import { hungDatabase } from '../../../test/helpers/hung-database.js';
import { insertTestEntry, insertTestType } from '../../../test/helpers/page-kinds-fixtures.js';
import { buildTestContext } from '../../../test/helpers/write-fixtures.js';
import { resolveCustomerPage } from '../../domain/pages/customer-pages.js';
import { customerPageSlug } from './customer-page-path.js';
import { listAuditEvents } from '../../store/access/audit-log.js';
import { deleteCatalogEntryRows } from '../../store/catalog/catalog-entries.js';
import { loadAllCustomerPages } from '../../store/pages/customer-pages.js';
import type { Database } from '../../store/database.js';
import { writeTransaction } from '../../store/transaction.js';
import {
  AUDIT_TOKEN_ROTATED,
  ensureCustomerPageRows,
  findWhoCanAccess,
  listCustomerPages,
  rotateCustomerPageToken,
} from './customer-pages.js';
import { createCatalogEntry } from '../catalog/catalog-entries.js';
import { createCustomerPageSet } from './page-kinds.js';
import { listPageDirectory } from './page-directory.js';
import { loadSnapshot } from '../live-state/snapshot-loader.js';
import { buildPageKindsIndex } from '../../domain/pages/page-kinds-index.js';

const PUBLIC = { publicUrl: 'https://status.example.com/' };

async function setup(database: Database) {
  const fixture = buildTestContext(database);
  const type = await insertTestType(database, 'Customer');
  const acme = await insertTestEntry(database, type.id, 'Acme', { domains: ['acme.com', '*.acme.io'] });
  const initech = await insertTestEntry(database, type.id, 'Initech');
  const set = await createCustomerPageSet(
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
  const rows = await loadAllCustomerPages(database.db);
  const rowOf = (entryId: string) => rows.find((row) => row.entryId === entryId)!;
  return { ...fixture, type, acme, initech, set, rowOf };
}

describeEachEngine('services/customer-pages', (database) => {
  it('creates pages for new entries, idempotently', async () => {
    const { ctx, type, set } = await setup(database());
    const globex = await insertTestEntry(database(), type.id, 'Globex', { domains: ['globex.com'] });
    const ensure = () => writeTransaction(database(), (tx) => ensureCustomerPageRows(tx, ctx.clock()));
    expect((await ensure()).result).toBe(1);
    expect((await ensure()).result).toBe(0);
    const rows = await loadAllCustomerPages(database().db);
    expect(rows.filter((row) => row.entryId === globex.id)).toMatchObject([{ pageId: set.id }]);
  });

  it('gives an entry created through the catalog its customer page in the same write', async () => {
    const { ctx, type, set } = await setup(database());
    const globex = await createCatalogEntry(ctx, type.id, { name: 'Globex', values: { domains: ['globex.com'] } }, { actor: 'test' });
    const rows = await loadAllCustomerPages(database().db);
    const row = rows.find((candidate) => candidate.entryId === globex.id);
    expect(row).toMatchObject({ pageId: set.id });
    expect(
      resolveCustomerPage(buildPageKindsIndex(await loadSnapshot(database())), row!.urlToken, customerPageSlug(row!.urlToken))?.entry.id,
    ).toBe(globex.id);
  });

  it('creates rows for the set asked for only', async () => {
    const { ctx, type } = await setup(database());
    const other = await insertTestType(database(), 'Partner');
    const partners = await createCustomerPageSet(
      ctx,
      { slug: 'partners', name: 'Partners', catalogTypeId: other.id, allowlistAttributeId: 'domains', componentAttributeId: 'components' },
      'cli',
    );
    await insertTestEntry(database(), type.id, 'Globex');
    await insertTestEntry(database(), other.id, 'Umbrella');
    const { result } = await writeTransaction(database(), (tx) => ensureCustomerPageRows(tx, ctx.clock(), partners.id));
    expect(result).toBe(1);
    expect((await writeTransaction(database(), (tx) => ensureCustomerPageRows(tx, ctx.clock()))).result).toBe(1);
  });

  it('lists customer pages with their URL and who can sign in', async () => {
    const { ctx, acme, initech, set, rowOf } = await setup(database());
    expect(await listCustomerPages(ctx, PUBLIC)).toEqual([
      {
        id: rowOf(acme.id).id,
        pageId: set.id,
        setName: 'Customer status',
        entryId: acme.id,
        name: 'Acme',
        url: `https://status.example.com/c/${rowOf(acme.id).urlToken}`,
        domains: ['acme.com', '*.acme.io'],
        noOneCanSignIn: false,
      },
      {
        id: rowOf(initech.id).id,
        pageId: set.id,
        setName: 'Customer status',
        entryId: initech.id,
        name: 'Initech',
        url: `https://status.example.com/c/${rowOf(initech.id).urlToken}`,
        domains: [],
        noOneCanSignIn: true,
      },
    ]);
  });

  it('drops a deleted entry’s page', async () => {
    const { ctx, acme, rowOf } = await setup(database());
    const token = rowOf(acme.id).urlToken;
    await writeTransaction(database(), (tx) => deleteCatalogEntryRows(tx, [acme.id]));
    expect((await listCustomerPages(ctx, PUBLIC)).map((page) => page.name)).toEqual(['Initech']);
    expect(resolveCustomerPage(buildPageKindsIndex(await loadSnapshot(database())), token, customerPageSlug(token))).toBeNull();
  });

  it('rotates a URL: the old token stops resolving at once, and the log keeps neither token', async () => {
    const { ctx, acme, rowOf, revisions } = await setup(database());
    const old = rowOf(acme.id);
    const before = revisions.length;
    const rotated = await rotateCustomerPageToken(ctx, old.id, 'api-key:k1', PUBLIC);
    expect(revisions.length).toBe(before + 1);
    const token = rotated.url.split('/c/')[1]!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(token).not.toBe(old.urlToken);
    const snapshot = await loadSnapshot(database());
    expect(resolveCustomerPage(buildPageKindsIndex(snapshot), old.urlToken, customerPageSlug(old.urlToken))).toBeNull();
    expect(resolveCustomerPage(buildPageKindsIndex(snapshot), token, customerPageSlug(token))?.customerPage.id).toBe(old.id);
    const events = await listAuditEvents(database().db, { action: AUDIT_TOKEN_ROTATED });
    expect(events).toMatchObject([{ actor: 'api-key:k1', subjectType: 'customer_page', subjectId: old.id, pageId: old.id }]);
    expect(JSON.stringify(events)).not.toContain(old.urlToken);
    expect(JSON.stringify(events)).not.toContain(token);
    expect((await failureOf(rotateCustomerPageToken(ctx, 'nope', 'cli', PUBLIC))).code).toBe('not_found');
  });

  it('answers who can access, with the entry and the matching domain', async () => {
    const { ctx, acme, rowOf } = await setup(database());
    expect(await findWhoCanAccess(ctx, 'Bob+ops@EU.Acme.io', PUBLIC)).toEqual([
      {
        customerPageId: rowOf(acme.id).id,
        pageName: 'Acme',
        setName: 'Customer status',
        entryId: acme.id,
        entryName: 'Acme',
        url: `https://status.example.com/c/${rowOf(acme.id).urlToken}`,
        matchedDomain: '*.acme.io',
      },
    ]);
    expect(await findWhoCanAccess(ctx, 'eve@evilacme.com', PUBLIC)).toEqual([]);
    const bad = await failureOf(findWhoCanAccess(ctx, 'Alice <alice@acme.com>', PUBLIC));
    expect(bad.issues[0]?.path).toBe('email');
  });

  it('reads the live page kinds it is given and never the store: a server answers from what it holds', async () => {
    const { ctx, acme } = await setup(database());
    const kinds = buildPageKindsIndex(await loadSnapshot(ctx.database, ctx.clock));
    // A store that never answers: loading from it would hang the reads below.
    const offline = { ...ctx, database: hungDatabase() };
    const listed = await listCustomerPages(offline, { ...PUBLIC, kinds });
    expect(listed.map((page) => page.name).sort()).toEqual(['Acme', 'Initech']);
    const grants = await findWhoCanAccess(offline, 'bob@acme.com', { ...PUBLIC, kinds });
    expect(grants.map((grant) => grant.entryId)).toEqual([acme.id]);
    expect((await listPageDirectory(offline, { ...PUBLIC, kinds })).length).toBeGreaterThan(2);
  });
});
