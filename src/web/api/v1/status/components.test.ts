import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../../../test/helpers/test-app.js';

interface Problem {
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

describeEachEngine('/api/v1/components', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(database());
  });
  afterEach(() => t.close());

  const create = async (body: unknown) => {
    const response = await t.requestJson('POST', '/api/v1/components', body);
    expect(response.status).toBe(201);
    return (await response.json()) as Record<string, unknown>;
  };

  const problemOf = async (response: Response, status: number): Promise<Problem> => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    return (await response.json()) as Problem;
  };

  it('creates, reads, lists, updates and deletes a component', async () => {
    const created = await create({ name: 'API', description: 'Public REST API' });
    expect(created).toEqual({
      id: expect.any(String),
      name: 'API',
      description: 'Public REST API',
      created_at: '2025-03-01T12:00:00.000Z',
      updated_at: '2025-03-01T12:00:00.000Z',
    });
    const path = `/api/v1/components/${String(created.id)}`;

    expect(await (await t.request(path)).json()).toEqual(created);
    expect(await (await t.request('/api/v1/components')).json()).toEqual({ data: [created] });

    t.advance(60_000);
    const patched = await t.requestJson('PATCH', path, { name: 'Public API' });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toEqual({ ...created, name: 'Public API', updated_at: '2025-03-01T12:01:00.000Z' });

    const cleared = await t.requestJson('PATCH', path, { description: null });
    expect(((await cleared.json()) as { description: unknown }).description).toBeNull();

    const deleted = await t.request(path, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    await problemOf(await t.request(path), 404);
  });

  it('answers 404 for unknown ids on every verb', async () => {
    for (const id of ['nope', 'k3v7q2m4x5a6b7c8', '%00', 'a%20b']) {
      const path = `/api/v1/components/${id}`;
      await problemOf(await t.request(path), 404);
      await problemOf(await t.requestJson('PATCH', path, { name: 'x' }), 404);
      await problemOf(await t.request(path, { method: 'DELETE' }), 404);
    }
  });

  it('names each bad field', async () => {
    const problem = await problemOf(await t.requestJson('POST', '/api/v1/components', { description: 5 }), 400);
    expect(problem.errors?.map((issue) => issue.path).sort()).toEqual(['description', 'name']);
    expect(problem.detail).toContain('name');
  });

  it('refuses unknown fields', async () => {
    const problem = await problemOf(await t.requestJson('POST', '/api/v1/components', { name: 'API', status: 'operational' }), 400);
    expect(problem.detail).toContain('status');
    const { id } = await create({ name: 'API' });
    await problemOf(await t.requestJson('PATCH', `/api/v1/components/${String(id)}`, { id: 'other' }), 400);
  });

  it('refuses oversized and unprintable text', async () => {
    const long = await problemOf(await t.requestJson('POST', '/api/v1/components', { name: 'x'.repeat(201) }), 400);
    expect(long.errors?.[0]?.path).toBe('name');
    const description = await problemOf(
      await t.requestJson('POST', '/api/v1/components', { name: 'API', description: 'x'.repeat(2001) }),
      400,
    );
    expect(description.errors?.[0]?.path).toBe('description');
    await problemOf(await t.requestJson('POST', '/api/v1/components', { name: 'a\u0000b' }), 400);
    await problemOf(await t.requestJson('POST', '/api/v1/components', { name: '   ' }), 400);
    const huge = await t.requestJson('POST', '/api/v1/components', { name: 'x'.repeat(1_000_000) });
    expect(huge.status).toBe(400);
    // Line breaks are fine in a description, not in a name.
    expect((await t.requestJson('POST', '/api/v1/components', { name: 'API', description: 'line one\nline two' })).status).toBe(201);
    await problemOf(await t.requestJson('POST', '/api/v1/components', { name: 'line one\nline two' }), 400);
    expect(await database().db.selectFrom('components').select('name').execute()).toEqual([{ name: 'API' }]);
  });

  it('answers 4xx, never 500, to bodies that are not a JSON object', async () => {
    const bodies: [string, RequestInit][] = [
      ['malformed JSON', { method: 'POST', body: '{"name":' }],
      ['a JSON array', { method: 'POST', body: '[]' }],
      ['JSON null', { method: 'POST', body: 'null' }],
      ['a JSON string', { method: 'POST', body: '"API"' }],
      ['an empty body', { method: 'POST', body: '' }],
      ['plain text', { method: 'POST', body: 'name=API', headers: { 'content-type': 'text/plain' } }],
      ['a form', { method: 'POST', body: 'name=API', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
      ['no content type', { method: 'POST', body: '{"name":"API"}', headers: { 'content-type': '' } }],
    ];
    for (const [label, init] of bodies) {
      const response = await t.request('/api/v1/components', init);
      expect(response.status, label).toBeGreaterThanOrEqual(400);
      expect(response.status, label).toBeLessThan(500);
      expect(response.headers.get('content-type'), label).toBe('application/problem+json');
    }
    const { id } = await create({ name: 'API' });
    const patch = await t.request(`/api/v1/components/${String(id)}`, {
      method: 'PATCH',
      body: 'name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(patch.status).toBeGreaterThanOrEqual(400);
    expect(patch.status).toBeLessThan(500);
    expect(await database().db.selectFrom('components').select('name').execute()).toEqual([{ name: 'API' }]);
  });

  it('lists components oldest first', async () => {
    const a = await create({ name: 'A' });
    t.advance(1000);
    const b = await create({ name: 'B' });
    expect(await (await t.request('/api/v1/components')).json()).toEqual({ data: [a, b] });
  });
});
