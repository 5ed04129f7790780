import { createHash, randomBytes } from 'node:crypto';
import type { StaffResource, StaffRole } from './staff-role.js';

/** A staff API key as the application sees it; the token itself is never stored. */
export interface ApiKey {
  id: string;
  name: string;
  createdAt: Date;
  /** Updated at most about once an hour, so using a key does not count as a data change. */
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** What the key may do (STF-3, STF-4); keys made before roles existed are `admin`. */
  role: StaffRole;
  /** The resources it is narrowed to, or null for every one its role allows. */
  scope: readonly StaffResource[] | null;
  /** The token's first characters, to tell keys apart in a list (STF-4); null for keys made before. */
  prefix: string | null;
}

/** How many characters of a token are kept as its prefix: `bk_` and 6 random ones (36 of its 256 bits). */
const API_KEY_PREFIX_LENGTH = 9;

/** The part of a token kept to name it in lists. */
export const apiKeyPrefixOf = (token: string): string => token.slice(0, API_KEY_PREFIX_LENGTH);

const API_KEY_PREFIX = 'bk_';
// 32 bytes encode to 43 base64url characters (no padding).
const API_KEY_PATTERN = /^bk_[A-Za-z0-9_-]{43}$/;

/** A new bearer token: `bk_` + 32 random bytes in base64url. The prefix lets secret scanners recognise it. */
export function generateApiKeyToken(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** True when `token` has the shape of a Beacon API key (cheap check before hashing and querying). */
export function isApiKeyToken(token: string): boolean {
  return API_KEY_PATTERN.test(token);
}

/**
 * What is stored for a key: SHA-256 hex. 256 random bits cannot be guessed, so a slow
 * password hash would add cost without adding safety; keys are found by an equality
 * look-up on this hash, which reveals nothing an attacker could steer (no constant-time
 * comparison needed).
 */
export function hashApiKey(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
