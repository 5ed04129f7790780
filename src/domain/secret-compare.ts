import { hash, timingSafeEqual } from 'node:crypto';

/**
 * TOK-9/SES-1: compares two secrets in constant time with `crypto.timingSafeEqual`, so their content
 * does not leak through timing. Secrets of equal UTF-8 length (the usual case: two hashes) are
 * compared byte for byte; others are hashed with SHA-256 first to get buffers of equal length (whether
 * the lengths agree may show, which is no secret: Beacon compares fixed-length hashes).
 *
 * @example safeEqual(presentedHash, storedHash) // true only when identical
 */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // Hashing both (two SHA-256 runs) was most of checking a session on every signed-in request.
  return left.byteLength === right.byteLength ? timingSafeEqual(left, right) : timingSafeEqual(digest(a), digest(b));
}

// The one-shot `crypto.hash` costs a third of `createHash(…).update(…).digest()`: this runs on every
// signed-in customer page request.
function digest(value: string): Buffer {
  return hash('sha256', value, 'buffer');
}
