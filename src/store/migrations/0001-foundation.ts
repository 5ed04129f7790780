import { type Kysely, type Migration, sql } from 'kysely';

// Written with the schema builder only, so the same migration runs on SQLite and PostgreSQL.
export const foundation: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('meta_revision')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('value', 'integer', (c) => c.notNull())
      .execute();
    await db
      .insertInto('meta_revision' as never)
      .values({ id: 1, value: 1 } as never)
      .execute();

    await db.schema
      .createTable('components')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('component_groups')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('component_group_members')
      .addColumn('group_id', 'text', (c) => c.notNull().references('component_groups.id').onDelete('cascade'))
      .addColumn('component_id', 'text', (c) => c.notNull().references('components.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('component_group_members_pk', ['group_id', 'component_id'])
      .execute();

    await db.schema
      .createTable('pages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    // At most one default page, even when two first pages are created at the same moment.
    await db.schema
      .createIndex('pages_single_default')
      .on('pages')
      .column('is_default')
      .unique()
      .where(sql.ref('is_default'), '=', 1)
      .execute();

    await db.schema
      .createTable('page_items')
      .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('component_id', 'text', (c) => c.references('components.id').onDelete('cascade'))
      .addColumn('group_id', 'text', (c) => c.references('component_groups.id').onDelete('cascade'))
      .addColumn('show_uptime', 'integer', (c) => c.notNull().defaultTo(1))
      .addPrimaryKeyConstraint('page_items_pk', ['page_id', 'position'])
      .execute();

    await db.schema
      .createTable('incidents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('incident_updates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('display_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('incident_updates_incident').on('incident_updates').column('incident_id').execute();

    await db.schema
      .createTable('incident_update_impacts')
      .addColumn('update_id', 'text', (c) => c.notNull().references('incident_updates.id').onDelete('cascade'))
      .addColumn('component_id', 'text', (c) => c.notNull().references('components.id').onDelete('cascade'))
      .addColumn('impact', 'text')
      .addPrimaryKeyConstraint('incident_update_impacts_pk', ['update_id', 'component_id'])
      .execute();

    await db.schema
      .createTable('maintenances')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('scheduled_start', 'text', (c) => c.notNull())
      .addColumn('scheduled_end', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .addColumn('cancelled_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('maintenance_components')
      .addColumn('maintenance_id', 'text', (c) => c.notNull().references('maintenances.id').onDelete('cascade'))
      .addColumn('component_id', 'text', (c) => c.notNull().references('components.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('maintenance_components_pk', ['maintenance_id', 'component_id'])
      .execute();

    await db.schema
      .createTable('maintenance_updates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('maintenance_id', 'text', (c) => c.notNull().references('maintenances.id').onDelete('cascade'))
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();

    await db.schema
      .createTable('idempotency_keys')
      .addColumn('api_key_id', 'text', (c) => c.notNull().references('api_keys.id').onDelete('cascade'))
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('status', 'integer', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['api_key_id', 'key'])
      .execute();
  },
};
