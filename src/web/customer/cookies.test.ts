import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { describe, expect, it } from 'vitest';
import { createCustomerCookies, quickCookieValue } from './cookies.js';

describe('reading the session cookie', () => {
  const cookies = createCustomerCookies('http://localhost:3000');
  const name = cookies.sessionName('page1');
  const app = new Hono();
  app.get('/', (c) => c.json({ fast: cookies.readSession(c, 'page1') ?? null, hono: getCookie(c, name) ?? null }));
  const read = async (header: string) => (await app.request('/', { headers: { Cookie: header } })).json() as Promise<{ fast: string | null; hono: string | null }>;

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
