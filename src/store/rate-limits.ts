import { toDbTime } from './codec.js';
import type { Tx } from './transaction.js';

/**
 * Adds one hit to the counter of `key` in the window starting at `windowStart` and returns the new
 * count. One upsert, atomic on both engines, so concurrent processes never lose a hit.
 */
export async function incrementRateLimit(tx: Tx, key: string, windowStart: Date): Promise<number> {
  const row = await tx
    .insertInto('rate_limits')
    .values({ key, window_start: toDbTime(windowStart), count: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet((eb) => ({ count: eb('rate_limits.count', '+', 1) })))
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Removes the windows that started before `before`. */
export async function deleteRateLimitsBefore(tx: Tx, before: Date): Promise<number> {
  const result = await tx.deleteFrom('rate_limits').where('window_start', '<', toDbTime(before)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
