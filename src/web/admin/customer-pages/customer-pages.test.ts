/**
 * The dashboard's customer page screens over HTTP (security.md STF-3, STF-5, STF-7,
 * STF-8, SES-7, LOG-1): the list, rotation, preview, who can access, viewer sessions and the audit log.
 */
import { expect, it } from 'vitest';
import { newId } from '../../../domain/id.js';
import { createCatalogEntry } from '../../../services/catalog/catalog-entries.js';
import { listCustomerPages } from '../../../services/pages/customer-pages.js';
import { createStaffDeps } from '../../../services/staff/staff-deps.js';
import { insertAuditEvents, listAuditEvents } from '../../../store/access/audit-log.js';
import { writeTransaction } from '../../../store/transaction.js';
import { useSeededCustomerApp } from '../../../../test/helpers/customer-app.js';
import { createBrowser, insertSessionFor, signIn } from '../../../../test/helpers/customer-pages.js';
import { describeOnSqlite } from '../../../../test/helpers/describe-each-engine.js';
import { addStaff, signInToAdmin } from '../../../../test/helpers/staff-fixtures.js';
import type { TestApp } from '../../../../test/helpers/test-app.js';

describeOnSqlite('dashboard: customer pages', (database) => {
  const setUp = useSeededCustomerApp();

  async function withStaff() {
    const seeded = await setUp(database());
    const staff = createStaffDeps(seeded.app.deps.ctx, { secret: seeded.app.deps.config.secret });
    await addStaff(staff, { 'ann@example.com': 'admin', 'rita@example.com': 'responder', 'vic@example.com': 'viewer' });
    return seeded;
  }

  /** A browser signed in to /admin as `email` (a minute later each time: one link a minute per address, REQ-4). */
  async function staffBrowser(app: TestApp, email: string) {
    app.advance(61_000);
    const browser = createBrowser(app.app);
    await signInToAdmin(app.deps, browser, email);
    return browser;
  }

  const sessionsOf = (app: TestApp, customerPageId?: string) => {
    let query = app.deps.ctx.database.db.selectFrom('sessions').select(['email', 'customer_page_id']);
    if (customerPageId) query = query.where('customer_page_id', '=', customerPageId);
    return query.orderBy('email').execute();
  };
  const tokenOf = async (app: TestApp, id: string) =>
    (await app.deps.ctx.database.db.selectFrom('customer_pages').select('url_token').where('id', '=', id).executeTakeFirstOrThrow())
      .url_token;

  it('lists the pages with URL, copy button, viewers, last sign-in and a warning where no one can sign in; searched by name', async () => {
    const { app, seeded } = await withStaff();
    await createCatalogEntry(app.deps.ctx, seeded.typeId, { name: 'Initech', values: { email_domains: [] } }, { actor: 'test' });
    const customer = createBrowser(app.app);
    await signIn(app.deps, customer, seeded.acme.path, 'alice@acme-corp.com');
    const vic = await staffBrowser(app, 'vic@example.com');

    const res = await vic.get('/admin/customer-pages');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const row = (name: string) => html.slice(html.indexOf(`>${name}</a>`), html.indexOf('</tr>', html.indexOf(`>${name}</a>`)));
    expect(row('Acme Corp')).toContain(`value="https://status.example.com${seeded.acme.path}"`);
    expect(row('Acme Corp')).toMatch(/<td data-label="Viewers">1<\/td><td data-label="Last sign-in">2025-03-01 12:0\d UTC<\/td>/);
    expect(row('Globex')).toContain('<td data-label="Viewers">0</td><td data-label="Last sign-in">never</td>');
    expect(row('Initech')).toContain('No one can sign in: the allowlist is empty.');
    expect(row('Globex')).not.toContain('No one can sign in');
    // The copy button is there for the script to show, and the script carries this response's nonce.
    expect(html).toContain('data-copy="url-0" hidden');
    const nonce = /script-src 'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
    expect(html).toMatch(/<script src="\/assets\/admin-copy-url\.[0-9a-f]{8}\.js" nonce="/);
    expect(html).toContain(`.js" nonce="${nonce}"`);

    const searched = await (await vic.get('/admin/customer-pages?q=GLOB')).text();
    expect(searched).toContain('>Globex</a>');
    expect(searched).not.toContain('>Acme Corp</a>');
    expect(searched).toContain('1 customer page matching “GLOB”');
    expect(await (await vic.get('/admin/customer-pages?q=%25')).text()).toContain('No customer page matches.');
  });

  it('STF-3: viewers and responders read every screen but may not rotate or revoke (403, nothing changes); admins may', async () => {
    const { app, seeded } = await withStaff();
    await insertSessionFor(app.deps.ctx.database, seeded.acme.customerPageId, 'alice@acme-corp.com', new Date('2025-03-01T12:00:00Z'));
    const token = await tokenOf(app, seeded.acme.customerPageId);
    const base = `/admin/customer-pages/${seeded.acme.customerPageId}`;
    for (const email of ['vic@example.com', 'rita@example.com']) {
      const staff = await staffBrowser(app, email);
      for (const path of [
        '/admin/customer-pages',
        base,
        `${base}/preview`,
        '/admin/customer-pages/who-can-access?email=a@globex.com',
        '/admin/audit',
      ])
        expect([path, (await staff.get(path)).status]).toEqual([path, 200]);
      const detail = await (await staff.get(base)).text();
      expect(detail).not.toContain('Rotate the URL');
      expect(detail).not.toContain('Revoke');
      expect((await staff.get(`${base}/rotate`)).status).toBe(403);
      expect((await staff.post(`${base}/rotate`, { confirm: 'yes' })).status).toBe(403);
      const forms: Record<string, string>[] = [
        { by: 'all' },
        { by: 'email', email: 'alice@acme-corp.com' },
        { by: 'domain', domain: 'acme-corp.com' },
      ];
      for (const form of forms) expect((await staff.post(`${base}/sessions/revoke`, form)).status).toBe(403);
    }
    expect(await tokenOf(app, seeded.acme.customerPageId)).toBe(token);
    expect(await sessionsOf(app)).toHaveLength(1);
    const ann = await staffBrowser(app, 'ann@example.com');
    expect(await (await ann.get(base)).text()).toContain('Rotate the URL');
    expect((await ann.post(`${base}/sessions/revoke`, { by: 'all' })).status).toBe(303);
    expect(await sessionsOf(app)).toEqual([]);
  });

  it('rotates a URL after a confirmation step; the old URL stops working at once; audited with the actor (STF-7)', async () => {
    const { app, seeded } = await withStaff();
    const ann = await staffBrowser(app, 'ann@example.com');
    const base = `/admin/customer-pages/${seeded.acme.customerPageId}`;
    const visitor = createBrowser(app.app);
    expect((await visitor.get(seeded.acme.path)).status).toBe(200);
    const viewer = createBrowser(app.app);
    await signIn(app.deps, viewer, seeded.acme.path, 'alice@acme-corp.com');

    const confirm = await ann.get(`${base}/rotate`);
    expect(await confirm.text()).toContain('The current one stops working at once');
    const unconfirmed = await ann.post(`${base}/rotate`, {});
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toMatch(/id="confirm-error" class="field-error">Tick the box/);
    expect((await visitor.get(seeded.acme.path)).status).toBe(200);

    const done = await ann.post(`${base}/rotate`, { confirm: 'yes' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${base}?notice=rotated`);
    expect((await visitor.get(seeded.acme.path)).status).toBe(404);
    const fresh = (await listCustomerPages(app.deps.ctx, app.deps.config)).find((page) => page.id === seeded.acme.customerPageId)!;
    expect(fresh.url).not.toContain(seeded.acme.path);
    expect((await visitor.get(new URL(fresh.url).pathname)).status).toBe(200);
    // As the confirmation says: signed-in viewers stay signed in, at the new URL.
    expect((await viewer.get(seeded.acme.path)).status).toBe(404);
    expect(await (await viewer.get(new URL(fresh.url).pathname)).text()).toContain('Acme cluster');
    expect(await (await ann.get(`${base}?notice=rotated`)).text()).toContain(fresh.url);

    const events = await listAuditEvents(app.deps.ctx.database.db, { actor: 'staff:ann@example.com' });
    expect(events.map((event) => event.action).sort()).toEqual(['customer_page.token_rotated', 'dashboard.write']);
    expect(JSON.stringify(events)).not.toContain(seeded.acme.path.slice(3));
  });

  it('STF-8: preview shows the page as the customer sees it, with a banner, creating no session and no cookie, never cached, audited', async () => {
    const { app, seeded } = await withStaff();
    const vic = await staffBrowser(app, 'vic@example.com');
    const base = `/admin/customer-pages/${seeded.acme.customerPageId}`;

    const res = await vic.get(`${base}/preview`);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const preview = await res.text();
    expect(preview).toContain('<strong>Preview</strong>');
    expect(preview).toContain('Acme cluster');
    expect(preview).not.toContain('Globex cluster');
    expect(await sessionsOf(app)).toEqual([]);
    const events = await listAuditEvents(app.deps.ctx.database.db, { pageId: seeded.acme.customerPageId });
    expect(events.map((event) => [event.action, event.actor])).toEqual([['customer_page.previewed', 'staff:vic@example.com']]);
    // No viewer sign-in on any customer page (the staff member's own sign-in has no page).
    const signIns = await listAuditEvents(app.deps.ctx.database.db, { action: 'session.created', pageEventsOnly: true });
    expect(signIns).toEqual([]);

    // The same renderer as the customer's page: equal but for the banner, the preview's own paths and the nonce.
    const customer = createBrowser(app.app);
    await signIn(app.deps, customer, seeded.acme.path, 'alice@acme-corp.com');
    const real = await (await customer.get(seeded.acme.path)).text();
    const normalise = (html: string) =>
      html
        .replace(/<aside class="preview-banner"[\s\S]*?<\/aside>/, '')
        .replaceAll(`${base}/preview`, seeded.acme.path)
        .replace(/nonce="[^"]+"/g, 'nonce=""');
    expect(normalise(preview)).toBe(normalise(real));
    // Its links stay inside the preview; and the customer's own session is still the only one.
    expect(preview).toContain(`href="${base}/preview/history"`);
    expect((await vic.get(`${base}/preview/history`)).status).toBe(200);
    expect((await vic.get(`${base}/preview/incidents/nope`)).status).toBe(404);
    expect(await sessionsOf(app)).toEqual([{ email: 'alice@acme-corp.com', customer_page_id: seeded.acme.customerPageId }]);
    expect((await createBrowser(app.app).get(`${base}/preview`)).headers.get('location')).toMatch(/^\/admin\/sign-in/);
  });

  it('SES-7: lists viewers and revokes by address, by domain (exactly those sessions) and all; the viewer is refused at once; audited', async () => {
    const { app, seeded } = await withStaff();
    const at = new Date('2025-03-01T12:00:00Z');
    const acme = seeded.acme.customerPageId;
    const bob = createBrowser(app.app);
    await signIn(app.deps, bob, seeded.acme.path, 'bob@acme-labs.com');
    for (const email of ['alice@acme-corp.com', 'carol@acme-labs.com', 'dan@eu.acme-labs.com'])
      await insertSessionFor(app.deps.ctx.database, acme, email, at);
    await insertSessionFor(app.deps.ctx.database, seeded.globex.customerPageId, 'gil@globex.com', at);
    const ann = await staffBrowser(app, 'ann@example.com');
    const base = `/admin/customer-pages/${acme}`;
    const page = await (await ann.get(base)).text();
    expect(page).toContain('Signed-in viewers (4)');
    expect(page).toContain('aria-label="Revoke bob@acme-labs.com"');

    expect((await bob.get(seeded.acme.path)).status).toBe(200);
    expect(await (await bob.get(seeded.acme.path)).text()).not.toContain('name="email"');
    const revoked = await ann.post(`${base}/sessions/revoke`, { by: 'domain', domain: 'acme-labs.com' });
    expect(revoked.headers.get('location')).toBe(`${base}?notice=revoked`);
    expect((await sessionsOf(app)).map((row) => row.email)).toEqual(['alice@acme-corp.com', 'dan@eu.acme-labs.com', 'gil@globex.com']);
    expect(await (await bob.get(seeded.acme.path)).text()).toContain('name="email"');

    await ann.post(`${base}/sessions/revoke`, { by: 'email', email: 'ALICE@acme-corp.com' });
    expect((await sessionsOf(app)).map((row) => row.email)).toEqual(['dan@eu.acme-labs.com', 'gil@globex.com']);
    await ann.post(`${base}/sessions/revoke`, { by: 'all' });
    expect((await sessionsOf(app)).map((row) => row.email)).toEqual(['gil@globex.com']);
    const none = await ann.post(`${base}/sessions/revoke`, { by: 'domain', domain: 'globex.com' });
    expect(none.headers.get('location')).toBe(`${base}?notice=revoked-none`);
    expect((await sessionsOf(app)).map((row) => row.email)).toEqual(['gil@globex.com']);

    const events = await listAuditEvents(app.deps.ctx.database.db, { action: 'session.revoked' });
    expect(events.map((event) => [event.actor, event.details.email]).sort()).toEqual([
      ['staff:ann@example.com', 'alice@acme-corp.com'],
      ['staff:ann@example.com', 'bob@acme-labs.com'],
      ['staff:ann@example.com', 'carol@acme-labs.com'],
      ['staff:ann@example.com', 'dan@eu.acme-labs.com'],
    ]);
    const writes = await listAuditEvents(app.deps.ctx.database.db, { action: 'dashboard.write' });
    expect(writes.map((event) => [event.actor, event.subjectId])).toEqual(Array(4).fill(['staff:ann@example.com', acme]));
  });

  it('who can access: the pages an address may sign in to and the entry that admits it, near misses and why, bad input in place', async () => {
    const { app } = await withStaff();
    const vic = await staffBrowser(app, 'vic@example.com');
    const ok = await (await vic.get('/admin/customer-pages/who-can-access?email=Alice%2Bnews%40ACME-labs.com')).text();
    expect(ok).toContain('alice+news@acme-labs.com may sign in to 1 customer page');
    expect(ok).toMatch(/>Acme Corp<\/a><\/td><td>Customer status<\/td><td>acme-labs\.com<\/td>/);

    const near = await (await vic.get('/admin/customer-pages/who-can-access?email=x%40eu.globex.com')).text();
    expect(near).toContain('may sign in to 0 customer pages');
    expect(near).toContain('globex.com admits exactly that domain, not eu.globex.com under it');

    const none = await (await vic.get('/admin/customer-pages/who-can-access?email=x%40example.org')).text();
    expect(none).toContain('Refused everywhere: no customer page’s allowlist has example.org');

    for (const junk of ['not an address', '"a"@globex.com', 'a@b@globex.com', 'x'.repeat(400)]) {
      const bad = await vic.get(`/admin/customer-pages/who-can-access?email=${encodeURIComponent(junk)}`);
      expect(bad.status).toBe(400);
      const html = await bad.text();
      expect(html).toMatch(/id="email-error" class="field-error">This is not an address we accept/);
      expect(html).toContain('aria-invalid="true"');
    }
    expect(await (await vic.get('/admin/customer-pages/who-can-access?email=not+an+address')).text()).toContain('value="not an address"');
  });

  it('junk input gets a 4xx with a message, never a 500', async () => {
    const { app, seeded } = await withStaff();
    const ann = await staffBrowser(app, 'ann@example.com');
    const base = `/admin/customer-pages/${seeded.acme.customerPageId}`;
    expect((await ann.get('/admin/customer-pages?page=abc')).status).toBe(400);
    expect((await ann.get('/admin/customer-pages?page=0')).status).toBe(400);
    expect((await ann.get(`/admin/customer-pages?q=${'x'.repeat(101)}`)).status).toBe(400);
    expect((await ann.get('/admin/customer-pages?page=99')).status).toBe(200);
    for (const path of ['/admin/customer-pages/nope', '/admin/customer-pages/nope/preview', '/admin/customer-pages/nope/rotate'])
      expect([path, (await ann.get(path)).status]).toEqual([path, 404]);
    expect((await ann.post('/admin/customer-pages/nope/rotate', { confirm: 'yes' })).status).toBe(404);
    expect((await ann.post('/admin/customer-pages/nope/sessions/revoke', { by: 'all' })).status).toBe(404);
    expect((await ann.post(`${base}/sessions/revoke`, { by: 'everyone' })).status).toBe(400);
    expect((await ann.post(`${base}/sessions/revoke`, {})).status).toBe(400);
    expect((await ann.post(`${base}/sessions/revoke`, { by: 'email', email: 'nope' })).status).toBe(400);
    const badDomain = await ann.post(`${base}/sessions/revoke`, { by: 'domain', domain: 'not a domain!' });
    expect(badDomain.status).toBe(400);
    const html = await badDomain.text();
    expect(html).toMatch(/id="domain-error" class="field-error">Not a domain: /);
    expect(html).toContain('value="not a domain!"');
    const multipart = await ann.post(
      `${base}/sessions/revoke`,
      {},
      { 'sec-fetch-site': 'same-origin', 'content-type': 'multipart/form-data' },
    );
    expect(multipart.status).toBe(400);
    const huge = await ann.post(`${base}/sessions/revoke`, { by: 'domain', domain: 'x'.repeat(200_000) });
    expect(huge.status).toBe(413);
    expect(
      (await ann.post(`${base}/rotate`, { confirm: 'yes' }, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })).status,
    ).toBe(403);
    expect(await sessionsOf(app)).toEqual([]);
  });

  it('the audit log filters by page, address and event, pages in the store without skipping, and shows non-admins page events only', async () => {
    const { app, seeded } = await withStaff();
    const acme = seeded.acme.customerPageId;
    const ann = await staffBrowser(app, 'ann@example.com');
    await ann.get(`/admin/customer-pages/${acme}/preview`);
    await ann.get(`/admin/customer-pages/${seeded.globex.customerPageId}/preview`);
    await signIn(app.deps, createBrowser(app.app), seeded.acme.path, 'alice@acme-corp.com');

    const rows = async (browser: ReturnType<typeof createBrowser>, query: string) =>
      [...(await (await browser.get(`/admin/audit?${query}`)).text()).matchAll(/<tr><td>[^<]+<\/td><td>([a-z_.]+)<\/td>/g)].map(
        (m) => m[1],
      );
    expect(await rows(ann, `page=${acme}&event=customer_page.previewed`)).toEqual(['customer_page.previewed']);
    expect(new Set(await rows(ann, 'address=ALICE%40acme-corp.com'))).toEqual(
      new Set(['sign_in.link_requested', 'sign_in.mail_sent', 'sign_in.link_opened', 'sign_in.redeemed', 'session.created']),
    );
    expect(await rows(ann, `page=${seeded.globex.customerPageId}`)).toEqual(['customer_page.previewed']);
    expect(await rows(ann, 'event=staff.added')).toHaveLength(3);

    const vic = await staffBrowser(app, 'vic@example.com');
    expect(await rows(vic, 'event=staff.added')).toEqual([]);
    const whole = await (await vic.get('/admin/audit')).text();
    expect(whole).toContain('customer_page.previewed');
    expect(whole).not.toMatch(/staff\.added|staff_session/);

    // Sixty events of one instant: two pages, none skipped or repeated (keyset on time and id).
    const at = new Date('2025-03-01T13:00:00Z');
    await writeTransaction(app.deps.ctx.database, (tx) =>
      insertAuditEvents(
        tx,
        Array.from({ length: 60 }, () => ({
          id: newId(),
          at,
          actor: 'system',
          action: 'customer_page.burst',
          subjectType: 'customer_page',
          subjectId: acme,
          pageId: acme,
          details: {},
        })),
      ),
    );
    const first = await (await ann.get('/admin/audit?event=customer_page.burst')).text();
    const older = /href="(\/admin\/audit\?[^"]+)">Older events/.exec(first)?.[1]?.replaceAll('&amp;', '&');
    expect(older).toBeDefined();
    const second = await (await ann.get(older!)).text();
    const idsOf = (html: string) => (html.match(/<tr><td>2025/g) ?? []).length;
    expect([idsOf(first), idsOf(second)]).toEqual([50, 10]);
    expect(second).not.toContain('Older events');

    for (const query of ['address=nope', 'event=DROP%20TABLE', 'after=yesterday', `page=${'%01'}`]) {
      const bad = await ann.get(`/admin/audit?${query}`);
      expect([query, bad.status]).toEqual([query, 400]);
    }
    expect(await (await ann.get('/admin/audit?address=nope')).text()).toMatch(/id="f-address-error" class="field-error">Address: /);
  });
});
