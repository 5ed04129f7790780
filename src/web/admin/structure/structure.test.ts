/**
 * The Components, Groups and Pages screens over HTTP (security.md STF-3, STF-5, STF-7).
 */
import { afterEach, expect, it } from 'vitest';
import { CUSTOMER_TEST_URL } from '../../../../test/helpers/customer-app.js';
import { createBrowser } from '../../../../test/helpers/customer-pages.js';
import { describeOnSqlite } from '../../../../test/helpers/describe-each-engine.js';
import { addStaff, signInToAdmin } from '../../../../test/helpers/staff-fixtures.js';
import { type TestApp, createTestApp } from '../../../../test/helpers/test-app.js';
import type { Database } from '../../../store/database.js';
import { getPage, createPage } from '../../../services/pages/pages.js';
import { createComponent, getComponent, listComponents } from '../../../services/status/components.js';
import { createGroup } from '../../../services/status/groups.js';
import { createStaffDeps } from '../../../services/staff/staff-deps.js';
import { listAuditEvents } from '../../../store/access/audit-log.js';
import { createCatalogType } from '../../../services/catalog/catalog-types.js';

describeOnSqlite('dashboard: components, groups and pages', (database) => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function setUp(db: Database) {
    app = await createTestApp(db, { env: { PUBLIC_URL: CUSTOMER_TEST_URL } });
    const { ctx } = app.deps;
    await addStaff(createStaffDeps(ctx, { secret: app.deps.config.secret }), {
      'ann@example.com': 'admin',
      'rob@example.com': 'responder',
      'vic@example.com': 'viewer',
    });
    const api = await createComponent(ctx, { name: 'API' });
    const web = await createComponent(ctx, { name: 'Website' });
    const db1 = await createComponent(ctx, { name: 'Database' });
    const group = await createGroup(ctx, { name: 'Storage', componentIds: [db1.id] });
    const page = await createPage(ctx, {
      slug: 'status',
      name: 'Acme status',
      items: [
        { kind: 'component', componentId: api.id, showUptime: true },
        { kind: 'component', componentId: web.id, showUptime: true },
      ],
    });
    const other = await createPage(ctx, { slug: 'other', name: 'Other' });
    return { app, ctx, api, web, db1, group, page, other };
  }

  async function staffBrowser(email: string) {
    app!.advance(61_000);
    const browser = createBrowser(app!.app);
    await signInToAdmin(app!.deps, browser, email);
    return browser;
  }

  const order = (html: string, names: string[]) => names.map((name) => html.indexOf(name));

  it('STF-3: viewers and responders read every screen, and every write is refused with 403 with nothing changed', async () => {
    const { ctx, api, group, page } = await setUp(database());
    const screens = [
      '/admin/components',
      `/admin/components/${api.id}`,
      '/admin/groups',
      `/admin/groups/${group.id}`,
      '/admin/pages',
      `/admin/pages/${page.id}`,
    ];
    const writes: [string, Record<string, string>][] = [
      ['/admin/components', { name: 'New' }],
      [`/admin/components/${api.id}`, { name: 'Renamed' }],
      [`/admin/components/${api.id}/archive`, {}],
      [`/admin/components/${api.id}/restore`, {}],
      ['/admin/groups', { name: 'New' }],
      [`/admin/groups/${group.id}`, { name: 'Renamed' }],
      [`/admin/groups/${group.id}/archive`, {}],
      [`/admin/groups/${group.id}/members/add`, { item: `component:${api.id}` }],
      [`/admin/groups/${group.id}/members/move`, { item: api.id, direction: 'down' }],
      [`/admin/groups/${group.id}/members/remove`, { item: api.id }],
      ['/admin/pages', { name: 'New', slug: 'new' }],
      [`/admin/pages/${page.id}`, { name: 'Renamed', slug: 'status', timeZone: 'UTC' }],
      [`/admin/pages/${page.id}/structure/move`, { item: `component:${api.id}`, direction: 'down' }],
      [`/admin/pages/${page.id}/structure/remove`, { item: `component:${api.id}` }],
      [`/admin/pages/${page.id}/structure/add`, { item: `group:${group.id}` }],
      [`/admin/pages/${page.id}/structure/uptime`, { item: `component:${api.id}` }],
      [`/admin/pages/${page.id}/parent`, { binding: 'x/y' }],
      [`/admin/pages/${page.id}/standalone`, {}],
      [`/admin/pages/${page.id}/customer-set`, { newType: 'Customers' }],
    ];
    const before = { components: await listComponents(ctx), page: await getPage(ctx, page.id) };
    for (const email of ['vic@example.com', 'rob@example.com']) {
      const browser = await staffBrowser(email);
      for (const path of screens) {
        const res = await browser.get(path);
        expect([email, path, res.status]).toEqual([email, path, 200]);
        const html = await res.text();
        // Nothing to press: the forms are for admins (the server refuses anyway, below).
        expect([path, html.includes('method="post" action="/admin/components"')]).toEqual([path, false]);
      }
      const nav = await (await browser.get('/admin')).text();
      expect(nav).toContain('href="/admin/components"');
      expect(nav).toContain('href="/admin/pages"');
      for (const [path, form] of writes) {
        const res = await browser.post(path, form);
        expect([email, path, res.status]).toEqual([email, path, 403]);
      }
    }
    expect(await listComponents(ctx)).toEqual(before.components);
    expect(await getPage(ctx, page.id)).toEqual(before.page);
    expect(await listAuditEvents(ctx.database.db, { actor: 'staff:vic@example.com' })).toEqual([]);
    expect(await listAuditEvents(ctx.database.db, { actor: 'staff:rob@example.com' })).toEqual([]);
  });

  it('STF-7: an admin creates, edits and archives a component, each write audited with the actor; archived leaves the public page', async () => {
    const { ctx, api } = await setUp(database());
    const browser = await staffBrowser('ann@example.com');
    const created = await browser.post('/admin/components', { name: 'Search', description: 'Full-text search' });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/admin/components?notice=created');
    const list = await (await browser.get('/admin/components?q=sea')).text();
    expect(list).toContain('>Search</a>');
    expect(list).not.toContain('>API</a>');

    expect((await browser.post(`/admin/components/${api.id}`, { name: 'Public API', description: '' })).status).toBe(303);
    expect((await getComponent(ctx, api.id)).name).toBe('Public API');
    expect(await (await app!.app.request('/status')).text()).toContain('Public API');
    expect((await browser.post(`/admin/components/${api.id}/archive`, {})).status).toBe(303);
    expect(await (await app!.app.request('/status')).text()).not.toContain('Public API');
    expect(await (await browser.get('/admin/components?archived=1')).text()).toContain('>Public API</a>');

    const events = await listAuditEvents(ctx.database.db, { actor: 'staff:ann@example.com' });
    expect(events.map((event) => [event.action, event.subjectType])).toEqual(
      expect.arrayContaining([
        ['component.created', 'component'],
        ['component.updated', 'component'],
        ['component.archived', 'component'],
      ]),
    );
    expect(events.find((event) => event.action === 'component.archived')?.subjectId).toBe(api.id);
    expect(events.find((event) => event.action === 'component.created')?.subjectId).toBe(
      (await listComponents(ctx)).find((c) => c.name === 'Search')?.id,
    );
  });

  it('shows field errors in place with what was typed, and records nothing for a refused write', async () => {
    const { ctx, page, other } = await setUp(database());
    const browser = await staffBrowser('ann@example.com');
    const empty = await browser.post('/admin/components', { name: '  ', description: 'kept <typed>' });
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toMatch(/<input id="new-name"[^>]*aria-invalid="true"[^>]*aria-describedby="new-name-error"/);
    expect(html).toContain('<p id="new-name-error" class="field-error">');
    expect(html).toContain('kept &lt;typed&gt;</textarea>');

    const taken = await browser.post(`/admin/pages/${other.id}`, {
      name: 'Other typed',
      slug: 'status',
      timeZone: 'Europe/Berlin',
      description: '',
    });
    expect(taken.status).toBe(409);
    const takenHtml = await taken.text();
    expect(takenHtml).toMatch(/<p id="slug-error" class="field-error">&quot;status&quot; is already used by another page<\/p>/);
    expect(takenHtml).toContain('value="Other typed"');
    expect(takenHtml).toContain('value="Europe/Berlin"');

    const zone = await browser.post(`/admin/pages/${page.id}`, {
      name: 'Acme status',
      slug: 'status',
      timeZone: 'Mars/Olympus',
      description: '',
    });
    expect(zone.status).toBe(400);
    expect(await zone.text()).toMatch(/<p id="timeZone-error" class="field-error">unknown time zone &quot;Mars\/Olympus&quot;<\/p>/);

    const reserved = await browser.post('/admin/pages', { name: 'Admin', slug: 'admin', timeZone: 'UTC' });
    expect(reserved.status).toBe(400);
    expect(await reserved.text()).toContain('id="new-slug-error"');
    expect(await listAuditEvents(ctx.database.db, { actor: 'staff:ann@example.com' })).toEqual([]);
  });

  it('junk, malformed and oversized forms get a 4xx, never a 500', async () => {
    const { page, group, api } = await setUp(database());
    const browser = await staffBrowser('ann@example.com');
    const junk: [string, Record<string, string>][] = [
      ['/admin/components/%00nope', { name: 'x' }],
      ['/admin/components/nope/archive', {}],
      [`/admin/groups/${'x'.repeat(300)}`, { name: 'x' }],
      [`/admin/groups/${group.id}/members/add`, { item: 'component:missing' }],
      [`/admin/groups/${group.id}/members/add`, { item: '' }],
      [`/admin/pages/${page.id}/structure/add`, { item: 'component:missing' }],
      [`/admin/pages/${page.id}/structure/add`, { item: `component:${api.id}` }],
      [`/admin/pages/${page.id}/structure/add`, { item: 'widget:1' }],
      [`/admin/pages/${page.id}/structure/move`, { item: `component:${api.id}`, to: '-5' }],
      [`/admin/pages/${page.id}/parent`, { binding: '' }],
      [`/admin/pages/${page.id}/parent`, { binding: 'a/b/c/d' }],
      [`/admin/pages/${page.id}/customer-set`, { binding: 'nope/x/y' }],
      [`/admin/pages/${page.id}/customer-set`, {}],
      [`/admin/pages/${page.id}/standalone`, {}],
      [`/admin/pages/${page.id}`, { name: 'x'.repeat(5000), slug: 'Not A Slug', timeZone: 'x'.repeat(500) }],
      ['/admin/pages', {}],
      ['/admin/groups', { name: '\u0000' }],
    ];
    for (const [path, form] of junk) {
      const res = await browser.post(path, form);
      expect([path, res.status >= 300 && res.status < 500]).toEqual([path, true]);
    }
    for (const path of [
      '/admin/pages/nope',
      '/admin/groups/nope',
      '/admin/components/nope',
      '/admin/components?after=%%%',
      `/admin/pages/${page.id}?find=%25_`,
    ]) {
      const res = await browser.get(path);
      expect([path, res.status < 500]).toEqual([path, true]);
    }
    const cookie = browser.jar.header();
    const malformed = await app!.app.request(`/admin/pages/${page.id}`, {
      method: 'POST',
      headers: { cookie, 'sec-fetch-site': 'same-origin', 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nunterminated',
    });
    expect(malformed.status).toBeLessThan(500);
    const oversized = await browser.post('/admin/components', { name: 'x', description: 'y'.repeat(200_000) });
    expect(oversized.status).toBe(413);
  });

  it('reorders without JavaScript: each Move is a POST, the focus stays on the moved row, the public page follows', async () => {
    const { ctx, page, group } = await setUp(database());
    const browser = await staffBrowser('ann@example.com');
    const [api, web] = (await getPage(ctx, page.id)).items;
    expect(api?.kind).toBe('component');
    const key = api?.kind === 'component' ? `component:${api.componentId}` : '';
    const moved = await browser.post(`/admin/pages/${page.id}/structure/move`, { item: key, direction: 'down' });
    expect(moved.status).toBe(303);
    const location = moved.headers.get('location')!;
    expect((await getPage(ctx, page.id)).items).toEqual([web, api]);
    // The moved row is now last: its Move up button, the one it still has, keeps the focus.
    const screen = await (await browser.get(location)).text();
    expect(screen).toContain('Order saved.');
    expect(screen).toMatch(/<button type="submit" aria-label="Move up: API" autofocus="">/);
    const publicHtml = await (await app!.app.request('/status')).text();
    const [apiAt, webAt] = order(publicHtml, ['>API<', '>Website<']);
    expect(webAt).toBeLessThan(apiAt!);

    expect((await browser.post(`/admin/pages/${page.id}/structure/add`, { item: `group:${group.id}` })).status).toBe(303);
    expect((await browser.post(`/admin/pages/${page.id}/structure/move`, { item: `group:${group.id}`, to: '0' })).status).toBe(303);
    expect((await browser.post(`/admin/pages/${page.id}/structure/uptime`, { item: `group:${group.id}` })).status).toBe(303);
    expect((await getPage(ctx, page.id)).items[0]).toEqual({ kind: 'group', groupId: group.id, showUptime: false });
    expect((await browser.post(`/admin/pages/${page.id}/structure/remove`, { item: key })).status).toBe(303);
    expect((await getPage(ctx, page.id)).items).toHaveLength(2);
    const events = await listAuditEvents(ctx.database.db, { actor: 'staff:ann@example.com', action: 'page.structure_changed' });
    expect(events).toHaveLength(5);
    expect(events.every((event) => event.subjectId === page.id)).toBe(true);
  });

  it('turns a page into a parent and a customer page set from a catalog type; the default page stays public', async () => {
    const { ctx, page, other } = await setUp(database());
    const type = await createCatalogType(
      ctx,
      {
        name: 'Region',
        attributes: [
          { name: 'Components', kind: 'component', isList: true },
          { name: 'Domains', kind: 'email_domain', isList: true },
        ],
      },
      { actor: 'test' },
    );
    const browser = await staffBrowser('ann@example.com');
    const screen = await (await browser.get(`/admin/pages/${other.id}`)).text();
    expect(screen).toContain(`value="${type.id}/components"`);

    expect((await browser.post(`/admin/pages/${other.id}/parent`, { binding: `${type.id}/components` })).status).toBe(303);
    expect((await getPage(ctx, other.id)).kind).toBe('parent');
    expect((await browser.post(`/admin/pages/${other.id}/standalone`, {})).status).toBe(303);
    expect((await getPage(ctx, other.id)).kind).toBe('standalone');

    const refused = await browser.post(`/admin/pages/${page.id}/customer-set`, { binding: `${type.id}/domains/components` });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('make another page the default first');
    const wrongKind = await browser.post(`/admin/pages/${other.id}/customer-set`, { binding: `${type.id}/components/domains` });
    expect(wrongKind.status).toBe(400);
    expect(await wrongKind.text()).toContain('id="set-binding-error"');

    expect((await browser.post(`/admin/pages/${other.id}/customer-set`, { binding: `${type.id}/domains/components` })).status).toBe(303);
    expect((await getPage(ctx, other.id)).kind).toBe('customer_set');
    expect((await app!.app.request('/other')).status).toBe(404);
    // The set's notification mails: the update itself until staff ask for a notice only.
    expect(await (await browser.get(`/admin/pages/${other.id}`)).text()).toMatch(/<option value="full" selected/);
    expect((await browser.post(`/admin/pages/${other.id}/mail-detail`, { mailDetail: 'notice' })).status).toBe(303);
    expect(await (await browser.get(`/admin/pages/${other.id}`)).text()).toMatch(/<option value="notice" selected/);
    expect((await browser.post(`/admin/pages/${other.id}/mail-detail`, { mailDetail: 'all' })).status).toBe(400);
    const events = await listAuditEvents(ctx.database.db, { actor: 'staff:ann@example.com' });
    expect(events.map((event) => event.action)).toEqual(
      expect.arrayContaining([
        'page.made_parent',
        'page.made_standalone',
        'page.made_customer_set',
        'customer_page_set.created',
        'page.mail_detail_set',
      ]),
    );
  });
});
