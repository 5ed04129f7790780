import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_ACTOR } from '../../src/domain/access/audit-event.js';
import { createCatalogEntry } from '../../src/services/catalog/catalog-entries.js';
import { parseSyncMapping } from '../../src/services/catalog/catalog-mapping-file.js';
import { buildSyncInput } from '../../src/services/catalog/catalog-mapping.js';
import { parseSourceFile } from '../../src/services/catalog/catalog-source.js';
import type { SyncInput } from '../../src/services/catalog/catalog-sync.js';
import type { CatalogTypeRecord } from '../../src/services/catalog/catalog-types.js';
import { createCatalogType } from '../../src/services/catalog/catalog-types.js';
import type { ServiceContext } from '../../src/services/context.js';
import { createComponent } from '../../src/services/status/components.js';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');

/**
 * The Region and Customer types of docs/catalog.md and examples/catalog, the components the
 * examples name, and (unless `withRegions` is false) the regions EU, US and APAC made by hand.
 */
export async function buildExampleCatalog(ctx: ServiceContext, options: { withRegions?: boolean } = {}) {
  const actor = { actor: 'test' };
  const components: Record<string, string> = {};
  for (const name of ['EU database', 'US database', 'APAC database', 'Search'])
    components[name] = (await createComponent(ctx, { name })).id;
  const region = await createCatalogType(
    ctx,
    { name: 'Region', attributes: [{ id: 'components', name: 'Components', kind: 'component', isList: true }] },
    actor,
  );
  const customer = await createCatalogType(
    ctx,
    {
      name: 'Customer',
      attributes: [
        { id: 'domains', name: 'Email domains', kind: 'email_domain', isList: true },
        { id: 'region', name: 'Region', kind: 'entry', targetType: 'Region' },
        { id: 'components', name: 'Components', kind: 'component', isList: true },
        { id: 'website', name: 'Website', kind: 'url' },
        { id: 'owner', name: 'Account team', kind: 'text' },
        { id: 'parent', name: 'Parent', kind: 'entry', targetType: 'Customer' },
      ],
    },
    actor,
  );
  const regions: Record<string, string> = {};
  if (options.withRegions !== false) {
    for (const [externalId, name] of [
      ['eu', 'EU'],
      ['us', 'US'],
      ['apac', 'APAC'],
    ] as const) {
      regions[externalId] = (await createCatalogEntry(ctx, region.id, { name, externalId }, actor)).id;
    }
  }
  return { region, customer, regions, components };
}

/** A type's attributes as a schema update sends them back (ids kept, target types by id). */
export const attributeInputsOf = (attributes: CatalogTypeRecord['attributes']) =>
  attributes.map((a) => ({ id: a.id, name: a.name, kind: a.kind, isList: a.isList, targetType: a.targetTypeId }));

/** A sync input read from files under the repository root, as `beacon catalog sync` reads them. */
export function loadSyncInput(
  mappingPath: string,
  sourcePaths: readonly string[],
  options: Partial<Pick<SyncInput, 'allowDelete' | 'allowUnsafeDomains' | 'actor'>> = {},
): SyncInput {
  const read = (path: string) => ({ path, text: readFileSync(join(REPO_ROOT, path), 'utf8') });
  return syncInputFromTexts(read(mappingPath), sourcePaths.map(read), options);
}

/** A sync input from a mapping and source files written in the test (each named by the path it reports). */
export function syncInputFromTexts(
  mapping: { path: string; text: string },
  sources: readonly { path: string; text: string }[],
  options: Partial<Pick<SyncInput, 'allowDelete' | 'allowUnsafeDomains' | 'actor'>> = {},
): SyncInput {
  const files = sources.map(({ path, text }) => parseSourceFile(path, text));
  return buildSyncInput(parseSyncMapping(mapping.path, mapping.text), mapping.path, files, {
    allowDelete: false,
    allowUnsafeDomains: false,
    actor: CLI_ACTOR,
    ...options,
  });
}
