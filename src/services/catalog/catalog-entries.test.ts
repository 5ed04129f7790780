import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { failureOf } from '../../../test/helpers/failure-of.js';
import { buildTestContext, insertTestComponent } from '../../../test/helpers/write-fixtures.js';
import { listAuditEvents } from '../../store/access/audit-log.js';
import {
  createCatalogEntry,
  deleteCatalogEntry,
  getCatalogEntry,
  listCatalogEntries,
  updateCatalogEntry,
  upsertCatalogEntries,
} from './catalog-entries.js';
import { createCatalogType } from './catalog-types.js';

const actor = { actor: 'api-key:k1' };

describeEachEngine('services/catalog-entries', (database) => {
  async function setup() {
    const fixture = buildTestContext(database());
    const { ctx } = fixture;
    const apiId = await insertTestComponent(database(), 'API');
    const region = await createCatalogType(ctx, { name: 'Region' }, actor);
    const customer = await createCatalogType(
      ctx,
      {
        name: 'Customer',
        attributes: [
          { id: 'domains', name: 'Email domains', kind: 'email_domain', isList: true },
          { id: 'region', name: 'Region', kind: 'entry', targetType: 'Region' },
          { id: 'parent', name: 'Parent', kind: 'entry', targetType: 'Customer' },
          { id: 'components', name: 'Components', kind: 'component', isList: true },
          { id: 'site', name: 'Website', kind: 'url' },
        ],
      },
      actor,
    );
    const eu = await createCatalogEntry(ctx, region.id, { name: 'Europe', externalId: 'eu-west', aliases: ['EU'] }, actor);
    return { ...fixture, apiId, region, customer, eu };
  }

  it('creates an entry with canonical values, a derived slug and external id, and bumps the revision', async () => {
    const { ctx, customer, eu, apiId, revisions } = await setup();
    const before = revisions.length;
    const acme = await createCatalogEntry(
      ctx,
      customer.id,
      {
        name: 'Acme Corp',
        aliases: ['ACME'],
        rank: 2,
        values: { 'Email domains': ['ACME.com', '*.Bücher.example'], region: 'EU', components: ['api'], site: 'https://Acme.example' },
      },
      actor,
    );
    expect(acme).toMatchObject({
      name: 'Acme Corp',
      externalId: 'acme-corp',
      slug: 'acme-corp',
      aliases: ['ACME'],
      rank: 2,
      source: { kind: 'manual' },
      values: { domains: ['acme.com', '*.xn--bcher-kva.example'], region: eu.id, components: [apiId], site: 'https://acme.example/' },
    });
    expect(revisions.length).toBe(before + 1);
    expect(await getCatalogEntry(ctx, acme.id)).toEqual(acme);
    const second = await createCatalogEntry(ctx, customer.id, { name: 'Acme Corp' }, actor);
    expect([second.slug, second.externalId]).toEqual(['acme-corp-2', 'acme-corp-2']);
  });

  it('resolves references by id, external id, name and alias, and refuses unknown ones', async () => {
    const { ctx, customer, eu } = await setup();
    for (const ref of [eu.id, 'eu-west', 'europe', 'eu']) {
      const entry = await createCatalogEntry(ctx, customer.id, { name: `Via ${ref}`, values: { region: ref } }, actor);
      expect(entry.values.region).toBe(eu.id);
    }
    const error = await failureOf(
      createCatalogEntry(ctx, customer.id, { name: 'Lost', values: { region: 'mars', components: ['API', 'Nope'] } }, actor),
    );
    expect(error.issues.map((i) => i.path)).toEqual(['values.region', 'values.components[1]']);
  });

  it('looks a reference up among the target type’s entries only, and refuses a name or alias several share, saying so', async () => {
    const { ctx, customer, region } = await setup();
    // A Customer whose external id, name and alias all read "acme": no Region is called that.
    await createCatalogEntry(ctx, customer.id, { name: 'Acme', externalId: 'acme', aliases: ['ACME Corp'] }, actor);
    for (const ref of ['acme', 'Acme', 'acme corp']) {
      const refused = await failureOf(createCatalogEntry(ctx, customer.id, { name: `Wrong ${ref}`, values: { region: ref } }, actor));
      expect(refused.issues.map((issue) => issue.path)).toEqual(['values.region']);
    }
    await insertTestComponent(database(), 'Search');
    await insertTestComponent(database(), 'Search');
    const ambiguous = await failureOf(
      createCatalogEntry(ctx, customer.id, { name: 'Searcher', values: { components: ['search'] } }, actor),
    );
    expect(ambiguous.issues).toEqual([
      { path: 'values.components[0]', message: 'several components are named "search"; give the component\'s id' },
    ]);
    // Two entries of the target type sharing an alias: refused the same way, not resolved to the first.
    await createCatalogEntry(ctx, region.id, { name: 'Europe Central', externalId: 'eu-central', aliases: ['EU'] }, actor);
    const twoRegions = await failureOf(createCatalogEntry(ctx, customer.id, { name: 'Either', values: { region: 'eu' } }, actor));
    expect(twoRegions.issues).toEqual([
      { path: 'values.region', message: 'several entries match "eu"; give the entry\'s id or external id' },
    ]);
  });

  it('refuses unsafe allowlist domains saying why (DOM-3, DOM-5, DOM-8)', async () => {
    const { ctx, customer } = await setup();
    const domains = ['gmail.com', 'eu.gmail.com', 'x.mailinator.com', 'co.uk', 'github.io', '192.168.0.1', 'acme.com'];
    const error = await failureOf(createCatalogEntry(ctx, customer.id, { name: 'Unsafe', values: { domains } }, actor));
    expect(error.code).toBe('validation');
    expect(error.issues.map((i) => i.path)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `values.domains[${i}]`));
    const message = (i: number) => error.issues[i]?.message ?? '';
    expect(message(0)).toMatch(/webmail/);
    expect(message(1)).toMatch(/webmail.*gmail\.com/);
    expect(message(2)).toMatch(/disposable/);
    expect(message(3)).toMatch(/public suffix/);
    expect(message(4)).toMatch(/public suffix/);
    expect(message(5)).toMatch(/IP address/);
    expect(message(0)).toMatch(/override/);
    expect(message(5)).not.toMatch(/override/);
    expect(await listCatalogEntries(ctx, customer.id)).toEqual([]);
  });

  it('accepts an unsafe domain only under an explicit override, which the audit log records with the actor', async () => {
    const { ctx, customer, advance } = await setup();
    const entry = await createCatalogEntry(
      ctx,
      customer.id,
      { name: 'Freelancers', values: { domains: ['gmail.com', 'acme.com'] } },
      { ...actor, allowUnsafeDomains: true },
    );
    expect(entry.values.domains).toEqual(['gmail.com', 'acme.com']);
    const overrides = await listAuditEvents(database().db, { action: 'catalog_entry.domain_override' });
    expect(overrides).toHaveLength(1);
    expect(overrides[0]).toMatchObject({
      actor: 'api-key:k1',
      subjectType: 'catalog_entry',
      subjectId: entry.id,
      details: { attribute_id: 'domains', domain: 'gmail.com', reason: 'webmail' },
    });

    // IP addresses are never overridable.
    const ip = await failureOf(
      createCatalogEntry(ctx, customer.id, { name: 'IP', values: { domains: ['10.0.0.1'] } }, { ...actor, allowUnsafeDomains: true }),
    );
    expect(ip.issues.map((i) => i.path)).toEqual(['values.domains[0]']);

    // Writing the domain again (it is already on the entry) needs no new override and records none.
    advance(1000);
    await updateCatalogEntry(ctx, entry.id, { values: { domains: ['gmail.com', 'acme.com', 'acme.de'] } }, actor);
    expect(await listAuditEvents(database().db, { action: 'catalog_entry.domain_override' })).toHaveLength(1);
    const changed = await listAuditEvents(database().db, { subjectId: entry.id, action: 'catalog_entry.updated' });
    expect(changed[0]?.details).toMatchObject({
      changes: [{ field: 'values.domains', before: ['gmail.com', 'acme.com'], after: ['gmail.com', 'acme.com', 'acme.de'] }],
    });
    // …but adding another unsafe one does.
    const more = await failureOf(updateCatalogEntry(ctx, entry.id, { values: { domains: ['gmail.com', 'outlook.com'] } }, actor));
    expect(more.issues.map((i) => i.path)).toEqual(['values.domains[1]']);
  });

  it('patches only the fields and attributes given', async () => {
    const { ctx, customer, eu, advance } = await setup();
    const acme = await createCatalogEntry(
      ctx,
      customer.id,
      { name: 'Acme', externalId: 'acme', values: { domains: ['acme.com'], region: 'eu' } },
      actor,
    );
    advance(60_000);
    const renamed = await updateCatalogEntry(
      ctx,
      acme.id,
      { name: 'Acme Corp', values: { region: null, site: 'https://acme.example/' } },
      actor,
    );
    expect(renamed).toMatchObject({
      name: 'Acme Corp',
      externalId: 'acme',
      slug: 'acme',
      values: { domains: ['acme.com'], site: 'https://acme.example/' },
    });
    expect(renamed.values.region).toBeUndefined();
    expect(renamed.updatedAt.getTime()).toBe(acme.updatedAt.getTime() + 60_000);
    const slugged = await updateCatalogEntry(ctx, acme.id, { slug: 'acme-inc' }, actor);
    expect(slugged.slug).toBe('acme-inc');
    const bad = await failureOf(updateCatalogEntry(ctx, acme.id, { slug: 'Not a slug', rank: 1.5, name: '' }, actor));
    expect(bad.issues.map((i) => i.path).sort()).toEqual(['name', 'rank', 'slug']);
    expect(
      (
        await failureOf(
          updateCatalogEntry(ctx, eu.id, { externalId: 'eu-west' }, actor).then(() => updateCatalogEntry(ctx, 'missing', {}, actor)),
        )
      ).code,
    ).toBe('not_found');
  });

  it('refuses an external id or slug already used in the type', async () => {
    const { ctx, customer } = await setup();
    await createCatalogEntry(ctx, customer.id, { name: 'Acme', externalId: 'acme' }, actor);
    const error = await failureOf(createCatalogEntry(ctx, customer.id, { name: 'Other', externalId: 'acme', slug: 'acme' }, actor));
    expect(error.issues.map((i) => i.path)).toEqual(['external_id', 'slug']);
    expect(error.issues[0]?.message).toMatch(/already used by entry "Acme"/);
  });

  it('bulk upserts by external id in one transaction, with references among the batch', async () => {
    const { ctx, customer, eu, revisions } = await setup();
    const existing = await createCatalogEntry(
      ctx,
      customer.id,
      { name: 'Globex', externalId: 'globex', values: { site: 'https://globex.example/' } },
      actor,
    );
    const before = revisions.length;
    const result = await upsertCatalogEntries(
      ctx,
      customer.id,
      [
        { externalId: 'acme-eu', name: 'Acme Europe', values: { parent: 'acme', region: 'EU' } },
        { externalId: 'acme', name: 'Acme', aliases: ['ACME Corp'], values: { domains: ['acme.com'] } },
        { externalId: 'globex', name: 'Globex Corporation', values: { parent: 'ACME corp' } },
      ],
      actor,
    );
    expect(revisions.length).toBe(before + 1);
    expect([result.created, result.updated, result.unchanged]).toEqual([2, 1, 0]);
    const [acmeEu, acme, globex] = result.entries;
    expect(acmeEu?.values).toEqual({ region: eu.id, parent: acme?.id });
    expect(globex).toMatchObject({ id: existing.id, name: 'Globex Corporation', values: { parent: acme?.id } });
    // PUT semantics: the record is the whole state, so the website is gone.
    expect(globex?.values.site).toBeUndefined();

    const again = await upsertCatalogEntries(
      ctx,
      customer.id,
      [{ externalId: 'acme', name: 'Acme', aliases: ['ACME Corp'], values: { domains: ['acme.com'] } }],
      actor,
    );
    expect([again.created, again.updated, again.unchanged]).toEqual([0, 0, 1]);
  });

  it('applies nothing when any record is bad, naming the record and field', async () => {
    const { ctx, customer } = await setup();
    const error = await failureOf(
      upsertCatalogEntries(
        ctx,
        customer.id,
        [
          { externalId: 'good', name: 'Good', values: { domains: ['good.example'] } },
          { externalId: 'good', name: 'Twin' },
          { externalId: 'bad', name: 'Bad', values: { domains: ['bad.example', 'gmail.com'], region: 'nowhere', colour: 'red' } },
        ],
        actor,
      ),
    );
    expect(error.code).toBe('validation');
    expect(error.issues.map((i) => i.path)).toEqual([
      'entries[1].external_id',
      'entries[2].values.domains[1]',
      'entries[2].values.region',
      'entries[2].values.colour',
    ]);
    expect(await listCatalogEntries(ctx, customer.id)).toEqual([]);
  });

  it('refuses deleting an entry others refer to, unless forced (then the references go too)', async () => {
    const { ctx, customer, region, eu } = await setup();
    const acme = await createCatalogEntry(ctx, customer.id, { name: 'Acme', values: { region: 'eu' } }, actor);
    const refused = await failureOf(deleteCatalogEntry(ctx, eu.id, actor));
    expect(refused.code).toBe('unprocessable');
    expect(refused.issues).toEqual([{ path: 'referenced_by[0]', message: expect.stringMatching(/"Acme".*"Region"/) }]);
    await deleteCatalogEntry(ctx, eu.id, { ...actor, force: true });
    expect(await listCatalogEntries(ctx, region.id)).toEqual([]);
    expect((await getCatalogEntry(ctx, acme.id)).values.region).toBeUndefined();
    const deleted = await listAuditEvents(database().db, { subjectId: eu.id, action: 'catalog_entry.deleted' });
    expect(deleted[0]).toMatchObject({ action: 'catalog_entry.deleted', actor: 'api-key:k1', details: { external_id: 'eu-west' } });
    await deleteCatalogEntry(ctx, acme.id, actor);
    expect((await failureOf(getCatalogEntry(ctx, acme.id))).code).toBe('not_found');
  });

  it('DOM-8: an override by named domain accepts exactly those, needs a reason, and audits each with it', async () => {
    const { ctx, customer } = await setup();
    const staff = { actor: 'staff:ann@example.com', via: 'dashboard' as const };
    const values = { domains: ['acme.example', 'gmail.com', 'x.mailinator.com'] };
    const onlyGmail = await failureOf(
      createCatalogEntry(ctx, customer.id, { name: 'Acme', values }, { ...staff, allowUnsafeDomains: ['gmail.com'], overrideNote: 'ok' }),
    );
    expect(onlyGmail).toMatchObject({
      code: 'validation',
      issues: [{ path: 'values.domains[2]', message: expect.stringMatching(/disposable/) }],
    });
    const noNote = await failureOf(
      createCatalogEntry(
        ctx,
        customer.id,
        { name: 'Acme', values: { domains: ['gmail.com'] } },
        { ...staff, allowUnsafeDomains: ['gmail.com'] },
      ),
    );
    expect(noNote).toMatchObject({ code: 'validation', issues: [{ path: 'override_note' }] });
    const entry = await createCatalogEntry(
      ctx,
      customer.id,
      { name: 'Acme', values: { domains: ['acme.example', 'gmail.com'] } },
      { ...staff, allowUnsafeDomains: ['gmail.com'], overrideNote: ' Workspace on gmail ' },
    );
    expect(entry.values.domains).toEqual(['acme.example', 'gmail.com']);
    const events = await listAuditEvents(database().db, { action: 'catalog_entry.domain_override' });
    expect(events.map((e) => [e.actor, e.details])).toEqual([
      [
        'staff:ann@example.com',
        expect.objectContaining({ domain: 'gmail.com', reason: 'webmail', note: 'Workspace on gmail', via: 'dashboard' }),
      ],
    ]);
  });

  it('refuses changes to an entry a sync owns when asked to (the dashboard), and only then', async () => {
    const { ctx, customer } = await setup();
    const entry = await createCatalogEntry(ctx, customer.id, { name: 'Hooli' }, actor);
    await database().db.updateTable('catalog_entries').set({ source_kind: 'sync', sync_key: 'crm' }).where('id', '=', entry.id).execute();
    const refused = await failureOf(updateCatalogEntry(ctx, entry.id, { aliases: ['H'] }, { ...actor, refuseSyncedEntries: true }));
    expect(refused).toMatchObject({ code: 'conflict', message: expect.stringMatching(/managed by the sync "crm"/) });
    expect((await getCatalogEntry(ctx, entry.id)).aliases).toEqual([]);
    // The API may still set what the sync does not manage (docs/catalog.md).
    expect((await updateCatalogEntry(ctx, entry.id, { aliases: ['H'] }, actor)).aliases).toEqual(['H']);
  });
});
