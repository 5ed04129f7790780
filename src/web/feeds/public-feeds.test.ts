/**
 * The feeds of public pages and sub-pages through the app, read by real parsers: Atom and RSS by
 * rss-parser (xml2js, strict), the calendar by ical.js.
 */
import ICAL from 'ical.js';
import Parser from 'rss-parser';
import { afterEach, expect, it } from 'vitest';
import { describeOnSqlite } from '../../../test/helpers/describe-each-engine.js';
import { seedRegions } from '../../../test/helpers/sub-page-fixtures.js';
import { type TestApp, createTestApp } from '../../../test/helpers/test-app.js';
import { createIncident, postIncidentUpdate, resolveIncident } from '../../services/status/incidents.js';
import { cancelMaintenance, postMaintenanceUpdate, scheduleMaintenance, updateMaintenance } from '../../services/status/maintenances.js';
import type { Database } from '../../store/database.js';
import { PUBLIC_CACHE } from '../public/routes.js';

const NOW = new Date('2026-03-20T12:00:00.000Z');
const HOUR = 3_600_000;
const PUBLIC_URL = 'https://status.example.com';
const NASTY = `<script>alert("x")</script> & 'quotes'\u0001\u0008\u000B\uFFFE`;
const NASTY_SHOWN = `<script>alert("x")</script> & 'quotes'`;

const opened: TestApp[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
});

async function world(database: Database) {
  const app = await createTestApp(database, { now: new Date(NOW.getTime() - 2 * HOUR), env: { PUBLIC_URL } });
  opened.push(app);
  const { ctx } = app.deps;
  const regions = await seedRegions(ctx);
  const c = regions.components;
  const apiDown = await createIncident(ctx, {
    name: 'API errors',
    status: 'investigating',
    message: 'Looking',
    impacts: [{ componentId: c.api, impact: 'partial_outage' }],
  });
  app.advance(60_000);
  const nasty = await createIncident(ctx, {
    name: NASTY,
    status: 'identified',
    message: 'Found it',
    impacts: [{ componentId: c.euDatabase, impact: 'degraded_performance' }],
  });
  app.advance(60_000);
  await postIncidentUpdate(ctx, nasty.id, { status: 'monitoring', message: `Watching ${NASTY}` });
  app.advance(60_000);
  const cdnOutage = await createIncident(ctx, {
    name: 'CDN outage',
    status: 'investigating',
    message: 'Down',
    impacts: [{ componentId: c.cdn, impact: 'full_outage' }],
  });
  app.advance(60_000);
  const window = (name: string, startHours: number, endHours: number) =>
    scheduleMaintenance(ctx, {
      name,
      componentIds: [c.apacDatabase],
      scheduledStart: new Date(NOW.getTime() + startHours * HOUR),
      scheduledEnd: new Date(NOW.getTime() + endHours * HOUR),
    });
  const upcoming = await window('Upgrade; phase 1, the long one', 24, 26);
  app.advance(60_000);
  const cancelled = await window('Never', 5, 6);
  app.advance(60_000);
  await cancelMaintenance(ctx, cancelled.id);
  app.advance(60_000);
  await resolveIncident(ctx, cdnOutage.id, { message: 'Back' });
  app.setNow(NOW);
  return { app, regions, incidents: { apiDown, nasty, cdnOutage }, windows: { upcoming, cancelled } };
}

const fetchText = async (app: TestApp, path: string, type: string) => {
  const res = await app.app.request(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toBe(type);
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  expect(res.headers.get('cache-control')).toBe(PUBLIC_CACHE.cacheControl);
  expect(res.headers.get('etag')).toMatch(/^"/);
  return res.text();
};
const atom = (app: TestApp, path: string) => fetchText(app, path, 'application/atom+xml; charset=utf-8');
const rss = (app: TestApp, path: string) => fetchText(app, path, 'application/rss+xml; charset=utf-8');
const ics = (app: TestApp, path: string) => fetchText(app, path, 'text/calendar; charset=utf-8');
const parse = (xml: string) => new Parser().parseString(xml);

function events(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((event) => ({
    uid: String(event.getFirstPropertyValue('uid')),
    summary: String(event.getFirstPropertyValue('summary')),
    description: String(event.getFirstPropertyValue('description') ?? ''),
    url: String(event.getFirstPropertyValue('url')),
    status: String(event.getFirstPropertyValue('status')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate(),
    end: (event.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate(),
    startIsUtc: (event.getFirstPropertyValue('dtstart') as ICAL.Time).zone?.tzid === 'UTC',
  }));
}

describeOnSqlite('the feeds of public pages', (database) => {
  it('Atom: incidents and windows newest update first, linked, escaped, with stable ids', async () => {
    const { app, incidents, windows } = await world(database());
    const text = await atom(app, '/regions/feed.atom');
    const feed = await parse(text);
    expect(feed.title).toBe('Regions');
    expect(feed.link).toBe(`${PUBLIC_URL}/`);
    // The CDN outage was resolved last; the cancelled window is left out, as scheduled-maintenances.json leaves it.
    expect(feed.items.map((item) => item.title)).toEqual([
      'CDN outage',
      'Maintenance: Upgrade; phase 1, the long one',
      NASTY_SHOWN,
      'API errors',
    ]);
    const [cdn, upgrade, nasty] = feed.items as [Parser.Item & { id?: string }, Parser.Item, Parser.Item];
    expect(cdn.link).toBe(`${PUBLIC_URL}/regions/incidents/${incidents.cdnOutage.id}`);
    expect(cdn.id).toMatch(new RegExp(`^tag:status\\.example\\.com,2026-03-20:page/[^/]+/incident/${incidents.cdnOutage.id}$`));
    expect(cdn.content).toBe('Status: Resolved\nAffected: CDN\nBack');
    // The default page lives at `/`: its windows' anchors are there, as the v2 shortlinks are.
    expect(upgrade.link).toBe(`${PUBLIC_URL}/#maintenance-${windows.upcoming.id}`);
    expect(nasty.content).toBe(`Status: Monitoring\nAffected: EU database\nWatching ${NASTY_SHOWN}`);
    expect(text).not.toContain('<script>');
    // The same page at the default address, and the same ids on the next render.
    const again = await parse(await atom(app, '/feed.atom'));
    expect(again.items.map((item) => (item as { id?: string }).id)).toEqual(feed.items.map((item) => (item as { id?: string }).id));
  });

  it('RSS: the same entries, guids not permalinks, the latest update as the description', async () => {
    const { app, incidents } = await world(database());
    const text = await rss(app, '/regions/feed.rss');
    const feed = await parse(text);
    expect(feed.link).toBe(`${PUBLIC_URL}/`);
    expect(feed.items.map((item) => item.title)).toEqual([
      'CDN outage',
      'Maintenance: Upgrade; phase 1, the long one',
      NASTY_SHOWN,
      'API errors',
    ]);
    const api = feed.items[3]!;
    expect(api.link).toBe(`${PUBLIC_URL}/regions/incidents/${incidents.apiDown.id}`);
    expect(api.guid).toMatch(new RegExp(`/incident/${incidents.apiDown.id}$`));
    expect(api.categories).toEqual(['Public API']);
    expect(text).toContain(`<guid isPermaLink="false">${api.guid}</guid>`);
    expect(feed.items[2]!.content).toBe(`Status: Monitoring\nAffected: EU database\nWatching ${NASTY_SHOWN}`);
    // A sub-page names only its own: APAC sees the CDN incident and its window, not the EU database's.
    const apac = await parse(await rss(app, '/regions/apac/feed.rss'));
    expect(apac.items.map((item) => item.title)).toEqual(['CDN outage', 'Maintenance: Upgrade; phase 1, the long one']);
    expect(apac.items[0]!.link).toBe(`${PUBLIC_URL}/regions/apac/incidents/${incidents.cdnOutage.id}`);
  });

  it('iCalendar: one event per window, UTC times, cancelled ones marked, folded CRLF lines, SEQUENCE rising on each change', async () => {
    const { app, windows } = await world(database());
    const text = await ics(app, '/regions/apac/maintenance.ics');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
    const before = events(text);
    expect(before.map((event) => [event.uid, event.summary, event.status])).toEqual([
      [`${windows.cancelled.id}@status.example.com`, 'Never', 'CANCELLED'],
      [`${windows.upcoming.id}@status.example.com`, 'Upgrade; phase 1, the long one', 'CONFIRMED'],
    ]);
    const upgrade = before[1]!;
    expect(upgrade.start).toEqual(windows.upcoming.scheduledStart);
    expect(upgrade.end).toEqual(windows.upcoming.scheduledEnd);
    expect(upgrade.startIsUtc).toBe(true);
    expect(upgrade.url).toBe(`${PUBLIC_URL}/regions/apac#maintenance-${windows.upcoming.id}`);
    expect(upgrade.description).toBe('Affected: APAC database');

    // An edit, then an update with a long text that needs folding: UID kept, SEQUENCE up each time.
    app.advance(1000);
    await updateMaintenance(app.deps.ctx, windows.upcoming.id, { scheduledEnd: new Date(NOW.getTime() + 27 * HOUR) });
    const edited = events(await ics(app, '/regions/apac/maintenance.ics'))[1]!;
    expect(edited.uid).toBe(upgrade.uid);
    expect(edited.end).toEqual(new Date(NOW.getTime() + 27 * HOUR));
    expect(edited.sequence).toBeGreaterThan(upgrade.sequence);
    const long = `Ünïcödé ${'slow, steady; \\ careful '.repeat(8)}\nsecond line ${NASTY}`;
    await postMaintenanceUpdate(app.deps.ctx, windows.upcoming.id, { message: long });
    const updatedText = await ics(app, '/regions/apac/maintenance.ics');
    for (const line of updatedText.split('\r\n')) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
    const updated = events(updatedText)[1]!;
    expect(updated.sequence).toBeGreaterThan(edited.sequence);
    expect(updated.description).toBe(`Affected: APAC database\n${long.replace(/[\u0001\u0008\u000B]/g, '')}`);
  });

  it('sends the cached bytes with a 304 on a matching ETag (with CORS), until the next revision', async () => {
    const { app, regions } = await world(database());
    for (const path of ['/feed.atom', '/regions/feed.rss', '/regions/eu/maintenance.ics']) {
      const first = await app.app.request(path);
      const etag = first.headers.get('etag')!;
      const again = await app.app.request(path, { headers: { 'if-none-match': etag } });
      expect(again.status, path).toBe(304);
      expect(again.headers.get('access-control-allow-origin')).toBe('*');
      expect(app.deps.renderCaches.public.lookup(await app.deps.snapshots.fresh(), path)).toBeDefined();
    }
    const etag = (await app.app.request('/regions/feed.atom')).headers.get('etag')!;
    await createIncident(app.deps.ctx, {
      name: 'New',
      status: 'investigating',
      message: 'x',
      impacts: [{ componentId: regions.components.cdn, impact: 'degraded_performance' }],
    });
    const changed = await app.app.request('/regions/feed.atom', { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect((await parse(await changed.text())).items[0]!.title).toBe('New');
  });

  it('answers an unknown page with the pages’ 404', async () => {
    const { app } = await world(database());
    for (const path of ['/nope/feed.atom', '/regions/nope/feed.rss', '/regions/nope/maintenance.ics']) {
      const res = await app.app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    }
  });
});
