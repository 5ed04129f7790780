import pg from 'pg';
import { migrateDatabase, openDatabase } from '../src/store/database.js';
import { TEST_DATABASE_SETTINGS } from './helpers/test-config.js';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? '';
const RUN = String(process.pid);
const TEMPLATE = `beacon_tpl_${RUN}`;

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** Builds this run's migrated PostgreSQL template that every test database is cloned from. */
export async function setup(): Promise<void> {
  process.env.BEACON_TEST_RUN = RUN;
  if (!TEST_DATABASE_URL) return;
  await withAdmin(async (admin) => {
    // Leftovers of interrupted runs: only those whose run (process) is gone.
    const stale = await admin.query<{ datname: string }>(`select datname from pg_database where datname ~ '^beacon_(tpl|t)_[0-9]+'`);
    for (const { datname } of stale.rows) {
      const pid = Number(/^beacon_(?:tpl|t)_(\d+)/.exec(datname)?.[1]);
      if (!isAlive(pid)) await admin.query(`drop database if exists ${datname} with (force)`);
    }
    await admin.query(`create database ${TEMPLATE}`);
  });
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${TEMPLATE}`;
  const database = openDatabase(url.toString(), { ...TEST_DATABASE_SETTINGS, poolSize: 1 });
  await migrateDatabase(database);
  await database.close();
}

export async function teardown(): Promise<void> {
  if (!TEST_DATABASE_URL) return;
  await withAdmin(async (admin) => {
    const mine = await admin.query<{ datname: string }>(`select datname from pg_database where datname = $1 or datname like $2`, [
      TEMPLATE,
      `beacon\\_t\\_${RUN}\\_%`,
    ]);
    for (const { datname } of mine.rows) await admin.query(`drop database if exists ${datname} with (force)`);
  });
}
