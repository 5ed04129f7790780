import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { CacheBounds } from '../domain/cache-bounds.js';
import { type Capabilities, POSTGRES_CAPABILITIES, SQLITE_CAPABILITIES } from './capabilities.js';
import { MIGRATIONS } from './migrations/index.js';
import { withStatementCache } from './sqlite-statement-cache.js';
import type { Tables } from './tables.js';

export interface Database {
  db: Kysely<Tables>;
  capabilities: Capabilities;
  /** The connection string it was opened with, for opening side connections (LISTEN). */
  url: string;
  close(): Promise<void>;
}

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

/**
 * Opens SQLite (a file path, `sqlite:` path, or `:memory:`) or PostgreSQL (`postgres://…`).
 * SQLite runs in WAL mode with foreign keys on and `synchronous=FULL`, so a committed
 * write survives a power cut. Compiled statements are kept for reuse (see sqlite-statement-cache.ts).
 */
export function openDatabase(url: string, options: { poolSize?: number; statementCache?: CacheBounds } = {}): Database {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // A dropped connection in an idle pool must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
    return { db, capabilities: POSTGRES_CAPABILITIES, url, close: () => db.destroy() };
  }
  const path = url.replace(/^sqlite:(\/\/)?/, '');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite, options.statementCache) }) });
  return { db, capabilities: SQLITE_CAPABILITIES, url, close: () => db.destroy() };
}

/** Brings the schema up to date; safe to run on every start and from several processes. */
export async function migrateDatabase(database: Database): Promise<void> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => MIGRATIONS },
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/** True when a trivial query succeeds: what `/readyz` reports. */
export async function isDatabaseReachable(database: Database): Promise<boolean> {
  try {
    await sql`select 1`.execute(database.db);
    return true;
  } catch {
    return false;
  }
}
