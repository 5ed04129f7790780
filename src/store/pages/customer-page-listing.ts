import { sql } from 'kysely';
import { toDbTime } from '../codec.js';
import type { Queryable } from '../transaction.js';

/** One customer page as the staff list shows it: its row, its customer's name, its set and what its allowlist attribute holds. */
export interface CustomerPageListRow {
  id: string;
  setId: string;
  setName: string;
  entryId: string;
  name: string;
  urlToken: string;
  /** The stored value of the set's allowlist attribute on the entry (a domain, a list of them, or nothing). */
  allowlistValue: unknown;
}

export interface CustomerPageListQuery {
  /** Only customers whose name contains this (any case). */
  search?: string;
  limit: number;
  offset: number;
}

/** `%`, `_` and the escape itself taken literally in a LIKE pattern (`ESCAPE '\'`). */
const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * A page of customer pages by customer name in any case (then id), with how many match in all: paged and
 * searched in the store, so the list costs the same with 5,000 pages as with 5. Only rows whose set
 * is still a customer page set of the entry's type (what the pages serve, as `customerPageState`).
 */
export async function listCustomerPageRows(
  db: Queryable,
  query: CustomerPageListQuery,
): Promise<{ rows: CustomerPageListRow[]; total: number }> {
  let base = db
    .selectFrom('customer_pages')
    .innerJoin('pages', 'pages.id', 'customer_pages.page_id')
    .innerJoin('catalog_entries', 'catalog_entries.id', 'customer_pages.entry_id')
    .where('pages.kind', '=', 'customer_set')
    .whereRef('catalog_entries.type_id', '=', 'pages.catalog_type_id');
  if (query.search !== undefined && query.search !== '') {
    const pattern = `%${likeLiteral(query.search.toLowerCase())}%`;
    base = base.where(sql<boolean>`lower(catalog_entries.name) like ${pattern} escape '\\'`);
  }
  const counted = await base.select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).executeTakeFirst();
  const rows = await base
    .select([
      'customer_pages.id as id',
      'customer_pages.url_token as url_token',
      'pages.id as set_id',
      'pages.name as set_name',
      'pages.allowlist_attribute_id as allowlist_attribute_id',
      'catalog_entries.id as entry_id',
      'catalog_entries.name as name',
      'catalog_entries.values as entry_values',
    ])
    .orderBy(sql`lower(catalog_entries.name)`)
    .orderBy('catalog_entries.name')
    .orderBy('customer_pages.id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return {
    total: Number(counted?.n ?? 0),
    rows: rows.map((row) => ({
      id: row.id,
      setId: row.set_id,
      setName: row.set_name,
      entryId: row.entry_id,
      name: row.name,
      urlToken: row.url_token,
      allowlistValue: row.allowlist_attribute_id === null ? undefined : valueOf(row.entry_values, row.allowlist_attribute_id),
    })),
  };
}

function valueOf(valuesJson: string, attributeId: string): unknown {
  const values: unknown = JSON.parse(valuesJson);
  return typeof values === 'object' && values !== null && !Array.isArray(values)
    ? (values as Record<string, unknown>)[attributeId]
    : undefined;
}

/** Per customer page of `ids`: its unexpired sessions (signed-in viewers) at `at`. Pages without one are absent. */
export async function countLiveSessions(db: Queryable, ids: readonly string[], at: Date): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (ids.length === 0) return counts;
  const now = toDbTime(at);
  const rows = await db
    .selectFrom('sessions')
    .select(['customer_page_id', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
    .where('customer_page_id', 'in', ids)
    .where('idle_expires_at', '>', now)
    .where('absolute_expires_at', '>', now)
    .groupBy('customer_page_id')
    .execute();
  for (const row of rows) counts.set(row.customer_page_id, Number(row.n));
  return counts;
}
