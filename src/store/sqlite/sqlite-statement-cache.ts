import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';
import { ByteLru, stringBytes } from '../../domain/byte-lru.js';
import type { CacheBounds } from '../../domain/cache-bounds.js';

// A compiled statement's program, as SQLite allocates it, runs to a few kilobytes; its SQL text comes on top.
const STATEMENT_BYTES = 4096;
export const statementBytes = (sql: string): number => STATEMENT_BYTES + 2 * stringBytes(sql);

/**
 * The SQLite connection as Kysely sees it, with compiled statements kept by their SQL text. Kysely
 * prepares every query afresh, and preparing costs about as much as running a small read
 * (docs/performance.md). A statement still being iterated is busy and cannot
 * run again, so a busy one is never handed out twice: the caller gets a fresh, uncached one.
 * Schema changes are safe: SQLite recompiles a kept statement when the schema it was compiled
 * against has changed. Bounded by count (the default, 512, holds every statement Beacon's queries
 * compile to, `IN (…)` lists of many lengths included) and by approximate bytes, least recently
 * used out first.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database, bounds: CacheBounds): SqliteDatabase {
  const statements = new ByteLru<string, BetterSqlite3.Statement>(bounds);
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare: (sql) => {
      const kept = statements.get(sql);
      if (kept !== undefined && !kept.busy) return kept;
      const statement = sqlite.prepare(sql);
      if (kept === undefined) statements.set(sql, statement, statementBytes(sql));
      return statement;
    },
  };
}
