import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildExampleCatalog, REPO_ROOT, loadSyncInput, syncInputFromTexts } from '../../../test/helpers/catalog-fixtures.js';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { failureOf } from '../../../test/helpers/failure-of.js';
import { buildTestContext } from '../../../test/helpers/write-fixtures.js';
import { listAuditEvents } from '../../store/access/audit-log.js';
import { loadAllCatalog } from '../../store/catalog/catalog.js';
import { readRevision } from '../../store/transaction.js';
import { createCatalogEntry, listCatalogEntries, updateCatalogEntry } from './catalog-entries.js';
import { planCatalogSync, syncCatalog } from './catalog-sync.js';
import { seedDemo } from '../demo/demo.js';

const PLAIN_MAPPING = 'examples/catalog/customers-mapping.yaml';
const PLAIN = 'examples/catalog/customers.yaml';
const PLAIN_V2 = 'test/fixtures/catalog/customers-v2.yaml';

describeEachEngine('services/catalog-sync', (database) => {
  async function setup(options: { withRegions?: boolean } = {}) {
    const fixture = buildTestContext(database());
    return { ...fixture, ...(await buildExampleCatalog(fixture.ctx, options)) };
  }
  const revision = () => readRevision(database().db);

  it('creates entries from a plain list, listing every field, and a re-run changes nothing', async () => {
    const { ctx, customer, regions, components } = await setup();
    const plan = await syncCatalog(ctx, loadSyncInput(PLAIN_MAPPING, [PLAIN]));
    expect(plan.create.map((i) => i.externalId)).toEqual(['hooli', 'pied-piper', 'wayne']);
    expect(plan.create[0]?.changes).toEqual([
      { field: 'name', before: null, after: 'Hooli' },
      { field: 'external_id', before: null, after: 'hooli' },
      { field: 'aliases', before: null, after: '[Hooli XYZ]' },
      { field: 'rank', before: null, after: '10' },
      { field: 'slug', before: null, after: 'hooli' },
      { field: 'values.Email domains', before: null, after: '[hooli.example, *.hooli-labs.example]' },
      { field: 'values.Region', before: null, after: 'eu' },
      { field: 'values.Components', before: null, after: '[EU database]' },
    ]);
    const entries = await listCatalogEntries(ctx, customer.id);
    expect(entries.map((e) => [e.externalId, e.source])).toEqual([
      ['hooli', { kind: 'sync', syncKey: 'crm-customers' }],
      ['pied-piper', { kind: 'sync', syncKey: 'crm-customers' }],
      ['wayne', { kind: 'sync', syncKey: 'crm-customers' }],
    ]);
    expect(entries[0]?.values).toMatchObject({ region: regions.eu, components: [components['EU database']] });

    const before = await revision();
    const again = await syncCatalog(ctx, loadSyncInput(PLAIN_MAPPING, [PLAIN]));
    expect(again).toEqual({ create: [], change: [], delete: [], stale: [], unchanged: 3 });
    expect(await revision()).toBe(before);
  });

  it('changes field by field, keeps stale entries without --allow-delete, and deletes only its own with it', async () => {
    const { ctx, customer, advance } = await setup();
    await syncCatalog(ctx, loadSyncInput(PLAIN_MAPPING, [PLAIN]));
    const manual = await createCatalogEntry(ctx, customer.id, { name: 'Hand Made', externalId: 'hand-made' }, { actor: 'test' });
    advance(1000);

    const kept = await syncCatalog(ctx, loadSyncInput(PLAIN_MAPPING, [PLAIN_V2]));
    expect(kept.create.map((i) => i.externalId)).toEqual(['umbrella-health']);
    expect(kept.change.map((i) => [i.externalId, i.changes])).toEqual([
      [
        'hooli',
        [
          { field: 'name', before: 'Hooli', after: 'Hooli XYZ' },
          {
            field: 'values.Email domains',
            before: '[hooli.example, *.hooli-labs.example]',
            after: '[hooli.example, *.hooli-labs.example, hooli.de]',
          },
        ],
      ],
      ['wayne', [{ field: 'values.Region', before: 'apac', after: 'us' }]],
    ]);
    expect(kept.delete).toEqual([]);
    expect(kept.stale.map((i) => i.externalId)).toEqual(['pied-piper']);
    // The slug stays put when the name changes: links keep working.
    const hooli = (await listCatalogEntries(ctx, customer.id)).find((e) => e.externalId === 'hooli');
    expect(hooli).toMatchObject({ name: 'Hooli XYZ', slug: 'hooli' });

    const deleted = await syncCatalog(ctx, loadSyncInput(PLAIN_MAPPING, [PLAIN_V2], { allowDelete: true }));
    expect(deleted.delete.map((i) => i.externalId)).toEqual(['pied-piper']);
    expect([deleted.create, deleted.change, deleted.stale]).toEqual([[], [], []]);
    const left = await listCatalogEntries(ctx, customer.id);
    expect(left.map((e) => e.externalId).sort()).toEqual(['hand-made', 'hooli', 'umbrella-health', 'wayne']);
    expect(left.find((e) => e.id === manual.id)).toEqual(manual);
    const audit = await listAuditEvents(database().db, { action: 'catalog_entry.deleted' });
    expect(audit.map((e) => [e.actor, e.details.external_id, e.details.via])).toEqual([['cli', 'pied-piper', 'sync:crm-customers']]);
  });

  it('refuses a source that repeats an external id, naming both records, and applies nothing', async () => {
    const { ctx, customer } = await setup();
    await syncCatalog(ctx, loadSyncInput(PLAIN_MAPPING, [PLAIN]));
    const before = { revision: await revision(), entries: await listCatalogEntries(ctx, customer.id) };
    const twice = `customers:
  - { id: hooli, name: Hooli Two, email_domains: [hooli.example] }
  - { id: pied-piper, name: Pied Piper, email_domains: [piedpiper.example] }
  - { id: hooli, name: Hooli Again, email_domains: [hooli.example] }
`;
    const mapping = { path: PLAIN_MAPPING, text: readFileSync(join(REPO_ROOT, PLAIN_MAPPING), 'utf8') };
    const error = await failureOf(syncCatalog(ctx, syncInputFromTexts(mapping, [{ path: 'twice.yaml', text: twice }])));
    expect(error.issues).toEqual([
      {
        path: 'twice.yaml: customers[2] (external id "hooli"): external_id',
        message: 'repeats the external id of twice.yaml: customers[0] (external id "hooli")',
      },
    ]);
    expect({ revision: await revision(), entries: await listCatalogEntries(ctx, customer.id) }).toEqual(before);
  });

  it('keeps what staff set by hand on a synced entry where the mapping is silent: aliases and unmapped attributes', async () => {
    const { ctx, customer, components } = await setup();
    const mapping = {
      path: 'owners-mapping.yaml',
      text: `sync_key: crm-owners
rules:
  - type: Customer
    records: customers
    external_id: id
    name: name
    attributes:
      Account team: team
`,
    };
    const source = (team: string) => [{ path: 'owners.yaml', text: `customers:\n  - { id: acme, name: Acme, team: ${team} }\n` }];
    await syncCatalog(ctx, syncInputFromTexts(mapping, source('Team A')));
    const [acme] = await listCatalogEntries(ctx, customer.id);
    await updateCatalogEntry(ctx, acme!.id, { aliases: ['ACME Corp'], values: { components: [components.Search] } }, { actor: 'test' });
    const plan = await syncCatalog(ctx, syncInputFromTexts(mapping, source('Team B')));
    expect(plan.change.map((item) => item.changes)).toEqual([[{ field: 'values.Account team', before: 'Team A', after: 'Team B' }]]);
    const [after] = await listCatalogEntries(ctx, customer.id);
    expect(after).toMatchObject({ aliases: ['ACME Corp'], values: { owner: 'Team B', components: [components.Search] } });
  });

  it('never deletes entries of another sync or made by hand, even with --allow-delete', async () => {
    const { ctx, customer } = await setup();
    await syncCatalog(ctx, loadSyncInput('test/fixtures/catalog/other-sync-mapping.yaml', ['test/fixtures/catalog/other-sync.yaml']));
    await createCatalogEntry(ctx, customer.id, { name: 'Hand Made', externalId: 'hand-made' }, { actor: 'test' });
    const plan = await syncCatalog(ctx, loadSyncInput('test/fixtures/catalog/customers-json-mapping.yaml', [], { allowDelete: true }));
    expect(plan).toEqual({ create: [], change: [], delete: [], stale: [], unchanged: 0 });
    expect((await listCatalogEntries(ctx, customer.id)).map((e) => e.externalId).sort()).toEqual(['hand-made', 'hooli']);
  });

  it('refuses records whose external id belongs to a manual entry or another sync, naming file and record', async () => {
    const { ctx, customer } = await setup();
    await createCatalogEntry(ctx, customer.id, { name: 'Hooli by hand', externalId: 'hooli' }, { actor: 'test' });
    const manual = await failureOf(syncCatalog(ctx, loadSyncInput(PLAIN_MAPPING, [PLAIN])));
    expect(manual.issues).toEqual([
      {
        path: 'examples/catalog/customers.yaml: customers[0] (external id "hooli"): external_id',
        message: expect.stringMatching(/"Hooli by hand".*made by hand/),
      },
    ]);
    expect((await listCatalogEntries(ctx, customer.id)).map((e) => e.externalId)).toEqual(['hooli']);
  });

  it('refuses records whose external id belongs to another sync', async () => {
    const { ctx } = await setup();
    await syncCatalog(ctx, loadSyncInput(PLAIN_MAPPING, [PLAIN]));
    const error = await failureOf(
      syncCatalog(ctx, loadSyncInput('test/fixtures/catalog/other-sync-mapping.yaml', ['test/fixtures/catalog/other-sync.yaml'])),
    );
    expect(error.issues).toEqual([
      {
        path: 'test/fixtures/catalog/other-sync.yaml: customers[0] (external id "hooli"): external_id',
        message: expect.stringMatching(/belongs to sync "crm-customers"/),
      },
    ]);
  });

  it('applies nothing when any record is bad, and names file, record and field', async () => {
    const { ctx, customer } = await setup();
    const input = loadSyncInput(PLAIN_MAPPING, [PLAIN]);
    input.records.push({
      label: 'x.yaml: customers[7] (external id "bad")',
      typeName: 'Customer',
      externalId: 'bad',
      name: 'Bad',
      values: { 'Email domains': ['gmail.com'], Region: 'Atlantis' },
      rank: 'first',
    });
    const error = await failureOf(syncCatalog(ctx, input));
    expect(error.issues.map((i) => i.path)).toEqual([
      'x.yaml: customers[7] (external id "bad"): rank',
      'x.yaml: customers[7] (external id "bad"): values.Email domains[0]',
      'x.yaml: customers[7] (external id "bad"): values.Region',
    ]);
    expect(error.issues[1]?.message).toMatch(/webmail/);
    expect(await listCatalogEntries(ctx, customer.id)).toEqual([]);
  });

  it('reports mapping and record errors of the bad fixture without applying the good record', async () => {
    const { ctx, customer } = await setup();
    expect(() => loadSyncInput(PLAIN_MAPPING, ['test/fixtures/catalog/bad-records.yaml'])).toThrow(
      /customers\[1\]: external_id: is missing/,
    );
    const error = await failureOf(
      (async () => {
        const input = loadSyncInput(PLAIN_MAPPING, [PLAIN]);
        input.types.push({ name: 'Planet', at: 'mapping.yaml: rules[1].type' });
        return syncCatalog(ctx, input);
      })(),
    );
    expect(error.issues).toEqual([
      { path: 'mapping.yaml: rules[1].type', message: expect.stringMatching(/no catalog type is named "Planet"/) },
    ]);
    expect(await listCatalogEntries(ctx, customer.id)).toEqual([]);
  });

  it('syncs Backstage entities from several multi-document files', async () => {
    const { ctx, customer, regions, components } = await setup();
    const files = ['examples/catalog/backstage/customers.yaml', 'examples/catalog/backstage/catalog-info.yaml'];
    const plan = await syncCatalog(ctx, loadSyncInput('examples/catalog/backstage-mapping.yaml', files));
    expect(plan.create.map((i) => [i.externalId, i.name])).toEqual([
      ['stark', 'Stark Industries'],
      ['wonka', 'wonka'],
      ['cyberdyne', 'Cyberdyne Systems'],
    ]);
    const stark = (await listCatalogEntries(ctx, customer.id)).find((e) => e.externalId === 'stark');
    expect(stark).toMatchObject({ aliases: ['Stark', 'SI'], source: { kind: 'sync', syncKey: 'backstage' } });
    expect(stark?.values).toEqual({
      domains: ['stark.example', '*.starkindustries.example'],
      region: regions.eu,
      components: [components['EU database'], components.Search],
    });
    expect((await syncCatalog(ctx, loadSyncInput('examples/catalog/backstage-mapping.yaml', files))).unchanged).toBe(3);
  });

  it('resolves references among entries created by the same run, across types', async () => {
    const { ctx, customer, region } = await setup({ withRegions: false });
    const plan = await syncCatalog(ctx, loadSyncInput('test/fixtures/catalog/world-mapping.yaml', ['test/fixtures/catalog/world.yaml']));
    expect(plan.create.map((i) => `${i.typeName}/${i.externalId}`)).toEqual([
      'Region/eu',
      'Region/apac',
      'Customer/hooli',
      'Customer/pied-piper',
    ]);
    expect(plan.create[2]?.changes).toContainEqual({ field: 'values.Parent', before: null, after: 'pied-piper' });
    const { entries } = await loadAllCatalog(database().db);
    const id = (typeId: string, externalId: string) => entries.find((e) => e.typeId === typeId && e.externalId === externalId)?.id;
    const hooli = entries.find((e) => e.externalId === 'hooli');
    expect(hooli?.values).toEqual({ region: id(region.id, 'apac'), parent: id(customer.id, 'pied-piper') });
    expect(
      (await syncCatalog(ctx, loadSyncInput('test/fixtures/catalog/world-mapping.yaml', ['test/fixtures/catalog/world.yaml']))).unchanged,
    ).toBe(4);
  });

  it('refuses to delete an entry that a remaining entry still refers to', async () => {
    const { ctx, customer } = await setup({ withRegions: false });
    await syncCatalog(ctx, loadSyncInput('test/fixtures/catalog/world-mapping.yaml', ['test/fixtures/catalog/world.yaml']));
    const input = loadSyncInput('test/fixtures/catalog/world-mapping.yaml', ['test/fixtures/catalog/world.yaml'], { allowDelete: true });
    input.records = input.records.filter((r) => r.externalId !== 'eu');
    // A record still naming the region that is going away cannot resolve it…
    const unresolved = await failureOf(syncCatalog(ctx, input));
    expect(unresolved.issues).toEqual([
      {
        path: 'test/fixtures/catalog/world.yaml: documents[1].customers[1] (external id "pied-piper"): values.region',
        message: expect.stringMatching(/"eu"/),
      },
    ]);
    // …and an entry made by hand that refers to it keeps it from being deleted.
    const pipers = input.records.find((r) => r.externalId === 'pied-piper');
    if (pipers) pipers.values.region = 'apac';
    await createCatalogEntry(ctx, customer.id, { name: 'Manual', values: { region: 'eu' } }, { actor: 'test' });
    const error = await failureOf(syncCatalog(ctx, input));
    expect(error.issues).toEqual([
      { path: 'delete Region "eu"', message: expect.stringMatching(/cannot delete "EU": entry "Manual" still refers to it/) },
    ]);
  });

  it('refuses unsafe domains unless overridden; the override is audited once, and a re-run needs none', async () => {
    const { ctx, customer } = await setup();
    const files = ['test/fixtures/catalog/unsafe-domains.yaml'];
    const refused = await failureOf(syncCatalog(ctx, loadSyncInput(PLAIN_MAPPING, files)));
    expect(refused.issues).toEqual([
      {
        path: 'test/fixtures/catalog/unsafe-domains.yaml: customers[0] (external id "freelancers"): values.Email domains[1]',
        message: expect.stringMatching(/webmail.*--allow-unsafe-domains/),
      },
    ]);
    await syncCatalog(ctx, loadSyncInput(PLAIN_MAPPING, files, { allowUnsafeDomains: true }));
    const again = await syncCatalog(ctx, loadSyncInput(PLAIN_MAPPING, files));
    expect(again.unchanged).toBe(1);
    const overrides = await listAuditEvents(database().db, { action: 'catalog_entry.domain_override' });
    expect(overrides.map((e) => [e.actor, e.details.domain, e.details.via])).toEqual([['cli', 'gmail.com', 'sync:crm-customers']]);
    expect((await listCatalogEntries(ctx, customer.id))[0]?.values.domains).toEqual(['freelancers.example', 'gmail.com']);
  });

  it('a dry run reports the same plan and changes nothing', async () => {
    const { ctx, customer } = await setup();
    const before = await revision();
    const plan = await planCatalogSync(ctx, loadSyncInput(PLAIN_MAPPING, [PLAIN]));
    expect(plan.create).toHaveLength(3);
    expect(await listCatalogEntries(ctx, customer.id)).toEqual([]);
    expect(await revision()).toBe(before);
    expect(await syncCatalog(ctx, loadSyncInput(PLAIN_MAPPING, [PLAIN]))).toEqual(plan);
  });

  it('both examples sync into the demo catalog, side by side, and re-run as no change', async () => {
    const { ctx } = buildTestContext(database());
    await seedDemo(ctx);
    const backstage = ['examples/catalog/backstage/customers.yaml', 'examples/catalog/backstage/catalog-info.yaml'];
    expect((await syncCatalog(ctx, loadSyncInput(PLAIN_MAPPING, [PLAIN]))).create).toHaveLength(3);
    expect((await syncCatalog(ctx, loadSyncInput('examples/catalog/backstage-mapping.yaml', backstage))).create).toHaveLength(3);
    expect((await syncCatalog(ctx, loadSyncInput(PLAIN_MAPPING, [PLAIN]))).unchanged).toBe(3);
    expect((await syncCatalog(ctx, loadSyncInput('examples/catalog/backstage-mapping.yaml', backstage))).unchanged).toBe(3);
  });
});
