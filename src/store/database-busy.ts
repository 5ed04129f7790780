import { BeaconError } from '../domain/errors.js';

/**
 * Driver error codes that mean "a lock was not to be had in time; the same work may succeed if tried
 * again": SQLite's SQLITE_BUSY family (`_TIMEOUT`, `_SNAPSHOT`, `_RECOVERY`), and PostgreSQL's
 * lock_not_available (55P03), serialization_failure (40001) and deadlock_detected (40P01).
 */
const SQLITE_BUSY = /^SQLITE_BUSY(_|$)/;
const POSTGRES_BUSY = new Set(['55P03', '40001', '40P01']);

/** The one message every caller shows for a busy database (the CLI prefixes its command). */
export const DATABASE_BUSY_MESSAGE = 'the database is busy (another process holds its write lock); try again';

export function isDatabaseBusy(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const { code } = error as { code: unknown };
  return typeof code === 'string' && (SQLITE_BUSY.test(code) || POSTGRES_BUSY.has(code));
}

/** `error` as BeaconError('busy') when it is a busy database, else unchanged; the driver's error is kept as `cause`. */
export function classifyDatabaseError(error: unknown): unknown {
  if (!isDatabaseBusy(error)) return error;
  const busy = new BeaconError('busy', DATABASE_BUSY_MESSAGE);
  busy.cause = error;
  return busy;
}
