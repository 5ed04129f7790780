import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../../../test/helpers/test-app.js';

interface Problem {
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}
type Json = { id: string } & Record<string, unknown>;

describeEachEngine('/api/v1/pages', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(database());
  });
  afterEach(() => t.close());

  const post = async (path: string, body: unknown): Promise<Json> => {
    const response = await t.requestJson('POST', path, body);
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as Json;
  };
  const problemOf = async (response: Response, status: number): Promise<Problem> => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    return (await response.json()) as Problem;
  };
  const defaultSlugs = async () =>
    ((await (await t.request('/api/v1/pages')).json()) as { data: { slug: string; is_default: boolean }[] }).data
      .filter((page) => page.is_default)
      .map((page) => page.slug);

  async function catalogue() {
    const api = await post('/api/v1/components', { name: 'API' });
    const web = await post('/api/v1/components', { name: 'Web' });
    const db = await post('/api/v1/components', { name: 'Database' });
    const core = await post('/api/v1/groups', { name: 'Core', component_ids: [db.id] });
    return { api, web, db, core };
  }

  it('creates a page with its structure and reads it back', async () => {
    const { api, web, core } = await catalogue();
    const page = await post('/api/v1/pages', {
      slug: 'status',
      name: 'Acme status',
      description: 'How Acme is doing',
      time_zone: 'Europe/Berlin',
      items: [
        { type: 'component', component_id: api.id, show_uptime: false },
        { type: 'group', group_id: core.id },
        { type: 'component', component_id: web.id },
      ],
    });
    expect(page).toEqual({
      id: expect.any(String),
      slug: 'status',
      name: 'Acme status',
      description: 'How Acme is doing',
      time_zone: 'Europe/Berlin',
      is_default: true,
      kind: 'standalone',
      items: [
        { type: 'component', component_id: api.id, show_uptime: false },
        { type: 'group', group_id: core.id, show_uptime: true },
        { type: 'component', component_id: web.id, show_uptime: true },
      ],
      support_url: null,
      brand_color: null,
      uptime_display: 'bars_and_percentage',
      logo_url: null,
      created_at: '2025-03-01T12:00:00.000Z',
      updated_at: '2025-03-01T12:00:00.000Z',
    });
    expect(await (await t.request(`/api/v1/pages/${page.id}`)).json()).toEqual(page);
    expect(await (await t.request('/api/v1/pages')).json()).toEqual({ data: [page] });
  });

  it('replaces the structure with PUT /pages/{id}/structure', async () => {
    const { api, web, core } = await catalogue();
    const page = await post('/api/v1/pages', { slug: 'status', name: 'S', items: [{ type: 'component', component_id: api.id }] });
    const put = await t.requestJson('PUT', `/api/v1/pages/${page.id}/structure`, {
      items: [
        { type: 'group', group_id: core.id, show_uptime: false },
        { type: 'component', component_id: web.id },
      ],
    });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { items: unknown }).items).toEqual([
      { type: 'group', group_id: core.id, show_uptime: false },
      { type: 'component', component_id: web.id, show_uptime: true },
    ]);
    await problemOf(await t.requestJson('PUT', `/api/v1/pages/${page.id}/structure`, {}), 400);
    await problemOf(await t.requestJson('PUT', '/api/v1/pages/nope/structure', { items: [] }), 404);
  });

  it('names the offending items of a bad structure', async () => {
    const { api, db, core } = await catalogue();
    const page = await post('/api/v1/pages', { slug: 'status', name: 'S' });
    const problem = await problemOf(
      await t.requestJson('PUT', `/api/v1/pages/${page.id}/structure`, {
        items: [
          { type: 'component', component_id: api.id },
          { type: 'component', component_id: 'ghost' },
          { type: 'component', component_id: db.id },
          { type: 'group', group_id: core.id },
          { type: 'component', component_id: api.id },
        ],
      }),
      400,
    );
    expect(problem.errors?.map((issue) => issue.path)).toEqual(['items[1].component_id', 'items[3].group_id', 'items[4].component_id']);

    const shape = await problemOf(
      await t.requestJson('PUT', `/api/v1/pages/${page.id}/structure`, {
        items: [
          { type: 'widget' },
          { type: 'component' },
          { type: 'group', group_id: core.id, colour: 'red' },
          { type: 'component', component_id: api.id, show_uptime: 'yes' },
        ],
      }),
      400,
    );
    const paths = shape.errors?.map((issue) => issue.path) ?? [];
    expect(paths).toContain('items[0].type');
    expect(paths).toContain('items[1].component_id');
    expect(paths.some((path) => path.startsWith('items[2]'))).toBe(true);
    expect(paths).toContain('items[3].show_uptime');
    expect(((await (await t.request(`/api/v1/pages/${page.id}`)).json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('validates slug and time zone, naming each field', async () => {
    const problem = await problemOf(
      await t.requestJson('POST', '/api/v1/pages', { slug: 'Admin Page', name: 'x', time_zone: 'Mars/Olympus' }),
      400,
    );
    expect(problem.errors?.map((issue) => issue.path)).toEqual(['slug', 'time_zone']);
    const reserved = await problemOf(await t.requestJson('POST', '/api/v1/pages', { slug: 'api', name: 'x' }), 400);
    expect(reserved.errors?.[0]?.message).toContain('reserved');
    await problemOf(await t.requestJson('POST', '/api/v1/pages', { slug: 's'.repeat(201), name: 'x' }), 400);
    await problemOf(await t.requestJson('POST', '/api/v1/pages', { slug: 'ok', name: 'x', time_zone: 'x'.repeat(101) }), 400);
  });

  it('answers 409 for a slug already taken', async () => {
    const first = await post('/api/v1/pages', { slug: 'status', name: 'S' });
    const problem = await problemOf(await t.requestJson('POST', '/api/v1/pages', { slug: 'status', name: 'Again' }), 409);
    expect(problem.errors?.[0]?.path).toBe('slug');
    const second = await post('/api/v1/pages', { slug: 'other', name: 'O' });
    await problemOf(await t.requestJson('PATCH', `/api/v1/pages/${second.id}`, { slug: 'status' }), 409);
    expect((await t.requestJson('PATCH', `/api/v1/pages/${first.id}`, { slug: 'status', name: 'Same slug' })).status).toBe(200);
  });

  it('keeps exactly one default page', async () => {
    const a = await post('/api/v1/pages', { slug: 'a', name: 'A', is_default: false });
    expect(a.is_default).toBe(true);
    t.advance(1000);
    const b = await post('/api/v1/pages', { slug: 'b', name: 'B' });
    expect(b.is_default).toBe(false);
    t.advance(1000);
    await post('/api/v1/pages', { slug: 'cc', name: 'C', is_default: true });
    expect(await defaultSlugs()).toEqual(['cc']);

    const moved = await t.requestJson('PATCH', `/api/v1/pages/${b.id}`, { is_default: true });
    expect(((await moved.json()) as { is_default: boolean }).is_default).toBe(true);
    expect(await defaultSlugs()).toEqual(['b']);

    const refused = await problemOf(await t.requestJson('PATCH', `/api/v1/pages/${b.id}`, { is_default: false }), 409);
    expect(refused.errors?.[0]?.path).toBe('is_default');

    expect((await t.request(`/api/v1/pages/${b.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await defaultSlugs()).toEqual(['a']);
  });

  it('answers 404 for unknown ids', async () => {
    await problemOf(await t.request('/api/v1/pages/nope'), 404);
    await problemOf(await t.requestJson('PATCH', '/api/v1/pages/nope', { name: 'x' }), 404);
    await problemOf(await t.request('/api/v1/pages/nope', { method: 'DELETE' }), 404);
  });

  it('refuses unknown fields, in the page and in its items', async () => {
    const problem = await problemOf(await t.requestJson('POST', '/api/v1/pages', { slug: 'status', name: 'S', theme: 'dark' }), 400);
    expect(problem.detail).toContain('theme');
    await problemOf(
      await t.requestJson('POST', '/api/v1/pages', {
        slug: 'status',
        name: 'S',
        items: [{ type: 'component', component_id: 'x', kind: 'component' }],
      }),
      400,
    );
  });

  it('drops deleted components and groups from the structure', async () => {
    const { api, web, core } = await catalogue();
    const page = await post('/api/v1/pages', {
      slug: 'status',
      name: 'S',
      items: [
        { type: 'component', component_id: api.id },
        { type: 'group', group_id: core.id },
        { type: 'component', component_id: web.id },
      ],
    });
    expect((await t.request(`/api/v1/components/${api.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.request(`/api/v1/groups/${core.id}`, { method: 'DELETE' })).status).toBe(204);
    const after = (await (await t.request(`/api/v1/pages/${page.id}`)).json()) as { items: unknown[] };
    expect(after.items).toEqual([{ type: 'component', component_id: web.id, show_uptime: true }]);
  });
});
