import { afterEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../../../test/helpers/test-app.js';
import { insertTestComponent } from '../../../../../test/helpers/write-fixtures.js';
import type { IncidentBody } from './incidents-schema.js';

const incidentOf = async (res: Response): Promise<IncidentBody> => (await res.json()) as IncidentBody;

const NOW = new Date('2025-03-01T12:00:00.000Z');

describeEachEngine('API /incidents', (database) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const setup = async () => {
    t = await createTestApp(database(), { now: NOW });
    const api = await insertTestComponent(database(), 'API');
    const db = await insertTestComponent(database(), 'DB');
    return { t, api, db };
  };

  const problemOf = async (res: Response) => {
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    return (await res.json()) as { status: number; detail: string; errors?: { path: string; message: string }[] };
  };

  it('creates an incident and presents every field, derived ones included', async () => {
    const { t, api, db } = await setup();
    const res = await t.requestJson('POST', '/api/v1/incidents', {
      name: 'Elevated errors',
      message: 'We are investigating.',
      components: [
        { component_id: api, impact: 'partial_outage' },
        { component_id: db, impact: 'none' },
      ],
      display_at: '2025-03-01T13:00:00+02:00',
    });
    expect(res.status).toBe(201);
    const body = await incidentOf(res);
    expect(body).toEqual({
      id: expect.any(String),
      name: 'Elevated errors',
      status: 'investigating',
      impact: 'partial_outage',
      started_at: '2025-03-01T11:00:00.000Z',
      resolved_at: null,
      created_at: NOW.toISOString(),
      updated_at: NOW.toISOString(),
      components: expect.arrayContaining([
        { component_id: api, impact: 'partial_outage' },
        { component_id: db, impact: 'none' },
      ]),
      updates: [
        {
          id: expect.any(String),
          incident_id: body.id,
          status: 'investigating',
          message: 'We are investigating.',
          display_at: '2025-03-01T11:00:00.000Z',
          created_at: NOW.toISOString(),
          components: expect.arrayContaining([
            { component_id: api, impact: 'partial_outage' },
            { component_id: db, impact: 'none' },
          ]),
        },
      ],
      version: 1,
    });
    const read = await t.request(`/api/v1/incidents/${body.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(body);
  });

  it('names each bad field in a problem document', async () => {
    const { t, api } = await setup();
    const res = await t.requestJson('POST', '/api/v1/incidents', {
      name: 'X',
      message: 'm',
      components: [
        { component_id: api, impact: 'full_outage' },
        { component_id: api, impact: 'full_outage' },
        { component_id: api, impact: 'total_meltdown' },
      ],
    });
    expect(res.status).toBe(400);
    const problem = await problemOf(res);
    expect(problem.errors).toEqual([
      { path: 'components[2].impact', message: expect.stringMatching(/^Invalid option: expected one of .*"partial_outage"/) },
    ]);

    const unknown = await t.requestJson('POST', '/api/v1/incidents', {
      name: 'X',
      message: 'm',
      components: [
        { component_id: api, impact: 'full_outage' },
        { component_id: 'nope', impact: 'full_outage' },
      ],
    });
    expect(unknown.status).toBe(400);
    expect((await problemOf(unknown)).errors?.map((e) => e.path)).toEqual(['components[1].component_id']);

    const cases: [unknown, string][] = [
      [{ name: 'x'.repeat(201), message: 'm' }, 'name'],
      [{ name: 'X', message: 'm'.repeat(10_001) }, 'message'],
      [{ name: 'X', message: 'm', extra: 1 }, 'extra'],
      [{ name: 'X', message: 'm', status: 'fixed' }, 'status'],
      [{ name: 'X', message: 'm', display_at: 'yesterday' }, 'display_at'],
      [{ name: 'X', message: 'm', display_at: '2025-03-01T13:00:00Z' }, 'display_at'],
      [{ name: 'Bad\u0000name', message: 'm' }, 'name'],
      [{ name: '   ', message: 'm' }, 'name'],
      [{ message: 'm' }, 'name'],
    ];
    for (const [body, path] of cases) {
      const response = await t.requestJson('POST', '/api/v1/incidents', body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect((await problemOf(response)).errors?.map((e) => e.path)).toContain(path);
    }
    expect(await (await t.request('/api/v1/incidents')).json()).toEqual({ data: [] });
  });

  it('never answers 500, whatever the input', async () => {
    const { t } = await setup();
    const bodies = [
      'not json',
      '[]',
      'null',
      '42',
      '{"name":',
      JSON.stringify({ name: 'X', message: 'm', components: 'all' }),
      JSON.stringify({ name: 'X', message: 'm', components: [{ component_id: 'a\u0000b', impact: 'none' }] }),
      '{"name":1e400,"message":[]}',
    ];
    for (const body of bodies) {
      const res = await t.request('/api/v1/incidents', { method: 'POST', body });
      expect(res.status, body).toBe(400);
    }
    expect((await t.request('/api/v1/incidents', { method: 'POST', body: '{}', headers: { 'content-type': 'text/plain' } })).status).toBe(
      415,
    ); // not JSON: 415, not a 500
    for (const path of [
      '/api/v1/incidents/%00',
      '/api/v1/incidents/' + 'x'.repeat(500),
      '/api/v1/incidents/%F0%9F%92%A5',
      '/api/v1/incidents/nope/updates',
    ]) {
      const res = await t.request(
        path,
        path.endsWith('updates') ? { method: 'POST', body: JSON.stringify({ status: 'identified', message: 'm' }) } : {},
      );
      expect([400, 404], path).toContain(res.status);
    }
    for (const query of ['?limit=0', '?limit=abc', '?limit=1000', '?status=closed', '?before=nope', '?before=%00']) {
      expect((await t.request(`/api/v1/incidents${query}`)).status, query).toBe(400);
    }
  });

  it('posts updates, resolves, renames, deletes; unknown ids are 404', async () => {
    const { t, api } = await setup();
    const created = await incidentOf(
      await t.requestJson('POST', '/api/v1/incidents', {
        name: 'X',
        message: 'm',
        components: [{ component_id: api, impact: 'full_outage' }],
      }),
    );
    t.advance(60_000);
    const updated = await t.requestJson('POST', `/api/v1/incidents/${created.id}/updates`, {
      status: 'monitoring',
      message: 'Fix deployed',
      components: [{ component_id: api, impact: 'degraded_performance' }],
    });
    expect(updated.status).toBe(201);
    expect(await incidentOf(updated)).toMatchObject({
      status: 'monitoring',
      impact: 'full_outage',
      components: [{ component_id: api, impact: 'degraded_performance' }],
    });

    const backDated = await t.requestJson('POST', `/api/v1/incidents/${created.id}/updates`, {
      status: 'investigating',
      message: 'First alert',
      display_at: '2025-03-01T11:30:00Z',
    });
    const timeline = (await incidentOf(backDated)).updates.map((u) => u.message);
    expect(timeline).toEqual(['First alert', 'm', 'Fix deployed']);

    t.advance(60_000);
    const resolved = await t.request(`/api/v1/incidents/${created.id}/resolve`, { method: 'POST' });
    expect(resolved.status).toBe(200);
    expect(await incidentOf(resolved)).toMatchObject({
      status: 'resolved',
      resolved_at: new Date(NOW.getTime() + 120_000).toISOString(),
      components: [{ component_id: api, impact: 'none' }],
    });
    const again = await t.requestJson('POST', `/api/v1/incidents/${created.id}/resolve`, { message: 'Really resolved' });
    expect((await incidentOf(again)).updates).toHaveLength(4);

    const renamed = await t.requestJson('PATCH', `/api/v1/incidents/${created.id}`, { name: 'Database failover' });
    expect((await incidentOf(renamed)).name).toBe('Database failover');
    expect((await t.requestJson('PATCH', `/api/v1/incidents/${created.id}`, { name: 'Y', status: 'resolved' })).status).toBe(400);

    expect((await t.request(`/api/v1/incidents/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    for (const [method, path, body] of [
      ['GET', `/api/v1/incidents/${created.id}`, undefined],
      ['DELETE', `/api/v1/incidents/${created.id}`, undefined],
      ['PATCH', `/api/v1/incidents/${created.id}`, { name: 'Z' }],
      ['POST', `/api/v1/incidents/${created.id}/updates`, { status: 'identified', message: 'm' }],
      ['POST', `/api/v1/incidents/${created.id}/resolve`, {}],
    ] as const) {
      const res = await t.request(path, { method, body: body ? JSON.stringify(body) : undefined });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect((await problemOf(res)).status).toBe(404);
    }
  });

  it('lists open and resolved incidents, newest first, with a limit and a cursor', async () => {
    const { t } = await setup();
    const ids: string[] = [];
    for (const name of ['one', 'two', 'three']) {
      ids.push((await incidentOf(await t.requestJson('POST', '/api/v1/incidents', { name, message: 'm' }))).id);
      t.advance(1000);
    }
    await t.request(`/api/v1/incidents/${ids[1]}/resolve`, { method: 'POST' });
    const names = async (query: string) =>
      ((await (await t.request(`/api/v1/incidents${query}`)).json()) as { data: { name: string }[] }).data.map((i) => i.name);
    expect(await names('')).toEqual(['three', 'two', 'one']);
    expect(await names('?status=open')).toEqual(['three', 'one']);
    expect(await names('?status=resolved')).toEqual(['two']);
    expect(await names('?limit=2')).toEqual(['three', 'two']);
    expect(await names(`?limit=2&before=${ids[1]}`)).toEqual(['one']);
  });

  it('documents every incident and maintenance route in the OpenAPI document', async () => {
    const { t } = await setup();
    const res = await t.app.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /incidents',
        'GET /incidents',
        'GET /incidents/{id}',
        'PATCH /incidents/{id}',
        'DELETE /incidents/{id}',
        'POST /incidents/{id}/updates',
        'POST /incidents/{id}/resolve',
        'POST /maintenances',
        'GET /maintenances',
        'GET /maintenances/{id}',
        'PATCH /maintenances/{id}',
        'DELETE /maintenances/{id}',
        'POST /maintenances/{id}/updates',
        'POST /maintenances/{id}/complete',
        'POST /maintenances/{id}/cancel',
      ]),
    );
  });

  it('requires an API key', async () => {
    const { t } = await setup();
    const res = await t.app.request('/api/v1/incidents', {
      method: 'POST',
      body: JSON.stringify({ name: 'X', message: 'm' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(401);
  });
});

describeEachEngine('API /incidents with Idempotency-Key', (database) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const post = (app: TestApp, key: string, body: unknown) =>
    app.request('/api/v1/incidents', { method: 'POST', body: JSON.stringify(body), headers: { 'Idempotency-Key': key } });
  const countIncidents = async (app: TestApp) =>
    ((await (await app.request('/api/v1/incidents?limit=100')).json()) as { data: unknown[] }).data.length;

  it('replays the first response for a retry with the same body', async () => {
    t = await createTestApp(database(), { now: NOW });
    const first = await post(t, 'retry-1', { name: 'X', message: 'm' });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const firstBody = await first.text();
    t.advance(60_000);
    // Same content, keys in another order and re-spaced: still the same request.
    const second = await t.request('/api/v1/incidents', {
      method: 'POST',
      body: '{ "message": "m",  "name": "X" }',
      headers: { 'Idempotency-Key': 'retry-1' },
    });
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('content-type')).toContain('application/json');
    expect(await second.text()).toBe(firstBody);
    expect(await countIncidents(t)).toBe(1);
  });

  it('refuses the same key with another body, and forgets keys after 24 hours', async () => {
    t = await createTestApp(database(), { now: NOW });
    await post(t, 'k', { name: 'X', message: 'm' });
    const conflict = await post(t, 'k', { name: 'Y', message: 'm' });
    expect(conflict.status).toBe(409);
    expect(conflict.headers.get('content-type')).toContain('application/problem+json');
    t.advance(24 * 3_600_000);
    const fresh = await post(t, 'k', { name: 'Y', message: 'm' });
    expect(fresh.status).toBe(201);
    expect(fresh.headers.get('idempotent-replayed')).toBeNull();
    expect(await countIncidents(t)).toBe(2);
  });

  it('refuses malformed keys', async () => {
    t = await createTestApp(database(), { now: NOW });
    for (const key of ['x'.repeat(256), 'has space']) {
      const res = await post(t, key, { name: 'X', message: 'm' });
      expect(res.status, key).toBe(400);
      expect(JSON.stringify(await res.json())).toContain('idempotency-key');
    }
  });

  it('creates exactly one incident from ten parallel requests with one key', async () => {
    t = await createTestApp(database(), { now: NOW });
    const app = t;
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(app, 'race', { name: 'Race', message: 'm' })));
    expect(responses.map((res) => res.status)).toEqual(Array(10).fill(201));
    const bodies = await Promise.all(responses.map((res) => res.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(responses.filter((res) => res.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
    expect(await countIncidents(app)).toBe(1);
  });
});
