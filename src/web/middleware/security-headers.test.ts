import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../test/helpers/request-chain.js';

describe('securityHeaders', () => {
  it('sets the baseline headers and no HSTS on http', async () => {
    const { app } = buildApp('http://localhost:3000');
    const res = await app.request('/hello');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    expect(res.headers.get('Strict-Transport-Security')).toBeNull();
    expect(res.headers.get('X-Powered-By')).toBeNull();
  });

  it('adds HSTS when the public URL is https', async () => {
    const { app } = buildApp('https://status.example.com');
    const res = await app.request('/hello');
    expect(res.headers.get('Strict-Transport-Security')).toMatch(/^max-age=\d+/);
  });

  it('keeps a stricter value a route chose', async () => {
    const { app } = buildApp();
    const res = await app.request('/auth');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
  });

  it('applies to error responses too', async () => {
    const { app } = buildApp();
    const res = await app.request('/boom');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });
});

describe('default headers over a real Node server', () => {
  it('sets them on the Node response, letting a route’s own value win', async () => {
    const { app } = buildApp('https://status.example.com');
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      const plain = await fetch(`http://127.0.0.1:${port}/hello`, { headers: { 'X-Request-Id': 'abc-1' } });
      expect(plain.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(plain.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
      expect(plain.headers.get('X-Frame-Options')).toBe('DENY');
      expect(plain.headers.get('Strict-Transport-Security')).toMatch(/^max-age=/);
      expect(plain.headers.get('X-Request-Id')).toBe('abc-1');
      const auth = await fetch(`http://127.0.0.1:${port}/auth`);
      expect(auth.headers.get('Referrer-Policy')).toBe('no-referrer');
      const failed = await fetch(`http://127.0.0.1:${port}/boom`);
      expect(failed.status).toBe(500);
      expect(failed.headers.get('X-Content-Type-Options')).toBe('nosniff');
    } finally {
      server.close();
    }
  });
});
