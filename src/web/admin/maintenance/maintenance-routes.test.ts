/**
 * The dashboard's maintenance screens over HTTP (security.md STF-3, STF-5, STF-7):
 * roles per route, field errors in place, junk refused with a 4xx, audit records with the actor,
 * and the calendar's days in the chosen zone across a month boundary and a DST change.
 */
import { afterEach, expect, it } from 'vitest';
import { createBrowser } from '../../../../test/helpers/customer-pages.js';
import { describeOnSqlite } from '../../../../test/helpers/describe-each-engine.js';
import { addStaff, signInToAdmin } from '../../../../test/helpers/staff-fixtures.js';
import { type TestApp, createTestApp } from '../../../../test/helpers/test-app.js';
import { createStaffDeps } from '../../../services/staff/staff-deps.js';
import { createComponent } from '../../../services/status/components.js';
import { createGroup } from '../../../services/status/groups.js';
import { getMaintenance, scheduleMaintenance } from '../../../services/status/maintenances.js';
import { createPage } from '../../../services/pages/pages.js';
import { listAuditEvents } from '../../../store/access/audit-log.js';

const URL_BASE = 'https://status.example.com';
const NOW = new Date('2025-03-01T12:00:00.000Z');

describeOnSqlite('admin maintenance screens', (database) => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function setUp() {
    const t = await createTestApp(database(), { now: NOW, env: { PUBLIC_URL: URL_BASE } });
    app = t;
    const { ctx } = t.deps;
    const api = await createComponent(ctx, { name: 'API' });
    const db = await createComponent(ctx, { name: 'Database' });
    const web = await createComponent(ctx, { name: 'Website' });
    const lonely = await createComponent(ctx, { name: 'Lonely' });
    const backend = await createGroup(ctx, { name: 'Backend', componentIds: [api.id, db.id] });
    await createPage(ctx, {
      slug: 'acme',
      name: 'Acme Cloud',
      timeZone: 'Europe/Berlin',
      items: [
        { kind: 'group', groupId: backend.id, showUptime: true },
        { kind: 'component', componentId: web.id, showUptime: true },
      ],
    });
    await addStaff(createStaffDeps(ctx, { secret: t.deps.config.secret }), {
      'ann@example.com': 'admin',
      'rita@example.com': 'responder',
      'vic@example.com': 'viewer',
    });
    const as = async (email: string) => {
      t.advance(61_000);
      const browser = createBrowser(t.app);
      await signInToAdmin(t.deps, browser, email);
      /** A form post with repeated fields (checkboxes), same-origin. */
      const postForm = (path: string, entries: [string, string][]) =>
        t.app.request(path, {
          method: 'POST',
          headers: { cookie: browser.jar.header(), 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
          body: new URLSearchParams(entries).toString(),
        });
      return { ...browser, postForm };
    };
    const schedule = (start: string, end: string, name = 'DB upgrade') =>
      scheduleMaintenance(ctx, { name, componentIds: [db.id], scheduledStart: new Date(start), scheduledEnd: new Date(end) });
    const rows = () => t.deps.ctx.database.db.selectFrom('maintenances').selectAll().execute();
    return { t, ctx, api, db, web, lonely, as, schedule, rows };
  }

  const form = (fields: Record<string, string>, components: string[]): [string, string][] => [
    ...Object.entries(fields),
    ...components.map((id): [string, string] => ['components', id]),
  ];

  it('STF-3: a viewer reads the lists, a window and the calendar, and is refused every write; nothing changes', async () => {
    const { as, schedule, rows, db } = await setUp();
    const window = await schedule('2025-03-10T08:00:00Z', '2025-03-10T10:00:00Z');
    const vic = await as('vic@example.com');
    const list = await vic.get('/admin/maintenance');
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain('href="/admin/maintenance"');
    expect(html).toContain('DB upgrade');
    expect(html).not.toContain('Schedule maintenance');
    expect((await vic.get('/admin/maintenance/calendar?month=2025-03')).status).toBe(200);
    const detail = await vic.get(`/admin/maintenance/${window.id}`);
    expect(detail.status).toBe(200);
    expect(await detail.text()).not.toContain('Start now');
    for (const path of ['/admin/maintenance/new', `/admin/maintenance/${window.id}/edit`, `/admin/maintenance/${window.id}/cancel`]) {
      expect([path, (await vic.get(path)).status]).toEqual([path, 403]);
    }
    const fields = { name: 'X', message: '', start: '2025-03-05T10:00', end: '2025-03-05T11:00', zone: 'UTC' };
    const writes: [string, [string, string][]][] = [
      ['/admin/maintenance', form(fields, [db.id])],
      [`/admin/maintenance/${window.id}`, form(fields, [db.id])],
      [`/admin/maintenance/${window.id}/start`, []],
      [`/admin/maintenance/${window.id}/complete`, []],
      [`/admin/maintenance/${window.id}/cancel`, [['confirm', 'yes']]],
    ];
    const before = await rows();
    for (const [path, entries] of writes) expect([path, (await vic.postForm(path, entries)).status]).toEqual([path, 403]);
    expect(await rows()).toEqual(before);
  });

  it("STF-3/STF-7: a responder schedules a window in the form's zone; it is audited with the actor and shown on the public page", async () => {
    const { t, as, db, api } = await setUp();
    const rita = await as('rita@example.com');
    const page = await rita.get('/admin/maintenance/new');
    expect(page.status).toBe(200);
    const html = await page.text();
    // The default page's zone, said plainly, chosen in the select; groups as headings; the filter script under the nonce.
    expect(html).toContain('<option value="Europe/Berlin" selected="">Europe/Berlin</option>');
    expect(html).toContain('Start (Europe/Berlin)');
    expect(html).toMatch(/<h3 id="picker-0">Backend <span class="muted">\(on Acme Cloud\)<\/span><\/h3>/);
    expect(html).toContain('Other components');
    const nonce = /'nonce-([^']+)'/.exec(page.headers.get('content-security-policy') ?? '')?.[1];
    expect(html).toMatch(/<script src="\/assets\/maintenance-filter\.[0-9a-f]{8}\.js" nonce="[^"]+" defer="">/);
    expect(html).toContain(`nonce="${nonce}"`);

    const fields = {
      name: 'DB upgrade',
      message: 'Short read-only period.',
      start: '2025-03-02T10:00',
      end: '2025-03-02T12:30',
      zone: 'Europe/Berlin',
    };
    const done = await rita.postForm('/admin/maintenance', form(fields, [db.id, api.id]));
    expect(done.status).toBe(303);
    const id = /\/admin\/maintenance\/([a-z0-9]+)\?/.exec(done.headers.get('location') ?? '')?.[1];
    const made = await getMaintenance(t.deps.ctx, id!);
    expect([made.scheduledStart.toISOString(), made.scheduledEnd.toISOString(), made.description]).toEqual([
      '2025-03-02T09:00:00.000Z',
      '2025-03-02T11:30:00.000Z',
      'Short read-only period.',
    ]);
    expect(await (await rita.get(done.headers.get('location')!)).text()).toContain('Maintenance scheduled.');

    const [event] = await listAuditEvents(t.deps.ctx.database.db, { subjectType: 'maintenance' });
    expect(event).toMatchObject({ actor: 'staff:rita@example.com', action: 'maintenance.scheduled', subjectId: id });
    const publicPage = await (await t.app.request('/')).text();
    expect(publicPage).toContain('DB upgrade');
    expect(publicPage).toContain('Scheduled');
  });

  it('reviews a window before scheduling: the pages it will show on, writing nothing; a refused form is marked in place', async () => {
    const { as, db, lonely, rows } = await setUp();
    const rita = await as('rita@example.com');
    const fields = { name: 'DB upgrade', message: 'Read-only.', start: '2025-03-02T10:00', end: '2025-03-02T12:30', zone: 'Europe/Berlin' };
    const review = await rita.postForm('/admin/maintenance/review', form(fields, [db.id]));
    expect(review.status).toBe(200);
    const html = await review.text();
    expect(html).toContain('Review before publishing');
    expect(html).toMatch(/It will show on 1 page, and 0 subscribers\s+would be notified. Nothing is published until you press “Schedule”/);
    expect(html).toContain('Acme Cloud <span class="muted">(/acme)</span>');
    expect(html).toContain('value="DB upgrade"');
    expect(await (await rita.postForm('/admin/maintenance/review', form(fields, [lonely.id]))).text()).toContain(
      'No page will show this maintenance window',
    );
    expect((await rita.postForm('/admin/maintenance/review', form(fields, []))).status).toBe(400);
    expect((await rita.postForm('/admin/maintenance/review', form({ ...fields, name: '' }, [db.id]))).status).toBe(400);
    expect(await rows()).toEqual([]);
    const vic = await as('vic@example.com');
    expect((await vic.postForm('/admin/maintenance/review', form(fields, [db.id]))).status).toBe(403);
  });

  it("previews the window as the page will show it, its times in the page's zone whatever the form's, escaped; nothing stored", async () => {
    const { t, as, db, rows } = await setUp();
    const rita = await as('rita@example.com');
    const publicBefore = await (await t.app.request('/')).text();
    // Typed in New York time; the page reads in Berlin time (10:00 EST is 16:00 CET).
    const fields = {
      name: 'DB <i>upgrade</i>',
      message: 'Read-only <b>period</b>.',
      start: '2025-03-03T10:00',
      end: '2025-03-03T11:30',
      zone: 'America/New_York',
    };
    const review = await rita.postForm('/admin/maintenance/review', form(fields, [db.id]));
    expect(review.status).toBe(200);
    const html = await review.text();
    expect(html).toContain('How it will look on <a href="/acme">Acme Cloud</a>');
    const card = /<article class="incident maint [^]*?<\/article>/.exec(html)?.[0] ?? '';
    expect(card).toContain('DB &lt;i&gt;upgrade&lt;/i&gt;');
    expect(card).toContain('Read-only &lt;b&gt;period&lt;/b&gt;.');
    expect(card).toContain('<span class="pill ps-scheduled">Scheduled</span>');
    expect(card).toContain('<time datetime="2025-03-03T15:00:00.000Z">3 Mar 2025, 16:00 CET</time>');
    expect(card).toContain('<p class="affects"><span class="affects-label">Affects</span> Database</p>');
    expect(html).toContain('<h2 id="preview-maintenance">Upcoming maintenance</h2>');
    expect(html).not.toContain('<i>upgrade');
    expect(await rows()).toEqual([]);
    expect(await (await t.app.request('/')).text()).toBe(publicBefore);

    // Scheduled at the same instant, the public page shows the same card.
    expect((await rita.postForm('/admin/maintenance', form(fields, [db.id]))).status).toBe(303);
    const [made] = await rows();
    const publicCard = /<article class="incident maint [^]*?<\/article>/.exec(await (await t.app.request('/')).text())?.[0];
    expect(card.replaceAll(/maintenance-[a-z0-9]+/g, 'maintenance-X')).toBe(
      publicCard?.replaceAll(`maintenance-${made!.id}`, 'maintenance-X'),
    );
  });

  it('reviews an edit: the window as the edit would leave it, on the pages it shows on now or would then; nothing changes', async () => {
    const { t, as, db, lonely } = await setUp();
    const window = await scheduleMaintenance(t.deps.ctx, {
      name: 'DB upgrade',
      componentIds: [db.id],
      scheduledStart: new Date('2025-03-02T09:00:00.000Z'),
      scheduledEnd: new Date('2025-03-02T10:00:00.000Z'),
    });
    const rita = await as('rita@example.com');
    const edit = await (await rita.get(`/admin/maintenance/${window.id}/edit?zone=Europe%2FBerlin`)).text();
    expect(edit).toContain(`formaction="/admin/maintenance/${window.id}/review"`);
    const fields = {
      name: 'DB <i>upgrade</i>, longer',
      message: '',
      start: '2025-03-02T10:00',
      end: '2025-03-02T13:00',
      zone: 'Europe/Berlin',
    };
    const review = await rita.postForm(`/admin/maintenance/${window.id}/review`, form(fields, [lonely.id]));
    expect(review.status).toBe(200);
    const html = await review.text();
    // Moving it off Database still reaches the page that shows it now: readers there see it go.
    expect(html).toContain('Acme Cloud <span class="muted">(/acme)</span>');
    expect(html).toMatch(/Nothing is published until you press “Save changes”/);
    expect(html).toContain('value="DB &lt;i&gt;upgrade&lt;/i&gt;, longer"');
    expect(await getMaintenance(t.deps.ctx, window.id)).toEqual(window);
    // Refused as saving would refuse it, in place; an unknown window is a 404; viewers may not.
    const backwards = await rita.postForm(`/admin/maintenance/${window.id}/review`, form({ ...fields, end: '2025-03-02T09:00' }, [db.id]));
    expect(backwards.status).toBe(400);
    expect(await backwards.text()).toContain('Must be after the start.');
    expect((await rita.postForm('/admin/maintenance/nosuchwindow0001/review', form(fields, [db.id]))).status).toBe(404);
    const vic = await as('vic@example.com');
    expect((await vic.postForm(`/admin/maintenance/${window.id}/review`, form(fields, [db.id]))).status).toBe(403);
  });

  it('keeps what was typed and marks each refused field in place (400), writing nothing', async () => {
    const { as, db, rows } = await setUp();
    const rita = await as('rita@example.com');
    const typed = { name: 'Kernel <patch>', message: 'Reboots', start: '2025-03-02T12:00', end: '2025-03-02T11:00', zone: 'Europe/Berlin' };
    const cases: [Record<string, string>, string[], string, string][] = [
      [typed, [db.id], 'end', 'Must be after the start.'],
      [{ ...typed, end: '2025-03-02T13:00' }, [], 'components', 'Must list at least one component.'],
      [{ ...typed, end: '2025-03-02T13:00', name: '  ' }, [db.id], 'name', 'Must not be empty.'],
      [{ ...typed, start: 'tomorrow' }, [db.id], 'start', 'Enter a date and time as YYYY-MM-DD HH:MM.'],
      [{ ...typed, zone: 'Mars/Olympus' }, [db.id], 'zone', 'Choose a time zone from the list.'],
      [{ ...typed, end: '2025-03-02T13:00' }, ['nosuchcomponent1'], 'components', 'Component "nosuchcomponent1" does not exist.'],
    ];
    for (const [fields, components, field, message] of cases) {
      const res = await rita.postForm('/admin/maintenance', form(fields, components));
      const html = await res.text();
      expect([field, res.status]).toEqual([field, 400]);
      expect(html).toContain(`<p id="${field}-error" class="field-error">${message.replace(/"/g, '&quot;')}</p>`);
      if (field !== 'name') expect(html).toContain('value="Kernel &lt;patch&gt;"');
      expect(html).toContain('>Reboots</textarea>');
      if (components.includes(db.id)) expect(html).toContain(`value="${db.id}" checked=""`);
    }
    expect(await rows()).toEqual([]);
  });

  it('answers junk with a 4xx, never a 500', async () => {
    const { t, as, schedule, db, rows } = await setUp();
    const window = await schedule('2025-03-10T08:00:00Z', '2025-03-10T10:00:00Z');
    const ann = await as('ann@example.com');
    const cookie = ann.jar.header();
    const raw = (path: string, body: string, type: string) =>
      t.app.request(path, { method: 'POST', headers: { cookie, 'content-type': type, 'sec-fetch-site': 'same-origin' }, body });
    const statuses = [
      (await raw('/admin/maintenance', '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nA', 'multipart/form-data; boundary=x'))
        .status,
      (await raw('/admin/maintenance', 'x'.repeat(20_000), 'application/x-www-form-urlencoded')).status,
      (
        await ann.postForm(
          '/admin/maintenance',
          Array.from({ length: 1001 }, (): [string, string] => ['components', db.id]),
        )
      ).status,
      (
        await ann.postForm('/admin/maintenance', [
          ['name', 'a'],
          ['name', 'b'],
          ['start', '\u0000'],
          ['zone', 'x'.repeat(500)],
        ])
      ).status,
      (await ann.postForm(`/admin/maintenance/${window.id}`, [['components', 'y'.repeat(200)]])).status,
      (await ann.postForm('/admin/maintenance/nosuchwindow0000/start', [])).status,
      (await ann.postForm('/admin/maintenance/%00/complete', [])).status,
      (await ann.get('/admin/maintenance/nosuchwindow0000')).status,
      (await ann.get('/admin/maintenance?zone=Not/AZone')).status,
      (await ann.get('/admin/maintenance?past_after=nosuchwindow0000')).status,
      (await ann.get('/admin/maintenance/calendar?month=2025-13')).status,
      (await ann.get('/admin/maintenance/calendar?month=%27;drop')).status,
    ];
    for (const status of statuses) expect(status).toBeGreaterThanOrEqual(400);
    for (const status of statuses) expect(status).toBeLessThan(500);
    expect((await rows()).map((row) => row.id)).toEqual([window.id]);
  });

  it('STF-7: start early, complete early, edit and cancel, each audited with the actor and what an edit replaced; refusals in place (422)', async () => {
    const { t, as, schedule, db, web } = await setUp();
    const window = await schedule('2025-03-02T08:00:00Z', '2025-03-02T10:00:00Z');
    const ann = await as('ann@example.com');
    const base = `/admin/maintenance/${window.id}`;

    const edited = await ann.postForm(
      base,
      form({ name: 'DB upgrade v2', message: 'Now with more', start: '2025-03-02T09:00', end: '2025-03-02T12:00', zone: 'Europe/Berlin' }, [
        db.id,
        web.id,
      ]),
    );
    expect(edited.status).toBe(303);
    expect((await getMaintenance(t.deps.ctx, window.id)).scheduledEnd.toISOString()).toBe('2025-03-02T11:00:00.000Z');

    expect((await ann.postForm(`${base}/start`, [['zone', 'UTC']])).status).toBe(303);
    expect((await getMaintenance(t.deps.ctx, window.id)).scheduledStart).toEqual(t.deps.ctx.clock());
    const again = await ann.postForm(`${base}/start`, []);
    expect(again.status).toBe(422);
    expect(await again.text()).toMatch(
      /class="notice error" role="alert">Maintenance &quot;[a-z0-9]+&quot; is in progress; it cannot be started early/,
    );

    t.advance(60_000);
    expect((await ann.postForm(`${base}/complete`, [['message', 'All done']])).status).toBe(303);
    const completeAgain = await ann.postForm(`${base}/complete`, [['message', 'Typed twice']]);
    expect(completeAgain.status).toBe(422);
    const html = await completeAgain.text();
    expect(html).toContain('is completed; it cannot be completed');
    const cancelDone = await ann.postForm(`${base}/cancel`, [['confirm', 'yes']]);
    expect(cancelDone.status).toBe(422);
    const editDone = await ann.postForm(
      base,
      form({ name: 'x', message: '', start: '2025-03-05T09:00', end: '2025-03-05T12:00', zone: 'UTC' }, [db.id]),
    );
    expect(editDone.status).toBe(422);
    expect(await editDone.text()).toContain('value="x"');

    const other = await schedule('2025-03-20T08:00:00Z', '2025-03-20T10:00:00Z', 'Network work');
    const unconfirmed = await ann.postForm(`/admin/maintenance/${other.id}/cancel`, [['message', 'Not needed']]);
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('>Not needed</textarea>');
    expect((await getMaintenance(t.deps.ctx, other.id)).cancelledAt).toBeNull();
    expect((await ann.get(`/admin/maintenance/${other.id}/cancel`)).status).toBe(200);
    expect(
      (
        await ann.postForm(`/admin/maintenance/${other.id}/cancel`, [
          ['confirm', 'yes'],
          ['message', 'Not needed'],
        ])
      ).status,
    ).toBe(303);
    expect((await getMaintenance(t.deps.ctx, other.id)).cancelledAt).not.toBeNull();

    const events = await listAuditEvents(t.deps.ctx.database.db, { actor: 'staff:ann@example.com' });
    expect(events.map((event) => event.action).sort()).toEqual([
      'maintenance.cancelled',
      'maintenance.completed',
      'maintenance.started_early',
      'maintenance.updated',
    ]);
    const update = events.find((event) => event.action === 'maintenance.updated');
    expect(update?.details).toMatchObject({
      before: { name: 'DB upgrade', scheduledEnd: '2025-03-02T10:00:00.000Z', componentIds: [db.id] },
      after: { name: 'DB upgrade v2', scheduledEnd: '2025-03-02T11:00:00.000Z' },
    });
    // Refused writes recorded nothing.
    expect(events).toHaveLength(4);
  });

  it('lists in progress, upcoming and past, paging upcoming in the store', async () => {
    const { as, schedule } = await setUp();
    await schedule('2025-03-01T11:00:00Z', '2025-03-01T13:00:00Z', 'Running now');
    await schedule('2025-02-01T11:00:00Z', '2025-02-01T13:00:00Z', 'Long ago');
    for (let i = 0; i < 22; i++)
      await schedule(
        `2025-03-${String(i + 3).padStart(2, '0')}T08:00:00Z`,
        `2025-03-${String(i + 3).padStart(2, '0')}T09:00:00Z`,
        `Upcoming ${i}`,
      );
    const ann = await as('ann@example.com');
    const html = await (await ann.get('/admin/maintenance')).text();
    const sectionOf = (id: string) => html.slice(html.indexOf(`id="${id}"`), html.indexOf('</section>', html.indexOf(`id="${id}"`)));
    expect(sectionOf('in-progress')).toContain('Running now');
    expect(sectionOf('past')).toContain('Long ago');
    expect(sectionOf('upcoming')).toContain('Upcoming 19');
    expect(sectionOf('upcoming')).not.toContain('Upcoming 20');
    const more = /href="(\/admin\/maintenance\?zone=[^"]*upcoming_after=[a-z0-9]+)"/
      .exec(sectionOf('upcoming'))?.[1]
      ?.replace(/&amp;/g, '&');
    const next = await (await ann.get(more!)).text();
    expect(next).toContain('Upcoming 21');
    expect(next).not.toContain('Upcoming 19<');
  });

  it('places windows on the local days they cover in the chosen zone, across a month boundary and a DST change', async () => {
    const { as, schedule } = await setUp();
    // Berlin: 23:30 on 31 March (CEST) to 02:30 on 1 April.
    await schedule('2025-03-31T21:30:00Z', '2025-04-01T00:30:00Z', 'Across months');
    // Berlin springs forward on 30 March 2025 (a 23-hour day): 00:00 on 31 March is 22:00 UTC on the 30th.
    await schedule('2025-03-30T22:00:00Z', '2025-03-30T22:30:00Z', 'After the short day');
    await schedule('2025-03-29T22:30:00Z', '2025-03-29T23:30:00Z', 'Over midnight');
    const ann = await as('ann@example.com');
    const daysWith = async (path: string, name: string) => {
      const html = await (await ann.get(path)).text();
      expect(html).toContain('<th scope="col"><abbr title="Monday">Mon</abbr></th>');
      return html
        .slice(0, html.indexOf('</table>'))
        .split('<td')
        .slice(1)
        .filter((cell) => cell.includes(`>${name}</a>`))
        .map((cell) => /<span class="day-label">([^<]+)<\/span>/.exec(cell)?.[1]);
    };
    const berlin = (month: string) => `/admin/maintenance/calendar?month=${month}&zone=Europe%2FBerlin`;
    expect(await daysWith(berlin('2025-03'), 'Across months')).toEqual(['Monday 31 March', 'Tuesday 1 April']);
    expect(await daysWith(berlin('2025-04'), 'Across months')).toEqual(['Monday 31 March', 'Tuesday 1 April']);
    expect(await daysWith(berlin('2025-03'), 'After the short day')).toEqual(['Monday 31 March']);
    expect(await daysWith(berlin('2025-03'), 'Over midnight')).toEqual(['Saturday 29 March', 'Sunday 30 March']);
    const utc = '/admin/maintenance/calendar?month=2025-03&zone=UTC';
    expect(await daysWith(utc, 'After the short day')).toEqual(['Sunday 30 March']);
    expect(await daysWith(utc, 'Across months')).toEqual(['Monday 31 March', 'Tuesday 1 April']);
    // The month links keep the zone; the default zone is the default page's.
    const defaultView = await (await ann.get('/admin/maintenance/calendar?month=2025-03')).text();
    expect(defaultView).toContain('href="/admin/maintenance/calendar?month=2025-04&amp;zone=Europe%2FBerlin"');
  });
});
