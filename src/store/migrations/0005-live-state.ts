import { type Kysely, type Migration, sql } from 'kysely';

/**
 * What a bounded live state needs from the store: each incident's span as columns (so the recent ones
 * and a history month are found by index instead of by loading every update), indexes for "incidents
 * touching these components" and "maintenance ending after", and a change log saying which rows each
 * revision touched, so that other processes apply a write's delta instead of reloading everything.
 */
export const liveState: Migration = {
  async up(db: Kysely<unknown>) {
    // Kept by the store on every incident write: the first update's display time, and the latest's when it resolves.
    await db.schema.alterTable('incidents').addColumn('started_at', 'text').execute();
    await db.schema.alterTable('incidents').addColumn('resolved_at', 'text').execute();
    await sql`update incidents set ${sql.raw(SPAN_ASSIGNMENTS)}`.execute(db);
    await db.schema.createIndex('incidents_resolved_at').on('incidents').column('resolved_at').execute();
    await db.schema.createIndex('incidents_started_at').on('incidents').column('started_at').execute();
    await db.schema.createIndex('incident_update_impacts_component').on('incident_update_impacts').column('component_id').execute();
    await db.schema.createIndex('maintenances_scheduled_end').on('maintenances').column('scheduled_end').execute();

    await db.schema
      .createTable('change_log')
      .addColumn('revision', 'bigint', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      // '' for kinds that name no single row (the page structure, the catalog).
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('change_log_revision').on('change_log').column('revision').execute();
  },
};

/**
 * `started_at` and `resolved_at` of the incident row being updated, from its updates in timeline order
 * (display time, then creation time): the same rule as `incidentStartedAt` and `incidentResolvedAt`.
 * Written out here rather than shared, so that this migration stays as it ran.
 */
const SPAN_ASSIGNMENTS = [
  'started_at = (select min(u.display_at) from incident_updates u where u.incident_id = incidents.id)',
  "resolved_at = (select case when u.status = 'resolved' then u.display_at end from incident_updates u where u.incident_id = incidents.id order by u.display_at desc, u.created_at desc limit 1)",
].join(', ');
