import { BeaconError } from '../../domain/errors.js';

/**
 * Driver error codes that mean "a lock was not to be had in time; the same work may succeed if tried
 * again": SQLite's SQLITE_BUSY family (`_TIMEOUT`, `_SNAPSHOT`, `_RECOVERY`), and PostgreSQL's
 * lock_not_available (55P03), serialization_failure (40001) and deadlock_detected (40P01).
 */
const SQLITE_BUSY = /^SQLITE_BUSY(_|$)/;
const POSTGRES_BUSY = new Set(['55P03', '40001', '40P01']);

/** What a busy SQLite database says wherever it is shown (the CLI prefixes its command). */
export const DATABASE_BUSY_MESSAGE = 'the database is busy (another process holds its write lock); try again';
const MESSAGES = {
  sqlite: DATABASE_BUSY_MESSAGE,
  postgres: 'the database is busy (this write conflicted with another transaction); try again',
} as const;

function busyEngineOf(error: unknown): keyof typeof MESSAGES | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const { code } = error as { code: unknown };
  if (typeof code !== 'string') return null;
  if (SQLITE_BUSY.test(code)) return 'sqlite';
  return POSTGRES_BUSY.has(code) ? 'postgres' : null;
}

export const isDatabaseBusy = (error: unknown): boolean => busyEngineOf(error) !== null;

/** A busy database, as the driver says it or as it is said once classified. */
export const isBusyError = (error: unknown): boolean => isDatabaseBusy(error) || (error instanceof BeaconError && error.code === 'busy');

/** `error` as BeaconError('busy') when it is a busy database, else unchanged; the driver's error is kept as `cause`. */
export function classifyDatabaseError(error: unknown): unknown {
  const engine = busyEngineOf(error);
  if (engine === null) return error;
  const busy = new BeaconError('busy', MESSAGES[engine]);
  busy.cause = error;
  return busy;
}
