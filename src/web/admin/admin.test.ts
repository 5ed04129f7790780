/**
 * The staff dashboard over HTTP (security.md STF-1, STF-2, STF-3, STF-5, STF-6, STF-7; REQ-1, REQ-5, RED-*).
 */
import { expect, it } from 'vitest';
import { CUSTOMER_TEST_URL } from '../../../test/helpers/customer-app.js';
import { createBrowser, headerList, signIn } from '../../../test/helpers/customer-pages.js';
import { describeOnSqlite } from '../../../test/helpers/describe-each-engine.js';
import { deliverStaffMails, signInToAdmin, useStaffApp } from '../../../test/helpers/staff-fixtures.js';
import { createTestApp } from '../../../test/helpers/test-app.js';
import { listAuditEvents } from '../../store/access/audit-log.js';

const CROSS_SITE = { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' };

describeOnSqlite('staff dashboard', (database) => {
  const staffApp = useStaffApp();
  const withStaff = (members?: Parameters<typeof staffApp.withStaff>[1]) => staffApp.withStaff(database(), members);
  const { staffBrowser } = staffApp;

  const snapshotOf = async (res: Response) => ({
    status: res.status,
    headers: headerList(res.headers).map(([name, value]) => [name, name === 'set-cookie' ? value.replace(/=[^;]*/, '=<value>') : value]),
    body: await res.text(),
  });

  it('STF-1/REQ-1: staff and anyone else get the identical answer, and only staff get a mail', async () => {
    const { app } = await withStaff();
    const post = (email: string) =>
      createBrowser(app.app).post('/admin/sign-in', { email, next: '' }, { 'sec-fetch-site': 'same-origin', 'x-request-id': 'same' });
    const staff = await snapshotOf(await post('ann@example.com'));
    const stranger = await snapshotOf(await post('mallory@example.com'));
    expect(staff.status).toBe(200);
    expect(staff.headers.find(([name]) => name === 'set-cookie')?.[1]).toMatch(/^__Host-beacon-staff-pending=<value>;/);
    expect(stranger).toEqual(staff);
    expect((await deliverStaffMails(app.deps)).map((mail) => mail.to)).toEqual(['ann@example.com']);
  });

  it('signs in with the emailed link: Continue in the same browser (RED-4), the code elsewhere (RED-5), nothing on GET (RED-1)', async () => {
    const { app } = await withStaff();
    const browser = createBrowser(app.app);
    await browser.post('/admin/sign-in', { email: 'ann@example.com' });
    const [mail] = await deliverStaffMails(app.deps);
    expect(mail?.link).toBe(`${CUSTOMER_TEST_URL}/admin/auth#${mail?.token}`);
    // Opening the link changes nothing, however often.
    for (let i = 0; i < 3; i++) expect((await browser.get('/admin/auth')).status).toBe(200);
    const other = createBrowser(app.app);
    const asksCode = await other.post('/admin/auth', { link: mail!.link });
    expect(await asksCode.text()).toContain('Enter the code from your email');
    expect((await other.post('/admin/auth/code', { link: mail!.token, code: '00000000' })).status).toBe(400);

    const signedIn = await browser.post('/admin/auth', { link: mail!.token });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/admin');
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('__Host-beacon-staff='));
    expect(
      cookie
        ?.split(';')
        .slice(1)
        .map((part) => part.trim())
        .sort(),
    ).toEqual(['HttpOnly', `Max-Age=${7 * 86_400}`, 'Path=/', 'SameSite=Lax', 'Secure']);
    const home = await browser.get('/admin');
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('Signed in as ann@example.com');
    expect(html).toContain('<strong>admin</strong>');
    expect(html).toContain('This device');
    // The other browser is still not signed in.
    expect((await other.get('/admin')).headers.get('location')).toBe('/admin/sign-in');
  });

  it('HDR-1/HDR-3..8: dashboard screens are never cached, never indexed, send no referrer and run no script', async () => {
    const { app } = await withStaff();
    const browser = await staffBrowser(app, 'ann@example.com');
    const visitor = createBrowser(app.app);
    for (const [path, res] of [
      ['/admin', await browser.get('/admin')],
      ['/admin/staff', await browser.get('/admin/staff')],
      ['/admin/sign-in', await visitor.get('/admin/sign-in')],
      ['/admin/auth', await visitor.get('/admin/auth')],
    ] as const) {
      expect([path, res.status]).toEqual([path, 200]);
      expect([path, res.headers.get('cache-control'), res.headers.get('x-robots-tag'), res.headers.get('referrer-policy')]).toEqual([
        path,
        'no-store',
        'noindex',
        'no-referrer',
      ]);
      // Only the link page runs a script: the one with this response's nonce (HDR-1).
      expect(res.headers.get('content-security-policy')).toMatch(
        path === '/admin/auth' ? /script-src 'nonce-[A-Za-z0-9+/]{24}'/ : /script-src 'none'/,
      );
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('vary')).toBe('Cookie');
    }
  });

  it('STF-2: a customer session is not a staff session, and the staff cookie opens no customer page', async () => {
    const { app, seeded } = await withStaff({ 'ann@acme-corp.com': 'admin' });
    const customer = createBrowser(app.app);
    await signIn(app.deps, customer, seeded.acme.path, 'ann@acme-corp.com');
    expect((await customer.get(seeded.acme.path)).status).toBe(200);
    expect((await customer.get('/admin')).headers.get('location')).toBe('/admin/sign-in');

    const staff = await staffBrowser(app, 'ann@acme-corp.com');
    const staffCookie = staff.jar.header();
    expect(staffCookie).toMatch(/^__Host-beacon-staff=/);
    const page = await app.app.request(seeded.acme.path, { headers: { cookie: staffCookie, accept: 'text/html' } });
    expect(await page.text()).toContain('Email me a sign-in link');
    // The customer's session cookie value under the staff cookie's name is no staff session either.
    const customerValue = customer.jar.header().split('=')[1]!.split(';')[0]!;
    const forged = await app.app.request('/admin', { headers: { cookie: `__Host-beacon-staff=${customerValue}` } });
    expect(forged.headers.get('location')).toBe('/admin/sign-in');
  });

  it('STF-3: a responder and a viewer are refused every staff change, and nothing changes', async () => {
    const { app } = await withStaff({ 'ann@example.com': 'admin', 'rita@example.com': 'responder', 'vic@example.com': 'viewer' });
    for (const email of ['rita@example.com', 'vic@example.com']) {
      const browser = await staffBrowser(app, email);
      expect((await browser.get('/admin')).status).toBe(200);
      expect(await (await browser.get('/admin')).text()).not.toContain('href="/admin/staff"');
      expect((await browser.get('/admin/staff')).status).toBe(403);
      const writes: [string, Record<string, string>][] = [
        ['/admin/staff', { email: 'eve@example.com', role: 'admin' }],
        ['/admin/staff/role', { email: email, role: 'admin' }],
        ['/admin/staff/role', { email: 'ann@example.com', role: 'viewer' }],
        ['/admin/staff/remove', { email: 'ann@example.com' }],
        ['/admin/staff/sign-out', { email: 'ann@example.com' }],
      ];
      for (const [path, form] of writes) expect([email, path, (await browser.post(path, form)).status]).toEqual([email, path, 403]);
    }
    const members = await app.deps.ctx.database.db.selectFrom('staff').select(['email', 'role']).orderBy('email').execute();
    expect(members).toEqual([
      { email: 'ann@example.com', role: 'admin' },
      { email: 'rita@example.com', role: 'responder' },
      { email: 'vic@example.com', role: 'viewer' },
    ]);
  });

  it('STF-5: a cross-site post changes nothing, signed in or not (REQ-5)', async () => {
    const { app } = await withStaff();
    const admin = await staffBrowser(app, 'ann@example.com');
    const refused = await admin.post('/admin/staff', { email: 'eve@example.com', role: 'admin' }, CROSS_SITE);
    expect(refused.status).toBe(403);
    expect((await admin.post('/admin/sign-out', {}, CROSS_SITE)).status).toBe(403);
    expect((await createBrowser(app.app).post('/admin/sign-in', { email: 'ann@example.com' }, CROSS_SITE)).status).toBe(403);
    expect(await app.deps.ctx.database.db.selectFrom('staff').select('email').execute()).toEqual([{ email: 'ann@example.com' }]);
    expect((await admin.get('/admin')).status).toBe(200);
  });

  it('STF-6/STF-7: an admin adds, re-roles and removes staff; the other person is signed out at once; all audited with the actor', async () => {
    const { app } = await withStaff({ 'ann@example.com': 'admin', 'bob@example.com': 'viewer' });
    const ann = await staffBrowser(app, 'ann@example.com');
    const bob = await staffBrowser(app, 'bob@example.com');
    expect((await bob.get('/admin')).status).toBe(200);

    const added = await ann.post('/admin/staff', { email: 'Cy@Example.com', role: 'responder' });
    expect(added.headers.get('location')).toBe('/admin/staff?notice=added');
    expect(await (await ann.get('/admin/staff?notice=added')).text()).toContain('Staff member added');

    expect((await ann.post('/admin/staff/role', { email: 'bob@example.com', role: 'responder' })).status).toBe(303);
    expect((await bob.get('/admin')).headers.get('location')).toBe('/admin/sign-in');

    const bobAgain = await staffBrowser(app, 'bob@example.com');
    expect(await (await bobAgain.get('/admin')).text()).toContain('<strong>responder</strong>');
    expect((await ann.post('/admin/staff/remove', { email: 'bob@example.com' })).status).toBe(303);
    expect((await bobAgain.get('/admin')).headers.get('location')).toBe('/admin/sign-in');

    const events = await listAuditEvents(app.deps.ctx.database.db, { actor: 'staff:ann@example.com' });
    expect(events.map((event) => event.action).sort()).toEqual(['staff.added', 'staff.removed', 'staff.role_changed']);
    expect(events.find((event) => event.action === 'staff.role_changed')?.details).toMatchObject({ before: 'viewer', after: 'responder' });
  });

  it('STF-6: a removal or role change on one process ends the sessions on another at once, with no revision heard', async () => {
    const { app } = await withStaff({ 'ann@example.com': 'admin', 'bob@example.com': 'viewer', 'cy@example.com': 'viewer' });
    // A second process on the same database that hears of no other process's writes (no LISTEN, no polling).
    const other = await createTestApp(database(), { env: { PUBLIC_URL: CUSTOMER_TEST_URL } });
    try {
      other.advance(61_000);
      const bobThere = createBrowser(other.app);
      await signInToAdmin(other.deps, bobThere, 'bob@example.com');
      const cyThere = createBrowser(other.app);
      await signInToAdmin(other.deps, cyThere, 'cy@example.com');
      expect((await bobThere.get('/admin')).status).toBe(200);
      expect((await cyThere.get('/admin')).status).toBe(200);

      const ann = await staffBrowser(app, 'ann@example.com');
      await ann.post('/admin/staff/remove', { email: 'bob@example.com' });
      await ann.post('/admin/staff/role', { email: 'cy@example.com', role: 'responder' });
      expect((await bobThere.get('/admin')).headers.get('location')).toBe('/admin/sign-in');
      expect((await cyThere.get('/admin')).headers.get('location')).toBe('/admin/sign-in');
    } finally {
      await other.close();
    }
  });

  it('STF-6/SES-7: an admin signs a member out everywhere at once, audited; others may not', async () => {
    const { app } = await withStaff({ 'ann@example.com': 'admin', 'bob@example.com': 'viewer' });
    const ann = await staffBrowser(app, 'ann@example.com');
    const bobLaptop = await staffBrowser(app, 'bob@example.com');
    const bobPhone = await staffBrowser(app, 'bob@example.com');
    expect((await bobLaptop.post('/admin/staff/sign-out', { email: 'ann@example.com' })).status).toBe(403);
    expect((await ann.get('/admin')).status).toBe(200);
    const done = await ann.post('/admin/staff/sign-out', { email: 'bob@example.com' });
    expect(done.headers.get('location')).toBe('/admin/staff?notice=signed-out');
    for (const bob of [bobLaptop, bobPhone]) expect((await bob.get('/admin')).headers.get('location')).toBe('/admin/sign-in');
    const events = await listAuditEvents(app.deps.ctx.database.db, { action: 'staff_session.revoked' });
    expect(events.map((event) => [event.actor, event.details.email, event.details.reason])).toEqual([
      ['staff:ann@example.com', 'bob@example.com', 'staff'],
      ['staff:ann@example.com', 'bob@example.com', 'staff'],
    ]);
    expect((await ann.post('/admin/staff/sign-out', { email: 'nobody@example.com' })).status).toBe(404);
  });

  it('shows field errors in place and keeps what was typed; no input makes a 500', async () => {
    const { app } = await withStaff();
    const ann = await staffBrowser(app, 'ann@example.com');
    const bad = await ann.post('/admin/staff', { email: 'not an address', role: 'admin' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('value="not an address"');
    expect(html).toMatch(/id="email-error" class="field-error">[^<]+</);
    expect((await ann.post('/admin/staff', { email: 'ann@example.com', role: 'admin' })).status).toBe(409);
    expect((await ann.post('/admin/staff', { email: 'x@example.com', role: 'root' })).status).toBe(400);
    expect((await ann.post('/admin/staff/role', { email: 'nobody@example.com', role: 'admin' })).status).toBe(404);
    expect((await ann.post('/admin/staff/remove', {})).status).toBe(400);
    expect((await ann.post('/admin/staff/remove', { email: 'ann@example.com' })).status).toBe(409);
  });

  it('lists the signed-in devices and signs one out; sign-out ends this one (SES-7)', async () => {
    const { app } = await withStaff();
    const laptop = await staffBrowser(app, 'ann@example.com');
    const phone = await staffBrowser(app, 'ann@example.com');
    const home = await laptop.get('/admin');
    const ids = [...(await home.text()).matchAll(/name="id" value="([a-z2-7]{16})"/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(1);
    expect((await laptop.post('/admin/sessions/revoke', { id: ids[0]! })).headers.get('location')).toBe('/admin?notice=device-signed-out');
    expect((await phone.get('/admin')).headers.get('location')).toBe('/admin/sign-in');
    expect((await laptop.get('/admin')).status).toBe(200);
    const out = await laptop.post('/admin/sign-out', {});
    expect(out.headers.get('location')).toBe('/admin');
    expect((await laptop.get('/admin')).headers.get('location')).toBe('/admin/sign-in');
    expect(await app.deps.ctx.database.db.selectFrom('staff_sessions').selectAll().execute()).toEqual([]);
  });

  it('keeps where a signed-out visitor was going, only within /admin (NXT-1/2)', async () => {
    const { app } = await withStaff();
    const browser = createBrowser(app.app);
    expect((await browser.get('/admin/staff')).headers.get('location')).toBe('/admin/sign-in?next=%2Fadmin%2Fstaff');
    expect(await (await browser.get('/admin/sign-in?next=/admin/staff')).text()).toContain('value="/admin/staff"');
    expect(await (await browser.get('/admin/sign-in?next=//evil.example/')).text()).toContain('name="next" value="/admin"');
  });
});
