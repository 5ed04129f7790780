import { BeaconError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import type { CustomerPageDirectory } from '../pages/customer-page-directory.js';
import type { SessionCache } from '../sessions/session-cache.js';

export interface SignInSettings {
  /** TOK-4: how long a sign-in link (and its pending cookie) lives; 15 by default, 5–60 allowed. */
  tokenTtlMinutes: number;
  /** SES-5: a session unused this long ends. */
  sessionIdleDays: number;
  /** SES-5: a session ends this long after sign-in, however busy. */
  sessionAbsoluteDays: number;
}

const DEFAULT_SIGN_IN_SETTINGS: SignInSettings = { tokenTtlMinutes: 15, sessionIdleDays: 7, sessionAbsoluteDays: 30 };
const MIN_TOKEN_TTL_MINUTES = 5;
const MAX_TOKEN_TTL_MINUTES = 60;

/** Everything the sign-in and session services need; built once per process by `createSignInDeps`. */
export type SignInDeps = ServiceContext & {
  /** The server secret keying every HMAC; from the configuration, never the database. */
  secret: string;
  directory: CustomerPageDirectory;
  settings: SignInSettings;
  /** This process's session cache (see session-cache.ts); one per process, shared by all requests. */
  sessionCache: SessionCache;
};

/**
 * Builds the sign-in dependencies, checking the settings (TOK-4: the link lifetime is 5–60 minutes).
 *
 * @example const deps = createSignInDeps(ctx, { secret: config.secret, directory })
 */
export function createSignInDeps(
  ctx: ServiceContext,
  input: { secret: string; directory: CustomerPageDirectory; settings?: Partial<SignInSettings>; sessionCache: SessionCache },
): SignInDeps {
  if (input.secret.length < 32)
    throw new BeaconError('validation', 'secret: must be at least 32 characters', [
      { path: 'secret', message: 'must be at least 32 characters' },
    ]);
  const settings = { ...DEFAULT_SIGN_IN_SETTINGS, ...input.settings };
  const ttl = settings.tokenTtlMinutes;
  if (!Number.isInteger(ttl) || ttl < MIN_TOKEN_TTL_MINUTES || ttl > MAX_TOKEN_TTL_MINUTES) {
    const message = `must be a whole number of minutes from ${MIN_TOKEN_TTL_MINUTES} to ${MAX_TOKEN_TTL_MINUTES}`;
    throw new BeaconError('validation', `tokenTtlMinutes: ${message}`, [{ path: 'tokenTtlMinutes', message }]);
  }
  for (const key of ['sessionIdleDays', 'sessionAbsoluteDays'] as const) {
    if (!(settings[key] > 0)) throw new BeaconError('validation', `${key}: must be positive`, [{ path: key, message: 'must be positive' }]);
  }
  return { ...ctx, secret: input.secret, directory: input.directory, settings, sessionCache: input.sessionCache };
}
