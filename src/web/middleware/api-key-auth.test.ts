import { OpenAPIHono } from '@hono/zod-openapi';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../test/helpers/test-app.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../services/sessions/api-keys.js';
import type { ApiEnv } from '../api/v1/openapi-app.js';
import { apiKeyAuth } from './api-key-auth.js';

describeEachEngine('apiKeyAuth', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(database());
  });
  afterEach(() => t.close());

  const expectUnauthorised = async (response: Response, challenge: string) => {
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(challenge);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { status: number; title: string; detail: string };
    expect(problem).toMatchObject({ status: 401, title: 'Authentication required' });
    return problem;
  };

  it('asks for a key when none is sent', async () => {
    const response = await t.app.request('/api/v1/components');
    const problem = await expectUnauthorised(response, 'Bearer realm="beacon"');
    expect(problem.detail).toContain('Authorization: Bearer');
  });

  it.each([
    ['an unknown key', `Bearer bk_${'A'.repeat(43)}`],
    ['a malformed key', 'Bearer not-a-key'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a scheme without a key', 'Bearer'],
    ['a key with trailing garbage', 'Bearer bk_x extra'],
  ])('refuses %s', async (_label, authorization) => {
    const response = await t.app.request('/api/v1/components', { headers: { authorization } });
    await expectUnauthorised(response, 'Bearer realm="beacon", error="invalid_token"');
  });

  it('accepts a live key, whatever the case of the scheme', async () => {
    expect((await t.app.request('/api/v1/components', { headers: { authorization: `Bearer ${t.token}` } })).status).toBe(200);
    expect((await t.app.request('/api/v1/components', { headers: { authorization: `bearer  ${t.token}` } })).status).toBe(200);
  });

  it('refuses a key as soon as it is revoked', async () => {
    const { apiKey, token } = await createApiKey(t.deps.ctx, { name: 'temp' }, 'test');
    const headers = { authorization: `Bearer ${token}` };
    expect((await t.app.request('/api/v1/pages', { headers })).status).toBe(200);
    await revokeApiKey(t.deps.ctx, apiKey.id, 'test');
    await expectUnauthorised(await t.app.request('/api/v1/pages', { headers }), 'Bearer realm="beacon", error="invalid_token"');
  });

  it('guards writes and every path a route takes; an unknown path is a 404 with or without a key (unrouted.test.ts)', async () => {
    const write = await t.app.request('/api/v1/components', {
      method: 'POST',
      body: '{"name":"x"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(write.status).toBe(401);
    expect((await t.app.request('/api/v1/nothing-here')).status).toBe(404);
    expect((await t.app.request('/api/v1/components/openapi.json')).status).toBe(401);
    expect(await database().db.selectFrom('components').selectAll().execute()).toEqual([]);
  });

  it('serves the OpenAPI document without a key', async () => {
    // Whether the document renders is openapi-document.test.ts's concern; here, only that no key is asked for.
    const response = await t.app.request('/api/v1/openapi.json');
    expect(response.status).not.toBe(401);
    expect(response.headers.get('www-authenticate')).toBeNull();
  });

  it('records the key id for the handlers and its last use', async () => {
    const app = new OpenAPIHono<ApiEnv>();
    app.use('*', apiKeyAuth(t.deps.ctx));
    app.get('/whoami', (c) => c.text(c.get('apiKeyId')));
    const response = await app.request('/whoami', { headers: { authorization: `Bearer ${t.token}` } });
    expect(await response.text()).toBe(t.apiKeyId);
    expect((await listApiKeys(t.deps.ctx)).find((key) => key.id === t.apiKeyId)?.lastUsedAt).toEqual(new Date('2025-03-01T12:00:00.000Z'));
  });
});
