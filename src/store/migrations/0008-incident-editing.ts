import type { Kysely, Migration } from 'kysely';

/**
 * What the dashboard's incident screens need:
 * - `incidents.version`, raised by one on every write to the incident: a form carries the version
 *   its author saw, and a write based on an older one is refused (a stale edit, never silently lost).
 * - `incidents_created_at`: the listings' keyset order (newest first, then id) by index at 10,000 incidents.
 * - `incident_templates`: saved starting points for declaring (the incident's name, message, and the components
 *   with their impacts as a JSON array of `{ componentId, impact }`). Templates are not page data:
 *   no snapshot holds them.
 */
export const incidentEditing: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('incidents')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('incidents_created_at').on('incidents').columns(['created_at', 'id']).execute();

    await db.schema
      .createTable('incident_templates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('impacts', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
