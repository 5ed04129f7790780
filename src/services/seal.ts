import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const VERSION = 'v1';

// A key of its own for sealing, derived from the server secret, so no HMAC ever equals it.
const sealKey = (secret: string): Buffer => createHmac('sha256', secret).update('beacon:outbox-seal-key:v1').digest();

/**
 * Encrypts `plaintext` with AES-256-GCM under a key derived from the server secret. Used for the
 * only raw secrets that must wait in the database (a queued sign-in mail's token and code), so the
 * database alone never reveals them (TOK-2).
 *
 * @example openSealed(secret, seal(secret, 'x')) // 'x'
 */
export function seal(secret: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(secret), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The plaintext of a sealed value, or null when it was tampered with, sealed under another secret, or malformed. */
export function openSealed(secret: string, sealed: string): string | null {
  const [version, iv, body, tag, ...rest] = sealed.split('.');
  if (version !== VERSION || iv === undefined || body === undefined || tag === undefined || rest.length > 0) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealKey(secret), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
