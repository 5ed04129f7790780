import { safeEqual } from '../../domain/access/secret-compare.js';
import { type SecretPurpose, hashSecret } from '../secrets.js';

/**
 * Where subscribers' links lead, under `PUBLIC_URL`. They name no page: a customer page's URL is
 * rotatable and secret, and a mail outlives both.
 */
export const SUBSCRIPTION_PATHS = {
  /** `/<token>`: GET shows a button, POST confirms (mail scanners open links, RED-1). */
  confirm: '/subscriptions/confirm',
  /** `/<token>`: the manage screen for a fresh manage link or a code (SUB-2). */
  manage: '/subscriptions/manage',
  /** `/<unsubscribeToken>`: GET shows a button and changes nothing; POST unsubscribes with no other step (SUB-3, RFC 8058). */
  unsubscribe: '/subscriptions/unsubscribe',
} as const;

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const MAC_PATTERN = /^[0-9a-f]{64}$/;

/**
 * A token naming `id` for one `purpose`: the id and an HMAC of it keyed by the server secret. Nobody
 * without the secret can make one (SUB-2), it needs no row of its own, and it stays good as long as
 * what it names.
 */
export function signedIdToken(secret: string, purpose: SecretPurpose, id: string): string {
  if (!ID_PATTERN.test(id)) throw new RangeError('not an id');
  return `${id}.${hashSecret(secret, purpose, id)}`;
}

/** The id a `signedIdToken` of `purpose` names, or null when it is not one this server made. */
export function readSignedIdToken(secret: string, purpose: SecretPurpose, token: unknown): string | null {
  if (typeof token !== 'string' || token.length > 140) return null;
  const dot = token.indexOf('.');
  const id = token.slice(0, dot);
  const mac = token.slice(dot + 1);
  if (dot < 1 || !ID_PATTERN.test(id) || !MAC_PATTERN.test(mac)) return null;
  return safeEqual(mac, hashSecret(secret, purpose, id)) ? id : null;
}

/**
 * A subscription's one-click unsubscribe token, good until the subscription ends, so every
 * notification mail can carry it.
 *
 * @example unsubscribeUrl(config.publicUrl, secret, subscription.id) // 'https://status.example.com/subscriptions/unsubscribe/01J….9f2c…'
 */
export function unsubscribeToken(secret: string, subscriptionId: string): string {
  return signedIdToken(secret, 'unsubscribe', subscriptionId);
}

/** The subscription an unsubscribe token names, or null when it is not one this server made. */
export function readUnsubscribeToken(secret: string, token: unknown): string | null {
  return readSignedIdToken(secret, 'unsubscribe', token);
}

/** The absolute one-click unsubscribe URL for mail headers (List-Unsubscribe) and bodies. */
export function unsubscribeUrl(publicUrl: string, secret: string, subscriptionId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${SUBSCRIPTION_PATHS.unsubscribe}/${unsubscribeToken(secret, subscriptionId)}`;
}
