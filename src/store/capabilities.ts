import { PostgresAdapter, SqliteAdapter } from 'kysely';
import type { Queryable } from './transaction.js';

/**
 * Where SQLite and PostgreSQL differ. Store functions read it from the handle they are given (the
 * database or a transaction on it), so that nothing above the store knows which engine it runs on.
 */
export interface Capabilities {
  engine: 'sqlite' | 'postgres';
  /** Other processes can share the database and must be told of writes (LISTEN/NOTIFY). */
  isShared: boolean;
  /**
   * `SELECT … FOR UPDATE` locks rows against concurrent writers. Without it (SQLite) a write
   * transaction holds the whole database's write lock from its start, which serialises writers anyway.
   */
  supportsRowLocks: boolean;
  /** `SELECT … FOR UPDATE SKIP LOCKED` is available for claiming outbox rows. */
  supportsSkipLocked: boolean;
  /** The most parameters one statement may bind (SQLite's SQLITE_MAX_VARIABLE_NUMBER, PostgreSQL's protocol limit). */
  maxBindParameters: number;
}

const SQLITE_CAPABILITIES: Capabilities = {
  engine: 'sqlite',
  isShared: false,
  supportsRowLocks: false,
  supportsSkipLocked: false,
  maxBindParameters: 32_766,
};
const POSTGRES_CAPABILITIES: Capabilities = {
  engine: 'postgres',
  isShared: true,
  supportsRowLocks: true,
  supportsSkipLocked: true,
  maxBindParameters: 65_535,
};

/**
 * What the engine behind `db` can do, told by its dialect's adapter: the one object Kysely keeps
 * per engine for its own `supports*` flags, shared by the database and every transaction on it.
 */
export function capabilitiesOf(db: Queryable): Capabilities {
  const { adapter } = db.getExecutor();
  if (adapter instanceof PostgresAdapter) return POSTGRES_CAPABILITIES;
  if (adapter instanceof SqliteAdapter) return SQLITE_CAPABILITIES;
  throw new Error(`no capabilities known for the database adapter ${adapter.constructor.name}`);
}
