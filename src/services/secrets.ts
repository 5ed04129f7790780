import { type KeyObject, createHmac, createSecretKey, randomBytes, randomInt } from 'node:crypto';

/** TOK-1: a sign-in link token is 32 random bytes. */
export const LINK_TOKEN_BYTES = 32;
/** SES-1 asks for at least 16 bytes; sessions get as many as links. */
export const SESSION_TOKEN_BYTES = 32;
/** RED-3: the pending cookie carries 128 random bits. */
export const PENDING_COOKIE_BYTES = 16;
const CODE_DIGITS = 8;

/** What a hash is for; mixed into the HMAC input so a value hashed for one use never matches another. */
export type SecretPurpose =
  | 'sign-in-token'
  | 'sign-in-code'
  | 'pending-cookie'
  | 'session'
  | 'staff-session'
  | 'read-token'
  | 'unsubscribe'
  | 'subscription-token'
  | 'subscription-code'
  | 'webhook-manage';

/**
 * HMAC-SHA256 of `value` keyed by the server secret, as lower-case hex. The secret comes from the
 * configuration and is never written to the database, so a stolen database yields no usable secret.
 */
export function hmac(secret: string, value: string): string {
  return createHmac('sha256', keyFor(secret)).update(value, 'utf8').digest('hex');
}

// The secret as a KeyObject, made once: a string key is converted again on every HMAC, and a session
// is checked by its HMAC on every signed-in customer page request. One secret per process (tests use a few).
let lastSecret: string | undefined;
let lastKey: KeyObject | undefined;
function keyFor(secret: string): KeyObject {
  if (secret !== lastSecret || lastKey === undefined) {
    lastKey = createSecretKey(Buffer.from(secret, 'utf8'));
    lastSecret = secret;
  }
  return lastKey;
}

/** The stored form of a secret (TOK-2, TOK-8, SES-1, RED-3): an HMAC bound to its purpose. */
export function hashSecret(secret: string, purpose: SecretPurpose, value: string): string {
  return hmac(secret, `beacon:${purpose}:${value}`);
}

/** The stored form of a link's code, bound to that link so a code never matches another link (TOK-8). */
export function hashSignInCode(secret: string, tokenHash: string, code: string): string {
  return hashSecret(secret, 'sign-in-code', `${tokenHash}:${code}`);
}

/**
 * `bytes` bytes from `crypto.randomBytes`, base64url without padding (TOK-1: never derived from anything).
 *
 * @example randomToken(32) // 'q3Zb…' (43 characters)
 */
export function randomToken(bytes: number): string {
  if (!Number.isInteger(bytes) || bytes < 16) throw new RangeError('a token needs at least 16 random bytes');
  return randomBytes(bytes).toString('base64url');
}

/** True when `value` has the exact shape `randomToken(bytes)` produces; anything else is refused before hashing. */
export function isTokenShaped(value: unknown, bytes: number): value is string {
  return typeof value === 'string' && value.length === Math.ceil((bytes * 4) / 3) && /^[A-Za-z0-9_-]+$/.test(value);
}

/** TOK-8: eight decimal digits, uniform (`crypto.randomInt` rejects biased draws), independent of the token. */
export function randomCode(): string {
  return String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
}

/** A typed code with the spaces and dashes people add removed; null unless eight digits remain. */
export function normaliseCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 32) return null;
  const digits = input.replace(/[\s-]/g, '');
  return new RegExp(`^[0-9]{${CODE_DIGITS}}$`).test(digits) ? digits : null;
}
