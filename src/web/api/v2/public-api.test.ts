/**
 * The read API of public pages and sub-pages (docs/statuspage-v2.md) through the app: every endpoint
 * valid against its schema on every kind of page, and the values a client reads.
 */
import { brotliDecompressSync } from 'node:zlib';
import { afterEach, expect, it } from 'vitest';
import { describeOnSqlite } from '../../../../test/helpers/describe-each-engine.js';
import { type V2Document, V2_ENDPOINTS, expectValidDocument } from '../../../../test/helpers/statuspage-v2.js';
import { seedRegions } from '../../../../test/helpers/sub-page-fixtures.js';
import { type TestApp, createTestApp } from '../../../../test/helpers/test-app.js';
import { createComponent } from '../../../services/status/components.js';
import { createIncident, postIncidentUpdate, resolveIncident } from '../../../services/status/incidents.js';
import { cancelMaintenance, scheduleMaintenance } from '../../../services/status/maintenances.js';
import { createPage } from '../../../services/pages/pages.js';
import type { Database } from '../../../store/database.js';
import { PUBLIC_CACHE } from '../../public/routes.js';

const NOW = new Date('2026-03-20T12:00:00.000Z');
const HOUR = 3_600_000;
const PUBLIC_URL = 'https://status.example.com';

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
  const slowDb = await createIncident(ctx, {
    name: 'EU database slow',
    status: 'identified',
    message: 'Found it',
    impacts: [{ componentId: c.euDatabase, impact: 'degraded_performance' }],
  });
  app.advance(60_000);
  await postIncidentUpdate(ctx, slowDb.id, { status: 'monitoring', message: 'Watching' });
  const cdnOutage = await createIncident(ctx, {
    name: 'CDN outage',
    status: 'investigating',
    message: 'Down',
    impacts: [{ componentId: c.cdn, impact: 'full_outage' }],
  });
  app.advance(60_000);
  await resolveIncident(ctx, cdnOutage.id, { message: 'Back' });
  const window = (name: string, startHours: number, endHours: number) =>
    scheduleMaintenance(ctx, {
      name,
      componentIds: [c.apacDatabase],
      scheduledStart: new Date(NOW.getTime() + startHours * HOUR),
      scheduledEnd: new Date(NOW.getTime() + endHours * HOUR),
    });
  const upcoming = await window('Upgrade', 24, 26);
  const inProgress = await window('Reindex', -1, 1);
  const completed = await window('Vacuum', -3, -2.5);
  const cancelled = await window('Never', 5, 6);
  await cancelMaintenance(ctx, cancelled.id);
  app.setNow(NOW);
  return { app, regions, incidents: { apiDown, slowDb, cdnOutage }, windows: { upcoming, inProgress, completed, cancelled } };
}

const read = async (app: TestApp, path: string, headers: Record<string, string> = {}) => {
  const res = await app.app.request(path, { headers });
  expect(res.status, path).toBe(200);
  return { res, body: (await res.json()) as V2Document };
};

describeOnSqlite('the v2 read API of public pages', (database) => {
  it('answers every endpoint on the default page, a parent, a standalone page and sub-pages, each valid against its schema', async () => {
    const { app } = await world(database());
    for (const prefix of ['/api/v2', '/regions/api/v2', '/docs/api/v2', '/regions/eu/api/v2', '/regions/apac/api/v2']) {
      for (const endpoint of V2_ENDPOINTS) {
        const { res, body } = await read(app, `${prefix}/${endpoint}`);
        expectValidDocument(endpoint, body, `${prefix}/${endpoint}`);
        expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
        expect(res.headers.get('access-control-allow-origin')).toBe('*');
        expect(res.headers.get('cache-control')).toBe(PUBLIC_CACHE.cacheControl);
        expect(res.headers.get('etag')).toMatch(/^"/);
      }
    }
    // The default page is the same page at both addresses.
    expect((await read(app, '/api/v2/summary.json')).body).toEqual((await read(app, '/regions/api/v2/summary.json')).body);
  });

  it('lists groups and components in page order, with statuses mapped and the group listing its members', async () => {
    const { app, regions } = await world(database());
    const c = regions.components;
    const { body } = await read(app, '/regions/api/v2/components.json');
    expect(body.page).toMatchObject({ name: 'Regions', url: `${PUBLIC_URL}/`, time_zone: 'UTC' });
    const rows = body.components!.map((row) => [row.id, row.group, row.group_id, row.status, row.position]);
    const group = regions.databasesGroupId;
    expect(rows).toEqual([
      [c.api, false, null, 'partial_outage', 1],
      [group, true, null, 'degraded_performance', 2],
      [c.euDatabase, false, group, 'degraded_performance', 3],
      [c.usDatabase, false, group, 'operational', 4],
      [c.apacDatabase, false, group, 'under_maintenance', 5],
      [c.cdn, false, null, 'operational', 6],
    ]);
    expect(body.components![1]!.components).toEqual([c.euDatabase, c.usDatabase, c.apacDatabase]);

    // A sub-page: only its components, its group narrowed to them.
    const apac = (await read(app, '/regions/apac/api/v2/components.json')).body;
    expect(apac.page.url).toBe(`${PUBLIC_URL}/regions/apac`);
    expect(apac.components!.map((row) => row.id)).toEqual([group, c.apacDatabase, c.cdn]);
    expect(apac.components![0]!.components).toEqual([c.apacDatabase]);
  });

  it('gives each page its indicator and exact description, from its own components and open incidents', async () => {
    const { app } = await world(database());
    const status = async (prefix: string) => (await read(app, `${prefix}/status.json`)).body.status;
    expect(await status('/regions/api/v2')).toEqual({ indicator: 'major', description: 'Partial System Outage' });
    expect(await status('/regions/eu/api/v2')).toEqual({ indicator: 'major', description: 'Partial System Outage' });
    // APAC has maintenance in progress and nothing worse.
    expect(await status('/regions/apac/api/v2')).toEqual({ indicator: 'maintenance', description: 'Service Under Maintenance' });
    expect(await status('/docs/api/v2')).toEqual({ indicator: 'none', description: 'All Systems Operational' });
  });

  it('maps each impact to a component status, an incident impact and the page indicator', async () => {
    const app = await createTestApp(database(), { now: NOW });
    opened.push(app);
    const { ctx } = app.deps;
    const api = await createComponent(ctx, { name: 'API' });
    await createPage(ctx, { slug: 'solo', name: 'Solo', items: [{ kind: 'component', componentId: api.id, showUptime: true }] });
    const cases = [
      [null, 'operational', 'none', 'none', 'All Systems Operational'],
      ['degraded_performance', 'degraded_performance', 'minor', 'minor', 'Minor Service Outage'],
      ['partial_outage', 'partial_outage', 'major', 'major', 'Partial System Outage'],
      ['full_outage', 'major_outage', 'critical', 'critical', 'Major System Outage'],
    ] as const;
    for (const [impact, componentStatus, incidentImpact, indicator, description] of cases) {
      // The incident's impact is the worst it had, so each case starts from a fresh incident.
      const current =
        impact === null
          ? null
          : await createIncident(ctx, {
              name: `Trouble ${impact}`,
              status: 'investigating',
              message: 'Hm',
              impacts: [{ componentId: api.id, impact }],
            });
      const summary = (await read(app, '/solo/api/v2/summary.json')).body;
      expectValidDocument('summary.json', summary);
      expect(summary.components![0]!.status, String(impact)).toBe(componentStatus);
      expect(summary.status, String(impact)).toEqual({ indicator, description });
      expect(summary.incidents!.map((row) => [row.id, row.impact])).toEqual(current ? [[current.id, incidentImpact]] : []);
      if (current) await resolveIncident(ctx, current.id, { message: 'Done' });
    }
  });

  it('lists open incidents with their updates newest first, and recent ones of any status', async () => {
    const { app, regions, incidents } = await world(database());
    const unresolved = (await read(app, '/regions/api/v2/incidents/unresolved.json')).body.incidents!;
    expect(unresolved.map((row) => row.id)).toEqual([incidents.slowDb.id, incidents.apiDown.id]);
    const slow = unresolved[0]!;
    expect(slow).toMatchObject({ status: 'monitoring', impact: 'minor', resolved_at: null });
    expect(slow.monitoring_at).not.toBeNull();
    expect(slow.shortlink).toBe(`${PUBLIC_URL}/regions/incidents/${incidents.slowDb.id}`);
    expect(slow.incident_updates.map((update) => [update.status, update.body])).toEqual([
      ['monitoring', 'Watching'],
      ['identified', 'Found it'],
    ]);
    expect(slow.incident_updates[1]!.affected_components).toEqual([
      { code: regions.components.euDatabase, name: 'EU database', old_status: 'operational', new_status: 'degraded_performance' },
    ]);
    expect(slow.incident_updates[0]!.affected_components).toBeNull();
    expect(slow.components.map((row) => [row.id, row.status])).toEqual([[regions.components.euDatabase, 'degraded_performance']]);

    const all = (await read(app, '/regions/api/v2/incidents.json')).body.incidents!;
    expect(all.map((row) => [row.name, row.status])).toEqual([
      ['CDN outage', 'resolved'],
      ['EU database slow', 'monitoring'],
      ['API errors', 'investigating'],
    ]);
    const cdn = all[0]!;
    expect(cdn.impact).toBe('critical');
    expect(cdn.resolved_at).not.toBeNull();
    expect(cdn.incident_updates[0]!.affected_components).toEqual([
      { code: regions.components.cdn, name: 'CDN', old_status: 'major_outage', new_status: 'operational' },
    ]);
    // A page never names another page's incidents: APAC has none of these but the CDN one.
    const apac = (await read(app, '/regions/apac/api/v2/incidents.json')).body.incidents!;
    expect(apac.map((row) => row.name)).toEqual(['CDN outage']);
    expect((await read(app, '/docs/api/v2/incidents.json')).body.incidents).toEqual([]);
  });

  it('sorts maintenance by state: upcoming, active, the recent ones, and the summary; cancelled windows are left out', async () => {
    const { app, windows } = await world(database());
    const list = async (endpoint: string) =>
      (await read(app, `/regions/apac/api/v2/${endpoint}`)).body.scheduled_maintenances!.map((row) => [row.name, row.status]);
    expect(await list('scheduled-maintenances/upcoming.json')).toEqual([['Upgrade', 'scheduled']]);
    expect(await list('scheduled-maintenances/active.json')).toEqual([['Reindex', 'in_progress']]);
    expect(await list('scheduled-maintenances.json')).toEqual([
      ['Upgrade', 'scheduled'],
      ['Reindex', 'in_progress'],
      ['Vacuum', 'completed'],
    ]);
    expect(await list('summary.json')).toEqual([
      ['Reindex', 'in_progress'],
      ['Upgrade', 'scheduled'],
    ]);
    const all = (await read(app, '/regions/apac/api/v2/scheduled-maintenances.json')).body.scheduled_maintenances!;
    const vacuum = all[2]!;
    expect(vacuum).toMatchObject({ impact: 'maintenance', scheduled_for: windows.completed.scheduledStart.toISOString() });
    expect(vacuum.resolved_at).toBe(windows.completed.scheduledEnd.toISOString());
    expect(vacuum.shortlink).toBe(`${PUBLIC_URL}/regions/apac#maintenance-${windows.completed.id}`);
    expect(vacuum.components.map((row) => row.name)).toEqual(['APAC database']);
    // The docs page has no maintenance: every list is present and empty.
    const docs = (await read(app, '/docs/api/v2/summary.json')).body;
    expect(docs.incidents).toEqual([]);
    expect(docs.scheduled_maintenances).toEqual([]);
  });

  it('sends the cached bytes: 304 on a matching ETag (with CORS), brotli to clients that take it', async () => {
    const { app, regions } = await world(database());
    const first = await app.app.request('/regions/api/v2/summary.json');
    const etag = first.headers.get('etag')!;
    const again = await app.app.request('/regions/api/v2/summary.json', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('access-control-allow-origin')).toBe('*');
    expect(again.headers.get('etag')).toBe(etag);
    const br = await app.app.request('/regions/api/v2/summary.json', { headers: { 'accept-encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(JSON.parse(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString('utf8'))).toEqual(await first.json());
    // One render per page and endpoint, kept until the next revision.
    expect(app.deps.renderCaches.public.lookup(await app.deps.snapshots.fresh(), '/regions/api/v2/summary.json')).toBeDefined();
    await createIncident(app.deps.ctx, {
      name: 'New',
      status: 'investigating',
      message: 'x',
      impacts: [{ componentId: regions.components.cdn, impact: 'degraded_performance' }],
    });
    const changed = await app.app.request('/regions/api/v2/summary.json', { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
  });

  it('answers an unknown page or path with a JSON 404, and other methods with 405 and Allow; HEAD like GET', async () => {
    const { app } = await world(database());
    for (const path of [
      '/nope/api/v2/status.json',
      '/regions/api/v2/nope.json',
      '/regions/nope/api/v2/status.json',
      '/api/v2/',
      '/api/v2/incidents',
    ]) {
      const res = await app.app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(((await res.json()) as { status: number }).status).toBe(404);
    }
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      for (const path of ['/regions/api/v2/status.json', '/api/v2/incidents/unresolved.json', '/api/v2/openapi.json']) {
        const res = await app.app.request(path, { method });
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.get('allow')).toBe('GET, HEAD');
        expect(res.headers.get('content-type')).toBe('application/problem+json');
      }
    }
    const head = await app.app.request('/regions/api/v2/status.json', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
