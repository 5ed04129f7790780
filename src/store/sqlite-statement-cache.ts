import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Enough for every statement Beacon's queries compile to, `IN (…)` lists of many lengths included. */
const DEFAULT_CAPACITY = 512;

/**
 * The SQLite connection as Kysely sees it, with compiled statements kept by their SQL text. Kysely
 * prepares every query afresh, and preparing costs as much as running a small read (15–20 µs of the
 * 30–90 µs a read of the incidents list takes). A statement still being iterated is busy and cannot
 * run again, so a busy one is never handed out twice: the caller gets a fresh, uncached one.
 * Schema changes are safe: SQLite recompiles a kept statement when the schema it was compiled
 * against has changed.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database, capacity = DEFAULT_CAPACITY): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare: (sql) => {
      const kept = statements.get(sql);
      if (kept !== undefined && !kept.busy) return kept;
      const statement = sqlite.prepare(sql);
      if (kept !== undefined) return statement;
      // Oldest first: a Map iterates in insertion order, so this forgets the longest-kept statement.
      if (statements.size >= capacity) statements.delete(statements.keys().next().value!);
      statements.set(sql, statement);
      return statement;
    },
  };
}
