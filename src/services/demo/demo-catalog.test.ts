import { afterEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../test/helpers/test-app.js';
import { listCustomerPageStates, resolveCustomerPage } from '../../domain/pages/customer-pages.js';
import { customerPageSlug } from '../pages/customer-page-path.js';
import { vetAllowlistDomain } from '../../domain/access/domain-vetting.js';
import { buildStatusPageView } from '../../web/views/models/page-view.js';
import { buildSubPageStatuses, listSubPages, resolveSubPage } from '../../domain/pages/sub-pages.js';
import { DEMO_CUSTOMERS_SLUG, DEMO_REGIONS_SLUG } from './demo-catalog.js';
import { seedDemo } from './demo.js';
import { loadSnapshot } from '../live-state/snapshot-loader.js';
import { buildPageKindsIndex } from '../../domain/pages/page-kinds-index.js';

const NOW = new Date('2025-06-15T12:00:00Z');
let testApp: TestApp | undefined;
afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

describeEachEngine('seedDemoCatalog (through seedDemo)', (database) => {
  it('makes a Regions parent page with a sub-page per region, each with its own components and status', async () => {
    testApp = await createTestApp(database(), { now: NOW });
    await seedDemo(testApp.deps.ctx);
    const snapshot = await loadSnapshot(database(), () => NOW);
    const parent = [...snapshot.pages.values()].find((page) => page.slug === DEMO_REGIONS_SLUG)!;
    expect(parent).toMatchObject({ name: 'Regions', kind: 'parent' });

    const name = (id: string) => snapshot.components.get(id)!.name;
    const subPages = listSubPages(buildPageKindsIndex(snapshot), parent);
    expect(
      subPages.map((subPage) => [
        subPage.pageSlug,
        subPage.componentIds.map(name).includes('EU database'),
        subPage.componentIds.map(name).includes('APAC database'),
      ]),
    ).toEqual([
      ['regions/eu', true, false],
      ['regions/us', false, false],
      ['regions/apac', false, true],
    ]);
    // The open webhook incident runs in the EU only; the US and APAC are calm.
    expect(buildSubPageStatuses(snapshot, parent, NOW).map((s) => [s.name, s.indicator])).toEqual([
      ['EU', 'major'],
      ['US', 'none'],
      ['APAC', 'none'],
    ]);
    expect(resolveSubPage(buildPageKindsIndex(snapshot), DEMO_REGIONS_SLUG, 'apac')?.componentIds.map(name)).toContain('APAC database');

    const res = await testApp.app.request('/regions/eu', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Webhook deliveries delayed and failing');
    const regions = await (await testApp.app.request('/regions')).text();
    for (const path of ['/regions/eu', '/regions/us', '/regions/apac']) expect(regions).toContain(`href="${path}"`);
  });

  it('makes three customers with vetted domains and a dedicated component each, behind a customer page set', async () => {
    testApp = await createTestApp(database(), { now: NOW });
    await seedDemo(testApp.deps.ctx);
    const snapshot = await loadSnapshot(database(), () => NOW);

    const states = listCustomerPageStates(buildPageKindsIndex(snapshot));
    expect(states.map((state) => [state.set.slug, state.entry.name])).toEqual([
      [DEMO_CUSTOMERS_SLUG, 'Globex Corporation'],
      [DEMO_CUSTOMERS_SLUG, 'Initech'],
      [DEMO_CUSTOMERS_SLUG, 'Umbrella'],
    ]);
    const openOn = new Map<string, string[]>();
    const ownComponents = new Set<string>();
    for (const state of states) {
      expect(state.noOneCanSignIn, state.entry.name).toBe(false);
      for (const domain of state.allowlist) expect(vetAllowlistDomain(domain), JSON.stringify(domain)).toEqual({ ok: true });
      const page = resolveCustomerPage(
        buildPageKindsIndex(snapshot),
        state.customerPage.urlToken,
        customerPageSlug(state.customerPage.urlToken),
      )!;
      const own = page.componentIds.filter((id) => snapshot.components.get(id)!.name.includes(state.entry.name.split(' ')[0]!));
      expect(own, state.entry.name).toHaveLength(1);
      ownComponents.add(own[0]!);
      openOn.set(
        state.entry.name,
        buildStatusPageView(page.snapshot, page.page, NOW).openIncidents.map((incident) => incident.name),
      );
    }
    expect(ownComponents.size).toBe(3);
    // Only Globex's page carries the incident on its own cluster; every page shares the core platform's.
    expect(openOn.get('Globex Corporation')).toContain('Slow report exports on the Globex cluster');
    expect(openOn.get('Initech')).not.toContain('Slow report exports on the Globex cluster');
    expect(openOn.get('Umbrella')).not.toContain('Slow report exports on the Globex cluster');
    expect(openOn.get('Initech')).toContain('Webhook deliveries delayed and failing');

    // The set is served only at its customers' unlisted URLs.
    expect((await testApp.app.request(`/${DEMO_CUSTOMERS_SLUG}`)).status).toBe(404);
  });
});
