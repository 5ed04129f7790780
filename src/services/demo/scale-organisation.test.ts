import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { buildTestContext } from '../../../test/helpers/write-fixtures.js';
import { resolveCustomerPage } from '../../domain/pages/customer-pages.js';
import { customerPageSlug } from '../pages/customer-page-path.js';
import { structureComponentIds } from '../../domain/pages/derived-page.js';
import { isIncidentOpen } from '../../domain/status/incident-status.js';
import { maintenancePhase } from '../../domain/status/maintenance-phase.js';
import { listSubPages } from '../../domain/pages/sub-pages.js';
import { readRevision } from '../../store/transaction.js';
import { SCALE_DEFAULT_PAGE_SLUG, SCALE_PARENT_SLUG, type ScaleSizes, seedScaleOrganisation } from './scale-organisation.js';
import { loadSnapshot } from '../live-state/snapshot-loader.js';
import { buildPageKindsIndex } from '../../domain/pages/page-kinds-index.js';

const TINY: ScaleSizes = {
  sharedComponents: 60,
  tenantComponents: 20,
  groupSize: 5,
  pages: 6,
  regions: 4,
  customers: 12,
  incidents: 40,
  openIncidents: 3,
  maintenances: 30,
  days: 60,
};

describeEachEngine('services/scale-organisation', (database) => {
  it('seeds an organisation the snapshot serves: default page, sub-pages, customer pages, open incidents, maintenance', async () => {
    const { ctx, revisions } = buildTestContext(database(), new Date());
    const counts = await seedScaleOrganisation(ctx, TINY);
    expect(revisions).toHaveLength(1);
    expect(await readRevision(database().db)).toBe(revisions[0]);
    expect(counts).toMatchObject({
      components: 80,
      component_groups: 16,
      pages: 6,
      catalog_entries: 16,
      customer_pages: 12,
      incidents: 40,
      maintenances: 35,
    });

    const snapshot = await loadSnapshot(database(), ctx.clock);
    const pages = [...snapshot.pages.values()];
    const home = pages.find((page) => page.isDefault)!;
    expect(home.slug).toBe(SCALE_DEFAULT_PAGE_SLUG);
    expect(structureComponentIds(snapshot, home.items)).toHaveLength(5 * TINY.groupSize);

    const parent = pages.find((page) => page.slug === SCALE_PARENT_SLUG)!;
    const subPages = listSubPages(buildPageKindsIndex(snapshot), parent);
    expect(subPages).toHaveLength(TINY.regions);
    for (const subPage of subPages) expect(subPage.componentIds.length).toBeGreaterThan(0);

    const customerPages = [...snapshot.customerPages.keys()].map((token) =>
      resolveCustomerPage(buildPageKindsIndex(snapshot), token, customerPageSlug(token)),
    );
    expect(customerPages).toHaveLength(TINY.customers);
    for (const resolved of customerPages) {
      // The shared group, then 1–3 of the customer's own components.
      expect(resolved!.allowlist).toHaveLength(1);
      expect(resolved!.componentIds.length - TINY.groupSize).toBeGreaterThanOrEqual(1);
      expect(resolved!.componentIds.length - TINY.groupSize).toBeLessThanOrEqual(3);
    }

    expect(snapshot.incidents.filter(isIncidentOpen)).toHaveLength(TINY.openIncidents);
    const phases = snapshot.maintenances.map((maintenance) => maintenancePhase(maintenance, ctx.clock()));
    expect(phases.filter((phase) => phase === 'in_progress')).toHaveLength(2);
    expect(phases.filter((phase) => phase === 'scheduled')).toHaveLength(3);
  });
});
