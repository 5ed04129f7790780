import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/**
 * The two cookies of a customer page, one pair per page: sessions are per page (SES-7) and a
 * `__Host-` cookie must have `Path=/`, so the page id goes into the name instead of the path.
 * - session (SES-2): `__Host-beacon_s_<customerPageId>`, Secure, HttpOnly, SameSite=Lax, Path=/, no Domain;
 * - pending (RED-3): `__Host-beacon_p_<customerPageId>`, the same attributes, living as long as a link.
 * On a plain-http localhost public URL (development only) the `__Host-` prefix and Secure are
 * dropped, since browsers refuse both over http.
 */
export interface CustomerCookies {
  readSession(c: Context, customerPageId: string): string | undefined;
  setSession(c: Context, customerPageId: string, value: string, maxAgeSeconds: number): void;
  clearSession(c: Context, customerPageId: string): void;
  readPending(c: Context, customerPageId: string): string | undefined;
  setPending(c: Context, customerPageId: string, value: string, maxAgeSeconds: number): void;
  clearPending(c: Context, customerPageId: string): void;
  sessionName(customerPageId: string): string;
  pendingName(customerPageId: string): string;
}

/** True for `http://localhost`, `http://127.0.0.1`, `http://[::1]` and `http://*.localhost`: the only place cookies lose `__Host-`. */
export function isPlainHttpLocalhost(publicUrl: string): boolean {
  const url = new URL(publicUrl);
  if (url.protocol !== 'http:') return false;
  const host = url.hostname;
  return host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]';
}

/**
 * Beacon's cookies under one policy (SES-2, RED-3): `__Host-` prefixed, Secure, HttpOnly,
 * SameSite=Lax, Path=/, no Domain; on a plain-http localhost public URL (development only) without
 * the prefix and Secure, which browsers refuse there.
 */
export interface CookieJar {
  /** `base` with the prefix this public URL allows: `__Host-base`, or `base` on plain-http localhost. */
  name(base: string): string;
  read(c: Context, name: string): string | undefined;
  set(c: Context, name: string, value: string, maxAgeSeconds: number): void;
  clear(c: Context, name: string): void;
}

export function createCookieJar(publicUrl: string): CookieJar {
  const secure = !isPlainHttpLocalhost(publicUrl);
  const prefix = secure ? '__Host-' : '';
  // Hono refuses to write a `__Host-` cookie that is not Secure, has another path or has a Domain.
  const attributes = { path: '/', httpOnly: true, secure, sameSite: 'Lax' as const };
  return {
    name: (base) => `${prefix}${base}`,
    read: readCookie,
    set: (c, name, value, maxAge) => setCookie(c, name, value, { ...attributes, maxAge }),
    clear: (c, name) => void deleteCookie(c, name, attributes),
  };
}

export function createCustomerCookies(publicUrl: string): CustomerCookies {
  const jar = createCookieJar(publicUrl);
  const sessionName = (id: string): string => jar.name(`beacon_s_${id}`);
  const pendingName = (id: string): string => jar.name(`beacon_p_${id}`);
  return {
    sessionName,
    pendingName,
    readSession: (c, id) => jar.read(c, sessionName(id)),
    setSession: (c, id, value, maxAge) => jar.set(c, sessionName(id), value, maxAge),
    clearSession: (c, id) => jar.clear(c, sessionName(id)),
    readPending: (c, id) => getCookie(c, pendingName(id)),
    setPending: (c, id, value, maxAge) => jar.set(c, pendingName(id), value, maxAge),
    clearPending: (c, id) => jar.clear(c, pendingName(id)),
  };
}

/**
 * `getCookie(c, name)` for the common case, read straight from the header on every signed-in request
 * (see `quickCookieValue`); anything unusual is left to Hono's parser, so the answer is always the same.
 */
function readCookie(c: Context, name: string): string | undefined {
  const header = c.req.header('cookie');
  if (!header) return undefined;
  const value = quickCookieValue(header, name);
  return value === null ? getCookie(c, name) : value;
}

/**
 * Cookie `name` from a Cookie header without a full parse: its value when it is a well-formed
 * `name=value` pair of token characters whose name appears nowhere earlier; `undefined` when the name
 * is nowhere in the header; `null` when only a full parse can tell (quoted, percent-encoded, spaced,
 * repeated or invalid). Beacon's own cookies hold token characters only.
 */
export function quickCookieValue(header: string, name: string): string | null | undefined {
  const at = header.indexOf(name);
  if (at === -1) return undefined;
  const valueStart = at + name.length + 1;
  if (header.charCodeAt(valueStart - 1) !== 61 /* = */ || !startsPair(header, at)) return null;
  const end = header.indexOf(';', valueStart);
  const value = header.slice(valueStart, end === -1 ? header.length : end);
  return PLAIN_COOKIE_VALUE.test(value) ? value : null;
}

// Token characters only (what Beacon's cookies hold): nothing to trim, unquote or decode.
const PLAIN_COOKIE_VALUE = /^[A-Za-z0-9_-]+$/;

/** True when `at` begins a pair: the header's start, or after `;` and optional spaces or tabs. */
function startsPair(header: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (header.charCodeAt(i) === 32 || header.charCodeAt(i) === 9)) i--;
  return i < 0 || header.charCodeAt(i) === 59; /* ; */
}
