/**
 * A parent page and its sub-pages in a real browser: Chromium (playwright-core) against the real HTTP
 * server, with the Regions page of test/helpers/sub-page-fixtures.ts made through the services. The
 * parent lists its sub-pages with their statuses; following a link leads to a sub-page that shows only
 * its own components and incidents; axe-core finds nothing serious in light or dark mode, at desktop
 * and phone widths. With `BEACON_SHOTS=1`, screenshots land in /tmp/beacon-shots for a human to look at.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createIncident } from '../../src/services/status/incidents.js';
import type { Database } from '../../src/store/database.js';
import { type BrowserRig, describeInBrowser, seriousViolations, shoot, sidewaysOverflow, startBrowserRig } from '../helpers/browser.js';
import { createTestDatabase } from '../helpers/databases.js';
import { seedRegions } from '../helpers/sub-page-fixtures.js';
import { type TestApp, createTestApp } from '../helpers/test-app.js';

const NOW = new Date('2026-03-20T13:30:00.000Z');
const DAY = 86_400_000;

describeInBrowser('parent page and sub-pages', () => {
  let database: Database;
  let testApp: TestApp;
  let rig: BrowserRig;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    testApp = await createTestApp(database, { now: new Date(NOW.getTime() - 30 * DAY) });
    const { ctx } = testApp.deps;
    const seeded = await seedRegions(ctx);
    testApp.setNow(new Date(NOW.getTime() - 3_600_000));
    await createIncident(ctx, {
      name: 'Replication lag in Frankfurt',
      status: 'identified',
      message: 'A replica in Frankfurt fell behind; writes are slow while it catches up.',
      impacts: [{ componentId: seeded.components.euDatabase, impact: 'partial_outage' }],
    });
    await createIncident(ctx, {
      name: 'Slow queries in Singapore',
      status: 'investigating',
      message: 'Queries in Singapore take several seconds.',
      impacts: [{ componentId: seeded.components.apacDatabase, impact: 'degraded_performance' }],
    });
    testApp.setNow(NOW);
    rig = await startBrowserRig(testApp.web);
  }, 60_000);

  afterAll(async () => {
    await rig?.close();
    await testApp?.close();
    await database?.close();
  });

  const open: BrowserRig['open'] = (path, options) => rig.open(path, options);

  it('lists the sub-pages on the parent, each with its status, and leads to a sub-page with only its components', async () => {
    const { page, status, close } = await open('/regions');
    try {
      expect(status).toBe(200);
      await expect(page.locator('h1').textContent()).resolves.toBe('Partial System Outage');
      const list = page.getByRole('region', { name: 'Regions' });
      await expect(list.isVisible()).resolves.toBe(true);
      const tiles = list.getByRole('link');
      await expect(tiles.allInnerTexts()).resolves.toEqual(['EU\nPartial outage', 'US\nOperational', 'APAC\nDegraded performance']);
      for (const tile of await tiles.all()) await expect(tile.isVisible()).resolves.toBe(true);
      // The parent carries every region's components and incidents.
      const main = await page.locator('main').innerText();
      for (const text of ['EU database', 'US database', 'APAC database', 'Replication lag in Frankfurt', 'Slow queries in Singapore'])
        expect(main).toContain(text);

      await list.getByRole('link', { name: /^EU/ }).click();
      await page.waitForURL(`${rig.origin}/regions/eu`);
      await expect(page.locator('h1').textContent()).resolves.toBe('Partial System Outage');
      const components = page.getByRole('region', { name: 'Components' });
      const names = await components.locator('.name').allInnerTexts();
      expect(names.map((name) => name.replace(/\s+\d+ components?$/, '').trim())).toEqual([
        'Public API',
        'Databases',
        'EU database',
        'CDN',
      ]);
      const text = await page.locator('main').innerText();
      expect(text).toContain('Replication lag in Frankfurt');
      expect(text).not.toContain('Slow queries in Singapore');
      expect(text).not.toContain('US database');
      await expect(page.getByRole('region', { name: 'Regions' }).count()).resolves.toBe(0);
      // Its navigation stays within the sub-page.
      await expect(page.getByRole('navigation').getByRole('link', { name: 'History', exact: true }).getAttribute('href')).resolves.toBe(
        '/regions/eu/history',
      );
      await page.getByRole('link', { name: 'Replication lag in Frankfurt' }).first().click();
      await page.waitForURL(/\/regions\/eu\/incidents\/[\w-]+$/);
      await expect(page.locator('h1').textContent()).resolves.toBe('Replication lag in Frankfurt');
    } finally {
      await close();
    }
  });

  for (const width of [1280, 360]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`passes axe on the parent and a sub-page at ${width} px in ${colorScheme} mode, without sideways scrolling`, async () => {
        for (const path of ['/regions', '/regions/apac', '/regions/apac/history']) {
          // The rig's one page for looking at: axe-core is sent to its context once, not once per screen.
          const { page, status } = await rig.look(path, { viewport: { width, height: 900 }, colorScheme });
          expect(status, path).toBe(200);
          await shoot(page, `sub-pages${path.replace(/\//g, '-')}-${width}-${colorScheme}`);
          expect(await seriousViolations(page), path).toEqual([]);
          expect(await sidewaysOverflow(page), path).toBe(0);
          if (path === '/regions') {
            // A focused tile must be as readable as a resting one.
            await page.getByRole('region', { name: 'Regions' }).getByRole('link').first().focus();
            expect(await seriousViolations(page, '.sub-pages'), `${path} focused`).toEqual([]);
          }
        }
      });
    }
  }

  it('answers an unknown sub-page with the accessible 404', async () => {
    const { page, status, close } = await rig.look('/regions/mars');
    try {
      expect(status).toBe(404);
      await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });
});
