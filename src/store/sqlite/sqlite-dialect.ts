import { setTimeout as sleep } from 'node:timers/promises';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SqliteDialect,
  type SqliteDialectConfig,
  type TransactionSettings,
} from 'kysely';
import { isBusyError } from './database-busy.js';
import { DelegatingDriver } from './delegating-driver.js';
import { FifoLock } from './fifo-lock.js';

/**
 * How long better-sqlite3 may wait for a lock synchronously, in each attempt (`busy_timeout`): it
 * blocks the whole event loop meanwhile, so the longer waits for the write lock happen between
 * attempts, asleep (see `beginTransaction`).
 */
export const SYNC_BUSY_WAIT_MS = 10;
// How long work may run on the connection without the event loop getting a turn (see YieldingConnection).
const YIELD_AFTER_MS = 10;

/**
 * Kysely's SQLite dialect, changed in two ways so that the server, `beacon` commands and other
 * processes sharing one SQLite file queue for its write lock instead of failing:
 *
 * - A transaction that may write begins `BEGIN IMMEDIATE`: it takes the write lock up front,
 *   waiting up to the connection's `busy_timeout`. A deferred `BEGIN` would take it at its first
 *   write, and when another process has committed in between, SQLite refuses the upgrade at once
 *   (SQLITE_BUSY_SNAPSHOT) without waiting. A read-only transaction (`setAccessMode('read only')`)
 *   keeps the deferred `BEGIN`: in WAL mode it reads one consistent state and never takes the lock.
 * - The one connection is handed out first come, first served (see fifo-lock.ts).
 *
 * - better-sqlite3 runs every statement synchronously, and a chain of awaited statements never lets
 *   the event loop turn: waiting for another process's lock, or a long transaction (a catalog sync),
 *   would stall every request of this process, health checks included. So the write lock is waited
 *   for asleep between short attempts, and a connection that has kept the loop from turning for
 *   10 ms lets it turn before its next statement.
 *
 * A lock still not had within `busyTimeoutMs` fails with SQLITE_BUSY, which
 * `withBusyErrorsClassified` turns into BeaconError('busy').
 */
export class WriteLockSqliteDialect extends SqliteDialect {
  readonly #busyTimeoutMs: number;

  constructor(config: SqliteDialectConfig & { busyTimeoutMs: number }) {
    super(config);
    this.#busyTimeoutMs = config.busyTimeoutMs;
  }

  override createDriver(): Driver {
    return new WriteLockSqliteDriver(super.createDriver(), this.#busyTimeoutMs);
  }
}

class WriteLockSqliteDriver extends DelegatingDriver {
  readonly #busyTimeoutMs: number;
  readonly #lock = new FifoLock();
  readonly #turns = new LoopTurns();
  #connection: YieldingConnection | undefined;

  constructor(inner: Driver, busyTimeoutMs: number) {
    super(inner);
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock.acquire();
    try {
      // Never waits: the FIFO lock above already lets one caller at a time through.
      const inner = await this.inner.acquireConnection();
      // SQLite's driver has one connection: wrap it once, so that Kysely sees the same object each time.
      if (this.#connection?.inner !== inner) this.#connection = new YieldingConnection(inner, this.#turns);
      return this.#connection;
    } catch (error) {
      this.#lock.release();
      throw error;
    }
  }

  override async releaseConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.releaseConnection(connection instanceof YieldingConnection ? connection.inner : connection);
    } finally {
      this.#lock.release();
    }
  }

  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (settings.accessMode === 'read only') {
      await connection.executeQuery(CompiledQuery.raw('begin'));
      return;
    }
    // Each attempt waits at most SYNC_BUSY_WAIT_MS in SQLite; between attempts this process goes on serving.
    const deadline = Date.now() + this.#busyTimeoutMs;
    for (let pause = 5; ; pause = Math.min(pause * 2, 50)) {
      try {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
        return;
      } catch (error) {
        if (!isBusyError(error) || Date.now() + pause > deadline) throw error;
        await sleep(pause);
      }
    }
  }
}

/**
 * Knows whether the event loop has turned since a stretch of synchronous database work began: a
 * setImmediate callback runs at the loop's next check phase, so while it is pending, the loop has
 * not turned.
 */
class LoopTurns {
  #pending = false;
  #since = 0;

  /** Called before each statement: true when the loop has not turned for `YIELD_AFTER_MS`. */
  isOverdue(): boolean {
    const now = performance.now();
    if (!this.#pending) {
      this.#pending = true;
      this.#since = now;
      setImmediate(() => {
        this.#pending = false;
      });
      return false;
    }
    return now - this.#since > YIELD_AFTER_MS;
  }
}

/** A connection that lets the event loop turn before a statement once it has been kept from it too long. */
class YieldingConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    readonly turns: LoopTurns,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.turns.isOverdue()) await new Promise<void>((resolve) => setImmediate(resolve));
    return this.inner.executeQuery<R>(query);
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}
