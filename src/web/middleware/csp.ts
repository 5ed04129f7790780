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

// 144 bits: a whole number of base64 characters (24, no padding), so a batch encodes in one go.
const NONCE_BYTES = 18;
const NONCE_CHARS = (NONCE_BYTES / 3) * 4;
const NONCES_PER_BATCH = 256;
// Drawn from the CSPRNG and base64-encoded in batches: one system call and one encoding per 256
// nonces instead of one per request. Each nonce is taken from the batch once and never again.
let batch = '';
let offset = 0;

/** HDR-1: 144 random bits (24 base64 characters), fresh for every response. */
export function createNonce(): string {
  if (offset === batch.length) {
    batch = randomBytes(NONCE_BYTES * NONCES_PER_BATCH).toString('base64');
    offset = 0;
  }
  const nonce = batch.slice(offset, offset + NONCE_CHARS);
  offset += NONCE_CHARS;
  return nonce;
}

/**
 * HDR-1: the strict policy of auth and private pages. With a nonce, only scripts carrying it run;
 * without one (pages that run no script, e.g. the sign-in form) no script runs at all, and the
 * header is the same on every response, as REQ-1 needs.
 *
 * @example contentSecurityPolicy(c.var.cspNonce)
 */
export function contentSecurityPolicy(nonce: string | null, options: { connectSelf?: boolean } = {}): string {
  // `connectSelf`: a screen whose script listens to its own server-sent events and fetches from its origin.
  const connect = options.connectSelf ? " connect-src 'self';" : '';
  return `default-src 'none'; script-src ${nonce === null ? "'none'" : `'nonce-${nonce}'`};${connect} ${REST}`;
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
