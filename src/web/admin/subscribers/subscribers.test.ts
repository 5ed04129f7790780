/**
 * The dashboard's Subscribers screens over real HTTP (security.md STF-3, STF-5, STF-7, SUB-4).
 */
import { afterEach, expect, it } from 'vitest';
import { serveWeb } from '../../../../test/helpers/browser.js';
import { CUSTOMER_TEST_URL } from '../../../../test/helpers/customer-app.js';
import { describeEachEngine } from '../../../../test/helpers/describe-each-engine.js';
import { useStaffApp } from '../../../../test/helpers/staff-fixtures.js';
import { parseCsv } from '../../../domain/csv.js';
import { createPage } from '../../../services/pages/pages.js';
import { listAuditEvents } from '../../../store/access/audit-log.js';

describeEachEngine('dashboard: subscribers over HTTP', (database) => {
  const { withStaff, staffBrowser } = useStaffApp();
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  /** The app served over HTTP, a public page, and a signed-in HTTP client per staff member. */
  async function setUp() {
    const members = { 'ann@example.com': 'admin', 'bob@example.com': 'responder', 'cy@example.com': 'viewer' } as const;
    const { app, seeded } = await withStaff(database(), members);
    const page = await createPage(app.deps.ctx, { slug: 'public', name: 'Public status', items: [] });
    const served = await serveWeb(app.web);
    close = served.close;
    const as = async (email: string) => httpClient(served.origin, (await staffBrowser(app, email)).jar.header());
    return { app, seeded, pageScope: `page:${page.id}`, as };
  }

  const listPath = (scope: string, extra = '') => `/admin/subscribers/list?scope=${encodeURIComponent(scope)}${extra}`;
  const rowsOf = (html: string) => [...html.matchAll(/<tr><td>([^<\s]+@[^<\s]+)/g)].map((m) => m[1]);

  it('lists pages with counts, adds, searches, pages, removes; writes audited with the staff member (STF-7)', async () => {
    const { app, pageScope, as } = await setUp();
    const ann = await as('ann@example.com');
    const home = await (await ann.get('/admin')).text();
    expect(home).toContain('<a href="/admin/subscribers">Subscribers</a>');

    const added = await ann.post('/admin/subscribers/add', { scope: pageScope, email: 'Dee@Example.com' });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe(`${listPath(pageScope)}&notice=added`);
    const list = await (await ann.get(listPath(pageScope, '&notice=added'))).text();
    expect(list).toContain('Subscriber added, confirmed.');
    expect(rowsOf(list)).toEqual(['dee@example.com']);
    const member = await app.deps.ctx.database.db
      .selectFrom('staff')
      .select('id')
      .where('email', '=', 'ann@example.com')
      .executeTakeFirstOrThrow();
    expect(list).toContain(`staff:${member.id}`);

    const again = await ann.post('/admin/subscribers/add', { scope: pageScope, email: 'dee@example.com' });
    expect(again.status).toBe(409);
    expect(await again.text()).toMatch(/aria-invalid="true"[^>]*>[\s\S]*already subscribed/);

    const overview = await (await ann.get('/admin/subscribers')).text();
    expect(overview).toMatch(/Public status<\/a><\/td><td data-label="Email, confirmed">1<\/td>/);

    // 120 more by import, then pages of 50 by keyset and a search by prefix.
    const csv = [
      'email,consent_source',
      ...Array.from({ length: 120 }, (_, i) => `p${String(i).padStart(3, '0')}@example.com,newsletter`),
    ].join('\n');
    const imported = await ann.upload('/admin/subscribers/import', { scope: pageScope }, csv);
    expect(imported.status).toBe(200);
    expect(await imported.text()).toContain('Imported 120 rows: 120 added.');
    const first = await (await ann.get(listPath(pageScope))).text();
    expect(rowsOf(first)).toHaveLength(50);
    const next = /<a href="([^"]+)">Next<\/a>/.exec(first)![1]!.replaceAll('&amp;', '&');
    const second = await (await ann.get(next)).text();
    expect(rowsOf(second)[0]).toBe('p049@example.com');
    const searched = await (await ann.get(listPath(pageScope, '&q=P11'))).text();
    expect(rowsOf(searched)).toEqual(Array.from({ length: 10 }, (_, i) => `p11${i}@example.com`));

    const id = (
      await app.deps.ctx.database.db
        .selectFrom('email_subscriptions')
        .select('id')
        .where('email', '=', 'dee@example.com')
        .executeTakeFirstOrThrow()
    ).id;
    const removed = await ann.post('/admin/subscribers/remove', { id });
    expect(removed.headers.get('location')).toBe(`${listPath(pageScope)}&notice=removed`);
    expect((await ann.post('/admin/subscribers/remove', { id })).status).toBe(404);

    const events = await listAuditEvents(app.deps.ctx.database.db, { subjectType: 'subscriber' });
    // One instant (the test's clock stands still): in no particular order.
    expect(events.map((event) => [event.action, event.actor]).sort()).toEqual([
      ['subscriber.added', 'staff:ann@example.com'],
      ['subscriber.imported', 'staff:ann@example.com'],
      ['subscriber.removed', 'staff:ann@example.com'],
    ]);
  });

  it('SUB-4: a customer page refuses an address off its allowlist, saying why', async () => {
    const { seeded, as } = await setUp();
    const ann = await as('ann@example.com');
    const scope = `customer:${seeded.acme.customerPageId}`;
    const refused = await ann.post('/admin/subscribers/add', { scope, email: 'eve@globex.com' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('eve@globex.com is not on the allowlist of the customer page');
    expect((await ann.post('/admin/subscribers/add', { scope, email: 'eve@acme-corp.com' })).status).toBe(303);
    const overview = await (await ann.get('/admin/subscribers')).text();
    expect(overview).toContain('Customer status / Acme Corp</a>');
  });

  it('imports nothing from a file with bad rows and lists them by line; exports CSV with formula cells guarded', async () => {
    const { pageScope, as } = await setUp();
    const ann = await as('ann@example.com');
    const bad = 'email,consent_source\r\nok@example.com,fair\r\n"broken,fair\r\n';
    const malformed = await ann.upload('/admin/subscribers/import', { scope: pageScope }, bad);
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain('The CSV is malformed on line 3');
    const rows = 'email,consent_source\nok@example.com,fair\nnope,fair\n=1+1@example.com,\n';
    const refused = await ann.upload('/admin/subscribers/import', { scope: pageScope }, rows);
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('Nothing was imported');
    expect(html).toMatch(/<td data-label="Line">3<\/td><td data-label="Problem">The address/);
    expect(html).toMatch(/<td data-label="Line">4<\/td><td data-label="Problem">consent_source is empty/);
    expect(rowsOf(html)).toEqual([]);

    const partial = await ann.upload(
      '/admin/subscribers/import',
      { scope: pageScope, skip_invalid: 'true' },
      rows.replace('1@example.com,', '1@example.com,fair'),
    );
    expect(await partial.text()).toContain('Imported 3 rows: 2 added, 1 bad rows skipped.');

    const exported = await ann.get(`/admin/subscribers/export?scope=${encodeURIComponent(pageScope)}`);
    expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(exported.headers.get('cache-control')).toBe('no-store');
    const parsed = parseCsv(await exported.text());
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.records.slice(1).map((record) => record.fields[0])).toEqual(["'=1+1@example.com", 'ok@example.com']);
  });

  it('lists the quarantine and releases an address, audited', async () => {
    const { app, as } = await setUp();
    await app.deps.ctx.database.db
      .insertInto('email_quarantine')
      .values({ email: 'gone@example.com', reason: '550 5.1.1 no such user', quarantined_at: '2026-01-01T00:00:00.000Z' })
      .execute();
    const ann = await as('ann@example.com');
    const screen = await (await ann.get('/admin/subscribers/quarantine')).text();
    expect(screen).toContain('<td>gone@example.com</td><td data-label="Why">550 5.1.1 no such user</td>');
    const released = await ann.post('/admin/subscribers/quarantine/release', { email: 'gone@example.com' });
    expect(released.headers.get('location')).toBe('/admin/subscribers/quarantine?notice=released');
    expect(await (await ann.get('/admin/subscribers/quarantine?notice=released')).text()).toContain('No address is quarantined.');
    expect((await ann.post('/admin/subscribers/quarantine/release', { email: 'gone@example.com' })).status).toBe(404);
    const events = await listAuditEvents(app.deps.ctx.database.db, { action: 'email_quarantine.released' });
    expect(events.map((event) => [event.actor, event.subjectId])).toEqual([['staff:ann@example.com', 'gone@example.com']]);
  });

  it('STF-3: responders and viewers read the screens, are offered no change, and every change they post is refused', async () => {
    const { app, pageScope, as } = await setUp();
    await app.deps.ctx.database.db
      .insertInto('email_quarantine')
      .values({ email: 'gone@example.com', reason: '550', quarantined_at: '2026-01-01T00:00:00.000Z' })
      .execute();
    const ann = await as('ann@example.com');
    await ann.post('/admin/subscribers/add', { scope: pageScope, email: 'dee@example.com' });
    const id = (await app.deps.ctx.database.db.selectFrom('email_subscriptions').select('id').executeTakeFirstOrThrow()).id;
    for (const email of ['bob@example.com', 'cy@example.com']) {
      const other = await as(email);
      const list = await other.get(listPath(pageScope));
      expect(list.status).toBe(200);
      const html = await list.text();
      expect(rowsOf(html)).toEqual(['dee@example.com']);
      expect(html).not.toContain('action="/admin/subscribers/add"');
      expect(html).not.toContain('action="/admin/subscribers/remove"');
      expect(await (await other.get('/admin/subscribers/quarantine')).text()).not.toContain('/release');
      expect((await other.post('/admin/subscribers/add', { scope: pageScope, email: 'x@example.com' })).status).toBe(403);
      expect((await other.post('/admin/subscribers/remove', { id })).status).toBe(403);
      expect(
        (await other.upload('/admin/subscribers/import', { scope: pageScope }, 'email,consent_source\nx@example.com,y\n')).status,
      ).toBe(403);
      expect((await other.post('/admin/subscribers/quarantine/release', { email: 'gone@example.com' })).status).toBe(403);
    }
    expect(await app.deps.ctx.database.db.selectFrom('email_subscriptions').select('email').execute()).toEqual([
      { email: 'dee@example.com' },
    ]);
    expect(await app.deps.ctx.database.db.selectFrom('email_quarantine').select('email').execute()).toEqual([
      { email: 'gone@example.com' },
    ]);
  });

  it('STF-5: a cross-site post changes nothing; GETs change nothing', async () => {
    const { app, pageScope, as } = await setUp();
    const ann = await as('ann@example.com');
    const crossSite = await ann.post(
      '/admin/subscribers/add',
      { scope: pageScope, email: 'x@example.com' },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    );
    expect(crossSite.status).toBe(403);
    expect((await ann.get(`/admin/subscribers/add?scope=${encodeURIComponent(pageScope)}&email=x@example.com`)).status).toBe(404);
    expect(await app.deps.ctx.database.db.selectFrom('email_subscriptions').select('email').execute()).toEqual([]);
  });
});

/** A signed-in dashboard client over real HTTP: the staff cookie on every request, posts same-origin unless told otherwise. */
function httpClient(origin: string, cookie: string) {
  const sameOrigin = { origin: CUSTOMER_TEST_URL, 'sec-fetch-site': 'same-origin' };
  const send = (path: string, init: RequestInit) =>
    fetch(`${origin}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { cookie, accept: 'text/html', ...(init.headers as Record<string, string>) },
    });
  return {
    get: (path: string) => send(path, {}),
    post: (path: string, form: Record<string, string>, headers: Record<string, string> = sameOrigin) =>
      send(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(form).toString(),
      }),
    /** A multipart form with `csv` as its `file` field, as a browser uploads a chosen file. */
    upload: (path: string, form: Record<string, string>, csv: string) => {
      const body = new FormData();
      for (const [name, value] of Object.entries(form)) body.set(name, value);
      body.set('file', new Blob([csv], { type: 'text/csv' }), 'subscribers.csv');
      return send(path, { method: 'POST', headers: sameOrigin, body });
    },
  };
}
