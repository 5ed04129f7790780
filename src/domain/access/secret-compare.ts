import { hash, timingSafeEqual } from 'node:crypto';

/**
 * TOK-9/SES-1: compares two secrets in constant time, so their content does not leak through timing.
 * Equal-length ASCII strings (the usual case: two hashes) are compared character by character with
 * no early exit; other equal-length UTF-8 strings with `crypto.timingSafeEqual`; strings of different
 * lengths are hashed with SHA-256 first to get buffers of equal length for it (whether the lengths
 * agree may show, which is no secret: Beacon compares fixed-length hashes).
 *
 * @example safeEqual(presentedHash, storedHash) // true only when identical
 */
export function safeEqual(a: string, b: string): boolean {
  if (a.length === b.length && ASCII.test(a) && ASCII.test(b)) return equalAscii(a, b);
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.byteLength === right.byteLength ? timingSafeEqual(left, right) : timingSafeEqual(digest(a), digest(b));
}

// Hashes and tokens are ASCII. Comparing them here, without a buffer for each, matters on the signed-in
// fast path, which compares a session's hash on every request.
const ASCII = /^[\x00-\x7f]*$/;

/** Equal-length ASCII strings compared in time that depends on their length only: every character is looked at. */
function equalAscii(a: string, b: string): boolean {
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

// The one-shot `crypto.hash` costs a third of `createHash(…).update(…).digest()`: this runs on every
// signed-in customer page request.
function digest(value: string): Buffer {
  return hash('sha256', value, 'buffer');
}
