import { afterEach, beforeEach, expect, it } from 'vitest';
import { seedCustomerPages } from '../../../../../test/helpers/customer-pages.js';
import { describeEachEngine } from '../../../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../../../test/helpers/test-app.js';
import { listAuditEvents } from '../../../../store/access/audit-log.js';

interface Problem {
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

type Json = Record<string, unknown>;

describeEachEngine('/api/v1/catalog/types', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(database());
  });
  afterEach(() => t.close());

  const create = async (body: unknown): Promise<Json> => {
    const response = await t.requestJson('POST', '/api/v1/catalog/types', body);
    expect(response.status).toBe(201);
    return (await response.json()) as Json;
  };

  const problemOf = async (response: Response, status: number): Promise<Problem> => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    return (await response.json()) as Problem;
  };

  it('creates, reads, lists, renames and deletes a type', async () => {
    const region = await create({ name: 'Region' });
    const customer = await create({
      name: 'Customer',
      description: 'Companies we serve',
      attributes: [
        { name: 'Email domains', kind: 'email_domain', is_list: true },
        { id: 'region', name: 'Region', kind: 'entry', target_type_id: 'Region' },
      ],
    });
    expect(customer).toEqual({
      id: expect.any(String),
      name: 'Customer',
      description: 'Companies we serve',
      attributes: [
        { id: 'email_domains', name: 'Email domains', kind: 'email_domain', is_list: true, target_type_id: null },
        { id: 'region', name: 'Region', kind: 'entry', is_list: false, target_type_id: region.id },
      ],
      created_at: '2025-03-01T12:00:00.000Z',
      updated_at: '2025-03-01T12:00:00.000Z',
    });
    const path = `/api/v1/catalog/types/${String(customer.id)}`;
    expect(await (await t.request(path)).json()).toEqual(customer);
    expect(((await (await t.request('/api/v1/catalog/types')).json()) as { data: Json[] }).data.map((type) => type.name)).toEqual([
      'Customer',
      'Region',
    ]);

    t.advance(60_000);
    // The schema as read, sent back with one name changed: a rename, nothing else.
    const attributes = (customer.attributes as Json[]).map((a) => (a.id === 'region' ? { ...a, name: 'Home region' } : a));
    const renamed = await t.requestJson('PATCH', path, { name: 'Client', attributes });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({
      name: 'Client',
      attributes: [{ id: 'email_domains' }, { id: 'region', name: 'Home region' }],
      updated_at: '2025-03-01T12:01:00.000Z',
    });

    expect((await t.request(path, { method: 'DELETE' })).status).toBe(204);
    await problemOf(await t.request(path), 404);
    const audit = await listAuditEvents(database().db, { subjectId: String(customer.id) });
    // The service's record of each of the three writes, and the API's (STF-7), all under the key.
    expect(audit.map((e) => e.actor)).toEqual(Array<string>(6).fill(`api-key:${t.apiKeyId}`));
    expect(audit.filter((e) => e.action === 'api.write')).toHaveLength(3);
  });

  it('names each bad field, and refuses a duplicate name with 409', async () => {
    const bad = await problemOf(
      await t.requestJson('POST', '/api/v1/catalog/types', {
        name: 'X',
        attributes: [
          { name: 'A', kind: 'colour' },
          { name: 'B', kind: 'entry' },
        ],
      }),
      400,
    );
    expect(bad.errors?.map((e) => e.path)).toEqual(['attributes[0].kind']);
    const semantic = await problemOf(
      await t.requestJson('POST', '/api/v1/catalog/types', {
        name: 'X',
        attributes: [
          { name: 'B', kind: 'entry' },
          { name: 'b', kind: 'text' },
        ],
      }),
      400,
    );
    expect(semantic.errors?.map((e) => e.path)).toEqual(['attributes[0].targetTypeId', 'attributes[1].name', 'attributes[1].name']);
    await create({ name: 'Customer' });
    await problemOf(await t.requestJson('POST', '/api/v1/catalog/types', { name: 'customer' }), 409);
    await problemOf(await t.requestJson('POST', '/api/v1/catalog/types', { name: 'Y', extra: true }), 400);
  });

  it('refuses a breaking schema change with 422 naming the entries, and applies it with force', async () => {
    const type = await create({ name: 'Customer', attributes: [{ name: 'Seats', kind: 'number' }] });
    const path = `/api/v1/catalog/types/${String(type.id)}`;
    const entry = (await (await t.requestJson('POST', `${path}/entries`, { name: 'Acme', values: { Seats: 3 } })).json()) as Json;
    const refused = await problemOf(await t.requestJson('PATCH', path, { attributes: [] }), 422);
    expect(refused.errors).toEqual([
      { path: `entries.${String(entry.id)}.values.seats`, message: expect.stringMatching(/"Acme".*removed/) },
    ]);
    const forced = await t.requestJson('PATCH', path, { attributes: [], force: true });
    expect(forced.status).toBe(200);
    expect(((await (await t.request(`/api/v1/catalog/entries/${String(entry.id)}`)).json()) as Json).values).toEqual({});
  });

  it('refuses deleting a type with entries unless force=true', async () => {
    const type = await create({ name: 'Region' });
    const path = `/api/v1/catalog/types/${String(type.id)}`;
    await t.requestJson('POST', `${path}/entries`, { name: 'EU' });
    const refused = await problemOf(await t.request(path, { method: 'DELETE' }), 422);
    expect(refused.errors?.map((e) => e.path)).toEqual(['entries']);
    expect((await t.request(`${path}?force=true`, { method: 'DELETE' })).status).toBe(204);
  });

  it('refuses with 409, even forced, to delete a type or drop an attribute a page is built from, naming the page', async () => {
    const seeded = await seedCustomerPages(t.deps.ctx, 'https://status.example.com');
    const path = `/api/v1/catalog/types/${seeded.typeId}`;
    const deleted = await problemOf(await t.request(`${path}?force=true`, { method: 'DELETE' }), 409);
    expect(deleted.errors).toEqual([
      { path: 'pages.customers', message: 'page /customers is built from Customer; delete the page or unbind it first' },
    ]);
    const type = (await (await t.request(path)).json()) as { attributes: Json[] };
    const withoutAllowlist = type.attributes.filter((attribute) => attribute.id !== 'email_domains');
    const changed = await problemOf(await t.requestJson('PATCH', path, { attributes: withoutAllowlist, force: true }), 409);
    expect(changed.detail).toMatch(/page \/customers reads its allowlist from attribute "Email domains"; this change removes it/);
    expect((await (await t.request(path)).json()) as Json).toEqual(type);
  });

  it('is in the OpenAPI document and requires a key', async () => {
    const document = (await (await t.app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Json }>>;
    };
    const methods = (path: string) => Object.keys(document.paths[path] ?? {}).sort();
    expect(methods('/catalog/types')).toEqual(['get', 'post']);
    expect(methods('/catalog/types/{id}')).toEqual(['delete', 'get', 'patch']);
    expect(methods('/catalog/types/{id}/entries')).toEqual(['get', 'post', 'put']);
    expect(methods('/catalog/entries/{id}')).toEqual(['delete', 'get', 'patch']);
    expect(Object.keys(document.paths['/catalog/types/{id}']?.patch?.responses ?? {})).toContain('422');
    expect((await t.app.request('/api/v1/catalog/types')).status).toBe(401);
  });
});
