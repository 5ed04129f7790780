import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { CacheBounds } from '../domain/cache-bounds.js';
import { capabilitiesOf } from './capabilities.js';
import { withBusyErrorsClassified } from './sqlite/busy-classifying-dialect.js';
import { classifyDatabaseError } from './sqlite/database-busy.js';
import { MIGRATIONS } from './migrations/index.js';
import { sequenceRevisions } from './revisions/revision-sequencer.js';
import { SYNC_BUSY_WAIT_MS, WriteLockSqliteDialect } from './sqlite/sqlite-dialect.js';
import { withStatementCache } from './sqlite/sqlite-statement-cache.js';
import { JsonInListPlugin } from './sqlite/json-in-lists.js';
import type { Tables } from './tables.js';

export interface Database {
  db: Kysely<Tables>;
  /** The connection string it was opened with, for opening side connections (LISTEN). */
  url: string;
  close(): Promise<void>;
  /**
   * A trivial read that does not queue behind this process's own work on the database (SQLite's one
   * connection may be held by a write, and its queue is first come, first served): `/readyz` must
   * answer promptly while the server is saturated with writes. Absent: the probe uses `db`.
   */
  probe?: () => Promise<void>;
  /**
   * PostgreSQL: gives the writes committed so far their revision and answers the current one (see
   * revision-sequencer.ts). Absent (SQLite): each write transaction bumps the revision itself.
   */
  sequenceRevisions?: () => Promise<number>;
}

/**
 * SQLite's page cache for Beacon's connection, in KiB: native memory V8 does not see, filled up to
 * this bound or the database's size. better-sqlite3 builds SQLite with 16 MiB a connection; Beacon
 * reads most of what it serves from its in-memory live state, and the rest (old incidents, history
 * months) from its own archive cache, so half is plenty; the operating system's file cache holds the
 * rest. Memory-mapped I/O stays off (SQLite's default), so the file's pages are not in Beacon's RSS.
 */
export const SQLITE_PAGE_CACHE_KIB = 8192;

/** The SQLite settings; the configuration holds their defaults (config/load-config.ts), so every opener passes them. */
export interface OpenOptions {
  /** PostgreSQL: connections in the pool. */
  poolSize?: number;
  /** SQLite: how long to wait for a lock another connection holds (`busy_timeout`; BEACON_BUSY_TIMEOUT_MS). */
  busyTimeoutMs: number;
  /** SQLite: bounds of the compiled statement cache (BEACON_STATEMENT_CACHE_MB). */
  statementCache: CacheBounds;
  /** SQLite: how hard a commit waits for the disk (see `SqliteSynchronous`; BEACON_SQLITE_SYNCHRONOUS). */
  synchronous: SqliteSynchronous;
}

export const SQLITE_SYNCHRONOUS_MODES = ['normal', 'full'] as const;
/**
 * SQLite's `synchronous` in WAL mode. `full` waits for the disk (fsync) at every commit, inside the
 * commit, on the server's only thread (its cost per write: docs/performance.md): a
 * committed write survives a power cut. `normal` waits for the disk at checkpoints only: a committed
 * write survives Beacon crashing or being killed, and the database is never corrupted, but the last
 * writes before a power cut or an operating system crash may be rolled back.
 */
export type SqliteSynchronous = (typeof SQLITE_SYNCHRONOUS_MODES)[number];

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

/**
 * Opens SQLite (a file path, `sqlite:` path, or `:memory:`) or PostgreSQL (`postgres://…`).
 * SQLite runs in WAL mode with foreign keys on and `synchronous` as configured (see
 * `SqliteSynchronous`). Writes take the write lock up front and queue for it, across processes
 * too (see sqlite-dialect.ts). Compiled statements are kept for reuse (see sqlite-statement-cache.ts),
 * and long `in (…)` lists are one JSON parameter (json-in-lists.ts), so one statement serves every length.
 */
export function openDatabase(url: string, options: OpenOptions): Database {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // A dropped connection in an idle pool must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    const db = new Kysely<Tables>({ dialect: withBusyErrorsClassified(new PostgresDialect({ pool })) });
    return { db, url, close: () => db.destroy(), sequenceRevisions: () => sequenceRevisions(pool) };
  }
  const { busyTimeoutMs } = options;
  const path = url.replace(/^sqlite:(\/\/)?/, '');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  try {
    // The timeout first: switching to WAL needs a lock another process may be holding.
    sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`cache_size = -${SQLITE_PAGE_CACHE_KIB}`);
    // From here on the long waits for the write lock happen asleep, between attempts (sqlite-dialect.ts).
    sqlite.pragma(`busy_timeout = ${Math.min(SYNC_BUSY_WAIT_MS, busyTimeoutMs)}`);
  } catch (error) {
    sqlite.close();
    throw classifyDatabaseError(error);
  }
  const db = new Kysely<Tables>({
    dialect: withBusyErrorsClassified(
      new WriteLockSqliteDialect({ database: withStatementCache(sqlite, options.statementCache), busyTimeoutMs }),
    ),
    plugins: [new JsonInListPlugin()],
  });
  const prober = path === ':memory:' ? undefined : sqliteProber(path);
  const close = async () => {
    prober?.close();
    await db.destroy();
  };
  return { db, url, close, probe: prober?.probe };
}

/**
 * A read-only connection of its own for the readiness probe, opened on first use. In WAL mode a
 * reader never waits for the writer, so it answers while this process's connection is busy.
 */
function sqliteProber(path: string): { probe: () => Promise<void>; close: () => void } {
  let connection: SQLite.Database | undefined;
  let query: SQLite.Statement | undefined;
  return {
    probe: async () => {
      connection ??= new SQLite(path, { readonly: true, fileMustExist: true, timeout: SYNC_BUSY_WAIT_MS });
      query ??= connection.prepare('select value from meta_revision where id = 1');
      query.get();
    },
    close: () => {
      connection?.close();
      connection = undefined;
      query = undefined;
    },
  };
}

/**
 * Brings the schema up to date; safe to run on every start and from several processes. An
 * up-to-date schema is only read, so a command that merely reads never waits for the write lock.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => MIGRATIONS },
  });
  const migrations = await migrator.getMigrations();
  if (migrations.every((migration) => migration.executedAt !== undefined)) return;
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/** The engine's name, for logs and messages only: what differs between the engines is decided in the store. */
export function engineName(database: Database): 'SQLite' | 'PostgreSQL' {
  return capabilitiesOf(database.db).engine === 'postgres' ? 'PostgreSQL' : 'SQLite';
}

/** True when a trivial query succeeds: what `/readyz` reports. */
export async function isDatabaseReachable(database: Database): Promise<boolean> {
  try {
    if (database.probe) await database.probe();
    else await sql`select 1`.execute(database.db);
    return true;
  } catch {
    return false;
  }
}
