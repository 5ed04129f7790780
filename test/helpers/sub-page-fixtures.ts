/**
 * A parent page with sub-pages, made through the services as staff would make it: a "Regions" page
 * (slug `regions`) bound to a Region type whose entries EU, US and APAC name their components, beside
 * a standalone "Docs" page that shares none of them.
 *
 *   component       EU  US  APAC   where it is placed on `regions`
 *   Public API      ✓   ✓          a single component
 *   EU database     ✓              the Databases group
 *   US database         ✓          the Databases group
 *   APAC database           ✓      the Databases group
 *   CDN             ✓   ✓   ✓      a single component, without uptime bar
 *   Docs site                      not on `regions` (the `docs` page only)
 */
import type { Page } from '../../src/domain/pages/page.js';
import { createCatalogEntry } from '../../src/services/catalog/catalog-entries.js';
import { createCatalogType } from '../../src/services/catalog/catalog-types.js';
import { createComponent } from '../../src/services/status/components.js';
import type { ServiceContext } from '../../src/services/context.js';
import { createGroup } from '../../src/services/status/groups.js';
import { bindParentPage } from '../../src/services/pages/page-kinds.js';
import { createPage } from '../../src/services/pages/pages.js';

export const REGION_ACTOR = { actor: 'test' };

export interface SeededRegions {
  regionTypeId: string;
  regions: { id: string; name: string; slug: string }[];
  entryIds: { eu: string; us: string; apac: string };
  components: { api: string; euDatabase: string; usDatabase: string; apacDatabase: string; cdn: string; docs: string };
  databasesGroupId: string;
  parent: Page;
  docs: Page;
}

/** Seeds the pages above; `regions` is created first, so it is the default page (`/`). */
export async function seedRegions(ctx: ServiceContext): Promise<SeededRegions> {
  const make = async (name: string) => (await createComponent(ctx, { name })).id;
  const components = {
    api: await make('Public API'),
    euDatabase: await make('EU database'),
    usDatabase: await make('US database'),
    apacDatabase: await make('APAC database'),
    cdn: await make('CDN'),
    docs: await make('Docs site'),
  };
  const databases = await createGroup(ctx, {
    name: 'Databases',
    componentIds: [components.euDatabase, components.usDatabase, components.apacDatabase],
  });
  const page = await createPage(ctx, {
    slug: 'regions',
    name: 'Regions',
    isDefault: true,
    items: [
      { kind: 'component', componentId: components.api, showUptime: true },
      { kind: 'group', groupId: databases.id, showUptime: true },
      { kind: 'component', componentId: components.cdn, showUptime: false },
    ],
  });
  const docs = await createPage(ctx, {
    slug: 'docs',
    name: 'Docs',
    items: [{ kind: 'component', componentId: components.docs, showUptime: true }],
  });

  const type = await createCatalogType(
    ctx,
    { name: 'Region', attributes: [{ id: 'components', name: 'Components', kind: 'component', isList: true }] },
    REGION_ACTOR,
  );
  const entry = (name: string, rank: number, componentIds: string[]) =>
    createCatalogEntry(ctx, type.id, { name, rank, values: { components: componentIds } }, REGION_ACTOR);
  const eu = await entry('EU', 1, [components.api, components.euDatabase, components.cdn]);
  const us = await entry('US', 2, [components.api, components.usDatabase, components.cdn]);
  const apac = await entry('APAC', 3, [components.apacDatabase, components.cdn]);
  const parent = await bindParentPage(ctx, page.id, { catalogTypeId: type.id, componentAttributeId: 'components' });

  return {
    regionTypeId: type.id,
    regions: [eu, us, apac].map((region) => ({ id: region.id, name: region.name, slug: region.slug })),
    entryIds: { eu: eu.id, us: us.id, apac: apac.id },
    components,
    databasesGroupId: databases.id,
    parent,
    docs,
  };
}
