import type { Page, PageItem } from '../../domain/pages/page.js';
import { createCatalogEntry } from '../catalog/catalog-entries.js';
import { createCatalogType } from '../catalog/catalog-types.js';
import { createComponent } from '../status/components.js';
import type { ServiceContext } from '../context.js';
import type { DemoComponentKey } from './demo-data.js';
import { createIncident, postIncidentUpdate } from '../status/incidents.js';
import { bindParentPage, createCustomerPageSet } from '../pages/page-kinds.js';
import { createPage } from '../pages/pages.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const ACTOR = 'demo';

export const DEMO_REGIONS_SLUG = 'regions';
export const DEMO_CUSTOMERS_SLUG = 'customers';

/** Which demo components each region runs on; APAC also gets a database of its own. */
const REGIONS: { name: string; externalId: string; components: DemoComponentKey[] }[] = [
  { name: 'EU', externalId: 'eu', components: ['api', 'dashboard', 'auth', 'webhooks', 'euDatabase', 'storage', 'cdn', 'email'] },
  { name: 'US', externalId: 'us', components: ['api', 'dashboard', 'auth', 'usDatabase', 'storage', 'cdn', 'sms'] },
  { name: 'APAC', externalId: 'apac', components: ['api', 'dashboard', 'auth', 'storage', 'cdn', 'push'] },
];

/** Three customers, each with allowlisted domains (that pass vetting), a dedicated component and the region it lives in. */
const CUSTOMERS = [
  {
    name: 'Globex Corporation',
    externalId: 'globex',
    aliases: ['Globex'],
    domains: ['globex.example'],
    region: 'eu',
    component: { name: 'Globex dedicated cluster', description: 'Single-tenant cluster for Globex, Frankfurt' },
  },
  {
    name: 'Initech',
    externalId: 'initech',
    aliases: [],
    domains: ['initech.example', '*.initech-labs.example'],
    region: 'us',
    component: { name: 'Initech SSO bridge', description: 'SAML bridge to Initech’s identity provider' },
  },
  {
    name: 'Umbrella',
    externalId: 'umbrella',
    aliases: ['Umbrella Corp'],
    domains: ['umbrella.example'],
    region: 'apac',
    component: { name: 'Umbrella private region', description: 'Isolated deployment for Umbrella, Singapore' },
  },
] as const;

export interface DemoCatalogSummary {
  /** `regions`: the parent page; its sub-pages are `/regions/eu`, `/regions/us`, `/regions/apac`. */
  parentPageSlug: string;
  /** `customers`: the customer page set; its pages live at unlisted `/c/<token>` URLs. */
  customerSetSlug: string;
  componentCount: number;
  incidentCount: number;
}

/**
 * Seeds the catalog side of the demo through the catalog and page-kind services: a Region type
 * (EU, US, APAC) driving the parent page "Regions" with a sub-page per region, and a Customer type
 * (Globex, Initech, Umbrella) with email domains and a dedicated component each, behind a customer
 * page set sharing the core platform. One customer's component has an open incident, so the
 * customer pages differ. Takes the demo's components and groups (`groupIds` in DEMO_GROUPS order).
 *
 * @example await seedDemoCatalog(ctx, ids, groupIds)
 */
export async function seedDemoCatalog(
  ctx: ServiceContext,
  ids: Record<DemoComponentKey, string>,
  groupIds: readonly string[],
): Promise<DemoCatalogSummary> {
  const now = ctx.clock();
  // Back-dated like the rest of the demo, so the new components' uptime bars are full.
  const founded: ServiceContext = { ...ctx, clock: () => new Date(now.getTime() - 120 * DAY) };

  const apacDatabase = await createComponent(founded, { name: 'APAC database', description: 'Primary data store, Singapore' });
  const regionEntryIds = await seedRegions(founded, ids, apacDatabase.id);
  const parent = await createRegionsPage(founded, groupIds, apacDatabase.id);
  await bindParentPage(founded, parent.id, { catalogTypeId: regionEntryIds.typeId, componentAttributeId: 'components' });

  const customerComponents = await seedCustomers(founded, regionEntryIds.typeId);
  await createCustomerPageSet(
    founded,
    {
      slug: DEMO_CUSTOMERS_SLUG,
      name: 'Acme Cloud customer status',
      description: 'Your dedicated view of Acme Cloud: the shared platform and the parts that run for you alone.',
      timeZone: 'Europe/Berlin',
      items: [
        ...groupIds.slice(0, 1).map((groupId): PageItem => ({ kind: 'group', groupId, showUptime: true })),
        { kind: 'component', componentId: ids.cdn, showUptime: true },
      ],
      catalogTypeId: customerComponents.typeId,
      allowlistAttributeId: 'domains',
      componentAttributeId: 'components',
    },
    ACTOR,
  );

  await seedCustomerIncident(ctx, customerComponents.globex, now);
  return {
    parentPageSlug: DEMO_REGIONS_SLUG,
    customerSetSlug: DEMO_CUSTOMERS_SLUG,
    componentCount: 1 + CUSTOMERS.length,
    incidentCount: 1,
  };
}

async function seedRegions(
  ctx: ServiceContext,
  ids: Record<DemoComponentKey, string>,
  apacDatabaseId: string,
): Promise<{ typeId: string }> {
  const type = await createCatalogType(
    ctx,
    {
      name: 'Region',
      description: 'Where Acme Cloud runs. Each region is a sub-page of the Regions page.',
      attributes: [{ id: 'components', name: 'Components', kind: 'component', isList: true }],
    },
    { actor: ACTOR },
  );
  for (const [rank, region] of REGIONS.entries()) {
    const components = region.components.map((key) => ids[key]);
    if (region.externalId === 'apac') components.push(apacDatabaseId);
    await createCatalogEntry(
      ctx,
      type.id,
      { name: region.name, externalId: region.externalId, rank, values: { components } },
      { actor: ACTOR },
    );
  }
  return { typeId: type.id };
}

/** The parent's structure: the demo's groups, with the APAC database beside the Data group. */
async function createRegionsPage(ctx: ServiceContext, groupIds: readonly string[], apacDatabaseId: string): Promise<Page> {
  const items: PageItem[] = groupIds.map((groupId) => ({ kind: 'group', groupId, showUptime: true }));
  items.splice(2, 0, { kind: 'component', componentId: apacDatabaseId, showUptime: true });
  return createPage(ctx, {
    slug: DEMO_REGIONS_SLUG,
    name: 'Regions',
    description: 'Acme Cloud region by region. Pick a region to see only what runs there.',
    timeZone: 'Europe/Berlin',
    items,
  });
}

async function seedCustomers(ctx: ServiceContext, regionTypeId: string): Promise<{ typeId: string; globex: string }> {
  const type = await createCatalogType(
    ctx,
    {
      name: 'Customer',
      description: 'Customers with a dedicated status page; their email domains may sign in to it.',
      attributes: [
        { id: 'domains', name: 'Email domains', kind: 'email_domain', isList: true },
        { id: 'components', name: 'Components', kind: 'component', isList: true },
        { id: 'region', name: 'Region', kind: 'entry', targetType: regionTypeId },
      ],
    },
    { actor: ACTOR },
  );
  let globex = '';
  for (const [rank, customer] of CUSTOMERS.entries()) {
    const component = await createComponent(ctx, customer.component);
    if (customer.externalId === 'globex') globex = component.id;
    await createCatalogEntry(
      ctx,
      type.id,
      {
        name: customer.name,
        externalId: customer.externalId,
        aliases: [...customer.aliases],
        rank,
        values: { domains: [...customer.domains], components: [component.id], region: customer.region },
      },
      { actor: ACTOR },
    );
  }
  return { typeId: type.id, globex };
}

/** An open incident on Globex's own cluster: only Globex's customer page shows it. */
async function seedCustomerIncident(ctx: ServiceContext, componentId: string, now: Date): Promise<void> {
  const at = (minutesAgo: number): ServiceContext => ({ ...ctx, clock: () => new Date(now.getTime() - minutesAgo * MINUTE) });
  const incident = await createIncident(at(55), {
    name: 'Slow report exports on the Globex cluster',
    status: 'investigating',
    message: 'Report exports on your dedicated cluster take several minutes. We are investigating.',
    impacts: [{ componentId, impact: 'degraded_performance' }],
  });
  await postIncidentUpdate(at(20), incident.id, {
    status: 'identified',
    message: 'A nightly re-index is still running and competing for disk. We are throttling it; exports will speed up as it finishes.',
  });
}
