import type { Kysely, Migration } from 'kysely';

/**
 * Archiving components and groups (the dashboard): `archived_at` is when staff archived
 * the row, null while it is in use. An archived component or group stays for the history (incidents
 * and maintenance windows keep naming it) but is never read into the live state, so it leaves every
 * page, sub-page and customer page at once; restoring it brings it back where it was.
 * The name indexes serve the dashboard's lists, paged by name in the store.
 */
export const archivedStructure: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('components').addColumn('archived_at', 'text').execute();
    await db.schema.alterTable('component_groups').addColumn('archived_at', 'text').execute();
    await db.schema.createIndex('components_name').on('components').columns(['name', 'id']).execute();
    await db.schema.createIndex('component_groups_name').on('component_groups').columns(['name', 'id']).execute();
  },
};
