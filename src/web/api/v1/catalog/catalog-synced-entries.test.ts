/**
 * The catalog API keeps what a sync owns: an entry made by `beacon catalog sync` cannot be renamed,
 * re-keyed, replaced by a bulk upsert or deleted through an API key (409 problem+json naming the
 * sync), while attribute values the sync does not manage may still be set, and the sync itself goes
 * on changing and deleting its entries. Real HTTP app, both engines.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../../../test/helpers/test-app.js';
import { CLI_ACTOR } from '../../../../domain/access/audit-event.js';
import { getCatalogEntry } from '../../../../services/catalog/catalog-entries.js';
import { type SyncInput, syncCatalog } from '../../../../services/catalog/catalog-sync.js';

type Json = Record<string, unknown>;
type Problem = { status: number; detail: string; errors?: { path: string; message: string }[] };

describeEachEngine('/api/v1/catalog entries a sync owns', (database) => {
  let t: TestApp;
  let customer: Json;
  let component: Json;
  beforeEach(async () => {
    t = await createTestApp(database());
    const post = async (path: string, body: unknown) => (await (await t.requestJson('POST', path, body)).json()) as Json;
    component = await post('/api/v1/components', { name: 'EU database' });
    customer = await post('/api/v1/catalog/types', {
      name: 'Customer',
      attributes: [
        { id: 'domains', name: 'Email domains', kind: 'email_domain', is_list: true },
        { id: 'components', name: 'Components', kind: 'component', is_list: true },
      ],
    });
  });
  afterEach(() => t.close());

  /** The CRM sync as `beacon catalog sync` runs it: it manages the name and the domains only. */
  const runSync = (name: string, allowDelete = false, records = true) => {
    const input: SyncInput = {
      syncKey: 'crm',
      types: [{ name: 'Customer', at: 'mapping.yaml: rules[0].type' }],
      records: records
        ? [{ label: 'crm.yaml: [0]', typeName: 'Customer', externalId: 'acme', name, values: { 'Email domains': ['acme.com'] } }]
        : [],
      allowDelete,
      allowUnsafeDomains: false,
      actor: CLI_ACTOR,
    };
    return syncCatalog(t.deps.ctx, input);
  };

  const syncedEntry = async (): Promise<Json> => {
    await runSync('Acme Corp');
    const list = (await (await t.request(`/api/v1/catalog/types/${String(customer.id)}/entries`)).json()) as { data: Json[] };
    const [entry] = list.data;
    expect(entry).toMatchObject({ name: 'Acme Corp', source: 'sync', sync_key: 'crm' });
    return entry!;
  };

  const expectSyncConflict = async (response: Response, path: string) => {
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as Problem;
    expect(problem.detail).toContain('"Acme Corp" is managed by the sync "crm"');
    expect(problem.errors).toEqual([{ path, message: 'owned by the sync "crm"' }]);
  };

  it('refuses renaming, re-keying, aliases, rank or slug of a synced entry, and changes nothing', async () => {
    const entry = await syncedEntry();
    const path = `/api/v1/catalog/entries/${String(entry.id)}`;
    await expectSyncConflict(await t.requestJson('PATCH', path, { name: 'Hooli' }), 'name');
    await expectSyncConflict(await t.requestJson('PATCH', path, { external_id: 'hooli' }), 'external_id');
    await expectSyncConflict(await t.requestJson('PATCH', path, { aliases: ['A'], values: { Components: ['EU database'] } }), 'aliases');
    await expectSyncConflict(await t.requestJson('PATCH', path, { rank: 5 }), 'rank');
    await expectSyncConflict(await t.requestJson('PATCH', path, { slug: 'hooli' }), 'slug');
    const after = await getCatalogEntry(t.deps.ctx, String(entry.id));
    expect(after).toMatchObject({ name: 'Acme Corp', externalId: 'acme', aliases: [], rank: 0, slug: entry.slug });
    expect(after.values.components ?? []).toEqual([]);
  });

  it('refuses deleting a synced entry (even with force) and a bulk upsert over one', async () => {
    const entry = await syncedEntry();
    await expectSyncConflict(await t.request(`/api/v1/catalog/entries/${String(entry.id)}`, { method: 'DELETE' }), 'sync_key');
    await expectSyncConflict(await t.request(`/api/v1/catalog/entries/${String(entry.id)}?force=true`, { method: 'DELETE' }), 'sync_key');
    const upsert = await t.requestJson('PUT', `/api/v1/catalog/types/${String(customer.id)}/entries`, {
      entries: [
        { external_id: 'new', name: 'New Co' },
        { external_id: 'acme', name: 'Taken over' },
      ],
    });
    await expectSyncConflict(upsert, 'entries[1].external_id');
    const list = (await (await t.request(`/api/v1/catalog/types/${String(customer.id)}/entries`)).json()) as { data: Json[] };
    expect(list.data.map((e) => e.name)).toEqual(['Acme Corp']);
  });

  it('still sets attribute values the sync does not manage (the same fields resent unchanged are fine), and the sync keeps working', async () => {
    const entry = await syncedEntry();
    const path = `/api/v1/catalog/entries/${String(entry.id)}`;
    const set = await t.requestJson('PATCH', path, { name: 'Acme Corp', values: { Components: ['EU database'] } });
    expect(set.status).toBe(200);
    expect((await set.json()) as Json).toMatchObject({ values: { components: [component.id] }, source: 'sync' });

    // The sync renames and later deletes its own entry; what staff set by hand stays until then.
    await runSync('Acme Corporation');
    expect(await getCatalogEntry(t.deps.ctx, String(entry.id))).toMatchObject({
      name: 'Acme Corporation',
      values: { components: [component.id] },
    });
    await runSync('', true, false);
    expect((await t.request(path)).status).toBe(404);
  });

  it('entries made by hand are not affected', async () => {
    const made = await t.requestJson('POST', `/api/v1/catalog/types/${String(customer.id)}/entries`, {
      name: 'Hooli',
      external_id: 'hooli',
    });
    const entry = (await made.json()) as Json;
    expect((await t.requestJson('PATCH', `/api/v1/catalog/entries/${String(entry.id)}`, { name: 'Hooli Inc' })).status).toBe(200);
    expect((await t.request(`/api/v1/catalog/entries/${String(entry.id)}`, { method: 'DELETE' })).status).toBe(204);
  });
});
