import { afterEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../../../test/helpers/test-app.js';
import { insertTestComponent } from '../../../../../test/helpers/write-fixtures.js';
import type { MaintenanceBody } from './maintenances-schema.js';

const NOW = new Date('2025-03-01T12:00:00.000Z');
const HOUR = 3_600_000;
const inHours = (hours: number): string => new Date(NOW.getTime() + hours * HOUR).toISOString();
const maintenanceOf = async (res: Response): Promise<MaintenanceBody> => (await res.json()) as MaintenanceBody;
const pathsOf = async (res: Response): Promise<string[]> =>
  ((await res.json()) as { errors?: { path: string }[] }).errors?.map((error) => error.path) ?? [];

describeEachEngine('API /maintenances', (database) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const setup = async () => {
    t = await createTestApp(database(), { now: NOW });
    const api = await insertTestComponent(database(), 'API');
    const db = await insertTestComponent(database(), 'DB');
    const schedule = (app: TestApp, overrides: Record<string, unknown> = {}) =>
      app.requestJson('POST', '/api/v1/maintenances', {
        name: 'Database upgrade',
        description: 'Minor version',
        component_ids: [db],
        scheduled_start: inHours(1),
        scheduled_end: inHours(3),
        ...overrides,
      });
    return { t, api, db, schedule };
  };

  it('schedules a window and presents every field with its derived status', async () => {
    const { t, db, schedule } = await setup();
    const res = await schedule(t);
    expect(res.status).toBe(201);
    const body = await maintenanceOf(res);
    expect(body).toEqual({
      id: expect.any(String),
      name: 'Database upgrade',
      description: 'Minor version',
      status: 'scheduled',
      component_ids: [db],
      scheduled_start: inHours(1),
      scheduled_end: inHours(3),
      completed_at: null,
      cancelled_at: null,
      created_at: NOW.toISOString(),
      updated_at: NOW.toISOString(),
      updates: [],
    });
    t.advance(2 * HOUR);
    expect((await maintenanceOf(await t.request(`/api/v1/maintenances/${body.id}`))).status).toBe('in_progress');
    t.advance(HOUR);
    expect((await maintenanceOf(await t.request(`/api/v1/maintenances/${body.id}`))).status).toBe('completed');
  });

  it('names each bad field', async () => {
    const { t, db, schedule } = await setup();
    const cases: [Record<string, unknown>, string][] = [
      [{ component_ids: [] }, 'component_ids'],
      [{ component_ids: [db, 'nope'] }, 'component_ids[1]'],
      [{ component_ids: [db, db] }, 'component_ids[1]'],
      [{ scheduled_end: inHours(1) }, 'scheduled_end'],
      [{ scheduled_start: 'soon' }, 'scheduled_start'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ status: 'in_progress' }, 'status'],
    ];
    for (const [overrides, path] of cases) {
      const res = await schedule(t, overrides);
      expect(res.status, JSON.stringify(overrides)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await pathsOf(res)).toContain(path);
    }
    for (const body of ['', 'nope', '[]', JSON.stringify({ component_ids: 'all' })]) {
      expect((await t.request('/api/v1/maintenances', { method: 'POST', body })).status, body).toBe(400);
    }
    expect(((await (await t.request('/api/v1/maintenances')).json()) as { data: unknown[] }).data).toEqual([]);
  });

  it('updates, reschedules, posts updates, completes early; refuses what the phase forbids', async () => {
    const { t, api, db, schedule } = await setup();
    const { id } = await maintenanceOf(await schedule(t));
    const patched = await t.requestJson('PATCH', `/api/v1/maintenances/${id}`, {
      name: 'Upgrade',
      component_ids: [api, db],
      scheduled_end: inHours(4),
    });
    expect(patched.status).toBe(200);
    expect(await maintenanceOf(patched)).toMatchObject({ name: 'Upgrade', description: 'Minor version', scheduled_end: inHours(4) });
    expect(await pathsOf(await t.requestJson('PATCH', `/api/v1/maintenances/${id}`, { scheduled_end: inHours(0.5) }))).toEqual([
      'scheduled_end',
    ]);

    expect((await t.request(`/api/v1/maintenances/${id}/complete`, { method: 'POST' })).status).toBe(422);
    const note = await t.requestJson('POST', `/api/v1/maintenances/${id}/updates`, { message: 'Starting soon' });
    expect(note.status).toBe(201);
    expect((await maintenanceOf(note)).updates.map((u) => u.message)).toEqual(['Starting soon']);

    t.advance(2 * HOUR);
    const completed = await t.requestJson('POST', `/api/v1/maintenances/${id}/complete`, { message: 'Done early' });
    expect(completed.status).toBe(200);
    expect(await maintenanceOf(completed)).toMatchObject({ status: 'completed', completed_at: inHours(2) });
    expect((await t.request(`/api/v1/maintenances/${id}/complete`, { method: 'POST' })).status).toBe(422);
    const cancel = await t.request(`/api/v1/maintenances/${id}/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(422);
    expect(cancel.headers.get('content-type')).toContain('application/problem+json');
    expect((await t.requestJson('PATCH', `/api/v1/maintenances/${id}`, { scheduled_end: inHours(10) })).status).toBe(422);
    expect((await t.requestJson('PATCH', `/api/v1/maintenances/${id}`, { description: null })).status).toBe(200);
  });

  it('cancels a scheduled window', async () => {
    const { t, schedule } = await setup();
    const { id } = await maintenanceOf(await schedule(t));
    const cancelled = await t.requestJson('POST', `/api/v1/maintenances/${id}/cancel`, { message: 'Postponed' });
    expect(await maintenanceOf(cancelled)).toMatchObject({
      status: 'cancelled',
      cancelled_at: NOW.toISOString(),
      updates: [{ message: 'Postponed' }],
    });
  });

  it('lists latest first with a cursor; deletes; unknown ids are 404', async () => {
    const { t, schedule } = await setup();
    const early = await maintenanceOf(await schedule(t, { name: 'early' }));
    const late = await maintenanceOf(await schedule(t, { name: 'late', scheduled_start: inHours(5), scheduled_end: inHours(6) }));
    const names = async (query: string) =>
      ((await (await t.request(`/api/v1/maintenances${query}`)).json()) as { data: { name: string }[] }).data.map((m) => m.name);
    expect(await names('')).toEqual(['late', 'early']);
    expect(await names(`?before=${late.id}`)).toEqual(['early']);
    expect(await names('?limit=1')).toEqual(['late']);
    expect((await t.request('/api/v1/maintenances?limit=0')).status).toBe(400);

    expect((await t.request(`/api/v1/maintenances/${early.id}`, { method: 'DELETE' })).status).toBe(204);
    for (const [method, path, body] of [
      ['GET', `/api/v1/maintenances/${early.id}`, undefined],
      ['DELETE', `/api/v1/maintenances/${early.id}`, undefined],
      ['PATCH', `/api/v1/maintenances/${early.id}`, { name: 'x' }],
      ['POST', `/api/v1/maintenances/${early.id}/updates`, { message: 'x' }],
      ['POST', `/api/v1/maintenances/${early.id}/complete`, undefined],
      ['POST', `/api/v1/maintenances/${early.id}/cancel`, undefined],
      ['GET', '/api/v1/maintenances/%00', undefined],
    ] as const) {
      const res = await t.request(path, { method, body: body ? JSON.stringify(body) : undefined });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
  });
});
