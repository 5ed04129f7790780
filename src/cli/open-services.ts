import type { Config } from '../config.js';
import { systemClock } from '../domain/clock.js';
import type { ServiceContext } from '../services/context.js';
import { migrateDatabase, openDatabase } from '../store/database.js';

/**
 * Opens and migrates the configured database, runs `work` with a service context, and closes the
 * database whatever happens. For the one-shot commands; `serve` keeps its database open.
 */
export async function withServices<T>(config: Config, work: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const database = openDatabase(config.databaseUrl, {
    poolSize: 2,
    busyTimeoutMs: config.busyTimeoutMs,
    statementCache: config.caches.statementCache,
    synchronous: config.sqliteSynchronous,
  });
  try {
    await migrateDatabase(database);
    return await work({ database, clock: systemClock, onRevision: () => {} });
  } finally {
    await database.close();
  }
}
