import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../../../test/helpers/describe-each-engine.js';
import { insertTestEntry, insertTestType } from '../../../../../test/helpers/page-kinds-fixtures.js';
import { type TestApp, createTestApp } from '../../../../../test/helpers/test-app.js';
import { listAuditEvents } from '../../../../store/access/audit-log.js';

interface Problem {
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}
type Json = Record<string, unknown> & { id: string };
interface CustomerPageJson {
  id: string;
  name: string;
  url: string;
  entry_id: string;
  domains: string[];
  no_one_can_sign_in: boolean;
}

describeEachEngine('/api/v1 page kinds', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(database(), { env: { PUBLIC_URL: 'https://status.example.com' } });
  });
  afterEach(() => t.close());

  const send = async (method: string, path: string, body: unknown, status: number): Promise<Json> => {
    const response = await t.requestJson(method, path, body);
    expect(response.status, await response.clone().text()).toBe(status);
    return (await response.json()) as Json;
  };
  const problemOf = async (response: Response, status: number): Promise<Problem> => {
    expect(response.status, await response.clone().text()).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    return (await response.json()) as Problem;
  };
  const customerPages = async (): Promise<CustomerPageJson[]> =>
    ((await (await t.request('/api/v1/customer-pages')).json()) as { data: CustomerPageJson[] }).data;

  async function customerSet() {
    const api = await send('POST', '/api/v1/components', { name: 'API' }, 201);
    const type = await insertTestType(database(), 'Customer');
    const acme = await insertTestEntry(database(), type.id, 'Acme', { domains: ['acme.com'] });
    const initech = await insertTestEntry(database(), type.id, 'Initech');
    const set = await send(
      'POST',
      '/api/v1/customer-page-sets',
      {
        slug: 'customers',
        name: 'Customer status',
        items: [{ type: 'component', component_id: api.id }],
        catalog_type_id: type.id,
        allowlist_attribute_id: 'domains',
        component_attribute_id: 'components',
      },
      201,
    );
    return { api, type, acme, initech, set };
  }

  it('creates a customer page set and lists its pages with unlisted URLs and the no-one-can-sign-in flag', async () => {
    const { set, type, acme, initech } = await customerSet();
    expect(set).toMatchObject({
      slug: 'customers',
      kind: 'customer_set',
      binding: { kind: 'customer_set', catalog_type_id: type.id, allowlist_attribute_id: 'domains', component_attribute_id: 'components' },
    });
    const pages = await customerPages();
    expect(pages.map((p) => [p.entry_id, p.name, p.domains, p.no_one_can_sign_in])).toEqual([
      [acme.id, 'Acme', ['acme.com'], false],
      [initech.id, 'Initech', [], true],
    ]);
    for (const page of pages) expect(page.url).toMatch(/^https:\/\/status\.example\.com\/c\/[A-Za-z0-9_-]{24}$/);
  });

  it('creates a set with a new type', async () => {
    const set = await send(
      'POST',
      '/api/v1/customer-page-sets',
      { slug: 'customers', name: 'Customers', new_type: { name: 'Customer' } },
      201,
    );
    expect(set.binding).toMatchObject({ allowlist_attribute_id: 'email_domains', component_attribute_id: 'components' });
  });

  it('names the field at fault when the attributes do not fit', async () => {
    const type = await insertTestType(database(), 'Customer');
    const problem = await problemOf(
      await t.requestJson('POST', '/api/v1/customer-page-sets', {
        slug: 'customers',
        name: 'Customers',
        catalog_type_id: type.id,
        allowlist_attribute_id: 'components',
        component_attribute_id: 'components',
      }),
      400,
    );
    expect(problem.errors?.[0]?.path).toBe('allowlist_attribute_id');
    const unknownField = await problemOf(
      await t.requestJson('POST', '/api/v1/customer-page-sets', { slug: 'x', name: 'X', extra: 1 }),
      400,
    );
    expect(unknownField.errors?.length).toBeGreaterThan(0);
  });

  it('rotates a customer page URL, audited under the API key', async () => {
    await customerSet();
    const [before] = await customerPages();
    const rotated = await send('POST', `/api/v1/customer-pages/${before!.id}/rotate-token`, undefined, 200);
    expect(rotated.url).not.toBe(before!.url);
    expect((await customerPages())[0]?.url).toBe(rotated.url);
    // The rotation's own record, and the API's record of the write (STF-7), both under the key.
    const events = await listAuditEvents(database().db, { subjectId: before!.id });
    expect(events.map((event) => [event.actor, event.action]).sort()).toEqual([
      [`api-key:${t.apiKeyId}`, 'api.write'],
      [`api-key:${t.apiKeyId}`, 'customer_page.token_rotated'],
    ]);
    await problemOf(await t.request('/api/v1/customer-pages/nope/rotate-token', { method: 'POST' }), 404);
  });

  it('answers who can access an address, and refuses malformed or overlong input', async () => {
    const { acme } = await customerSet();
    const response = await t.request(`/api/v1/who-can-access?email=${encodeURIComponent('Bob@ACME.com')}`);
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: Record<string, unknown>[] };
    expect(data).toEqual([
      expect.objectContaining({ entry_id: acme.id, entry_name: 'Acme', page_name: 'Acme', matched_domain: 'acme.com' }),
    ]);
    await problemOf(await t.request(`/api/v1/who-can-access?email=${encodeURIComponent('a@b@acme.com')}`), 400);
    await problemOf(await t.request(`/api/v1/who-can-access?email=${'a'.repeat(250)}%40acme.com`), 400);
    await problemOf(await t.request('/api/v1/who-can-access'), 400);
  });

  it('binds a parent page, switches a sub-page off, and unbinds it', async () => {
    const page = await send('POST', '/api/v1/pages', { slug: 'status', name: 'Status' }, 201);
    const region = await insertTestType(database(), 'Region');
    const eu = await insertTestEntry(database(), region.id, 'EU');
    const bound = await send(
      'PUT',
      `/api/v1/pages/${page.id}/parent`,
      { catalog_type_id: region.id, component_attribute_id: 'components' },
      200,
    );
    expect(bound).toMatchObject({ kind: 'parent', binding: { kind: 'parent', catalog_type_id: region.id, allowlist_attribute_id: null } });
    expect(await send('PATCH', `/api/v1/pages/${page.id}/sub-pages/${eu.id}`, { disabled: true }, 200)).toEqual({
      page_id: page.id,
      entry_id: eu.id,
      disabled: true,
    });
    await problemOf(await t.requestJson('PATCH', `/api/v1/pages/${page.id}/sub-pages/nope`, { disabled: true }), 404);
    const wrong = await problemOf(
      await t.requestJson('PUT', `/api/v1/pages/${page.id}/parent`, { catalog_type_id: region.id, component_attribute_id: 'domains' }),
      400,
    );
    expect(wrong.errors?.[0]?.path).toBe('component_attribute_id');
    const plain = await send('DELETE', `/api/v1/pages/${page.id}/parent`, undefined, 200);
    expect(plain).toMatchObject({ kind: 'standalone', binding: null });
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await (await t.request('/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const path of [
      '/pages/{id}/parent',
      '/pages/{id}/sub-pages/{entry_id}',
      '/customer-page-sets',
      '/customer-pages',
      '/customer-pages/{id}/rotate-token',
      '/who-can-access',
    ]) {
      expect(doc.paths).toHaveProperty([path]);
    }
  });

  it('requires an API key', async () => {
    const response = await t.app.request('/api/v1/customer-pages');
    expect(response.status).toBe(401);
  });
});
