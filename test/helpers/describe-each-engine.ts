import { afterEach, beforeEach, describe } from 'vitest';
import type { Database } from '../../src/store/database.js';
import { ENGINES, type Engine, createTestDatabase } from './databases.js';

/**
 * Declares the same suite for every configured engine; each test gets a fresh database.
 * Example: `describeEachEngine('components', (db) => { it('…', async () => { db().db… }) })`.
 */
export function describeEachEngine(name: string, suite: (database: () => Database, engine: Engine) => void): void {
  for (const engine of ENGINES) describeOn(engine, `${name} [${engine}]`, suite);
}

/**
 * Declares a suite once, on SQLite, each test with a fresh database: for suites whose subject reads
 * the in-memory snapshot (pages, headers, request parsing), which no engine changes. The SQL under
 * them runs on every engine in the store and service suites.
 */
export function describeOnSqlite(name: string, suite: (database: () => Database) => void): void {
  describeOn('sqlite', name, suite);
}

function describeOn(engine: Engine, name: string, suite: (database: () => Database, engine: Engine) => void): void {
  describe(name, () => {
    let database: Database | undefined;
    beforeEach(async () => {
      database = await createTestDatabase(engine);
    });
    afterEach(async () => {
      await database?.close();
      database = undefined;
    });
    suite(() => {
      if (!database) throw new Error('database used outside a test');
      return database;
    }, engine);
  });
}
