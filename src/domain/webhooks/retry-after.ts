/** The longest a receiver's `Retry-After` may put a delivery off; past it, the usual backoff decides. */
const RETRY_AFTER_CAP_MS = 60 * 60 * 1000;

/**
 * When a `Retry-After` header (delay in seconds, or an HTTP date) asks to be tried again, capped at
 * `RETRY_AFTER_CAP_MS` from `now`; null when absent or unreadable.
 *
 * @example retryAfterAt('120', now) // now + 2 minutes
 */
export function retryAfterAt(value: string | undefined, now: Date): Date | null {
  if (value === undefined) return null;
  const text = value.trim();
  let at: number;
  if (/^\d+$/.test(text)) at = now.getTime() + Number(text) * 1000;
  else {
    at = Date.parse(text);
    if (Number.isNaN(at) || !/[a-z]/i.test(text)) return null;
  }
  return new Date(Math.min(Math.max(at, now.getTime()), now.getTime() + RETRY_AFTER_CAP_MS));
}
