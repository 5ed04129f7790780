import SQLite from 'better-sqlite3';
import pg from 'pg';

/**
 * Takes a SQLite file's write lock from a connection of its own, as another `beacon` command or a second
 * process would, and holds it until `release` is called.
 */
export function holdSqliteWriteLock(path: string): { release: () => void } {
  const holder = new SQLite(path);
  holder.exec('begin immediate');
  return { release: () => holder.close() };
}

/**
 * PostgreSQL: runs `statements` in a transaction of a connection of its own (their row locks held,
 * their changes not yet visible), starts `during`, lets it reach those locks for `holdMs`, then
 * commits and answers what `during` answered: another process's write caught mid-way.
 */
export async function duringPostgresTransaction<T>(
  url: string,
  statements: readonly [sql: string, params: readonly unknown[]][],
  during: () => Promise<T>,
  holdMs = 300,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    for (const [sql, params] of statements) await client.query(sql, [...params]);
    const result = during();
    await new Promise((resolve) => setTimeout(resolve, holdMs));
    await client.query('commit');
    return await result;
  } finally {
    await client.end();
  }
}
