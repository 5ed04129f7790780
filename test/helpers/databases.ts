import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { type Database, migrateDatabase, openDatabase } from '../../src/store/database.js';
import { LISTENER_APPLICATION_NAME } from '../../src/store/revisions/revision-listener.js';
import { TEST_DATABASE_SETTINGS } from './test-config.js';

export type Engine = 'sqlite' | 'postgres';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? '';
/**
 * Each vitest run has its own template (named after the run's main process, which global
 * setup records in the environment its workers inherit), so concurrent runs never collide.
 */
const TEMPLATE_DATABASE = `beacon_tpl_${process.env.BEACON_TEST_RUN ?? process.pid}`;

/** SQLite always; PostgreSQL when TEST_DATABASE_URL is set. On CI a missing PostgreSQL is a failure. */
export const ENGINES: Engine[] = TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
if (process.env.CI === 'true' && !TEST_DATABASE_URL) {
  throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL suite must run on CI');
}

const withDatabaseName = (url: string, name: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A PostgreSQL URL for a new, empty, migrated database of its own (cloned from the template). */
async function createPostgresTestDatabaseUrl(): Promise<string> {
  const name = `beacon_t_${process.env.BEACON_TEST_RUN ?? process.pid}_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name} template ${TEMPLATE_DATABASE}`);
  return withDatabaseName(TEST_DATABASE_URL, name);
}

async function dropPostgresTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await adminQuery(`drop database if exists ${name} with (force)`);
}

/** Tables emptied between tests; the migrator's own bookkeeping stays. */
async function listDataTables(client: pg.Client): Promise<string[]> {
  const result = await client.query<{ tablename: string }>(
    `select tablename from pg_tables where schemaname = 'public' and tablename not like 'kysely\\_%'`,
  );
  return result.rows.map((row) => row.tablename);
}

/**
 * Empties a used test database so the next test of this worker can have it: far cheaper than
 * cloning the template again (which costs up to a second on a busy machine). Returns false when
 * the database could not be reset quickly (a test left a lock behind); it is then dropped.
 */
async function resetPostgresTestDatabase(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`set lock_timeout = '2s'`);
    const tables = await listDataTables(client);
    await client.query(`truncate ${tables.map((t) => `"${t}"`).join(', ')} restart identity cascade`);
    await client.query(`insert into meta_revision (id, value) values (1, 1)`);
    return true;
  } catch {
    return false;
  } finally {
    await client.end();
  }
}

const idlePostgresUrls: string[] = [];

/**
 * The URL of a clean, migrated PostgreSQL database for one test: one this worker used before and
 * emptied, or a new clone. Hand it back with `releasePostgresTestDatabase` once nothing uses it.
 */
export async function takePostgresTestDatabase(): Promise<string> {
  return idlePostgresUrls.pop() ?? (await createPostgresTestDatabaseUrl());
}

/**
 * Empties the database for the next test of this worker, or drops it when it cannot be emptied.
 * Not dropped as a rule: DROP DATABASE forces a checkpoint of the whole cluster and waits for it,
 * which takes seconds even on an idle machine (docs/performance.md), and far longer while other tests write.
 */
export async function releasePostgresTestDatabase(url: string): Promise<void> {
  if (await resetPostgresTestDatabase(url)) idlePostgresUrls.push(url);
  else await dropPostgresTestDatabase(url);
}

/** A clean, migrated database of the given engine; its `close` disposes of it. */
export async function createTestDatabase(engine: Engine): Promise<Database> {
  if (engine === 'sqlite') {
    const database = openDatabase(':memory:', TEST_DATABASE_SETTINGS);
    await migrateDatabase(database);
    return database;
  }
  const url = await takePostgresTestDatabase();
  const database = openDatabase(url, { ...TEST_DATABASE_SETTINGS, poolSize: 4 });
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await close();
      await releasePostgresTestDatabase(url);
    },
  };
}

/** How many revision listeners (of any process) are connected to `database`'s PostgreSQL database. */
export async function countRevisionListeners(database: Database): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
    where datname = current_database() and application_name = ${LISTENER_APPLICATION_NAME}`.execute(database.db);
  return result.rows[0]?.n ?? 0;
}
