import { CompiledQuery, type DatabaseConnection, type Driver, type QueryCompiler, SqliteDialect, type TransactionSettings } from 'kysely';
import { FifoLock } from './fifo-lock.js';

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
 * A lock still not had in time fails with SQLITE_BUSY, which `withBusyErrorsClassified` turns
 * into BeaconError('busy'). better-sqlite3 waits synchronously: while another process holds the
 * lock, a waiting write holds up this process's event loop too, which is why the timeout is bounded.
 */
export class WriteLockSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    return new WriteLockSqliteDriver(super.createDriver());
  }
}

class WriteLockSqliteDriver implements Driver {
  readonly #inner: Driver;
  readonly #lock = new FifoLock();

  constructor(inner: Driver) {
    this.#inner = inner;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock.acquire();
    try {
      // Never waits: the FIFO lock above already lets one caller at a time through.
      return await this.#inner.acquireConnection();
    } catch (error) {
      this.#lock.release();
      throw error;
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.#inner.releaseConnection(connection);
    } finally {
      this.#lock.release();
    }
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(settings.accessMode === 'read only' ? 'begin' : 'begin immediate'));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.rollbackTransaction(connection);
  }

  savepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    return this.#inner.savepoint!(connection, name, compileQuery);
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    return this.#inner.rollbackToSavepoint!(connection, name, compileQuery);
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    return this.#inner.releaseSavepoint!(connection, name, compileQuery);
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}
