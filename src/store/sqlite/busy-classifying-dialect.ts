import type { CompiledQuery, DatabaseConnection, Dialect, QueryResult } from 'kysely';
import { classifyDatabaseError } from './database-busy.js';
import { DelegatingDriver } from './delegating-driver.js';

/**
 * `dialect`, with every driver error that means "busy" (see database-busy.ts) turned into
 * BeaconError('busy') as it leaves the driver: the one place where SQLite's SQLITE_BUSY and
 * PostgreSQL's lock and deadlock failures become the error the web and the CLI answer.
 */
export function withBusyErrorsClassified(dialect: Dialect): Dialect {
  return {
    createDriver: () => new BusyClassifyingDriver(dialect.createDriver()),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db: Parameters<Dialect['createIntrospector']>[0]) => dialect.createIntrospector(db),
  };
}

class BusyClassifyingDriver extends DelegatingDriver {
  // One wrapper per driver connection, both ways: Kysely keeps connections by identity, and the
  // driver must get its own object back on release.
  readonly #outerOf = new WeakMap<DatabaseConnection, DatabaseConnection>();
  readonly #innerOf = new WeakMap<DatabaseConnection, DatabaseConnection>();

  override async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await this.inner.acquireConnection();
    let outer = this.#outerOf.get(inner);
    if (outer === undefined) {
      outer = new BusyClassifyingConnection(inner);
      this.#outerOf.set(inner, outer);
      this.#innerOf.set(outer, inner);
    }
    return outer;
  }

  // Transactions run their statements through the wrapper, so BEGIN and COMMIT are classified too.
  override releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(this.#unwrap(connection));
  }

  #unwrap(connection: DatabaseConnection): DatabaseConnection {
    return this.#innerOf.get(connection) ?? connection;
  }
}

class BusyClassifyingConnection implements DatabaseConnection {
  readonly #inner: DatabaseConnection;

  constructor(inner: DatabaseConnection) {
    this.#inner = inner;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.#inner.executeQuery<R>(query);
    } catch (error) {
      throw classifyDatabaseError(error);
    }
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    try {
      yield* this.#inner.streamQuery<R>(query, chunkSize);
    } catch (error) {
      throw classifyDatabaseError(error);
    }
  }
}
