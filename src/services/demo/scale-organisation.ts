import type { CatalogAttribute } from '../../domain/catalog/catalog.js';
import { DEFAULT_BRANDING } from '../../domain/pages/page-branding.js';
import type { Component, Group } from '../../domain/status/component.js';
import { newId } from '../../domain/id.js';
import type { Page, PageBinding, PageItem } from '../../domain/pages/page.js';
import { slugify } from '../../domain/pages/slug.js';
import { newUrlToken } from '../../domain/access/url-token.js';
import { type BulkSeed, type BulkSeedCounts, insertBulkSeed } from '../../store/bulk-seed.js';
import type { CatalogEntryRecord } from '../../store/catalog/catalog-entries.js';
import type { CatalogTypeRecord } from '../../store/catalog/catalog-types.js';
import type { CustomerPageRecord } from '../../store/pages/customer-pages.js';
import { type ServiceContext, write } from '../context.js';
import { type Random, buildIncidents, buildMaintenances, seededRandom } from './scale-history.js';

const DAY = 24 * 60 * 60_000;

/** How big an organisation `buildScaleOrganisation` makes. */
export interface ScaleSizes {
  /** Platform components, in groups of `groupSize`; pages show slices of them. */
  sharedComponents: number;
  /** Components run for customers, in groups of `groupSize`; each customer's entry names 1–3 of them. */
  tenantComponents: number;
  groupSize: number;
  /** Pages in all: the default page, a parent page, a customer page set, and standalone pages. */
  pages: number;
  /** Entries of the Region type: the parent page's sub-pages. */
  regions: number;
  /** Entries of the Customer type, each with a customer page. */
  customers: number;
  /** Incidents in all, `openIncidents` of them still open. */
  incidents: number;
  openIncidents: number;
  /** Past maintenance windows (two in progress and three upcoming come on top). */
  maintenances: number;
  /** How far back the history reaches. */
  days: number;
}

/**
 * The scale bench's large organisation: about 80,000 incident updates over three years.
 * @public (bench/ imports it from dist/)
 */
export const LARGE_ORGANISATION: ScaleSizes = {
  sharedComponents: 1000,
  tenantComponents: 1000,
  groupSize: 20,
  pages: 50,
  regions: 20,
  customers: 5000,
  incidents: 20_000,
  openIncidents: 5,
  maintenances: 10_000,
  days: 3 * 365,
};

/**
 * The dashboard bench's organisation: 500 components, 1,000 customer pages and 10,000 incidents,
 * the size at which every dashboard screen must answer in under 100 ms.
 * @public (bench/ imports it from dist/)
 */
export const DASHBOARD_ORGANISATION: ScaleSizes = {
  sharedComponents: 250,
  tenantComponents: 250,
  groupSize: 20,
  pages: 20,
  regions: 20,
  customers: 1000,
  incidents: 10_000,
  openIncidents: 5,
  maintenances: 1000,
  days: 2 * 365,
};

export const SCALE_DEFAULT_PAGE_SLUG = 'platform';
export const SCALE_PARENT_SLUG = 'regions';
const SCALE_CUSTOMER_SET_SLUG = 'customers';
/** Groups the default page shows, all with uptime bars: 100 components with the default group size. */
const DEFAULT_PAGE_GROUPS = 5;

function componentsInGroups(prefix: string, count: number, groupSize: number, at: Date): { components: Component[]; groups: Group[] } {
  const components: Component[] = [];
  const groups: Group[] = [];
  for (let first = 0; first < count; first += groupSize) {
    const members: Component[] = [];
    for (let i = first; i < Math.min(count, first + groupSize); i++) {
      members.push({ id: newId(), name: `${prefix} ${i + 1}`, description: null, createdAt: at, updatedAt: at });
    }
    components.push(...members);
    const number = groups.length + 1;
    groups.push({
      id: newId(),
      name: `${prefix} group ${number}`,
      description: null,
      componentIds: members.map((c) => c.id),
      createdAt: at,
      updatedAt: at,
    });
  }
  return { components, groups };
}

const groupItems = (groups: readonly Group[], showUptime: boolean): PageItem[] =>
  groups.map((group) => ({ kind: 'group', groupId: group.id, showUptime }));

function page(fields: Pick<Page, 'slug' | 'name' | 'items'> & Partial<Pick<Page, 'isDefault' | 'kind' | 'binding'>>, at: Date): Page {
  const { binding, ...rest } = fields;
  return {
    id: newId(),
    description: null,
    timeZone: 'Europe/Berlin',
    isDefault: false,
    kind: 'standalone',
    branding: DEFAULT_BRANDING,
    createdAt: at,
    updatedAt: at,
    ...rest,
    ...(binding ? { binding } : {}),
  };
}

function catalogType(name: string, attributes: CatalogAttribute[], at: Date): CatalogTypeRecord {
  return { id: newId(), name, description: null, attributes, createdAt: at, updatedAt: at };
}

function entry(type: CatalogTypeRecord, rank: number, name: string, values: CatalogEntryRecord['values'], at: Date): CatalogEntryRecord {
  return {
    id: newId(),
    typeId: type.id,
    name,
    externalId: slugify(name),
    aliases: [],
    rank,
    values,
    slug: slugify(name),
    source: { kind: 'manual' },
    createdAt: at,
    updatedAt: at,
  };
}

/** `count` distinct items of `items` (all of them when there are fewer). */
function sample<T>(rand: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

/**
 * A large organisation as domain values, ready for `insertBulkSeed`: platform and tenant components
 * in groups; a default page of 100 components with uptime bars and standalone pages showing slices of
 * 40–100; a parent page bound to a Region type whose entries each name a share of its components; a
 * customer page set bound to a Customer type whose entries each allow one email domain
 * (`customer-0042.example`) and name 1–3 tenant components, each with its customer page; and
 * incidents and maintenance over `days` (see scale-history.ts). The same `seed` gives the same shape.
 */
function buildScaleOrganisation(sizes: ScaleSizes, now: Date, seed = 1): BulkSeed {
  const rand = seededRandom(seed);
  // Made before the history begins, so every uptime bar is full.
  const founded = new Date(now.getTime() - (sizes.days + 30) * DAY);
  const shared = componentsInGroups('Service', sizes.sharedComponents, sizes.groupSize, founded);
  const tenant = componentsInGroups('Tenant cluster', sizes.tenantComponents, sizes.groupSize, founded);

  const defaultGroups = shared.groups.slice(0, DEFAULT_PAGE_GROUPS);
  const pages: Page[] = [
    page({ slug: SCALE_DEFAULT_PAGE_SLUG, name: 'Platform', isDefault: true, items: groupItems(defaultGroups, true) }, founded),
  ];
  // Besides the default, the parent and the set: 2–5 groups each, half of them with uptime bars.
  for (let i = 0; i < sizes.pages - 3; i++) {
    const groups = sample(rand, shared.groups, 2 + Math.floor(rand() * 4));
    pages.push(
      page(
        {
          slug: `page-${i + 2}`,
          name: `Page ${i + 2}`,
          items: groups.map((group) => ({ kind: 'group', groupId: group.id, showUptime: rand() < 0.5 })),
        },
        founded,
      ),
    );
  }

  const regionType = catalogType('Region', [{ id: 'components', name: 'Components', kind: 'component', isList: true }], founded);
  const parentGroups = shared.groups.slice(DEFAULT_PAGE_GROUPS, 2 * DEFAULT_PAGE_GROUPS);
  const parentComponentIds = parentGroups.flatMap((group) => group.componentIds);
  const regions = Array.from({ length: sizes.regions }, (_, rank) =>
    entry(
      regionType,
      rank,
      `Region ${String(rank + 1).padStart(2, '0')}`,
      { components: sample(rand, parentComponentIds, Math.ceil(parentComponentIds.length * 0.3)) },
      founded,
    ),
  );
  const parentBinding: PageBinding = { kind: 'parent', catalogTypeId: regionType.id, componentAttributeId: 'components' };
  pages.push(
    page(
      { slug: SCALE_PARENT_SLUG, name: 'Regions', kind: 'parent', binding: parentBinding, items: groupItems(parentGroups, true) },
      founded,
    ),
  );

  const customerType = catalogType(
    'Customer',
    [
      { id: 'domains', name: 'Email domains', kind: 'email_domain', isList: true },
      { id: 'components', name: 'Components', kind: 'component', isList: true },
      { id: 'region', name: 'Region', kind: 'entry', isList: false, targetTypeId: regionType.id },
    ],
    founded,
  );
  const tenantIds = tenant.components.map((component) => component.id);
  const customers = Array.from({ length: sizes.customers }, (_, rank) => {
    const number = String(rank + 1).padStart(4, '0');
    const values = {
      domains: [`customer-${number}.example`],
      components: sample(rand, tenantIds, 1 + Math.floor(rand() * 3)),
      region: regions[rank % regions.length]!.id,
    };
    return entry(customerType, rank, `Customer ${number}`, values, founded);
  });
  const setBinding: PageBinding = {
    kind: 'customer_set',
    catalogTypeId: customerType.id,
    allowlistAttributeId: 'domains',
    componentAttributeId: 'components',
  };
  const set = page(
    {
      slug: SCALE_CUSTOMER_SET_SLUG,
      name: 'Customer status',
      kind: 'customer_set',
      binding: setBinding,
      items: groupItems(shared.groups.slice(0, 1), true),
    },
    founded,
  );
  pages.push(set);
  const customerPages: CustomerPageRecord[] = customers.map((customer) => ({
    id: newId(),
    pageId: set.id,
    entryId: customer.id,
    urlToken: newUrlToken(),
    createdAt: founded,
    rotatedAt: null,
  }));

  const history = { now, days: sizes.days, rand };
  const allIds = [...shared.components, ...tenant.components].map((component) => component.id);
  const defaultPageIds = defaultGroups.flatMap((group) => group.componentIds);
  return {
    components: [...shared.components, ...tenant.components],
    groups: [...shared.groups, ...tenant.groups],
    catalogTypes: [regionType, customerType],
    catalogEntries: [...regions, ...customers],
    pages,
    customerPages,
    incidents: buildIncidents(
      history,
      { resolved: sizes.incidents - sizes.openIncidents, open: sizes.openIncidents },
      allIds,
      defaultPageIds,
    ),
    maintenances: buildMaintenances(history, sizes.maintenances, allIds),
  };
}

/**
 * Builds the organisation and writes it in one transaction straight through the store, bumping the
 * revision once: seconds where the services would take an hour. For benchmarks; the database should be empty.
 *
 * @example const counts = await seedScaleOrganisation(ctx, LARGE_ORGANISATION)
 */
export async function seedScaleOrganisation(ctx: ServiceContext, sizes: ScaleSizes, seed = 1): Promise<BulkSeedCounts> {
  const organisation = buildScaleOrganisation(sizes, ctx.clock(), seed);
  // Logged as one `everything` change: a process that sees it reloads, as it must after a bulk write.
  return write(ctx, (tx, changed) => {
    changed.everything();
    return insertBulkSeed(tx, organisation);
  });
}
