import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/** A new Standard Webhooks signing secret: `whsec_` and 32 random bytes in base64 (TOK-1's randomness). */
export const newWebhookSecret = (): string => `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;

/** `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body` under the secret's key (the base64 after `whsec_`). */
function signWith(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * WH-1: the Standard Webhooks headers of one delivery. Every secret given signs (the current one, and
 * during a rotation the previous one), space-separated, so a receiver still on the old secret verifies.
 *
 * @example signedHeaders('msg_1', new Date(), body, [secret]) // { 'webhook-id': 'msg_1', 'webhook-timestamp': '1700000000', 'webhook-signature': 'v1,…' }
 */
export function signedHeaders(id: string, at: Date, body: string, secrets: readonly string[]): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((secret) => signWith(secret, id, timestamp, body)).join(' '),
  };
}
