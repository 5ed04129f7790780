import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';
import { ByteLru, stringBytes } from '../../domain/byte-lru.js';
import type { CacheBounds } from '../../domain/cache-bounds.js';

// A compiled statement's program, as SQLite allocates it, runs to a few kilobytes, and grows by about
// 200 bytes for each bound parameter (measured: 512 statements with `IN` lists of 1 to 512 values hold
// 25.6 MB, against 1.4 MB for 512 with one); its SQL text comes on top.
const STATEMENT_BYTES = 4096;
const PARAMETER_BYTES = 256;
/**
 * Statements with more parameters than this are not kept: they are `IN (…)` lists and bulk writes,
 * whose length changes from call to call, so each length would be a statement of its own, kept for
 * nothing (a long soak of writes and history reads filled the cache with them: tens of megabytes of
 * native memory the byte bound did not see).
 */
export const MAX_KEPT_PARAMETERS = 32;

const parameterCount = (sql: string): number => {
  let count = 0;
  for (let at = sql.indexOf('?'); at !== -1; at = sql.indexOf('?', at + 1)) count++;
  return count;
};
export const statementBytes = (sql: string): number => STATEMENT_BYTES + 2 * stringBytes(sql) + PARAMETER_BYTES * parameterCount(sql);

/**
 * The SQLite connection as Kysely sees it, with compiled statements kept by their SQL text. Kysely
 * prepares every query afresh, and preparing costs about as much as running a small read
 * (docs/performance.md). A statement still being iterated is busy and cannot
 * run again, so a busy one is never handed out twice: the caller gets a fresh, uncached one.
 * Schema changes are safe: SQLite recompiles a kept statement when the schema it was compiled
 * against has changed. Bounded by count (the default, 512, holds every statement Beacon's queries
 * compile to, short `IN (…)` lists of each length included) and by approximate bytes, counting each
 * parameter, least recently used out first; statements with more than `MAX_KEPT_PARAMETERS`
 * parameters are compiled for each call and not kept.
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
      if (kept === undefined && parameterCount(sql) <= MAX_KEPT_PARAMETERS) statements.set(sql, statement, statementBytes(sql));
      return statement;
    },
  };
}
