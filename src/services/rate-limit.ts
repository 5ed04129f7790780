import { deleteRateLimitsBefore, incrementRateLimit } from '../store/rate-limits.js';
import type { Tx } from '../store/transaction.js';

/** Counters older than this are pruned; no limit uses a longer window. */
export const LONGEST_RATE_LIMIT_WINDOW_SECONDS = 24 * 60 * 60;

/**
 * REQ-4: counts one hit against `key` in the current fixed window of `windowSeconds` and says whether
 * it is within `limit`. The counter lives in the database, so the limit holds across processes; a
 * refused hit is counted too, so hammering does not reopen the window early.
 *
 * @example if (!(await hitRateLimit(tx, 'ip:203.0.113.9', 30, 3600, now))) throw …
 */
export async function hitRateLimit(tx: Tx, key: string, limit: number, windowSeconds: number, now: Date): Promise<boolean> {
  if (!Number.isInteger(windowSeconds) || windowSeconds <= 0 || windowSeconds > LONGEST_RATE_LIMIT_WINDOW_SECONDS) {
    throw new RangeError(`rate-limit window must be 1–${LONGEST_RATE_LIMIT_WINDOW_SECONDS} seconds`);
  }
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  // The window length is part of the key: a minute window and an hour window can start at the same instant.
  const count = await incrementRateLimit(tx, `${key}|${windowSeconds}s`, windowStart);
  return count <= limit;
}

/** Deletes counters of windows that ended long ago; returns how many rows went. */
export async function pruneRateLimits(tx: Tx, now: Date): Promise<number> {
  return deleteRateLimitsBefore(tx, new Date(now.getTime() - LONGEST_RATE_LIMIT_WINDOW_SECONDS * 1000));
}
