import { afterEach, expect, it } from 'vitest';
import { describeOnSqlite } from '../../../test/helpers/describe-each-engine.js';
import { REGION_ACTOR, type SeededRegions, seedRegions } from '../../../test/helpers/sub-page-fixtures.js';
import { type TestApp, createTestApp } from '../../../test/helpers/test-app.js';
import type { Impact } from '../../domain/status/impact.js';
import { createCatalogEntry, deleteCatalogEntry, updateCatalogEntry } from '../../services/catalog/catalog-entries.js';
import { createCatalogType } from '../../services/catalog/catalog-types.js';
import { createIncident } from '../../services/status/incidents.js';
import { createCustomerPageSet } from '../../services/pages/page-kinds.js';
import { createPage, updatePage } from '../../services/pages/pages.js';
import type { Database } from '../../store/database.js';
import { PUBLIC_CACHE } from './routes.js';

const HTML = { accept: 'text/html' };
const SUB_PAGES = ['/regions/eu', '/regions/us', '/regions/apac'] as const;
const EVERY_PAGE = ['/regions', ...SUB_PAGES, '/docs'] as const;

let testApp: TestApp | undefined;
afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

async function start(database: Database): Promise<TestApp> {
  testApp = await createTestApp(database, { now: new Date('2025-03-03T12:00:00.000Z') });
  return testApp;
}

const get = (path: string) => Promise.resolve(testApp!.app.request(path, { headers: HTML }));
const textOf = async (path: string) => (await get(path)).text();

/** The sub-page tiles of a parent page's HTML: name → status words. */
function subPageTiles(html: string): Record<string, { href: string; status: string }> {
  const list = /<ul class="sub-pages">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  const tiles: Record<string, { href: string; status: string }> = {};
  for (const match of list.matchAll(
    /<a class="card sub-page" href="([^"]+)"><span class="name">([^<]+)<\/span>[\s\S]*?<span>([^<]+)<\/span><\/span><\/a>/g,
  )) {
    tiles[match[2]!] = { href: match[1]!, status: match[3]! };
  }
  return tiles;
}

/** Every site-relative link of a document (stylesheets, scripts and anchors). */
const relativeLinks = (html: string): string[] => [...html.matchAll(/(?:href|src)="(\/[^"]*)"/g)].map((match) => match[1]!);

async function declare(seeded: SeededRegions, name: string, impacts: Partial<Record<keyof SeededRegions['components'], Impact>>) {
  return createIncident(testApp!.deps.ctx, {
    name,
    status: 'investigating',
    message: `${name}: we are looking into it.`,
    impacts: Object.entries(impacts).map(([key, impact]) => ({
      componentId: seeded.components[key as keyof SeededRegions['components']],
      impact: impact!,
    })),
  });
}

describeOnSqlite('sub-page routes', (database) => {
  it('shows each incident on the parent and on every sub-page sharing an affected component, and on no other', async () => {
    await start(database());
    const seeded = await seedRegions(testApp!.deps.ctx);
    const incidents = [
      {
        incident: await declare(seeded, 'Replication lag in Frankfurt', { euDatabase: 'degraded_performance' }),
        on: ['/regions', '/regions/eu'],
      },
      {
        incident: await declare(seeded, 'Elevated error rates', { api: 'partial_outage' }),
        on: ['/regions', '/regions/eu', '/regions/us'],
      },
      { incident: await declare(seeded, 'Slow asset downloads', { cdn: 'degraded_performance' }), on: ['/regions', ...SUB_PAGES] },
      {
        incident: await declare(seeded, 'Failover in Virginia and Singapore', {
          usDatabase: 'full_outage',
          apacDatabase: 'partial_outage',
        }),
        on: ['/regions', '/regions/us', '/regions/apac'],
      },
      { incident: await declare(seeded, 'Search index rebuild', { docs: 'full_outage' }), on: ['/docs'] },
    ];

    for (const path of EVERY_PAGE) {
      const front = await textOf(path);
      const history = await textOf(`${path}/history`);
      for (const { incident, on } of incidents) {
        const shown = on.includes(path);
        expect(front.includes(incident.name), `${incident.name} on ${path}`).toBe(shown);
        expect(history.includes(incident.name), `${incident.name} in ${path}/history`).toBe(shown);
        const page = await get(`${path}/incidents/${incident.id}`);
        expect(page.status, `${path}/incidents/${incident.id} (${incident.name})`).toBe(shown ? 200 : 404);
        if (shown) expect(await page.text()).toContain(`${incident.name}: we are looking into it.`);
      }
    }
    // The default page is the parent, and shows the same as /regions.
    expect(await textOf('/')).toContain('Failover in Virginia and Singapore');
  });

  it('shows on a sub-page only its own components, laid out as on the parent, with its own status', async () => {
    await start(database());
    const seeded = await seedRegions(testApp!.deps.ctx);
    await declare(seeded, 'Replication lag in Frankfurt', { euDatabase: 'full_outage' });

    const apac = await get('/regions/apac');
    expect(apac.status).toBe(200);
    expect(apac.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(apac.headers.get('cache-control')).toBe(PUBLIC_CACHE.cacheControl);
    expect(apac.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    const html = await apac.text();
    expect(html).toContain('Regions — APAC');
    expect(html).toContain('All Systems Operational');
    for (const name of ['APAC database', 'CDN', 'Databases']) expect(html, name).toContain(name);
    for (const name of ['Public API', 'EU database', 'US database', 'Docs site']) expect(html, name).not.toContain(name);
    // A sub-page lists no sub-pages of its own.
    expect(html).not.toContain('class="sub-pages"');

    const eu = await textOf('/regions/eu');
    expect(eu).toContain('Major System Outage');
    const structure = eu.slice(eu.indexOf('<h2 id="components">'));
    const order = ['Public API', 'Databases', 'EU database', 'CDN'].map((name) => structure.indexOf(name));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('keeps every link of a sub-page, its incidents and history under /<parent>/<sub>/', async () => {
    await start(database());
    const seeded = await seedRegions(testApp!.deps.ctx);
    const incident = await declare(seeded, 'Elevated error rates', { api: 'partial_outage' });

    for (const path of ['/regions/us', '/regions/us/history', `/regions/us/incidents/${incident.id}`]) {
      const html = await textOf(path);
      // The navigation to the parent and the siblings aside (tested below), and the subscription forms, which name the sub-page by its scope.
      const links = relativeLinks(html.replace(/<nav class="family"[\s\S]*?<\/nav>/, '')).filter(
        (link) => !link.startsWith('/assets/') && !link.startsWith('/subscriptions/'),
      );
      expect(links.length, path).toBeGreaterThan(0);
      for (const link of links) expect(link === '/regions/us' || link.startsWith('/regions/us/'), `${link} on ${path}`).toBe(true);
      expect(html, path).toContain(`<link rel="canonical" href="http://localhost:3000${path}`);
    }
    const front = await textOf('/regions/us');
    expect(front).toContain(`href="/regions/us/incidents/${incident.id}"`);
    expect(front).toContain('href="/regions/us/history"');
  });

  it('gives a sub-page its own description (none, not the parent’s) and a navigation to its parent and siblings', async () => {
    await start(database());
    const seeded = await seedRegions(testApp!.deps.ctx);
    await updatePage(testApp!.deps.ctx, seeded.parent.id, { description: 'Every region we run, at a glance.' });
    expect(await textOf('/regions')).toContain('Every region we run, at a glance.');
    expect(await textOf('/regions')).not.toContain('class="family"');
    for (const path of ['/regions/us', '/regions/us/history']) {
      const html = await textOf(path);
      expect(html, path).not.toContain('Every region we run');
      const nav = /<nav class="family" aria-label="Regions pages">([\s\S]*?)<\/nav>/.exec(html)?.[1];
      expect(nav, path).toBeDefined();
      const links = [...nav!.matchAll(/<a[^>]* href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => [
        m[1],
        m[2]!.replace(/<[^>]+>|&#8592;/g, '').trim(),
        /aria-current="page"/.test(m[0]),
      ]);
      expect(links, path).toEqual([
        ['/', 'Regions', false],
        ['/regions/eu', 'EU', false],
        ['/regions/us', 'US', true],
        ['/regions/apac', 'APAC', false],
      ]);
    }
  });

  it('lists the sub-pages on the parent with their status and a link, and unions their components', async () => {
    await start(database());
    const seeded = await seedRegions(testApp!.deps.ctx);
    await declare(seeded, 'Replication lag in Frankfurt', { euDatabase: 'full_outage' });
    await declare(seeded, 'Failover in Singapore', { apacDatabase: 'degraded_performance' });

    const html = await textOf('/regions');
    expect(html).toContain('<h2 id="sub-pages">Regions</h2>');
    expect(subPageTiles(html)).toEqual({
      EU: { href: '/regions/eu', status: 'Full outage' },
      US: { href: '/regions/us', status: 'Operational' },
      APAC: { href: '/regions/apac', status: 'Degraded performance' },
    });
    for (const name of ['Public API', 'EU database', 'US database', 'APAC database', 'CDN']) expect(html, name).toContain(name);
    expect(html).not.toContain('Docs site');
    // A standalone page has no such list.
    expect(await textOf('/docs')).not.toContain('class="sub-pages"');
  });

  it('serves a new entry as a new sub-page at once, and answers 404 for a deleted one at once', async () => {
    await start(database());
    const seeded = await seedRegions(testApp!.deps.ctx);
    const { ctx } = testApp!.deps;
    const missing = await get('/no-such-page');
    const notFoundBody = await missing.text();
    expect(missing.status).toBe(404);

    expect((await get('/regions/latam')).status).toBe(404);
    await createCatalogEntry(
      ctx,
      seeded.regionTypeId,
      { name: 'LATAM', rank: 4, values: { components: [seeded.components.cdn] } },
      REGION_ACTOR,
    );
    const latam = await get('/regions/latam');
    expect(latam.status).toBe(200);
    expect(await latam.text()).toContain('Regions — LATAM');
    expect(Object.keys(subPageTiles(await textOf('/regions')))).toEqual(['EU', 'US', 'APAC', 'LATAM']);

    const apacIncident = await declare(seeded, 'Failover in Singapore', { apacDatabase: 'partial_outage' });
    expect((await get(`/regions/apac/incidents/${apacIncident.id}`)).status).toBe(200);
    await deleteCatalogEntry(ctx, seeded.entryIds.apac, REGION_ACTOR);
    for (const path of ['/regions/apac', '/regions/apac/history', `/regions/apac/incidents/${apacIncident.id}`]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('cache-control'), path).toBe(PUBLIC_CACHE.cacheControl);
      expect(await res.text(), path).toBe(notFoundBody);
    }
    const parent = await textOf('/regions');
    expect(Object.keys(subPageTiles(parent))).toEqual(['EU', 'US', 'LATAM']);
    // Its only own component left the parent, and with it the incident.
    expect(parent).not.toContain('APAC database');
    expect(parent).not.toContain('Failover in Singapore');
  });

  it('answers 404 for a disabled sub-page and leaves it out of the parent, through the API', async () => {
    const app = await start(database());
    const seeded = await seedRegions(app.deps.ctx);
    const usOnly = await declare(seeded, 'Failover in Virginia', { usDatabase: 'full_outage' });
    expect(await textOf('/regions')).toContain('Failover in Virginia');

    const path = `/api/v1/pages/${seeded.parent.id}/sub-pages/${seeded.entryIds.us}`;
    expect((await app.requestJson('PATCH', path, { disabled: true })).status).toBe(200);
    for (const url of ['/regions/us', '/regions/us/history', `/regions/us/incidents/${usOnly.id}`])
      expect((await get(url)).status, url).toBe(404);
    const parent = await textOf('/regions');
    expect(Object.keys(subPageTiles(parent))).toEqual(['EU', 'APAC']);
    expect(parent).not.toContain('US database');
    expect(parent).not.toContain('Failover in Virginia');
    expect((await get(`/regions/incidents/${usOnly.id}`)).status).toBe(404);
    expect(await textOf('/regions')).toContain('Public API'); // still there: EU shares it

    expect((await app.requestJson('PATCH', path, { disabled: false })).status).toBe(200);
    expect((await get('/regions/us')).status).toBe(200);
    expect(await textOf('/regions')).toContain('Failover in Virginia');
  });

  it('moves a sub-page when its entry’s slug is edited', async () => {
    await start(database());
    const seeded = await seedRegions(testApp!.deps.ctx);
    const incident = await declare(seeded, 'Replication lag in Frankfurt', { euDatabase: 'degraded_performance' });
    await updateCatalogEntry(testApp!.deps.ctx, seeded.entryIds.eu, { slug: 'europe' }, REGION_ACTOR);

    expect((await get('/regions/eu')).status).toBe(404);
    const moved = await get('/regions/europe');
    expect(moved.status).toBe(200);
    expect(await moved.text()).toContain(`href="/regions/europe/incidents/${incident.id}"`);
    expect((await get(`/regions/europe/incidents/${incident.id}`)).status).toBe(200);
    expect(subPageTiles(await textOf('/regions')).EU?.href).toBe('/regions/europe');
  });

  it('never lets an entry slug shadow a page’s incidents or history', async () => {
    await start(database());
    const seeded = await seedRegions(testApp!.deps.ctx);
    const { ctx } = testApp!.deps;
    const incident = await declare(seeded, 'Elevated error rates', { api: 'partial_outage' });

    for (const slug of ['incidents', 'history']) {
      await expect(
        createCatalogEntry(ctx, seeded.regionTypeId, { name: `Region ${slug}`, slug }, REGION_ACTOR),
        slug,
      ).rejects.toMatchObject({ code: 'validation' });
      await expect(updateCatalogEntry(ctx, seeded.entryIds.eu, { slug }, REGION_ACTOR), slug).rejects.toMatchObject({ code: 'validation' });
    }
    // Named like the routes, entries get slugs of their own.
    const history = await createCatalogEntry(
      ctx,
      seeded.regionTypeId,
      { name: 'History', values: { components: [seeded.components.cdn] } },
      REGION_ACTOR,
    );
    const incidentsEntry = await createCatalogEntry(
      ctx,
      seeded.regionTypeId,
      { name: 'Incidents', values: { components: [seeded.components.cdn] } },
      REGION_ACTOR,
    );
    expect([history.slug, incidentsEntry.slug]).toEqual(['history-page', 'incidents-page']);

    const parentHistory = await get('/regions/history');
    expect(parentHistory.status).toBe(200);
    const historyHtml = await parentHistory.text();
    expect(historyHtml).toContain('Incident history');
    expect(historyHtml).toContain('Elevated error rates');
    expect((await get(`/regions/incidents/${incident.id}`)).status).toBe(200);
    expect((await get('/regions/history-page')).status).toBe(200);
    expect((await get('/regions/incidents-page/history')).status).toBe(200);
    // `/<page>/incidents/history` is an incident id, not the history of a sub-page called "incidents".
    expect((await get('/regions/incidents/history')).status).toBe(404);
  });

  it('works through the staff API as docs/sub-pages.md shows', async () => {
    const app = await start(database());
    const json = async (res: Response, status: number) => {
      expect(res.status, await res.clone().text()).toBe(status);
      return (await res.json()) as { id: string; data?: { id: string; slug: string }[] };
    };
    const component = async (name: string) => (await json(await app.requestJson('POST', '/api/v1/components', { name }), 201)).id;
    const [api, eu, us, cdn] = [
      await component('API'),
      await component('EU database'),
      await component('US database'),
      await component('CDN'),
    ];
    const group = await json(await app.requestJson('POST', '/api/v1/groups', { name: 'Databases', component_ids: [eu, us] }), 201);
    const type = await json(
      await app.requestJson('POST', '/api/v1/catalog/types', {
        name: 'Region',
        attributes: [{ id: 'components', name: 'Components', kind: 'component', is_list: true }],
      }),
      201,
    );
    const entries = await json(
      await app.requestJson('PUT', `/api/v1/catalog/types/${type.id}/entries`, {
        entries: [
          { external_id: 'eu', name: 'EU', rank: 1, values: { components: ['API', 'EU database', 'CDN'] } },
          { external_id: 'us', name: 'US', rank: 2, values: { components: ['API', 'US database', 'CDN'] } },
        ],
      }),
      200,
    );
    const page = await json(
      await app.requestJson('POST', '/api/v1/pages', {
        slug: 'regions',
        name: 'Regions',
        items: [
          { type: 'component', component_id: api },
          { type: 'group', group_id: group.id },
          { type: 'component', component_id: cdn, show_uptime: false },
        ],
      }),
      201,
    );
    await json(
      await app.requestJson('PUT', `/api/v1/pages/${page.id}/parent`, { catalog_type_id: type.id, component_attribute_id: 'components' }),
      200,
    );

    const html = await textOf('/regions/us');
    expect(html).toContain('US database');
    expect(html).not.toContain('EU database');
    expect(Object.keys(subPageTiles(await textOf('/regions')))).toEqual(['EU', 'US']);

    const usEntry = entries.data!.find((entry) => entry.slug === 'us')!;
    await json(await app.requestJson('PATCH', `/api/v1/catalog/entries/${usEntry.id}`, { slug: 'americas' }), 200);
    expect((await get('/regions/americas')).status).toBe(200);
    const refused = await app.requestJson('PATCH', `/api/v1/catalog/entries/${usEntry.id}`, { slug: 'history' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('slug');
  });

  it('serves no sub-pages under a standalone page, and never a customer page set at its slug or as /', async () => {
    await start(database());
    const { ctx } = testApp!.deps;
    // Created first, the set would be the default page if `/` did not skip it.
    await createCustomerPageSet(ctx, { slug: 'customers', name: 'Customer status', newType: { name: 'Customer' } }, 'test');
    await createPage(ctx, { slug: 'status', name: 'Acme Status' });
    // A type with entries, bound to no page: its entries are sub-pages of nothing.
    const region = await createCatalogType(
      ctx,
      { name: 'Region', attributes: [{ id: 'components', name: 'Components', kind: 'component', isList: true }] },
      REGION_ACTOR,
    );
    await createCatalogEntry(ctx, region.id, { name: 'EU' }, REGION_ACTOR);

    for (const path of ['/customers', '/customers/history', '/status/eu', '/status/eu/history'])
      expect((await get(path)).status, path).toBe(404);
    const home = await get('/');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Acme Status');
  });
});
