import { fromDbTime, toDbTime } from '../codec.js';
import type { Tx } from '../transaction.js';

/**
 * The hits recorded for `key`, read so that no other transaction can change them until this one ends:
 * one upsert that creates the row if need be and, on PostgreSQL, holds its row lock (a concurrent
 * caller waits, then reads what this one wrote); SQLite write transactions run one at a time anyway.
 * Marks the key as asked about at `at`.
 */
export async function claimRateLimitHits(tx: Tx, key: string, at: Date): Promise<Date[]> {
  const touched = toDbTime(at);
  const row = await tx
    .insertInto('rate_limits')
    .values({ key, hits: '[]', touched_at: touched })
    .onConflict((oc) => oc.column('key').doUpdateSet({ touched_at: touched }))
    .returning('hits')
    .executeTakeFirstOrThrow();
  const parsed: unknown = JSON.parse(row.hits);
  return Array.isArray(parsed) ? parsed.filter((hit): hit is string => typeof hit === 'string').map(fromDbTime) : [];
}

/** Replaces the hits of a key claimed in this transaction. */
export async function saveRateLimitHits(tx: Tx, key: string, hits: readonly Date[]): Promise<void> {
  await tx
    .updateTable('rate_limits')
    .set({ hits: JSON.stringify(hits.map(toDbTime)) })
    .where('key', '=', key)
    .execute();
}

/** Removes the keys last asked about before `before`. */
export async function deleteRateLimitsBefore(tx: Tx, before: Date): Promise<number> {
  const result = await tx.deleteFrom('rate_limits').where('touched_at', '<', toDbTime(before)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
