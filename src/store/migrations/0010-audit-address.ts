import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';

/** Rows backfilled per statement: bounded, so a long log migrates without one huge read. */
const BACKFILL_CHUNK = 500;

/**
 * The audit log filtered in the store (the dashboard's audit screen): `audit_log.address`,
 * the email address an event is about (the address a link was asked for, a session's viewer, a staff
 * member added), so "everything about alice@…" is an index range, not a scan of every event's JSON.
 * Indexes by address and by action, each with the time, for newest-first pages. Existing rows are
 * backfilled from what they already say (`subject_id` of `email` events, `details.email` otherwise).
 */
export const auditAddress: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('audit_log').addColumn('address', 'text').execute();
    await db.schema.createIndex('audit_log_address').on('audit_log').columns(['address', 'at']).execute();
    await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'at']).execute();

    await sql`UPDATE audit_log SET address = subject_id WHERE subject_type = 'email'`.execute(db);
    // Engine-neutral: read the details in id order, a chunk at a time, and set what they name.
    let after = '';
    for (;;) {
      const { rows } = await sql<{ id: string; details: string }>`
        SELECT id, details FROM audit_log WHERE id > ${after} AND address IS NULL AND details LIKE ${'%"email"%'}
        ORDER BY id LIMIT ${BACKFILL_CHUNK}`.execute(db);
      for (const row of rows) {
        const email = emailOf(row.details);
        if (email !== null) await sql`UPDATE audit_log SET address = ${email} WHERE id = ${row.id}`.execute(db);
      }
      if (rows.length < BACKFILL_CHUNK) break;
      after = rows[rows.length - 1]!.id;
    }
  },
};

function emailOf(details: string): string | null {
  try {
    const parsed: unknown = JSON.parse(details);
    if (typeof parsed !== 'object' || parsed === null || !('email' in parsed)) return null;
    return typeof parsed.email === 'string' ? parsed.email.toLowerCase() : null;
  } catch {
    return null;
  }
}
