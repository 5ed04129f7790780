import type { Selectable } from 'kysely';
import type { AttributeValue, CatalogEntry, CatalogEntrySource } from '../../domain/catalog/catalog.js';
import { BeaconError } from '../../domain/errors.js';
import { fromDbTime, toDbTime } from '../codec.js';
import type { Tables } from '../tables.js';
import type { Queryable, Tx } from '../transaction.js';
import { isUniqueViolation } from '../unique-violation.js';

/** A catalog entry as stored: its slug and source are always known, with timestamps. */
export interface CatalogEntryRecord extends CatalogEntry {
  slug: string;
  source: CatalogEntrySource;
  createdAt: Date;
  updatedAt: Date;
}

export type CatalogEntryRow = Selectable<Tables['catalog_entries']>;

/** The row a catalog entry is stored as. */
export const toCatalogEntryRow = (entry: CatalogEntryRecord): CatalogEntryRow => ({
  id: entry.id,
  type_id: entry.typeId,
  name: entry.name,
  external_id: entry.externalId,
  aliases: JSON.stringify(entry.aliases),
  rank: entry.rank,
  values: JSON.stringify(entry.values),
  slug: entry.slug,
  source_kind: entry.source.kind,
  sync_key: entry.source.kind === 'sync' ? entry.source.syncKey : null,
  created_at: toDbTime(entry.createdAt),
  updated_at: toDbTime(entry.updatedAt),
});

const toEntry = (row: CatalogEntryRow): CatalogEntryRecord => ({
  id: row.id,
  typeId: row.type_id,
  name: row.name,
  externalId: row.external_id,
  aliases: parseJson<string[]>(row, 'aliases', Array.isArray),
  rank: Number(row.rank),
  values: parseJson<Record<string, AttributeValue>>(row, 'values', (v) => typeof v === 'object' && v !== null && !Array.isArray(v)),
  slug: row.slug,
  source: toSource(row),
  createdAt: fromDbTime(row.created_at),
  updatedAt: fromDbTime(row.updated_at),
});

function toSource(row: CatalogEntryRow): CatalogEntrySource {
  if (row.source_kind === 'manual') return { kind: 'manual' };
  if (row.source_kind === 'sync' && row.sync_key !== null) return { kind: 'sync', syncKey: row.sync_key };
  throw new Error(`catalog_entries ${row.id}: inconsistent source ${JSON.stringify(row.source_kind)}`);
}

function parseJson<T>(row: CatalogEntryRow, column: 'aliases' | 'values', isShape: (value: unknown) => boolean): T {
  const parsed: unknown = JSON.parse(row[column]);
  if (!isShape(parsed)) throw new Error(`catalog_entries ${row.id}: ${column} has an unexpected shape`);
  return parsed as T;
}

/** A unique (type, external id) or (type, slug) pair taken, e.g. by a concurrent write. */
const taken = (entry: CatalogEntryRecord): BeaconError =>
  new BeaconError(
    'conflict',
    `another entry of this type already uses the external id ${JSON.stringify(entry.externalId)} or the slug ${JSON.stringify(entry.slug)}`,
  );

export async function insertCatalogEntry(tx: Tx, entry: CatalogEntryRecord): Promise<void> {
  try {
    await tx.insertInto('catalog_entries').values(toCatalogEntryRow(entry)).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(entry);
    throw error;
  }
}

/** Writes every field but `id`, `typeId` and `createdAt`. */
export async function updateCatalogEntryRow(tx: Tx, entry: CatalogEntryRecord): Promise<void> {
  const { name, external_id, aliases, rank, values, slug, source_kind, sync_key, updated_at } = toCatalogEntryRow(entry);
  try {
    await tx
      .updateTable('catalog_entries')
      .set({ name, external_id, aliases, rank, values, slug, source_kind, sync_key, updated_at })
      .where('id', '=', entry.id)
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(entry);
    throw error;
  }
}

export async function deleteCatalogEntryRows(tx: Tx, ids: readonly string[]): Promise<void> {
  // Chunked: SQLite caps the number of bound parameters per statement.
  for (let start = 0; start < ids.length; start += 500) {
    await tx
      .deleteFrom('catalog_entries')
      .where('id', 'in', ids.slice(start, start + 500))
      .execute();
  }
}

export async function findCatalogEntry(db: Queryable, id: string): Promise<CatalogEntryRecord | null> {
  const row = await db.selectFrom('catalog_entries').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toEntry(row) : null;
}

/** The entries of one type, in display order: rank, then name. */
export async function listCatalogEntriesOfType(db: Queryable, typeId: string): Promise<CatalogEntryRecord[]> {
  const rows = await db.selectFrom('catalog_entries').selectAll().where('type_id', '=', typeId).execute();
  return sortEntries(rows.map(toEntry));
}

/** Every entry of every type, in display order within each type. */
export async function loadAllCatalogEntries(db: Queryable): Promise<CatalogEntryRecord[]> {
  const rows = await db.selectFrom('catalog_entries').selectAll().execute();
  return assembleCatalogEntries(rows);
}

/** Entries from rows in any order, in display order within each type. */
export const assembleCatalogEntries = (rows: readonly CatalogEntryRow[]): CatalogEntryRecord[] => sortEntries(rows.map(toEntry));

/** Sorted here rather than in SQL so both engines agree (their collations differ). */
function sortEntries(entries: CatalogEntryRecord[]): CatalogEntryRecord[] {
  return entries.sort(
    (a, b) => compareText(a.typeId, b.typeId) || a.rank - b.rank || compareText(a.name, b.name) || compareText(a.id, b.id),
  );
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
