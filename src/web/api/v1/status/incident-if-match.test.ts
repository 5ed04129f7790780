/**
 * The API's incident writes under `If-Match` (the dashboard's stale-edit check, the HTTP way): every
 * single-incident response carries its version as an `ETag` (and `version`); a write sent with a tag
 * the incident is no longer at answers 412 problem+json and changes nothing; without `If-Match` it
 * applies as before. Real HTTP app, both engines, two writers racing on one incident.
 */
import { afterEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../../../test/helpers/test-app.js';
import { getIncidentForEditing } from '../../../../services/status/incidents.js';
import type { IncidentBody } from './incidents-schema.js';

describeEachEngine('API /incidents with If-Match', (database) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const setup = async () => {
    t = await createTestApp(database());
    const created = await t.requestJson('POST', '/api/v1/incidents', { name: 'Elevated errors', message: 'Looking.' });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const body = (await created.json()) as IncidentBody;
    expect(body.version).toBe(1);
    return { t, id: body.id };
  };

  const send = (t: TestApp, method: string, path: string, body: unknown, ifMatch?: string) =>
    t.request(path, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: ifMatch ? { 'if-match': ifMatch } : {},
    });

  const expectPreconditionFailed = async (res: Response, current: number) => {
    expect(res.status).toBe(412);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await res.json()) as { status: number; title: string; detail: string; errors: { path: string }[] };
    expect(problem).toMatchObject({ status: 412, title: 'Precondition failed', errors: [{ path: 'If-Match' }] });
    expect(problem.detail).toContain(`now at version ${current} (ETag "${current}")`);
  };

  it('reads and every write answer the version as ETag and `version`; each write raises it', async () => {
    const { t, id } = await setup();
    const read = await t.request(`/api/v1/incidents/${id}`);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(((await read.json()) as IncidentBody).version).toBe(1);

    const renamed = await send(t, 'PATCH', `/api/v1/incidents/${id}`, { name: 'API errors' }, '"1"');
    expect(renamed.status).toBe(200);
    expect(renamed.headers.get('etag')).toBe('"2"');
    expect(((await renamed.json()) as IncidentBody).version).toBe(2);

    const updated = await send(t, 'POST', `/api/v1/incidents/${id}/updates`, { status: 'identified', message: 'Found.' }, '"2"');
    expect(updated.status).toBe(201);
    expect(updated.headers.get('etag')).toBe('"3"');

    const resolved = await send(t, 'POST', `/api/v1/incidents/${id}/resolve`, {}, '"3"');
    expect(resolved.status).toBe(200);
    expect(resolved.headers.get('etag')).toBe('"4"');
    expect((await getIncidentForEditing(t.deps.ctx, id)).version).toBe(4);

    // Lists keep their shape: no per-item version.
    const list = (await (await t.request('/api/v1/incidents')).json()) as { data: IncidentBody[] };
    expect(list.data[0]).not.toHaveProperty('version');
  });

  it('a stale If-Match is refused with 412 on each write, and nothing changes', async () => {
    const { t, id } = await setup();
    expect((await send(t, 'PATCH', `/api/v1/incidents/${id}`, { name: 'API errors' })).status).toBe(200);
    const before = await getIncidentForEditing(t.deps.ctx, id);
    expect(before.version).toBe(2);

    await expectPreconditionFailed(await send(t, 'PATCH', `/api/v1/incidents/${id}`, { name: 'Other' }, '"1"'), 2);
    await expectPreconditionFailed(
      await send(t, 'POST', `/api/v1/incidents/${id}/updates`, { status: 'identified', message: 'X' }, '"1"'),
      2,
    );
    await expectPreconditionFailed(await send(t, 'POST', `/api/v1/incidents/${id}/resolve`, {}, '"1"'), 2);
    await expectPreconditionFailed(await send(t, 'DELETE', `/api/v1/incidents/${id}`, undefined, '"1"'), 2);
    // A weak tag never matches (strong comparison), nor does one that is not a version.
    await expectPreconditionFailed(await send(t, 'PATCH', `/api/v1/incidents/${id}`, { name: 'Other' }, 'W/"2"'), 2);
    await expectPreconditionFailed(await send(t, 'PATCH', `/api/v1/incidents/${id}`, { name: 'Other' }, '"abc"'), 2);

    expect(await getIncidentForEditing(t.deps.ctx, id)).toEqual(before);

    // The current tag, one of several, or `*` all match.
    expect((await send(t, 'PATCH', `/api/v1/incidents/${id}`, { name: 'A' }, '"1", "2"')).status).toBe(200);
    expect((await send(t, 'PATCH', `/api/v1/incidents/${id}`, { name: 'B' }, '*')).status).toBe(200);
    expect((await send(t, 'DELETE', `/api/v1/incidents/${id}`, undefined, '"4"')).status).toBe(204);
    expect((await send(t, 'DELETE', `/api/v1/incidents/${id}`, undefined, '"4"')).status).toBe(404);
  });

  it('two writers with the same ETag at once: one applies, the stale one gets 412 and its update is not posted', async () => {
    const { t, id } = await setup();
    const etag = (await t.request(`/api/v1/incidents/${id}`)).headers.get('etag')!;
    const [a, b] = await Promise.all([
      send(t, 'POST', `/api/v1/incidents/${id}/updates`, { status: 'identified', message: 'Writer A' }, etag),
      send(t, 'POST', `/api/v1/incidents/${id}/updates`, { status: 'monitoring', message: 'Writer B' }, etag),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([201, 412]);
    const [won, lost] = a.status === 201 ? [a, b] : [b, a];
    expect(won.headers.get('etag')).toBe('"2"');
    await expectPreconditionFailed(lost, 2);
    const { incident, version } = await getIncidentForEditing(t.deps.ctx, id);
    expect(version).toBe(2);
    expect(incident.updates.map((u) => u.message)).toHaveLength(2);
  });

  it('without If-Match writes apply to the incident as it is (as before)', async () => {
    const { t, id } = await setup();
    expect((await send(t, 'POST', `/api/v1/incidents/${id}/updates`, { status: 'identified', message: 'One' })).status).toBe(201);
    expect((await send(t, 'POST', `/api/v1/incidents/${id}/updates`, { status: 'monitoring', message: 'Two' })).status).toBe(201);
    expect((await send(t, 'DELETE', `/api/v1/incidents/${id}`, undefined)).status).toBe(204);
  });
});
