import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../../../test/helpers/test-app.js';

interface Problem {
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

describeEachEngine('/api/v1/groups', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(database());
  });
  afterEach(() => t.close());

  const post = async (path: string, body: unknown) => {
    const response = await t.requestJson('POST', path, body);
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string } & Record<string, unknown>;
  };
  const problemOf = async (response: Response, status: number): Promise<Problem> => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    return (await response.json()) as Problem;
  };

  it('creates, reads, lists, updates and deletes a group', async () => {
    const api = await post('/api/v1/components', { name: 'API' });
    const web = await post('/api/v1/components', { name: 'Web' });
    const group = await post('/api/v1/groups', { name: 'Core', component_ids: [web.id, api.id] });
    expect(group).toEqual({
      id: expect.any(String),
      name: 'Core',
      description: null,
      component_ids: [web.id, api.id],
      created_at: '2025-03-01T12:00:00.000Z',
      updated_at: '2025-03-01T12:00:00.000Z',
    });
    const path = `/api/v1/groups/${group.id}`;
    expect(await (await t.request(path)).json()).toEqual(group);
    expect(await (await t.request('/api/v1/groups')).json()).toEqual({ data: [group] });

    const patched = await t.requestJson('PATCH', path, { component_ids: [api.id], description: 'Central services' });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ name: 'Core', description: 'Central services', component_ids: [api.id] });

    expect((await t.request(path, { method: 'DELETE' })).status).toBe(204);
    await problemOf(await t.request(path), 404);
    // The components outlive the group.
    expect((await t.request(`/api/v1/components/${api.id}`)).status).toBe(200);
  });

  it('names each unknown or repeated member', async () => {
    const api = await post('/api/v1/components', { name: 'API' });
    const problem = await problemOf(
      await t.requestJson('POST', '/api/v1/groups', { name: 'G', component_ids: [api.id, 'ghost', api.id] }),
      400,
    );
    expect(problem.errors?.map((issue) => issue.path)).toEqual(['component_ids[1]', 'component_ids[2]']);
    const shape = await problemOf(await t.requestJson('POST', '/api/v1/groups', { name: 'G', component_ids: [api.id, 7] }), 400);
    expect(shape.errors?.map((issue) => issue.path)).toEqual(['component_ids[1]']);
  });

  it('answers 409 when new members would repeat a component on a page', async () => {
    const api = await post('/api/v1/components', { name: 'API' });
    const web = await post('/api/v1/components', { name: 'Web' });
    const group = await post('/api/v1/groups', { name: 'G', component_ids: [api.id] });
    await post('/api/v1/pages', {
      slug: 'status',
      name: 'Status',
      items: [
        { type: 'component', component_id: web.id },
        { type: 'group', group_id: group.id },
      ],
    });
    const problem = await problemOf(await t.requestJson('PATCH', `/api/v1/groups/${group.id}`, { component_ids: [api.id, web.id] }), 409);
    expect(problem.errors?.[0]?.path).toBe('component_ids');
  });

  it('answers 404 for unknown ids and refuses unknown fields', async () => {
    await problemOf(await t.request('/api/v1/groups/nope'), 404);
    await problemOf(await t.requestJson('PATCH', '/api/v1/groups/nope', { name: 'x' }), 404);
    await problemOf(await t.request('/api/v1/groups/nope', { method: 'DELETE' }), 404);
    const problem = await problemOf(await t.requestJson('POST', '/api/v1/groups', { name: 'G', components: [] }), 400);
    expect(problem.detail).toContain('components');
  });
});
