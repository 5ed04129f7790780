import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { describe, expect, it } from 'vitest';
import { createCustomerCookies, isPlainHttpLocalhost, quickCookieValue } from './cookies.js';

describe('reading the session cookie', () => {
  const cookies = createCustomerCookies('http://localhost:3000');
  const name = cookies.sessionName('page1');
  const app = new Hono();
  app.get('/', (c) => c.json({ fast: cookies.readSession(c, 'page1') ?? null, hono: getCookie(c, name) ?? null }));
  const read = async (header: string) =>
    (await app.request('/', { headers: { Cookie: header } })).json() as Promise<{ fast: string | null; hono: string | null }>;

  it.each([
    `${name}=abc_DEF-123`,
    `theme=dark; ${name}=abc_DEF-123`,
    `theme=dark;${name}=abc; other=1`,
    `x${name}=evil; ${name}=good`,
    `${name}x=evil; ${name}=good`,
    `${name}=first; ${name}=second`,
    `${name} =spaced`,
    `${name}="quoted"`,
    `${name}=per%20cent`,
    `${name}=`,
    `${name}=bad value`,
    'theme=dark',
    '',
  ])('answers exactly as Hono’s parser for %j', async (header) => {
    const { fast, hono } = await read(header);
    expect(fast).toBe(hono);
    // What the fast path in front of the app reads: Hono's answer, or null ("ask the app").
    const quick = header === '' ? undefined : quickCookieValue(header, name);
    if (quick !== null) expect(quick ?? null).toBe(hono);
  });

  it('reads the plain case itself', async () => {
    expect((await read(`a=1; ${name}=tok_123`)).fast).toBe('tok_123');
  });
});

describe('which public URLs count as plain-http localhost', () => {
  /** The Set-Cookie header the cookies of `publicUrl` write for a session. */
  const sessionCookieFor = async (publicUrl: string): Promise<string> => {
    const cookies = createCustomerCookies(publicUrl);
    const app = new Hono();
    app.get('/', (c) => {
      cookies.setSession(c, 'page1', 'value', 60);
      return c.body(null, 204);
    });
    return (await app.request('/')).headers.get('set-cookie') ?? '';
  };

  it.each([
    'http://evillocalhost:3000',
    'http://notlocalhost',
    'http://localhost.evil.com',
    'https://localhost:3000',
    'https://dev.localhost',
  ])('RED-3/SES-2: %s keeps the __Host- prefix and Secure', async (publicUrl) => {
    expect(isPlainHttpLocalhost(publicUrl)).toBe(false);
    const cookies = createCustomerCookies(publicUrl);
    expect(cookies.sessionName('page1')).toBe('__Host-beacon_s_page1');
    expect(cookies.pendingName('page1')).toBe('__Host-beacon_p_page1');
    const cookie = await sessionCookieFor(publicUrl);
    expect(cookie).toMatch(/^__Host-beacon_s_page1=value;/);
    expect(cookie.split(';').map((part) => part.trim())).toContain('Secure');
  });

  it.each(['http://localhost:3000', 'http://dev.localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000'])(
    'RED-3/SES-2: %s (development) drops the prefix and Secure',
    async (publicUrl) => {
      expect(isPlainHttpLocalhost(publicUrl)).toBe(true);
      const cookie = await sessionCookieFor(publicUrl);
      expect(cookie).toMatch(/^beacon_s_page1=value;/);
      expect(cookie.split(';').map((part) => part.trim())).not.toContain('Secure');
    },
  );
});
