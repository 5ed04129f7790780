import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../test/helpers/test-app.js';

describeEachEngine('API writes audited in their own transaction (STF-7)', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(database());
  });
  afterEach(() => t.close());

  const revision = async () =>
    Number((await database().db.selectFrom('meta_revision').select('value').where('id', '=', 1).executeTakeFirstOrThrow()).value);
  const apiWrites = () => database().db.selectFrom('audit_log').selectAll().where('action', '=', 'api.write').execute();
  const components = () => database().db.selectFrom('components').select('id').execute();

  it('records a create with its new id and the status answered, in the write’s one transaction', async () => {
    const before = await revision();
    const response = await t.requestJson('POST', '/api/v1/components', { name: 'API' });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const rows = await apiWrites();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: `api-key:${t.apiKeyId}`, subject_type: 'components', subject_id: id });
    expect(JSON.parse(rows[0]!.details)).toMatchObject({ method: 'POST', path: '/components', status: 201 });
    expect(await revision()).toBe(before + 1);

    expect((await t.request(`/api/v1/components/${id}`, { method: 'DELETE' })).status).toBe(204);
    const deleted = (await apiWrites()).find((row) => row.id !== rows[0]!.id);
    expect(deleted).toMatchObject({ subject_id: id });
    expect(JSON.parse(deleted!.details)).toMatchObject({ method: 'DELETE', path: `/components/${id}`, status: 204 });
  });

  it('names what a create under another resource made, and what an edit’s path names', async () => {
    const type = (await (await t.requestJson('POST', '/api/v1/catalog/types', { name: 'Region' })).json()) as { id: string };
    const created = await t.requestJson('POST', `/api/v1/catalog/types/${type.id}/entries`, { name: 'EU' });
    expect(created.status).toBe(201);
    const entry = (await created.json()) as { id: string };
    expect((await t.requestJson('PATCH', `/api/v1/catalog/types/${type.id}`, { name: 'Regions' })).status).toBe(200);
    const rows = await apiWrites();
    const details = rows.map((row) => JSON.parse(row.details) as { method: string; status: number });
    expect(rows.map((row, i) => [details[i]!.method, row.subject_id, details[i]!.status]).sort()).toEqual(
      [
        ['POST', type.id, 201],
        ['POST', entry.id, 201],
        ['PATCH', type.id, 200],
      ].sort(),
    );
  });

  it('writes nothing when the audit record cannot be written: the write rolls back with it', async () => {
    // Renamed away (and back, for the next test on this database): every audit insert fails.
    await database().db.schema.alterTable('audit_log').renameTo('audit_log_away').execute();
    const before = await revision();
    const response = await t
      .requestJson('POST', '/api/v1/components', { name: 'API' })
      .finally(() => database().db.schema.alterTable('audit_log_away').renameTo('audit_log').execute());
    expect(response.status).toBe(500);
    expect(await components()).toEqual([]);
    expect(await revision()).toBe(before);
  });

  it('records nothing for a refused write, and nothing for an idempotent replay', async () => {
    expect((await t.requestJson('PATCH', '/api/v1/components/aaaaaaaaaaaaaaaa', { name: 'X' })).status).toBe(404);
    expect(await apiWrites()).toEqual([]);

    const declare = () =>
      t.request('/api/v1/incidents', {
        method: 'POST',
        headers: { 'idempotency-key': 'once' },
        body: JSON.stringify({ name: 'Slow', status: 'investigating', message: 'Looking', components: [] }),
      });
    const first = await declare();
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    expect((await declare()).status).toBe(201);
    const rows = await apiWrites();
    expect(rows.map((row) => [row.subject_type, row.subject_id])).toEqual([['incidents', id]]);
  });
});
