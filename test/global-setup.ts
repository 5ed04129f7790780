import pg from 'pg';
import { migrateDatabase, openDatabase } from '../src/store/database.js';
import { TEMPLATE_DATABASE, TEST_DATABASE_URL } from './helpers/databases.js';

/** Builds the migrated PostgreSQL template that every test database is cloned from. */
export async function setup(): Promise<void> {
  if (!TEST_DATABASE_URL) return;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
    // Leftovers of interrupted runs.
    const stale = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like 'beacon\\_t\\_%'`,
    );
    for (const row of stale.rows) await admin.query(`drop database if exists ${row.datname} with (force)`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${TEMPLATE_DATABASE}`;
  const database = openDatabase(url.toString(), { poolSize: 1 });
  await migrateDatabase(database);
  await database.close();
}
