import { claimRateLimitHits, deleteRateLimitsBefore, saveRateLimitHits } from '../../store/access/rate-limits.js';
import type { Tx } from '../../store/transaction.js';

/** Keys not asked about for this long are pruned; no limit uses a longer window. */
const LONGEST_RATE_LIMIT_WINDOW_SECONDS = 24 * 60 * 60;

/**
 * REQ-4: lets a hit on `key` through when fewer than `limit` hits were let through in the
 * `windowSeconds` before `now` (a sliding window: a clock minute or hour boundary resets nothing), and
 * records it. The hits live in the database and are read under a lock, so the limit holds across
 * processes. A refused hit is not recorded: the window reopens when its oldest hit leaves it, however
 * often it is knocked on meanwhile.
 *
 * @example if (!(await hitRateLimit(tx, 'ip:203.0.113.9', 30, 3600, now))) throw …
 */
export async function hitRateLimit(tx: Tx, key: string, limit: number, windowSeconds: number, now: Date): Promise<boolean> {
  if (!Number.isInteger(windowSeconds) || windowSeconds <= 0 || windowSeconds > LONGEST_RATE_LIMIT_WINDOW_SECONDS) {
    throw new RangeError(`rate-limit window must be 1–${LONGEST_RATE_LIMIT_WINDOW_SECONDS} seconds`);
  }
  // The window length is part of the key: a minute window and an hour window on one key count apart.
  const windowKey = `${key}|${windowSeconds}s`;
  const since = now.getTime() - windowSeconds * 1000;
  const claimed = await claimRateLimitHits(tx, windowKey, now);
  const recent = claimed.filter((hit) => hit.getTime() > since);
  const allowed = recent.length < limit;
  if (allowed) recent.push(now);
  if (allowed || recent.length !== claimed.length) await saveRateLimitHits(tx, windowKey, recent);
  return allowed;
}

/** One limit of a list: its name, key, allowance and window in seconds. */
export type NamedLimit<N extends string> = readonly [name: N, key: string, limit: number, windowSeconds: number];

/**
 * Counts one request against `limits` in order and stops at the first refusal, so a refused request
 * does not use up the next limit too. Returns the name of the limit that refused, or null.
 */
export async function firstRefusedLimit<N extends string>(tx: Tx, limits: readonly NamedLimit<N>[], now: Date): Promise<N | null> {
  for (const [name, key, limit, windowSeconds] of limits) {
    if (!(await hitRateLimit(tx, key, limit, windowSeconds, now))) return name;
  }
  return null;
}

/** Deletes the keys no one asked about within the longest window; returns how many rows went. */
export async function pruneRateLimits(tx: Tx, now: Date): Promise<number> {
  return deleteRateLimitsBefore(tx, new Date(now.getTime() - LONGEST_RATE_LIMIT_WINDOW_SECONDS * 1000));
}
