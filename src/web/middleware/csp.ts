import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

declare module 'hono' {
  interface ContextVariableMap {
    /** This request's CSP nonce (HDR-1): scripts carry it as `nonce="…"`. */
    cspNonce: string;
  }
}

// Everything but scripts is the same on every page; only the script source varies.
const REST = "style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'";

const NONCE_BYTES = 16;
// Drawn from the CSPRNG in batches: one system call per 256 nonces instead of one per request.
let pool = Buffer.alloc(0);
let offset = 0;

/** HDR-1: 128 random bits, fresh for every response (never reused: each comes from unused pool bytes). */
export function createNonce(): string {
  if (offset + NONCE_BYTES > pool.length) {
    pool = randomBytes(NONCE_BYTES * 256);
    offset = 0;
  }
  const nonce = pool.toString('base64', offset, offset + NONCE_BYTES);
  offset += NONCE_BYTES;
  return nonce;
}

/**
 * HDR-1: the strict policy of auth and private pages. With a nonce, only scripts carrying it run;
 * without one (pages that run no script, e.g. the sign-in form) no script runs at all, and the
 * header is the same on every response, as REQ-1 needs.
 *
 * @example contentSecurityPolicy(c.var.cspNonce)
 */
export function contentSecurityPolicy(nonce: string | null): string {
  return `default-src 'none'; script-src ${nonce === null ? "'none'" : `'nonce-${nonce}'`}; ${REST}`;
}

/**
 * Gives each request a nonce (`c.var.cspNonce`). The response sets the header itself with
 * `contentSecurityPolicy`, because the cached private pages splice the nonce into their bytes and
 * build their headers in one go, and the shared 404 must stay byte-identical to the public one.
 */
export function cspNonce(): MiddlewareHandler {
  return (c, next) => {
    c.set('cspNonce', createNonce());
    return next();
  };
}
