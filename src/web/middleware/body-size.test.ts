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
    for (const [path, bytes] of [['/api/v1/catalog', API_BODY_LIMIT + 1], ['/c/token/sign-in', FORM_BODY_LIMIT + 1]] as const) {
      const res = await post(path, bytes);
      expect(res.status, path).toBe(413);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 413, title: 'Payload too large' });
    }
  });
});
