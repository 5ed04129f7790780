import { type Selectable, sql } from 'kysely';
import type { AttributeValue, CatalogEntry, CatalogEntrySource } from '../../domain/catalog/catalog.js';
import { catalogEntrySearchText, normaliseCatalogSearch } from '../../domain/catalog/catalog-search.js';
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
  await tx.insertInto('catalog_entry_search').values(toCatalogEntrySearchRow(entry)).execute();
}

/** The row staff search an entry by (its type's entries only; deleted with the entry). */
export const toCatalogEntrySearchRow = (entry: CatalogEntryRecord) => ({
  entry_id: entry.id,
  type_id: entry.typeId,
  text: catalogEntrySearchText(entry),
});

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
  const { text } = toCatalogEntrySearchRow(entry);
  await tx.updateTable('catalog_entry_search').set({ text }).where('entry_id', '=', entry.id).execute();
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

export interface CatalogEntrySearch {
  /** As staff typed it; matched anywhere in what an entry can be found by (`catalogEntrySearchText`). */
  search?: string;
  limit: number;
  offset: number;
}

/**
 * A page of a type's entries in display order (rank, name, id), and how many match in all: filtered,
 * counted and paged in the store, so the 100th page of 5,000 entries costs what the first does.
 */
export async function searchCatalogEntriesOfType(
  db: Queryable,
  typeId: string,
  query: CatalogEntrySearch,
): Promise<{ entries: CatalogEntryRecord[]; total: number }> {
  let base = db.selectFrom('catalog_entries').where('catalog_entries.type_id', '=', typeId);
  const search = normaliseCatalogSearch(query.search ?? '');
  if (search !== '') {
    const pattern = `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    base = base
      .innerJoin('catalog_entry_search', 'catalog_entry_search.entry_id', 'catalog_entries.id')
      .where(sql<boolean>`catalog_entry_search.text like ${pattern} escape '\\'`);
  }
  const counted = await base.select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).executeTakeFirst();
  const rows = await base
    .selectAll('catalog_entries')
    .orderBy('catalog_entries.rank')
    .orderBy('catalog_entries.name')
    .orderBy('catalog_entries.id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return { entries: rows.map(toEntry), total: Number(counted?.n ?? 0) };
}

/** How many entries each type has; types without any are absent. */
export async function countCatalogEntriesByType(db: Queryable): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('catalog_entries')
    .select(['type_id', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
    .groupBy('type_id')
    .execute();
  return new Map(rows.map((row) => [row.type_id, Number(row.n)]));
}

/** The entries of these ids (any type), for showing references by name; missing ids are absent. */
export async function findCatalogEntriesByIds(db: Queryable, ids: readonly string[]): Promise<CatalogEntryRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('catalog_entries').selectAll().where('id', 'in', ids.slice(0, 1000)).execute();
  return rows.map(toEntry);
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
