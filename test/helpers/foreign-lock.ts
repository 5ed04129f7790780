import SQLite from 'better-sqlite3';

/**
 * Takes a SQLite file's write lock from a connection of its own, as another `beacon` command or a second
 * process would, and holds it until `release` is called.
 */
export function holdSqliteWriteLock(path: string): { release: () => void } {
  const holder = new SQLite(path);
  holder.exec('begin immediate');
  return { release: () => holder.close() };
}
