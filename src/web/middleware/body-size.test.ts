import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { API_BODY_LIMIT, FORM_BODY_LIMIT, limitBodySizeByPath } from './body-size.js';

describe('limitBodySizeByPath', () => {
  const app = new Hono();
  app.use(limitBodySizeByPath());
  app.post('*', async (c) => c.text(String((await c.req.text()).length)));
  const post = (path: string, bytes: number) => app.request(path, { method: 'POST', body: 'x'.repeat(bytes) });

  it('lets bodies up to the limit through: 1 MiB on the API, 256 KiB elsewhere', async () => {
    expect((await post('/api/v1/catalog', API_BODY_LIMIT)).status).toBe(200);
    expect((await post('/c/token/sign-in', FORM_BODY_LIMIT)).status).toBe(200);
  });

  it('refuses anything bigger with a 413 problem', async () => {
    for (const [path, bytes] of [
      ['/api/v1/catalog', API_BODY_LIMIT + 1],
      ['/c/token/sign-in', FORM_BODY_LIMIT + 1],
    ] as const) {
      const res = await post(path, bytes);
      expect(res.status, path).toBe(413);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 413, title: 'Payload too large' });
    }
  });

  it('never reads the body of a GET, HEAD or OPTIONS (which would build a whole Request under Node)', async () => {
    const touched: string[] = [];
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      const request = new Request(`http://localhost/c/token`, { method });
      Object.defineProperty(request, 'body', {
        get() {
          touched.push(method);
          return null;
        },
      });
      const guarded = new Hono();
      guarded.use(limitBodySizeByPath());
      guarded.on(['GET', 'OPTIONS'], '*', (c) => c.text('ok')); // HEAD is answered from GET
      expect((await guarded.fetch(request)).status, method).toBe(200);
    }
    expect(touched).toEqual([]);
  });

  it('still refuses a POST over the limit behind a real Node server', async () => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/c/token/sign-in`, { method: 'POST', body: 'x'.repeat(FORM_BODY_LIMIT + 1) });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ status: 413 });
      const ok = await fetch(`http://127.0.0.1:${port}/c/token/sign-in`, { method: 'POST', body: 'x'.repeat(10) });
      expect(await ok.text()).toBe('10');
    } finally {
      server.close();
    }
  });
});
