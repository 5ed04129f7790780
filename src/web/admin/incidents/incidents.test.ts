/**
 * The dashboard's incident screens over HTTP: roles (STF-3), CSRF-checked
 * POSTs (STF-5), every write audited with its staff actor and an edit keeping the text it replaced
 * (STF-7), field errors in place, stale edits refused with 409, junk input answered 4xx, search and
 * paging in the store, and the live events stream.
 */
import { afterEach, expect, it } from 'vitest';
import { type TestBrowser, createBrowser } from '../../../../test/helpers/customer-pages.js';
import { describeOnSqlite } from '../../../../test/helpers/describe-each-engine.js';
import { addStaff, signInToAdmin } from '../../../../test/helpers/staff-fixtures.js';
import { type TestApp, createTestApp } from '../../../../test/helpers/test-app.js';
import { createComponent } from '../../../services/status/components.js';
import { createGroup } from '../../../services/status/groups.js';
import { createPage } from '../../../services/pages/pages.js';
import { createIncident, getIncident, getIncidentForEditing, listIncidents, resolveIncident } from '../../../services/status/incidents.js';
import { listIncidentTemplates } from '../../../services/status/incident-templates.js';
import { createStaffDeps } from '../../../services/staff/staff-deps.js';
import { listAuditEvents } from '../../../store/access/audit-log.js';

const CROSS_SITE = { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' };

describeOnSqlite('dashboard incident screens', (database) => {
  const opened: TestApp[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((app) => app.close()));
  });

  async function setUp() {
    const app = await createTestApp(database());
    opened.push(app);
    await addStaff(createStaffDeps(app.deps.ctx, { secret: app.deps.config.secret }), {
      'ann@example.com': 'admin',
      'rita@example.com': 'responder',
      'vic@example.com': 'viewer',
    });
    const api = await createComponent(app.deps.ctx, { name: 'API' });
    const web = await createComponent(app.deps.ctx, { name: 'Website' });
    const mail = await createComponent(app.deps.ctx, { name: 'Mail relay' });
    const core = await createGroup(app.deps.ctx, { name: 'Core', componentIds: [api.id, web.id] });
    await createPage(app.deps.ctx, {
      slug: 'acme',
      name: 'Acme',
      items: [
        { kind: 'group', groupId: core.id, showUptime: true },
        { kind: 'component', componentId: mail.id, showUptime: true },
      ],
    });
    return { app, components: { api, web, mail } };
  }

  /** A browser signed in to /admin as `email` (a minute later each time: one link a minute per address, REQ-4). */
  async function staffBrowser(app: TestApp, email: string): Promise<TestBrowser> {
    app.advance(61_000);
    const browser = createBrowser(app.app);
    await signInToAdmin(app.deps, browser, email);
    return browser;
  }

  const declare = (app: TestApp, name = 'API errors', impacts: { componentId: string; impact: 'partial_outage' }[] = []) =>
    createIncident(app.deps.ctx, { name, status: 'investigating', message: 'Looking into it.', impacts });

  const versionOf = async (app: TestApp, id: string) => (await getIncidentForEditing(app.deps.ctx, id)).version;

  it('STF-3: a viewer reads the list and an incident, and is refused every write with 403, nothing changed', async () => {
    const { app, components } = await setUp();
    const incident = await declare(app, 'API errors', [{ componentId: components.api.id, impact: 'partial_outage' }]);
    const vic = await staffBrowser(app, 'vic@example.com');
    const list = await vic.get('/admin/incidents');
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(listHtml).toContain('API errors');
    expect(listHtml).toContain('API (Partial outage)');
    expect(listHtml).not.toContain('Declare an incident</a>');
    const screen = await (await vic.get(`/admin/incidents/${incident.id}`)).text();
    expect(screen).toContain('Looking into it.');
    expect(screen).not.toContain('Post an update');

    const version = String(await versionOf(app, incident.id));
    const base = `/admin/incidents/${incident.id}`;
    const attempts: [string, Record<string, string>][] = [
      ['/admin/incidents', { name: 'Nope', status: 'investigating', message: 'x' }],
      ['/admin/incidents/templates', { name: 'Nope', message: 'x' }],
      [`${base}/updates`, { status: 'monitoring', message: 'x', version }],
      [`${base}/resolve`, { message: 'x', version }],
      [`${base}/rename`, { name: 'Renamed', version }],
      [`${base}/updates/${incident.updates[0]!.id}`, { message: 'edited', version }],
      [`${base}/delete`, { version }],
    ];
    for (const [path, form] of attempts) expect((await vic.post(path, form)).status, path).toBe(403);
    for (const path of ['/admin/incidents/new', `${base}/delete`, `${base}/updates/${incident.updates[0]!.id}/edit`]) {
      expect((await vic.get(path)).status, path).toBe(403);
    }
    expect(await getIncident(app.deps.ctx, incident.id)).toEqual(incident);
    expect(await listIncidentTemplates(app.deps.ctx)).toEqual([]);
    expect(await listAuditEvents(app.deps.ctx.database.db, { actor: 'staff:vic@example.com' })).toEqual([]);
  });

  it('reviews before publishing: the pages it will show on and the subscribers told, writing nothing; the form keeps what was typed', async () => {
    const { app, components } = await setUp();
    const other = await createComponent(app.deps.ctx, { name: 'Unlisted' });
    const rita = await staffBrowser(app, 'rita@example.com');
    const form = { name: 'Checkout failing', status: 'identified', message: 'Payments time out.', displayAt: '' };
    const review = await rita.post('/admin/incidents/review', { ...form, [`impact.${components.mail.id}`]: 'partial_outage' });
    expect(review.status).toBe(200);
    const html = await review.text();
    expect(html).toContain('Review before publishing');
    expect(html).toMatch(/It will show on 1 page, and 0 subscribers\s+would be notified/);
    expect(html).toContain('Acme <span class="muted">(/acme)</span>');
    expect(html).toContain('value="Checkout failing"');
    const nowhere = await (await rita.post('/admin/incidents/review', { ...form, [`impact.${other.id}`]: 'partial_outage' })).text();
    expect(nowhere).toContain('No page will show this incident');
    expect((await rita.post('/admin/incidents/review', { ...form, name: '' })).status).toBe(400);
    expect(await listIncidents(app.deps.ctx, { limit: 10 })).toHaveLength(0);
    const vic = await staffBrowser(app, 'vic@example.com');
    expect((await vic.post('/admin/incidents/review', form)).status).toBe(403);
  });

  it('previews the draft as the page will show it once declared: banner, card and rows by the public views, all escaped, nothing stored', async () => {
    const { app, components } = await setUp();
    const rita = await staffBrowser(app, 'rita@example.com');
    const publicBefore = await (await app.app.request('/acme')).text();
    const form = { name: '<script>alert(1)</script> Checkout', status: 'identified', message: 'Payments <b>time</b> out.', displayAt: '' };
    const fields = { ...form, [`impact.${components.api.id}`]: 'full_outage' };
    const review = await rita.post('/admin/incidents/review', fields);
    expect(review.status).toBe(200);
    const html = await review.text();
    expect(html).toContain('How it will look on <a href="/acme">Acme</a>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Checkout');
    expect(html).toContain('Payments &lt;b&gt;time&lt;/b&gt; out.');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<b>time');
    // The rows it touches (API's group, whole), not the others.
    expect(html).toContain('<span class="name">Website</span>');
    expect(html).not.toContain('<span class="name">Mail relay</span>');
    // Nothing is written: no incident, and the public page reads as before.
    expect(await listIncidents(app.deps.ctx, { limit: 10 })).toHaveLength(0);
    expect(await (await app.app.request('/acme')).text()).toBe(publicBefore);

    // Declared at the same instant, the public page shows what the preview showed.
    expect((await rita.post('/admin/incidents', fields)).status).toBe(303);
    const [declared] = await listIncidents(app.deps.ctx, { limit: 10 });
    const publicAfter = await (await app.app.request('/acme')).text();
    const banner = (page: string) => /<section class="banner [^"]+"[^]*?<\/section>/.exec(page)?.[0];
    const card = (page: string, id: string) =>
      /<article class="incident [^]*?<\/article>/
        .exec(page)?.[0]
        .replaceAll(`/acme/incidents/${id}`, '/acme')
        .replaceAll(`incident-${id}`, 'incident-X');
    const rowHead = (page: string, name: string) =>
      new RegExp(`<div class="row-head"><span class="name">${name}</span>[^]*?</div>`).exec(page)?.[0];
    const draftId = /id="incident-([a-z0-9]+)"/.exec(html)?.[1] ?? '';
    expect(banner(html)).toContain('bn-critical');
    // The same banner, its heading one level down: the review screen keeps its single h1.
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(banner(html)?.replaceAll('h4', 'h1').replaceAll('preview-overall-status', 'overall-status')).toBe(banner(publicAfter));
    expect(card(html, draftId)).toContain('<span class="pill ps-identified">Identified</span>');
    expect(card(html, draftId)).toBe(card(publicAfter, declared!.id));
    expect(rowHead(html, 'API')).toContain('st-full_outage');
    expect(rowHead(html, 'API')).toBe(rowHead(publicAfter, 'API'));
  });

  it('reviews an update: the incident with the new update on top as the page will show it, checked as posting is (409 when stale), nothing stored', async () => {
    const { app, components } = await setUp();
    const incident = await declare(app, 'API errors', [{ componentId: components.api.id, impact: 'partial_outage' }]);
    const rita = await staffBrowser(app, 'rita@example.com');
    const version = String(await versionOf(app, incident.id));
    const base = `/admin/incidents/${incident.id}`;
    const fields = {
      status: 'monitoring',
      message: 'A <em>fix</em> is out.',
      displayAt: '',
      version,
      [`impact.${components.api.id}`]: 'degraded_performance',
    };
    const review = await rita.post(`${base}/updates/review`, fields);
    expect(review.status).toBe(200);
    const html = await review.text();
    expect(html).toContain('Review before publishing');
    expect(html).toContain('Nothing is published until you press “Post update”');
    const card = /<article class="incident [^]*?<\/article>/.exec(html)?.[0] ?? '';
    expect(card).toContain('>API errors</a>');
    expect(card).toContain('<span class="pill ps-monitoring">Monitoring</span>');
    // The card keeps the worst impact it had; the row reads as the update leaves it.
    expect(card).toContain('<span>Partial outage</span>');
    expect(html).toMatch(/<span class="name">API<\/span><span class="status st-degraded_performance">/);
    expect(card).toContain('<p class="msg">A &lt;em&gt;fix&lt;/em&gt; is out.</p><p class="meta">Updated <time');
    expect(html).not.toContain('<em>fix');
    // The form keeps what was typed; nothing is written.
    expect(html).toContain('A &lt;em&gt;fix&lt;/em&gt; is out.</textarea>');
    expect(await getIncident(app.deps.ctx, incident.id)).toEqual(incident);
    expect((await rita.post(`${base}/updates/review`, { ...fields, version: String(Number(version) + 1) })).status).toBe(409);
    expect((await rita.post(`${base}/updates/review`, { ...fields, status: 'bogus' })).status).toBe(400);
    expect(await getIncident(app.deps.ctx, incident.id)).toEqual(incident);
    const vic = await staffBrowser(app, 'vic@example.com');
    expect((await vic.post(`${base}/updates/review`, fields)).status).toBe(403);
  });

  it('STF-3/STF-7: a responder declares, updates, renames and resolves; each write is audited with them as actor', async () => {
    const { app, components } = await setUp();
    const rita = await staffBrowser(app, 'rita@example.com');
    expect((await rita.get('/admin/incidents/new')).status).toBe(200);
    const declared = await rita.post('/admin/incidents', {
      name: 'Checkout failing',
      status: 'identified',
      message: 'Payments time out.',
      displayAt: '',
      [`impact.${components.web.id}`]: 'full_outage',
      [`impact.${components.api.id}`]: 'none',
    });
    expect(declared.status).toBe(303);
    const location = declared.headers.get('location')!;
    const id = /\/admin\/incidents\/([^?]+)\?notice=declared$/.exec(location)![1]!;
    const incident = await getIncident(app.deps.ctx, id);
    expect(incident.name).toBe('Checkout failing');
    expect(incident.updates[0]!.impacts).toEqual([{ componentId: components.web.id, impact: 'full_outage' }]);
    // Seen on the public page.
    await app.deps.snapshots.fresh();
    expect(await (await app.app.request('/')).text()).toContain('Checkout failing');

    let version = String(await versionOf(app, id));
    app.advance(60_000);
    expect(
      (
        await rita.post(`/admin/incidents/${id}/updates`, {
          status: 'monitoring',
          message: 'Fix deployed.',
          version,
          [`impact.${components.web.id}`]: 'degraded_performance',
          [`impact.${components.api.id}`]: '',
        })
      ).status,
    ).toBe(303);
    version = String(await versionOf(app, id));
    expect((await rita.post(`/admin/incidents/${id}/rename`, { name: 'Checkout slow', version })).status).toBe(303);
    version = String(await versionOf(app, id));
    expect((await rita.post(`/admin/incidents/${id}/resolve`, { message: '', version })).status).toBe(303);
    const after = await getIncident(app.deps.ctx, id);
    expect(after.name).toBe('Checkout slow');
    expect(after.updates.map((u) => [u.status, u.message])).toEqual([
      ['identified', 'Payments time out.'],
      ['monitoring', 'Fix deployed.'],
      ['resolved', 'This incident has been resolved.'],
    ]);
    expect(after.updates[1]!.impacts).toEqual([{ componentId: components.web.id, impact: 'degraded_performance' }]);
    const events = await listAuditEvents(app.deps.ctx.database.db, { actor: 'staff:rita@example.com', subjectId: id });
    expect(events.map((e) => e.action).sort()).toEqual([
      'incident.declared',
      'incident.renamed',
      'incident.resolved',
      'incident.update_posted',
    ]);
    expect(events.find((e) => e.action === 'incident.renamed')?.details).toEqual({ before: 'Checkout failing', after: 'Checkout slow' });
  });

  it('field errors show in place with what was typed kept (400), never a 500', async () => {
    const { app, components } = await setUp();
    const rita = await staffBrowser(app, 'rita@example.com');
    const res = await rita.post('/admin/incidents', {
      name: '   ',
      status: 'investigating',
      message: 'Typed <text> kept',
      [`impact.${components.api.id}`]: 'partial_outage',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/<input id="name" name="name" type="text" value=" {3}"[^>]*aria-invalid="true" aria-describedby="name-error"/);
    expect(html).toContain('<p id="name-error" class="field-error">Must not be empty.</p>');
    expect(html).toContain('Typed &lt;text&gt; kept</textarea>');
    expect(html).toMatch(/<option value="partial_outage" selected="">partial_outage<\/option>/);

    const future = await rita.post('/admin/incidents', { name: 'x', status: 'investigating', message: 'x', displayAt: '2099-01-01T00:00' });
    expect(future.status).toBe(400);
    expect(await future.text()).toContain('<p id="displayAt-error" class="field-error">Must not be in the future.</p>');

    const junk: Record<string, string>[] = [
      { name: 'x', status: 'exploded', message: 'x' },
      { name: 'x', status: 'investigating', message: 'x', displayAt: 'yesterday' },
      { name: 'x', status: 'investigating', message: 'x', [`impact.${components.api.id}`]: 'meltdown' },
      { name: 'x', status: 'investigating', message: 'x', 'impact.no-such-component': 'full_outage' },
      { name: 'x'.repeat(201), status: 'investigating', message: 'x' },
      { name: 'x', status: 'investigating', message: 'nul\u0000' },
    ];
    for (const form of junk) {
      const answer = await rita.post('/admin/incidents', form);
      expect(answer.status, JSON.stringify(form)).toBe(400);
      expect(await answer.text()).toContain('class="field-error"');
    }
    expect((await app.deps.ctx.database.db.selectFrom('incidents').select('id').execute()).length).toBe(0);
  });

  it('junk, malformed and oversized forms get a 4xx, never a 500', async () => {
    const { app } = await setUp();
    const incident = await declare(app);
    const rita = await staffBrowser(app, 'rita@example.com');
    const base = `/admin/incidents/${incident.id}`;
    const cookie = rita.jar.header();
    const raw = (path: string, body: string, contentType: string) =>
      app.app.request(path, { method: 'POST', headers: { cookie, 'content-type': contentType, 'sec-fetch-site': 'same-origin' }, body });
    const paths = [
      '/admin/incidents',
      '/admin/incidents/templates',
      `${base}/updates`,
      `${base}/resolve`,
      `${base}/rename`,
      `${base}/delete`,
      `${base}/updates/${incident.updates[0]!.id}`,
    ];
    for (const path of paths) {
      const statuses = [
        (await raw(path, '--x\r\nbroken', 'multipart/form-data; boundary=x')).status,
        (await raw(path, 'version=abc&status[]=1&%%%', 'application/x-www-form-urlencoded')).status,
        (await raw(path, `message=${'a'.repeat(200_000)}`, 'application/x-www-form-urlencoded')).status,
        (await rita.post(path, { version: '-1', status: '', name: '', message: '' })).status,
      ];
      for (const status of statuses) expect(status, `${path}: ${statuses.join(',')}`).toBeGreaterThanOrEqual(400);
      for (const status of statuses) expect(status, `${path}: ${statuses.join(',')}`).toBeLessThan(500);
    }
    for (const path of [
      '/admin/incidents/nope',
      '/admin/incidents/nope/timeline',
      '/admin/incidents/nope/delete',
      `${base}/updates/nope/edit`,
    ]) {
      expect((await rita.get(path)).status, path).toBe(404);
    }
    expect((await rita.post('/admin/incidents/nope/updates', { status: 'monitoring', message: 'x', version: '1' })).status).toBe(404);
    expect((await rita.get('/admin/incidents?before=nope&q=%25')).status).toBe(400);
    expect((await rita.get(`/admin/incidents/${incident.id}/events?version=abc`)).status).toBe(400);
    expect(await getIncident(app.deps.ctx, incident.id)).toEqual(incident);
  });

  it('STF-5: a cross-site POST changes nothing', async () => {
    const { app } = await setUp();
    const incident = await declare(app);
    const rita = await staffBrowser(app, 'rita@example.com');
    const version = String(await versionOf(app, incident.id));
    const res = await rita.post(`/admin/incidents/${incident.id}/rename`, { name: 'Hijacked', version }, CROSS_SITE);
    expect(res.status).toBe(403);
    expect((await getIncident(app.deps.ctx, incident.id)).name).toBe('API errors');
  });

  it('a stale edit is refused with 409: nothing changes, the newer state shows, and what was typed is kept', async () => {
    const { app } = await setUp();
    const incident = await declare(app);
    const ann = await staffBrowser(app, 'ann@example.com');
    const rita = await staffBrowser(app, 'rita@example.com');
    const seen = String(await versionOf(app, incident.id));
    // Ann posts first, from the version both saw.
    expect(
      (await ann.post(`/admin/incidents/${incident.id}/updates`, { status: 'identified', message: 'Ann found it.', version: seen })).status,
    ).toBe(303);
    const afterAnn = await getIncident(app.deps.ctx, incident.id);

    const base = `/admin/incidents/${incident.id}`;
    const stale: [string, Record<string, string>, string][] = [
      [`${base}/updates`, { status: 'monitoring', message: 'Rita typed this.', version: seen }, 'Rita typed this.</textarea>'],
      [`${base}/rename`, { name: 'Rita renamed', version: seen }, 'value="Rita renamed"'],
      [`${base}/resolve`, { message: 'Rita resolves.', version: seen }, 'Rita resolves.</textarea>'],
      [`${base}/updates/${incident.updates[0]!.id}`, { message: 'Rita edits.', version: seen }, 'Rita edits.</textarea>'],
      [`${base}/delete`, { version: seen }, 'Delete “API errors”?'],
    ];
    for (const [path, form, kept] of stale) {
      const res = await rita.post(path, form);
      expect(res.status, path).toBe(409);
      const html = await res.text();
      expect(html, path).toContain('Someone changed this incident since you opened it');
      expect(html, path).toContain(kept);
      if (!path.endsWith('/delete') && !path.includes('/updates/')) expect(html, path).toContain('Ann found it.');
    }
    expect(await getIncident(app.deps.ctx, incident.id)).toEqual(afterAnn);
    expect(await listAuditEvents(app.deps.ctx.database.db, { actor: 'staff:rita@example.com' })).toEqual([]);
  });

  it('STF-7: editing an update keeps the old text in the audit log; back-dating moves it on the timeline', async () => {
    const { app } = await setUp();
    const incident = await declare(app);
    const rita = await staffBrowser(app, 'rita@example.com');
    const update = incident.updates[0]!;
    const edit = await rita.get(`/admin/incidents/${incident.id}/updates/${update.id}/edit`);
    expect(edit.status).toBe(200);
    expect(await edit.text()).toContain('Looking into it.</textarea>');
    const version = String(await versionOf(app, incident.id));
    const res = await rita.post(`/admin/incidents/${incident.id}/updates/${update.id}`, {
      message: 'We are looking into elevated API errors.',
      displayAt: '2025-03-01T10:15',
      version,
    });
    expect(res.status).toBe(303);
    const after = await getIncident(app.deps.ctx, incident.id);
    expect(after.updates[0]!.message).toBe('We are looking into elevated API errors.');
    expect(after.updates[0]!.displayAt.toISOString()).toBe('2025-03-01T10:15:00.000Z');
    const [event] = await listAuditEvents(app.deps.ctx.database.db, { action: 'incident_update.edited' });
    expect(event?.actor).toBe('staff:rita@example.com');
    expect(event?.details).toEqual({
      updateId: update.id,
      before: { message: 'Looking into it.', displayAt: update.displayAt.toISOString() },
      after: { message: 'We are looking into elevated API errors.', displayAt: '2025-03-01T10:15:00.000Z' },
    });
    // Sent back unchanged, the shown minute does not move the update's exact time.
    const again = String(await versionOf(app, incident.id));
    await rita.post(`/admin/incidents/${incident.id}/updates/${update.id}`, {
      message: 'Same time.',
      displayAt: '2025-03-01T10:15',
      version: again,
    });
    expect((await getIncident(app.deps.ctx, incident.id)).updates[0]!.displayAt.toISOString()).toBe('2025-03-01T10:15:00.000Z');
  });

  it('deletes only after the confirmation step, by POST, audited', async () => {
    const { app } = await setUp();
    const incident = await declare(app);
    const ann = await staffBrowser(app, 'ann@example.com');
    const confirm = await ann.get(`/admin/incidents/${incident.id}/delete`);
    expect(confirm.status).toBe(200);
    const version = /name="version" value="(\d+)"/.exec(await confirm.text())![1]!;
    expect((await ann.get(`/admin/incidents/${incident.id}`)).status).toBe(200);
    const res = await ann.post(`/admin/incidents/${incident.id}/delete`, { version });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/incidents?notice=deleted');
    expect((await ann.get(`/admin/incidents/${incident.id}`)).status).toBe(404);
    const [event] = await listAuditEvents(app.deps.ctx.database.db, { action: 'incident.deleted' });
    expect(event).toMatchObject({ actor: 'staff:ann@example.com', subjectId: incident.id, details: { name: 'API errors' } });
  });

  it('lists open incidents at a glance and pages past ones, searched by name in the store', async () => {
    const { app } = await setUp();
    for (let i = 0; i < 30; i++) {
      app.advance(1_000);
      const past = await declare(app, i % 3 === 0 ? `Database 100% slow ${i}` : `Network blip ${i}`);
      await resolveIncident(app.deps.ctx, past.id);
    }
    await declare(app, 'Still open');
    const vic = await staffBrowser(app, 'vic@example.com');
    const first = await (await vic.get('/admin/incidents')).text();
    expect(first).toContain('Open incidents (1)');
    expect(first).toContain('Still open');
    expect(first).toContain('Network blip 29');
    expect(first).not.toContain('Network blip 1<');
    const older = /href="(\/admin\/incidents\?before=[^"#]+)#past">Older/.exec(first)?.[1];
    expect(older).toBeDefined();
    const second = await (await vic.get(older!.replaceAll('&amp;', '&'))).text();
    expect(second).toContain('Network blip 1<');
    expect(second).not.toContain('Network blip 29');
    expect(second).not.toContain('>Older<');

    const searched = await (await vic.get('/admin/incidents?q=DATABASE%20100%25')).text();
    const names = [...searched.matchAll(/>(Database 100% slow \d+)</g)].map((m) => m[1]);
    expect(names).toEqual([
      'Database 100% slow 27',
      'Database 100% slow 24',
      'Database 100% slow 21',
      'Database 100% slow 18',
      'Database 100% slow 15',
      'Database 100% slow 12',
      'Database 100% slow 9',
      'Database 100% slow 6',
      'Database 100% slow 3',
      'Database 100% slow 0',
    ]);
    // `%` and `_` match themselves, not anything.
    expect(await (await vic.get('/admin/incidents?q=_')).text()).toContain('No past incident');
  });

  it('saves a template from the declare form, starts from it, and deletes it; both audited', async () => {
    const { app, components } = await setUp();
    const rita = await staffBrowser(app, 'rita@example.com');
    const saved = await rita.post('/admin/incidents/templates', {
      name: 'Mail delays',
      status: 'investigating',
      message: 'Mail is delayed.',
      [`impact.${components.mail.id}`]: 'degraded_performance',
      [`impact.${components.api.id}`]: 'none',
    });
    expect(saved.status).toBe(303);
    const [template] = await listIncidentTemplates(app.deps.ctx);
    expect(template).toMatchObject({
      name: 'Mail delays',
      message: 'Mail is delayed.',
      impacts: [{ componentId: components.mail.id, impact: 'degraded_performance' }],
    });
    const form = await (await rita.get(saved.headers.get('location')!)).text();
    expect(form).toContain('Template saved.');
    expect(form).toContain('value="Mail delays"');
    expect(form).toMatch(
      /Mail relay<\/label><select id="impact-\d+" name="impact\.[^"]+">(<option[^>]*>[^<]*<\/option>)*<option value="degraded_performance" selected="">/,
    );
    expect((await rita.post(`/admin/incidents/templates/${template!.id}/delete`, { id: template!.id })).status).toBe(303);
    expect(await listIncidentTemplates(app.deps.ctx)).toEqual([]);
    expect((await rita.post(`/admin/incidents/templates/${template!.id}/delete`, {})).status).toBe(404);
    const actions = (await listAuditEvents(app.deps.ctx.database.db, { actor: 'staff:rita@example.com' })).map((e) => e.action).sort();
    expect(actions).toEqual(['incident_template.created', 'incident_template.deleted']);
  });

  it('the declare grid shows groups as headings, each component once, and a filter box hidden until the script runs', async () => {
    const { app } = await setUp();
    const rita = await staffBrowser(app, 'rita@example.com');
    const res = await rita.get('/admin/incidents/new');
    const html = await res.text();
    expect(html.indexOf('<h3>Core</h3>')).toBeLessThan(html.indexOf('<h3>Other components</h3>'));
    expect(html.match(/name="impact\./g)?.length).toBe(3);
    expect(html).toContain('<div class="field grid-filter" hidden="">');
    const csp = res.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(csp).toContain("connect-src 'self'");
    expect(html).toMatch(new RegExp(`<script src="/assets/admin-incidents\\.[0-9a-f]{8}\\.js" nonce="${nonce.replace(/[+/]/g, '\\$&')}"`));
  });

  it('live events: signed-in staff only; a change by another member is announced with the new version; the streams are bounded and end on close', async () => {
    const { app } = await setUp();
    const incident = await declare(app);
    const anonymous = await app.app.request(`/admin/incidents/${incident.id}/events?version=1`);
    expect(anonymous.status).toBe(303);
    const vic = await staffBrowser(app, 'vic@example.com');
    const version = await versionOf(app, incident.id);
    const res = await vic.get(`/admin/incidents/${incident.id}/events?version=${version}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toBe('retry: 5000\n\n');
    expect(app.deps.eventStreams.size).toBe(1);

    const rita = await staffBrowser(app, 'rita@example.com');
    await rita.post(`/admin/incidents/${incident.id}/updates`, { status: 'identified', message: 'Found.', version: String(version) });
    expect((await reader.read()).value).toBe(`event: incident\ndata: {"version":${version + 1}}\n\n`);
    const timeline = await (await vic.get(`/admin/incidents/${incident.id}/timeline`)).text();
    expect(timeline).toContain('Found.');
    expect(timeline).not.toContain('<html');

    // The bound: fill what is left, and the next screen is told to do without (503).
    const held: (() => void)[] = [];
    for (let unregister = app.deps.eventStreams.open(() => {}); unregister; unregister = app.deps.eventStreams.open(() => {}))
      held.push(unregister);
    expect((await vic.get(`/admin/incidents/${incident.id}/events?version=${version}`)).status).toBe(503);
    for (const unregister of held) unregister();

    await app.close();
    expect(await reader.read()).toEqual({ done: true, value: undefined });
    expect(app.deps.eventStreams.size).toBe(0);
  });

  it('a graceful drain ends open event streams first, so a screen left open never holds the shutdown', async () => {
    const { app } = await setUp();
    const incident = await declare(app);
    const vic = await staffBrowser(app, 'vic@example.com');
    const { server, url, drain } = await app.web.listen({ port: 0, host: '127.0.0.1' });
    try {
      const res = await fetch(`${url}/admin/incidents/${incident.id}/events?version=1`, { headers: { cookie: vic.jar.header() } });
      expect(res.status).toBe(200);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      expect((await reader.read()).value).toBe('retry: 5000\n\n');
      // A deadline far beyond the test's own timeout: finishing at all means the stream did not hold the drain.
      await drain.drain(600_000);
      expect(await reader.read()).toEqual({ done: true, value: undefined });
      expect(app.deps.eventStreams.size).toBe(0);
    } finally {
      server.close();
    }
  });
});
