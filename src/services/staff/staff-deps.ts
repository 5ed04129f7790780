import type { ServiceContext } from '../context.js';
import type { SignInSettings } from '../sign-in/sign-in-deps.js';

export interface StaffSettings {
  /** TOK-4: how long a staff sign-in link lives, as for customer pages. */
  tokenTtlMinutes: SignInSettings['tokenTtlMinutes'];
  /** STF-2: a staff session unused this long ends. */
  sessionIdleHours: number;
  /** STF-2: a staff session ends this long after sign-in, however busy. */
  sessionAbsoluteDays: number;
}

/** STF-2's lifetimes: 12 hours idle, 7 days in all. */
const DEFAULT_STAFF_SETTINGS: StaffSettings = { tokenTtlMinutes: 15, sessionIdleHours: 12, sessionAbsoluteDays: 7 };

/** What the staff services need: the context, the server secret (every HMAC), and the lifetimes. */
export type StaffDeps = ServiceContext & { secret: string; settings: StaffSettings };

export function createStaffDeps(ctx: ServiceContext, input: { secret: string; settings?: Partial<StaffSettings> }): StaffDeps {
  return { ...ctx, secret: input.secret, settings: { ...DEFAULT_STAFF_SETTINGS, ...input.settings } };
}
