import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../../../test/helpers/test-app.js';

describeEachEngine('/api/v1/api-keys', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(database());
  });
  afterEach(() => t.close());

  it('creates a key whose token works at once and is shown only once', async () => {
    t.advance(1000);
    const response = await t.requestJson('POST', '/api/v1/api-keys', { name: 'PagerDuty' });
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const created = (await response.json()) as { id: string; token: string };
    expect(created).toEqual({
      id: expect.any(String),
      name: 'PagerDuty',
      created_at: '2025-03-01T12:00:01.000Z',
      last_used_at: null,
      revoked_at: null,
      role: 'admin',
      scope: null,
      prefix: expect.stringMatching(/^bk_[A-Za-z0-9_-]{6}$/),
      token: expect.stringMatching(/^bk_[A-Za-z0-9_-]{43}$/),
    });
    expect(created.token.startsWith((created as unknown as { prefix: string }).prefix)).toBe(true);
    const withNewKey = await t.app.request('/api/v1/api-keys', { headers: { authorization: `Bearer ${created.token}` } });
    expect(withNewKey.status).toBe(200);
    const listing = await withNewKey.text();
    expect(listing).not.toContain(created.token);
    expect(listing).not.toContain('token');
    const { data } = JSON.parse(listing) as { data: { id: string; name: string; last_used_at: string | null }[] };
    expect(data.map((key) => key.name)).toEqual(['test', 'PagerDuty']);
    expect(data[1]?.last_used_at).toBe('2025-03-01T12:00:01.000Z');
  });

  it('revokes a key with DELETE, after which it is refused', async () => {
    const created = (await (await t.requestJson('POST', '/api/v1/api-keys', { name: 'temp' })).json()) as { id: string; token: string };
    t.advance(1000);
    expect((await t.request(`/api/v1/api-keys/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.request(`/api/v1/api-keys/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    const refused = await t.app.request('/api/v1/components', { headers: { authorization: `Bearer ${created.token}` } });
    expect(refused.status).toBe(401);
    const { data } = (await (await t.request('/api/v1/api-keys')).json()) as { data: { id: string; revoked_at: string | null }[] };
    expect(data.find((key) => key.id === created.id)?.revoked_at).toBe('2025-03-01T12:00:01.000Z');
  });

  it('answers 404 for an unknown key and 400 for a bad name', async () => {
    expect((await t.request('/api/v1/api-keys/nope', { method: 'DELETE' })).status).toBe(404);
    const blank = await t.requestJson('POST', '/api/v1/api-keys', { name: ' ' });
    expect(blank.status).toBe(400);
    expect(((await blank.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('name');
    expect((await t.requestJson('POST', '/api/v1/api-keys', { name: 'x', scopes: ['all'] })).status).toBe(400);
    expect((await t.requestJson('POST', '/api/v1/api-keys', {})).status).toBe(400);
  });
});
