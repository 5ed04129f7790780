import type { Kysely, Migration } from 'kysely';

/**
 * REQ-4 limits count over sliding windows instead of clock minutes and hours: one row per key holds
 * the times of the hits it let through within its window. The fixed-window counters are dropped
 * (at most an hour of limits starts afresh once).
 */
export const slidingRateLimits: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropTable('rate_limits').execute();
    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (c) => c.primaryKey())
      // JSON array of ISO-8601 instants, oldest first: the hits let through within the window.
      .addColumn('hits', 'text', (c) => c.notNull())
      // The last time the key was asked about: what pruning goes by.
      .addColumn('touched_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('rate_limits_touched_at').on('rate_limits').column('touched_at').execute();
  },
};
