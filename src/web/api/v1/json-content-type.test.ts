import { afterEach, expect, it } from 'vitest';
import { describeOnSqlite } from '../../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../../test/helpers/test-app.js';

describeOnSqlite('the staff API reads JSON bodies only', (database) => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('refuses a write whose body is not JSON with 415 and says what to send; nothing is written', async () => {
    app = await createTestApp(database());
    for (const contentType of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
      const res = await app.request('/api/v1/components', { method: 'POST', headers: { 'content-type': contentType }, body: 'name=API' });
      expect(res.status, contentType).toBe(415);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(((await res.json()) as { detail: string }).detail).toMatch(/Content-Type: application\/json/);
    }
    const noType = await app.app.request('/api/v1/components', { method: 'POST', headers: { authorization: `Bearer ${app.token}` }, body: '{"name":"API"}' });
    expect(noType.status).toBe(415);
    const list = await app.request('/api/v1/components');
    expect(((await list.json()) as { data: unknown[] }).data).toEqual([]);
  });

  it('takes JSON with parameters or a +json type, and writes without a body', async () => {
    app = await createTestApp(database());
    const created = await app.request('/api/v1/components', { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ name: 'API' }) });
    expect(created.status).toBe(201);
    const merged = await app.request(`/api/v1/components/${((await created.json()) as { id: string }).id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ name: 'Public API' }),
    });
    expect(merged.status).toBe(200);
    const incident = await app.requestJson('POST', '/api/v1/incidents', { name: 'Down', message: 'Looking' });
    const { id } = (await incident.json()) as { id: string };
    const resolved = await app.app.request(`/api/v1/incidents/${id}/resolve`, { method: 'POST', headers: { authorization: `Bearer ${app.token}` } });
    expect(resolved.status).toBe(200);
  });
});
