import type { Kysely, Migration } from 'kysely';

/**
 * The dashboard's maintenance lists page by scheduled start (upcoming from the earliest, past from
 * the latest, keyset on start then id): an index on both, so a page reads its rows and no others,
 * whatever the number of windows.
 */
export const maintenanceStartIndex: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('maintenances_scheduled_start').on('maintenances').columns(['scheduled_start', 'id']).execute();
  },
};
