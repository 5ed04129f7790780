import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { csrfGuard, isSameOriginRequest } from './csrf.js';

const ORIGIN = 'https://status.example.com';
const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

describe('isSameOriginRequest (REQ-5)', () => {
  it.each([
    [{ 'sec-fetch-site': 'same-origin' }, true],
    [{ 'sec-fetch-site': 'same-origin', origin: 'null' }, true],
    [{ origin: ORIGIN }, true],
    [{ 'sec-fetch-site': 'same-site' }, false],
    [{ 'sec-fetch-site': 'cross-site', origin: ORIGIN }, false],
    [{ 'sec-fetch-site': 'none' }, false],
    [{ origin: 'https://evil.example' }, false],
    [{ origin: 'https://status.example.com.evil.example' }, false],
    [{ origin: 'http://status.example.com' }, false],
    [{ origin: 'null' }, false],
    [{ host: 'status.example.com' }, false],
    [{}, false],
    // DNS rebinding: the browser calls the attacker's host same-origin; the public URL decides.
    [{ 'sec-fetch-site': 'same-origin', origin: 'https://evil.example', host: 'evil.example' }, false],
    [{ 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' }, false],
    [{ 'sec-fetch-site': 'same-origin', origin: 'null', host: 'evil.example' }, false],
    [{ 'sec-fetch-site': 'same-origin', host: 'status.example.com.evil.example' }, false],
    [{ 'sec-fetch-site': 'same-origin', origin: ORIGIN, host: 'evil.example' }, true],
    [{ 'sec-fetch-site': 'same-origin', origin: 'null', host: 'status.example.com' }, true],
    [{ 'sec-fetch-site': 'same-origin', origin: 'null', host: 'STATUS.example.com:443' }, true],
    // What a proxy in front of Beacon may send instead of the public host: no rebinding reaches these.
    [{ 'sec-fetch-site': 'same-origin', origin: 'null', host: '127.0.0.1:3000' }, true],
    [{ 'sec-fetch-site': 'same-origin', host: '[::1]:3000' }, true],
    [{ 'sec-fetch-site': 'same-origin', host: 'localhost:3000' }, true],
    [{ 'sec-fetch-site': 'same-origin', host: 'bad host' }, false],
  ])('%j → %s', (values, expected) => {
    expect(isSameOriginRequest(headers(values), ORIGIN)).toBe(expected);
  });
});

describe('csrfGuard', () => {
  const app = new Hono();
  app.use(csrfGuard(`${ORIGIN}/`, (c) => c.text('refused', 403)));
  app.all('/x', (c) => c.text('done'));

  it('lets safe methods through whatever their origin', async () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect((await app.request('/x', { method, headers: { 'sec-fetch-site': 'cross-site' } })).status, method).toBe(200);
    }
  });

  it('refuses other methods from elsewhere, and compares with the public URL, not the Host header', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect((await app.request('http://evil.example/x', { method, headers: { origin: 'http://evil.example' } })).status, method).toBe(403);
      expect((await app.request('/x', { method, headers: { origin: ORIGIN } })).status, method).toBe(200);
    }
  });
});
