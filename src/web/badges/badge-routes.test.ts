/** The badges through the app: text and colour per status, 404s, ETag/304, headers, and no badge for a customer page. */
import { XMLValidator } from 'fast-xml-parser';
import { afterEach, expect, it } from 'vitest';
import { seedCustomerPages } from '../../../test/helpers/customer-pages.js';
import { describeOnSqlite } from '../../../test/helpers/describe-each-engine.js';
import { seedRegions } from '../../../test/helpers/sub-page-fixtures.js';
import { type TestApp, createTestApp } from '../../../test/helpers/test-app.js';
import { createIncident, resolveIncident } from '../../services/status/incidents.js';
import { scheduleMaintenance } from '../../services/status/maintenances.js';
import type { Database } from '../../store/database.js';
import { PUBLIC_CACHE } from '../public/routes.js';

const NOW = new Date('2026-03-20T12:00:00.000Z');
const HOUR = 3_600_000;

const opened: TestApp[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
});

async function world(database: Database) {
  const app = await createTestApp(database, { now: NOW });
  opened.push(app);
  const regions = await seedRegions(app.deps.ctx);
  const customers = await seedCustomerPages(app.deps.ctx, app.deps.config.publicUrl);
  return { app, regions, customers };
}

const badge = async (app: TestApp, path: string) => {
  const res = await app.app.request(path);
  const body = await res.text();
  return { res, body, label: /aria-label="([^"]*)"/.exec(body)?.[1] };
};

describeOnSqlite('status badges', (database) => {
  it("says each page's and component's status in words and colour, and follows a new incident", async () => {
    const { app, regions } = await world(database());
    const { ctx } = app.deps;
    const c = regions.components;

    const page = await badge(app, '/regions/badge.svg');
    expect(page.res.status).toBe(200);
    expect(page.res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(XMLValidator.validate(page.body)).toBe(true);
    expect(page.label).toBe('Regions: operational');
    expect(page.body).toContain('fill="#4c1"');
    expect((await badge(app, '/badge.svg')).res.status).toBe(200);

    const incident = await createIncident(ctx, {
      name: 'API errors',
      status: 'investigating',
      message: 'Looking',
      impacts: [{ componentId: c.api, impact: 'partial_outage' }],
    });
    const outage = await badge(app, '/regions/badge.svg');
    expect(outage.label).toBe('Regions: partial outage');
    expect(outage.body).toContain('fill="#fe7d37"');
    const api = await badge(app, `/regions/components/${c.api}/badge.svg`);
    expect(api.label).toBe('Public API: partial outage');
    // A sub-page without the component is untouched; with it, it shares the outage.
    expect((await badge(app, '/regions/apac/badge.svg')).label).toBe('Regions — APAC: operational');
    expect((await badge(app, `/regions/eu/components/${c.api}/badge.svg`)).label).toBe('Public API: partial outage');

    await resolveIncident(ctx, incident.id, { message: 'Fixed' });
    await createIncident(ctx, {
      name: 'CDN down',
      status: 'investigating',
      message: 'Down',
      impacts: [{ componentId: c.cdn, impact: 'full_outage' }],
    });
    const down = await badge(app, '/regions/badge.svg');
    expect(down.label).toBe('Regions: major outage');
    expect(down.body).toContain('fill="#e05d44"');
    expect((await badge(app, `/regions/components/${c.cdn}/badge.svg`)).body).toContain('fill="#e05d44"');

    await scheduleMaintenance(ctx, {
      name: 'Reindex',
      componentIds: [c.docs],
      scheduledStart: new Date(NOW.getTime() - HOUR),
      scheduledEnd: new Date(NOW.getTime() + HOUR),
    });
    const docs = await badge(app, `/docs/components/${c.docs}/badge.svg`);
    expect(docs.label).toBe(`${(await app.deps.snapshots.fresh()).components.get(c.docs)!.name}: maintenance`);
    expect(docs.body).toContain('fill="#007ec6"');
  });

  it('is 404 for a component not on the page, an unknown page, and any customer page', async () => {
    const { app, regions, customers } = await world(database());
    for (const path of [
      `/docs/components/${regions.components.api}/badge.svg`,
      `/regions/apac/components/${regions.components.api}/badge.svg`,
      '/regions/components/nope/badge.svg',
      '/nope/badge.svg',
      '/customers/badge.svg',
      `/customers/components/${customers.sharedComponentId}/badge.svg`,
      `${customers.acme.path}/badge.svg`,
    ]) {
      const res = await app.app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).not.toContain('svg');
    }
  });

  it('is sent with an ETag (304 on a match), the pages’ Cache-Control, CORS, nosniff and a CSP that allows nothing', async () => {
    const { app } = await world(database());
    const first = await app.app.request('/regions/badge.svg');
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toBe(PUBLIC_CACHE.cacheControl);
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('content-security-policy')).toBe("default-src 'none'");
    const again = await app.app.request('/regions/badge.svg', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });
});
