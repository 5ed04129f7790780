import type { MiddlewareHandler } from 'hono';
import { nextWithDefaultHeaders } from './default-headers.js';

const BASELINE = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
};

/**
 * Baseline headers on every response (security.md HDR-3..8). A route that needs a stricter value
 * (e.g. `Referrer-Policy: no-referrer` on auth pages) sets it and wins. HSTS is sent only when the
 * public URL is https: browsers ignore it over http, and it would pin localhost to https.
 */
export function securityHeaders(publicUrl: string): MiddlewareHandler {
  const headers = baselineSecurityHeaders(publicUrl);
  return (c, next) => nextWithDefaultHeaders(c, next, headers);
}

/** The headers `securityHeaders` adds, in order (the fast path in front of the app sends the same). */
export function baselineSecurityHeaders(publicUrl: string): Readonly<Record<string, string>> {
  return publicUrl.startsWith('https://') ? { ...BASELINE, 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : BASELINE;
}
