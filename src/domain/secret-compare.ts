import { hash, timingSafeEqual } from 'node:crypto';

/**
 * TOK-9/SES-1: compares two secrets in constant time. Both are hashed with SHA-256 first, so the
 * buffers handed to `crypto.timingSafeEqual` always have equal length and neither the length nor
 * the content of the expected secret leaks through timing.
 *
 * @example safeEqual(presentedHash, storedHash) // true only when identical
 */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

// The one-shot `crypto.hash` costs a third of `createHash(…).update(…).digest()`: this runs on every
// signed-in customer page request.
function digest(value: string): Buffer {
  return hash('sha256', value, 'buffer');
}
