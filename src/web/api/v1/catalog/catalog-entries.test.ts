import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../../../test/helpers/test-app.js';
import { listAuditEvents } from '../../../../store/access/audit-log.js';

interface Problem {
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

type Json = Record<string, unknown>;

describeEachEngine('/api/v1/catalog entries', (database) => {
  let t: TestApp;
  let region: Json;
  let customer: Json;
  let component: Json;
  beforeEach(async () => {
    t = await createTestApp(database());
    const post = async (path: string, body: unknown) => (await (await t.requestJson('POST', path, body)).json()) as Json;
    component = await post('/api/v1/components', { name: 'EU database' });
    region = await post('/api/v1/catalog/types', { name: 'Region' });
    customer = await post('/api/v1/catalog/types', {
      name: 'Customer',
      attributes: [
        { id: 'domains', name: 'Email domains', kind: 'email_domain', is_list: true },
        { id: 'region', name: 'Region', kind: 'entry', target_type_id: 'Region' },
        { id: 'components', name: 'Components', kind: 'component', is_list: true },
      ],
    });
    await post(`/api/v1/catalog/types/${String(region.id)}/entries`, { name: 'EU', external_id: 'eu' });
  });
  afterEach(() => t.close());

  const entriesPath = () => `/api/v1/catalog/types/${String(customer.id)}/entries`;

  const problemOf = async (response: Response, status: number): Promise<Problem> => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    return (await response.json()) as Problem;
  };

  it('creates, reads, lists, patches and deletes an entry', async () => {
    const response = await t.requestJson('POST', entriesPath(), {
      name: 'Acme Corp',
      aliases: ['ACME'],
      values: { 'Email domains': ['Acme.COM'], Region: 'eu', Components: ['EU database'] },
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Json;
    const euId = ((await (await t.request(`/api/v1/catalog/types/${String(region.id)}/entries`)).json()) as { data: Json[] }).data[0]?.id;
    expect(created).toEqual({
      id: expect.any(String),
      type_id: customer.id,
      name: 'Acme Corp',
      external_id: 'acme-corp',
      aliases: ['ACME'],
      rank: 0,
      slug: 'acme-corp',
      values: { domains: ['acme.com'], region: euId, components: [component.id] },
      source: 'manual',
      sync_key: null,
      created_at: '2025-03-01T12:00:00.000Z',
      updated_at: '2025-03-01T12:00:00.000Z',
    });
    const path = `/api/v1/catalog/entries/${String(created.id)}`;
    expect(await (await t.request(path)).json()).toEqual(created);
    expect(await (await t.request(entriesPath())).json()).toEqual({ data: [created] });

    t.advance(60_000);
    const patched = await t.requestJson('PATCH', path, { rank: 5, values: { region: null } });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toEqual({
      ...created,
      rank: 5,
      values: { domains: ['acme.com'], components: [component.id] },
      updated_at: '2025-03-01T12:01:00.000Z',
    });

    expect((await t.request(path, { method: 'DELETE' })).status).toBe(204);
    await problemOf(await t.request(path), 404);
    await problemOf(await t.request('/api/v1/catalog/types/nope/entries'), 404);
  });

  it('refuses unsafe domains with the reason, and accepts them under an audited override', async () => {
    const refused = await problemOf(
      await t.requestJson('POST', entriesPath(), { name: 'Webmail', values: { domains: ['ok.example', 'eu.gmail.com', 'github.io'] } }),
      400,
    );
    expect(refused.errors).toEqual([
      { path: 'values.domains[1]', message: expect.stringMatching(/webmail/) },
      { path: 'values.domains[2]', message: expect.stringMatching(/public suffix/) },
    ]);
    const accepted = await t.requestJson('POST', entriesPath(), {
      name: 'Webmail',
      values: { domains: ['eu.gmail.com'] },
      allow_unsafe_domains: true,
    });
    expect(accepted.status).toBe(201);
    const overrides = await listAuditEvents(database().db, { action: 'catalog_entry.domain_override' });
    expect(overrides.map((e) => [e.actor, e.details.domain, e.details.reason])).toEqual([
      [`api-key:${t.apiKeyId}`, 'eu.gmail.com', 'webmail'],
    ]);
  });

  it('bulk upserts by external id, all or nothing, pointing at the entry and field', async () => {
    const bad = await problemOf(
      await t.requestJson('PUT', entriesPath(), {
        entries: [
          { external_id: 'acme', name: 'Acme', values: { domains: ['acme.com'] } },
          { external_id: 'globex', name: 'Globex', values: { domains: ['globex.com', 'x.mailinator.com'], region: 'mars' } },
        ],
      }),
      400,
    );
    expect(bad.errors?.map((e) => e.path)).toEqual(['entries[1].values.domains[1]', 'entries[1].values.region']);
    expect(await (await t.request(entriesPath())).json()).toEqual({ data: [] });

    const shape = await problemOf(
      await t.requestJson('PUT', entriesPath(), { entries: [{ external_id: 'x', name: 'X', values: { domains: [{ nested: true }] } }] }),
      400,
    );
    expect(shape.errors?.[0]?.path).toMatch(/^entries\[0\]\.values\.domains/);

    const body = {
      entries: [
        { external_id: 'acme-eu', name: 'Acme Europe', values: { region: 'EU' } },
        { external_id: 'acme', name: 'Acme', rank: 1, values: { domains: ['acme.com'] } },
      ],
    };
    const first = await t.requestJson('PUT', entriesPath(), body);
    expect(first.status).toBe(200);
    const result = (await first.json()) as { data: Json[]; created: number; updated: number; unchanged: number };
    expect([result.created, result.updated, result.unchanged]).toEqual([2, 0, 0]);
    expect(result.data.map((e) => e.external_id)).toEqual(['acme-eu', 'acme']);
    const again = (await (await t.requestJson('PUT', entriesPath(), body)).json()) as typeof result;
    expect([again.created, again.updated, again.unchanged]).toEqual([0, 0, 2]);
    expect(again.data).toEqual(result.data);
  });

  it('refuses deleting a referenced entry with 422 unless force=true', async () => {
    const eu = ((await (await t.request(`/api/v1/catalog/types/${String(region.id)}/entries`)).json()) as { data: Json[] }).data[0];
    await t.requestJson('POST', entriesPath(), { name: 'Acme', values: { region: 'EU' } });
    const path = `/api/v1/catalog/entries/${String(eu?.id)}`;
    const refused = await problemOf(await t.request(path, { method: 'DELETE' }), 422);
    expect(refused.errors).toEqual([{ path: 'referenced_by[0]', message: expect.stringMatching(/"Acme"/) }]);
    expect((await t.request(`${path}?force=true`, { method: 'DELETE' })).status).toBe(204);
  });
});
