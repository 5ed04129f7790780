import type { Kysely, Migration } from 'kysely';

/**
 * Staff (security.md STF-*): the staff list, staff sessions, and roles for API keys.
 * - `staff`: who may sign in to `/admin` and with which role. Removing a member deletes the row (the
 *   audit log keeps the record) and, by the foreign key, every session of theirs (STF-6).
 * - `staff_sessions`: like `sessions` (SES-1: only the HMAC of the id), but of a staff member, not of
 *   a customer page, so that neither kind of session is ever looked up as the other (STF-2).
 * - Staff sign-in links live in `sign_in_tokens` beside customer pages' links, with the audience
 *   `staff` in `customer_page_id` (a page id is 16 characters, so the two never meet): a staff link
 *   is refused on a customer page and the other way round, as a link for another page is (TOK-3).
 * - `api_keys.role` (existing keys become `admin`, what they could do before) and `scope`, a JSON
 *   array of resources the key is narrowed to, or null (STF-4); `prefix`, the token's first
 *   characters, to tell keys apart in lists (null for keys made before).
 */
export const staff: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('staff')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // Canonical address (DOM-1).
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('staff_sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
      // What the browser said it was at sign-in, for the "signed-in devices" list only.
      .addColumn('device', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('idle_expires_at', 'text', (c) => c.notNull())
      .addColumn('absolute_expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('staff_sessions_staff').on('staff_sessions').column('staff_id').execute();
    await db.schema.createIndex('staff_sessions_absolute_expires').on('staff_sessions').column('absolute_expires_at').execute();

    await db.schema
      .alterTable('api_keys')
      .addColumn('role', 'text', (c) => c.notNull().defaultTo('admin'))
      .execute();
    await db.schema.alterTable('api_keys').addColumn('scope', 'text').execute();
    await db.schema.alterTable('api_keys').addColumn('prefix', 'text').execute();
  },
};
