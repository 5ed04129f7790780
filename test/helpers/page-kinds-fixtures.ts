import type { AttributeValue, CatalogAttribute } from '../../src/domain/catalog/catalog.js';
import { newId } from '../../src/domain/id.js';
import type { Page, PageBinding } from '../../src/domain/pages/page.js';
import type { CatalogEntryRecord } from '../../src/store/catalog/catalog-entries.js';
import { insertCatalogEntry } from '../../src/store/catalog/catalog-entries.js';
import { type CatalogTypeRecord, insertCatalogType } from '../../src/store/catalog/catalog-types.js';
import type { Database } from '../../src/store/database.js';
import { insertPage } from '../../src/store/pages/pages.js';
import { writeTransaction } from '../../src/store/transaction.js';
import { DEFAULT_BRANDING } from '../../src/domain/pages/page-branding.js';

/** Rows for the generated page kinds, inserted straight through the store. */
const AT = new Date('2025-01-01T00:00:00.000Z');

const CUSTOMER_ATTRIBUTES: CatalogAttribute[] = [
  { id: 'domains', name: 'Domains', kind: 'email_domain', isList: true },
  { id: 'components', name: 'Components', kind: 'component', isList: true },
  { id: 'notes', name: 'Notes', kind: 'text', isList: false },
];

export async function insertTestType(database: Database, name: string, attributes = CUSTOMER_ATTRIBUTES): Promise<CatalogTypeRecord> {
  const type: CatalogTypeRecord = { id: newId(), name, description: null, attributes, createdAt: AT, updatedAt: AT };
  await writeTransaction(database, (tx) => insertCatalogType(tx, type));
  return type;
}

export async function insertTestEntry(
  database: Database,
  typeId: string,
  name: string,
  values: Record<string, AttributeValue> = {},
): Promise<CatalogEntryRecord> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const entry: CatalogEntryRecord = {
    id: newId(),
    typeId,
    name,
    externalId: slug,
    aliases: [],
    rank: 0,
    values,
    slug,
    source: { kind: 'manual' },
    createdAt: AT,
    updatedAt: AT,
  };
  await writeTransaction(database, (tx) => insertCatalogEntry(tx, entry));
  return entry;
}

export async function insertTestPage(database: Database, slug: string, binding?: PageBinding): Promise<Page> {
  const page: Page = {
    id: newId(),
    slug,
    name: `Page ${slug}`,
    description: null,
    timeZone: 'UTC',
    branding: DEFAULT_BRANDING,
    isDefault: false,
    kind: binding?.kind ?? 'standalone',
    items: [],
    ...(binding ? { binding } : {}),
    createdAt: AT,
    updatedAt: AT,
  };
  await writeTransaction(database, (tx) => insertPage(tx, page));
  return page;
}
