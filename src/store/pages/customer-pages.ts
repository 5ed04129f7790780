import { capabilitiesOf } from '../capabilities.js';
import type { Selectable } from 'kysely';
import type { CustomerPageRef } from '../../domain/snapshot.js';
import { fromDbTime, fromDbTimeOrNull, toDbTime, toDbTimeOrNull } from '../codec.js';
import type { Tables } from '../tables.js';
import type { Queryable, Tx } from '../transaction.js';

/** A customer page row: the entry `entryId` of the set `pageId`, served at `/c/<urlToken>`. */
export interface CustomerPageRecord extends CustomerPageRef {
  createdAt: Date;
  rotatedAt: Date | null;
}

export type CustomerPageRow = Selectable<Tables['customer_pages']>;

const toRecord = (row: CustomerPageRow): CustomerPageRecord => ({
  id: row.id,
  pageId: row.page_id,
  entryId: row.entry_id,
  urlToken: row.url_token,
  createdAt: fromDbTime(row.created_at),
  rotatedAt: fromDbTimeOrNull(row.rotated_at),
});

/** The row a customer page is stored as. */
export const toCustomerPageRow = (record: CustomerPageRecord): CustomerPageRow => ({
  id: record.id,
  page_id: record.pageId,
  entry_id: record.entryId,
  url_token: record.urlToken,
  created_at: toDbTime(record.createdAt),
  rotated_at: toDbTimeOrNull(record.rotatedAt),
});

/**
 * Inserts the rows, skipping any whose (set, entry) pair already has one, so concurrent callers
 * never make two pages for one customer. Returns how many were inserted.
 */
export async function insertCustomerPages(tx: Tx, records: readonly CustomerPageRecord[]): Promise<number> {
  let inserted = 0;
  // Chunked: SQLite caps the number of bound parameters per statement.
  for (let start = 0; start < records.length; start += 100) {
    const result = await tx
      .insertInto('customer_pages')
      .values(records.slice(start, start + 100).map(toCustomerPageRow))
      .onConflict((oc) => oc.columns(['page_id', 'entry_id']).doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return inserted;
}

/** The ids of the entries of `typeId` that have no customer page in the set `pageId` yet. */
export async function findEntriesWithoutCustomerPage(db: Queryable, pageId: string, typeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('catalog_entries')
    .select('catalog_entries.id')
    .where('catalog_entries.type_id', '=', typeId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('customer_pages')
            .select('customer_pages.id')
            .where('customer_pages.page_id', '=', pageId)
            .whereRef('customer_pages.entry_id', '=', 'catalog_entries.id'),
        ),
      ),
    )
    .orderBy('catalog_entries.id')
    .execute();
  return rows.map((row) => row.id);
}

/** Gives the page a new URL token; the old one stops resolving with the next snapshot. False when there is no such page. */
export async function updateCustomerPageToken(tx: Tx, id: string, urlToken: string, rotatedAt: Date): Promise<boolean> {
  const result = await tx
    .updateTable('customer_pages')
    .set({ url_token: urlToken, rotated_at: toDbTime(rotatedAt) })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * The page's current URL token, its row locked until the transaction ends (PostgreSQL; SQLite's
 * write lock orders writers anyway): a rotation waits for this transaction, or this one reads the
 * rotated token. Null when the page is gone.
 */
export async function lockCustomerPageUrlToken(tx: Tx, id: string): Promise<string | null> {
  let select = tx.selectFrom('customer_pages').select('url_token').where('id', '=', id);
  if (capabilitiesOf(tx).supportsRowLocks) select = select.forUpdate();
  return (await select.executeTakeFirst())?.url_token ?? null;
}

export async function findCustomerPage(db: Queryable, id: string): Promise<CustomerPageRecord | null> {
  const row = await db.selectFrom('customer_pages').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** Every customer page row, oldest first. */
export async function loadAllCustomerPages(db: Queryable): Promise<CustomerPageRecord[]> {
  const rows = await db.selectFrom('customer_pages').selectAll().orderBy('created_at').orderBy('id').execute();
  return assembleCustomerPages(rows);
}

/** Customer page records from rows, in their order. */
export const assembleCustomerPages = (rows: readonly CustomerPageRow[]): CustomerPageRecord[] => rows.map(toRecord);

/** The customer page rows of one customer page set. */
export async function findCustomerPagesOfSet(db: Queryable, pageId: string): Promise<CustomerPageRecord[]> {
  const rows = await db
    .selectFrom('customer_pages')
    .selectAll()
    .where('page_id', '=', pageId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return assembleCustomerPages(rows);
}

/** The customer page rows of these catalog entries (in any set). */
export async function findCustomerPagesOfEntries(db: Queryable, entryIds: readonly string[]): Promise<CustomerPageRecord[]> {
  const records: CustomerPageRecord[] = [];
  // Chunked: SQLite caps the number of bound parameters per statement.
  for (let start = 0; start < entryIds.length; start += 100) {
    const rows = await db
      .selectFrom('customer_pages')
      .selectAll()
      .where('entry_id', 'in', entryIds.slice(start, start + 100))
      .execute();
    records.push(...rows.map(toRecord));
  }
  return records;
}
