import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeOnSqlite } from '../../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../../test/helpers/test-app.js';
import { createApiKey, listApiKeys } from '../../../services/sessions/api-keys.js';

interface Operation {
  method: string;
  path: string;
}

/** Every operation the OpenAPI document lists, with `{param}`s filled in. */
async function listOperations(t: TestApp): Promise<Operation[]> {
  const document = (await (await t.app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({
      method: method.toUpperCase(),
      path: `/api/v1${path.replace(/\{[^}]+\}/g, 'aaaaaaaaaaaaaaaa')}`,
    })),
  );
}

const isWrite = (op: Operation) => !['GET', 'HEAD'].includes(op.method);
const RESPONDER_WRITES = /^\/api\/v1\/(incidents|maintenances)(\/|$)/;

describeOnSqlite('/api/v1 roles (STF-3, STF-4)', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(database());
  });
  afterEach(() => t.close());

  const keyWith = async (role: string, scope?: string[]) =>
    (await createApiKey(t.deps.ctx, { name: role, role, scope: scope ?? null }, 'test')).token;
  const send = (token: string, op: Operation) =>
    t.app.request(op.path, {
      method: op.method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: isWrite(op) ? '{}' : undefined,
    });

  it('STF-3: a viewer key is refused every write the API has, with a 403 problem saying why, and reads everything', async () => {
    const viewer = await keyWith('viewer');
    const operations = await listOperations(t);
    expect(operations.filter(isWrite).length).toBeGreaterThan(25);
    for (const op of operations.filter(isWrite)) {
      const response = await send(viewer, op);
      expect([op.method, op.path, response.status]).toEqual([op.method, op.path, 403]);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(((await response.json()) as { detail: string }).detail).toBe('This key has the viewer role, which may only read.');
    }
    for (const op of operations.filter((o) => !isWrite(o))) expect([op.path, (await send(viewer, op)).status]).not.toEqual([op.path, 403]);
  });

  it('STF-3: a responder key is refused every write but incidents and maintenance', async () => {
    const responder = await keyWith('responder');
    for (const op of (await listOperations(t)).filter(isWrite)) {
      const status = (await send(responder, op)).status;
      if (RESPONDER_WRITES.test(op.path)) expect([op.method, op.path, status]).not.toEqual([op.method, op.path, 403]);
      else expect([op.method, op.path, status]).toEqual([op.method, op.path, 403]);
    }
    const declared = await t.app.request('/api/v1/incidents', {
      method: 'POST',
      headers: { authorization: `Bearer ${responder}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Slow', status: 'investigating', message: 'Looking', components: [] }),
    });
    expect(declared.status).toBe(201);
  });

  it('STF-3: a responder key asking for an admin action (a new API key) gets 403 problem+json saying why, and nothing is created', async () => {
    const responder = await keyWith('responder');
    const before = (await listApiKeys(t.deps.ctx)).length;
    const response = await t.app.request('/api/v1/api-keys', {
      method: 'POST',
      headers: { authorization: `Bearer ${responder}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'escalate', role: 'admin' }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { status: number; detail: string };
    expect(problem.status).toBe(403);
    expect(problem.detail).toMatch(/responder role/);
    expect((await listApiKeys(t.deps.ctx)).length).toBe(before);
  });

  it('STF-3: an admin key is refused nothing', async () => {
    for (const op of await listOperations(t))
      expect([op.method, op.path, (await send(t.token, op)).status]).not.toEqual([op.method, op.path, 403]);
  });

  it('STF-4: a scope narrows a key to its resources, reads included', async () => {
    const scoped = await keyWith('admin', ['incidents']);
    for (const op of await listOperations(t)) {
      const status = (await send(scoped, op)).status;
      if (/^\/api\/v1\/incidents(\/|$)/.test(op.path)) expect([op.path, status]).not.toEqual([op.path, 403]);
      else expect([op.method, op.path, status]).toEqual([op.method, op.path, 403]);
    }
  });

  it('STF-7: every successful write through the API is audited with its key', async () => {
    const responder = await keyWith('responder');
    const response = await t.app.request('/api/v1/incidents', {
      method: 'POST',
      headers: { authorization: `Bearer ${responder}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Slow', status: 'investigating', message: 'Looking', components: [] }),
    });
    const { id } = (await response.json()) as { id: string };
    await send(responder, { method: 'POST', path: '/api/v1/components' });
    const rows = await database().db.selectFrom('audit_log').selectAll().where('action', '=', 'api.write').execute();
    expect(rows).toHaveLength(1);
    const key = await database().db.selectFrom('api_keys').select('id').where('name', '=', 'responder').executeTakeFirstOrThrow();
    expect(rows[0]).toMatchObject({ actor: `api-key:${key.id}`, subject_type: 'incidents', subject_id: id });
    expect(JSON.parse(rows[0]!.details)).toEqual({ method: 'POST', path: '/incidents', status: 201, keyName: 'responder' });
  });
});
