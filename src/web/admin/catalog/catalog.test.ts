/**
 * The dashboard's Catalog screens over HTTP (security.md STF-3, STF-5, STF-7, DOM-8, DOM-10, REQ-3).
 */
import { expect, it } from 'vitest';
import { createBrowser, requestLinkMail, signIn } from '../../../../test/helpers/customer-pages.js';
import { describeOnSqlite } from '../../../../test/helpers/describe-each-engine.js';
import { useStaffApp } from '../../../../test/helpers/staff-fixtures.js';
import type { TestApp } from '../../../../test/helpers/test-app.js';
import { newId } from '../../../domain/id.js';
import { listAuditEvents } from '../../../store/access/audit-log.js';
import { insertBulkSeed } from '../../../store/bulk-seed.js';
import type { CatalogEntryRecord } from '../../../store/catalog/catalog-entries.js';
import { writeTransaction } from '../../../store/transaction.js';

describeOnSqlite('dashboard: catalog', (database) => {
  const { withStaff, staffBrowser } = useStaffApp();
  const members = { 'ann@example.com': 'admin', 'bob@example.com': 'responder', 'cy@example.com': 'viewer' } as const;

  const entryRows = (app: TestApp) =>
    app.deps.ctx.database.db.selectFrom('catalog_entries').select(['id', 'name', 'values', 'updated_at']).orderBy('id').execute();

  /** The Acme entry's whole form as the edit screen holds it, with `values` replacing the fields given. */
  const acmeForm = (extra: Record<string, string | string[]> = {}) => ({
    name: 'Acme Corp',
    external_id: 'acme-corp',
    aliases: '',
    rank: '0',
    slug: 'acme-corp',
    'v.email_domains': 'acme-corp.com\nacme-labs.com',
    'v.components': 'Acme cluster',
    override_note: '',
    ...extra,
  });

  it('STF-3: viewers and responders browse the catalog and are refused every write (403, nothing changes); admins write', async () => {
    const { app, seeded } = await withStaff(database(), members);
    const before = await entryRows(app);
    const typesBefore = await app.deps.ctx.database.db.selectFrom('catalog_types').selectAll().execute();
    for (const email of ['bob@example.com', 'cy@example.com']) {
      const browser = await staffBrowser(app, email);
      expect(await (await browser.get('/admin')).text()).toContain('href="/admin/catalog"');
      const list = await browser.get(`/admin/catalog/types/${seeded.typeId}`);
      expect(list.status).toBe(200);
      const listHtml = await list.text();
      expect(listHtml).toContain('Acme Corp');
      expect(listHtml).not.toContain('Add an entry');
      const entry = await browser.get(`/admin/catalog/entries/${seeded.acme.entryId}`);
      expect(entry.status).toBe(200);
      expect(await entry.text()).not.toContain('<form class="entry-form"');
      expect((await browser.get(`/admin/catalog/types/${seeded.typeId}/schema`)).status).toBe(200);
      expect((await browser.get('/admin/catalog/domain-check?domain=gmail.com')).status).toBe(200);

      expect((await browser.get(`/admin/catalog/types/${seeded.typeId}/entries/new`)).status).toBe(403);
      expect((await browser.post('/admin/catalog/types', { name: 'Region' })).status).toBe(403);
      expect((await browser.post(`/admin/catalog/types/${seeded.typeId}/entries`, { name: 'Initech' })).status).toBe(403);
      expect((await browser.post(`/admin/catalog/entries/${seeded.acme.entryId}`, acmeForm({ name: 'Renamed' }))).status).toBe(403);
      const schema = { count: '1', name: 'Customer', 'a.0.id': '', 'a.0.name': 'Tier', 'a.0.kind': 'text' };
      expect((await browser.post(`/admin/catalog/types/${seeded.typeId}/schema`, schema)).status).toBe(403);
    }
    expect(await entryRows(app)).toEqual(before);
    expect(await app.deps.ctx.database.db.selectFrom('catalog_types').selectAll().execute()).toEqual(typesBefore);

    const ann = await staffBrowser(app, 'ann@example.com');
    const added = await ann.post('/admin/catalog/types', { name: 'Region', description: 'Where it runs' });
    expect(added.status).toBe(303);
    expect((await ann.get('/admin/catalog')).status).toBe(200);
    expect(await (await ann.get('/admin/catalog')).text()).toContain('Where it runs');
  });

  it('DOM-8/DOM-10: gmail.com is refused with its reason, the typed form kept; Unicode and xn-- forms both shown', async () => {
    const { app, seeded } = await withStaff(database());
    const ann = await staffBrowser(app, 'ann@example.com');
    // HDR-1: the form's one script carries this response's nonce, and may call only this origin.
    const form = await ann.get(`/admin/catalog/types/${seeded.typeId}/entries/new`);
    const nonce = /'nonce-([^']+)'/.exec(form.headers.get('content-security-policy') ?? '')?.[1];
    expect(form.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'nonce-[^']+'; .*; connect-src 'self'$/);
    const formHtml = await form.text();
    expect(formHtml).toMatch(/<script src="\/assets\/catalog-domains\.[0-9a-f]{8}\.js" nonce="[^"]+" defer="">/);
    expect(formHtml).toContain(`nonce="${nonce}"`);
    const before = await entryRows(app);
    const typed = { name: 'Initech', 'v.email_domains': 'initech.example\ngmail.com\nbücher.example', 'v.components': '' };
    const refused = await ann.post(`/admin/catalog/types/${seeded.typeId}/entries`, typed);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('Refused: gmail.com is a webmail domain: anyone can get an address there, so it cannot identify one customer.');
    expect(html).toContain('<input type="checkbox" name="allow" value="gmail.com"/> Allow gmail.com anyway');
    expect(html).toMatch(/<strong class="domain">bücher.example<\/strong><span class="forms"> \(xn--bcher-kva.example\)<\/span>/);
    // What was typed is kept, and the field's error is in place.
    expect(html).toContain('value="Initech"');
    expect(html).toContain('initech.example\ngmail.com\nbücher.example</textarea>');
    expect(html).toMatch(/id="v-email_domains"[^>]*aria-invalid="true"[^>]*aria-describedby="v-email_domains-error /);
    expect(html).toMatch(/id="v-email_domains-error" class="field-error">[^<]*gmail.com is a webmail domain/);
    expect(await entryRows(app)).toEqual(before);

    // Without gmail.com it saves; the entry shows its international domain in both forms (DOM-10).
    const saved = await ann.post(`/admin/catalog/types/${seeded.typeId}/entries`, {
      ...typed,
      'v.email_domains': 'initech.example\nbücher.example',
    });
    expect(saved.status).toBe(303);
    const entryPage = await ann.get(saved.headers.get('location')!);
    const entryHtml = await entryPage.text();
    expect(entryHtml).toContain('Entry added.');
    expect(entryHtml).toContain('<strong class="domain">bücher.example</strong><span class="forms"> (xn--bcher-kva.example)</span>');
    const list = await (await ann.get(`/admin/catalog/types/${seeded.typeId}?q=b%C3%BCcher`)).text();
    expect(list).toContain('Initech');
    expect(list).toContain('(xn--bcher-kva.example)');

    // The as-you-type check answers with the same verdict, both forms, and no side effect.
    const check = async (domain: string) =>
      (await ann.get(`/admin/catalog/domain-check?domain=${encodeURIComponent(domain)}`, { accept: 'application/json' })).json();
    expect(await check('eu.gmail.com')).toEqual({
      written: 'eu.gmail.com',
      ok: false,
      ascii: 'eu.gmail.com',
      unicode: 'eu.gmail.com',
      reason: 'webmail',
      message:
        'eu.gmail.com is a webmail domain (it belongs to gmail.com): anyone can get an address there, so it cannot identify one customer.',
      overridable: true,
    });
    expect(await check('xn--bcher-kva.example')).toEqual({
      written: 'xn--bcher-kva.example',
      ok: true,
      ascii: 'xn--bcher-kva.example',
      unicode: 'bücher.example',
    });
    expect(await check('x.mailinator.com')).toMatchObject({ ok: false, reason: 'disposable', overridable: true });
    expect(await check('co.uk')).toMatchObject({ ok: false, reason: 'public_suffix', overridable: true });
    expect(await check('10.0.0.1')).toMatchObject({ ok: false, reason: 'ip_address', overridable: false });
    expect((await ann.get('/admin/catalog/domain-check')).status).toBe(400);
  });

  it('DOM-8: "Allow anyway" with a reason is recorded in the audit log, and customer-page sign-in then admits the domain (REQ-3)', async () => {
    const { app, seeded } = await withStaff(database());
    // Before: gmail.com is not on Acme's allowlist, so no mail goes to it (REQ-3).
    await expect(requestLinkMail(app.deps, createBrowser(app.app), seeded.acme.path, 'pat@gmail.com')).rejects.toThrow(/no mail/);

    const ann = await staffBrowser(app, 'ann@example.com');
    const form = acmeForm({ 'v.email_domains': 'acme-corp.com\nacme-labs.com\ngmail.com', allow: 'gmail.com' });
    const noReason = await ann.post(`/admin/catalog/entries/${seeded.acme.entryId}`, form);
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toMatch(/id="override_note-error" class="field-error">say why these domains are allowed anyway/);

    const saved = await ann.post(`/admin/catalog/entries/${seeded.acme.entryId}`, {
      ...form,
      override_note: 'Acme staff use Google Workspace on gmail.com',
    });
    expect(saved.status).toBe(303);
    const overrides = await listAuditEvents(app.deps.ctx.database.db, { action: 'catalog_entry.domain_override' });
    expect(overrides.map((e) => ({ actor: e.actor, subjectId: e.subjectId, details: e.details }))).toEqual([
      {
        actor: 'staff:ann@example.com',
        subjectId: seeded.acme.entryId,
        details: expect.objectContaining({
          domain: 'gmail.com',
          reason: 'webmail',
          note: 'Acme staff use Google Workspace on gmail.com',
          via: 'dashboard',
        }),
      },
    ]);
    const updated = await listAuditEvents(app.deps.ctx.database.db, { action: 'catalog_entry.updated', actor: 'staff:ann@example.com' });
    expect(updated).toHaveLength(1);

    // The override is honoured where it matters: a gmail.com address now signs in to Acme's page.
    const viewer = createBrowser(app.app);
    await signIn(app.deps, viewer, seeded.acme.path, 'pat@gmail.com');
    const page = await viewer.get(seeded.acme.path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Acme cluster');

    // Saving again needs no new override: the domain is already on the entry.
    const again = await ann.post(
      `/admin/catalog/entries/${seeded.acme.entryId}`,
      acmeForm({ 'v.email_domains': 'acme-corp.com\nacme-labs.com\ngmail.com', aliases: 'ACME' }),
    );
    expect(again.status).toBe(303);
    expect(await listAuditEvents(app.deps.ctx.database.db, { action: 'catalog_entry.domain_override' })).toHaveLength(1);
  });

  it('an entry a sync owns is marked and read-only: no form, and a POST is refused with 409 and changes nothing', async () => {
    const { app, seeded } = await withStaff(database());
    const db = app.deps.ctx.database.db;
    await db
      .updateTable('catalog_entries')
      .set({ source_kind: 'sync', sync_key: 'crm-customers' })
      .where('id', '=', seeded.globex.entryId)
      .execute();
    const ann = await staffBrowser(app, 'ann@example.com');
    const html = await (await ann.get(`/admin/catalog/entries/${seeded.globex.entryId}`)).text();
    expect(html).toContain('sync: crm-customers');
    expect(html).toContain('read-only here');
    expect(html).not.toContain('<form class="entry-form"');
    expect(await (await ann.get(`/admin/catalog/types/${seeded.typeId}`)).text()).toContain('sync: crm-customers');

    const before = await entryRows(app);
    const refused = await ann.post(`/admin/catalog/entries/${seeded.globex.entryId}`, {
      name: 'Globex renamed',
      'v.email_domains': 'globex.com\nevil.example',
      'v.components': '',
    });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('is managed by the sync \u201ccrm-customers\u201d'.replace(/[\u201c\u201d]/g, '&quot;'));
    expect(await entryRows(app)).toEqual(before);
  });

  it('edits a schema and an entry, with field errors in place and what was typed kept; each write audited with the actor (STF-7)', async () => {
    const { app, seeded } = await withStaff(database());
    const ann = await staffBrowser(app, 'ann@example.com');
    const schemaHtml = await (await ann.get(`/admin/catalog/types/${seeded.typeId}/schema`)).text();
    expect(schemaHtml).toContain('name="count" value="3"');
    const schema = {
      count: '3',
      name: 'Customer',
      description: '',
      'a.0.id': 'email_domains',
      'a.0.name': 'Email domains',
      'a.0.kind': 'email_domain',
      'a.0.list': 'list',
      'a.1.id': 'components',
      'a.1.name': 'Components',
      'a.1.kind': 'component',
      'a.1.list': 'list',
      'a.2.id': '',
      'a.2.name': 'Seats',
      'a.2.kind': 'number',
      'a.2.list': 'one',
    };
    const badKind = await ann.post(`/admin/catalog/types/${seeded.typeId}/schema`, { ...schema, 'a.2.kind': 'money' });
    expect(badKind.status).toBe(400);
    const badHtml = await badKind.text();
    expect(badHtml).toMatch(/id="a-2-kind-error" class="field-error">expected one of text, number/);
    expect(badHtml).toContain('value="Seats"');
    // Removing the allowlist a customer page set reads is refused, naming the page.
    const guarded = await ann.post(`/admin/catalog/types/${seeded.typeId}/schema`, { ...schema, 'a.0.remove': '1' });
    expect(guarded.status).toBe(409);
    expect(await guarded.text()).toContain('This change would break:');
    expect((await ann.post(`/admin/catalog/types/${seeded.typeId}/schema`, schema)).status).toBe(303);
    expect((await listAuditEvents(app.deps.ctx.database.db, { action: 'catalog_type.updated' })).map((e) => e.actor)).toEqual([
      'staff:ann@example.com',
    ]);

    const bad = await ann.post(`/admin/catalog/entries/${seeded.acme.entryId}`, acmeForm({ 'v.seats': 'lots', rank: '1.5', name: '' }));
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toMatch(/id="v-seats-error" class="field-error">expected a finite number, got &quot;lots&quot;/);
    expect(html).toMatch(/id="rank-error" class="field-error">/);
    expect(html).toMatch(/id="name-error" class="field-error">/);
    expect(html).toContain('value="lots"');
    expect(html).toContain('value="1.5"');

    const ok = await ann.post(`/admin/catalog/entries/${seeded.acme.entryId}`, acmeForm({ 'v.seats': '250', aliases: 'ACME\nAcme Inc' }));
    expect(ok.status).toBe(303);
    const [event] = await listAuditEvents(app.deps.ctx.database.db, { action: 'catalog_entry.updated' });
    expect(event).toMatchObject({
      actor: 'staff:ann@example.com',
      subjectId: seeded.acme.entryId,
      details: expect.objectContaining({ via: 'dashboard' }),
    });
    const entry = await (await ann.get(`/admin/catalog/entries/${seeded.acme.entryId}`)).text();
    expect(entry).toContain('value="250"');
    expect(entry).toContain('ACME\nAcme Inc</textarea>');
  });

  it('junk gets a 4xx, never a 500 (STF-5: a cross-site post is refused)', async () => {
    const { app, seeded } = await withStaff(database());
    const ann = await staffBrowser(app, 'ann@example.com');
    const before = await entryRows(app);
    const type = `/admin/catalog/types/${seeded.typeId}`;
    const statuses = [
      (await ann.get('/admin/catalog/types/nope')).status,
      (await ann.get(`/admin/catalog/entries/${newId()}`)).status,
      (await ann.post('/admin/catalog/entries/nope', { name: 'x' })).status,
      (await ann.post(`${type}/entries`, {})).status,
      (await ann.post(`${type}/entries`, { name: 'x'.repeat(5000), 'v.email_domains': 'a'.repeat(300) })).status,
      (await ann.post(`${type}/entries`, { name: 'Junk', 'v.email_domains': '[::1]\n*.*.example\nfoo@bar.com', 'v.components': 'No such' }))
        .status,
      (await ann.post(`${type}/entries`, {}, { 'sec-fetch-site': 'same-origin', 'content-type': 'multipart/form-data' })).status,
      (await ann.post(`${type}/schema`, { count: '99999', 'a.0.name': '' })).status,
      (await ann.post(`${type}/schema`, { count: 'x' })).status,
      (await ann.get(`${type}?page=-4&q=${'%25'.repeat(300)}`)).status,
      (await ann.get(`/admin/catalog/domain-check?domain=${'a'.repeat(5000)}`)).status,
    ];
    for (const status of statuses) {
      expect(status).toBeGreaterThanOrEqual(200);
      expect(status).toBeLessThan(500);
    }
    expect(statuses.slice(0, 8)).toEqual([404, 404, 404, 400, 400, 400, 400, 400]);
    const crossSite = await ann.post(
      `${type}/entries`,
      { name: 'Evil' },
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    expect(await entryRows(app)).toEqual(before);
  });

  it('searches and pages 5,000 entries in the store', async () => {
    const { app, seeded } = await withStaff(database());
    const at = new Date('2026-01-01T00:00:00Z');
    const entries: CatalogEntryRecord[] = Array.from({ length: 5000 }, (_, i) => {
      const n = String(i).padStart(4, '0');
      return {
        id: newId(),
        typeId: seeded.typeId,
        name: `Customer ${n}`,
        externalId: `customer-${n}`,
        aliases: i === 4321 ? ['Needle Industries'] : [],
        rank: 10,
        values: { email_domains: [`c${n}.example`] },
        slug: `customer-${n}`,
        source: { kind: 'manual' },
        createdAt: at,
        updatedAt: at,
      };
    });
    const empty = { components: [], groups: [], catalogTypes: [], pages: [], customerPages: [], incidents: [], maintenances: [] };
    await writeTransaction(app.deps.ctx.database, (tx) => insertBulkSeed(tx, { ...empty, catalogEntries: entries }));
    const ann = await staffBrowser(app, 'ann@example.com');
    const base = `/admin/catalog/types/${seeded.typeId}`;

    const first = await (await ann.get(base)).text();
    expect(first).toContain('Page 1 of 101 (5,002 entries)');
    expect(first).toContain('Acme Corp');
    const last = await (await ann.get(`${base}?page=101`)).text();
    // Acme and Globex (rank 0) come first, so the last page holds the last two of rank 10.
    expect(last).toContain('Customer 4998');
    expect(last).toContain('Customer 4999');
    expect(last).not.toContain('Customer 4997');
    expect(last).toContain('Previous page');

    const byAlias = await (await ann.get(`${base}?q=needle`)).text();
    expect(byAlias).toContain('Customer 4321');
    expect(byAlias).toContain('Page 1 of 1 (1 entry)');
    const byDomain = await (await ann.get(`${base}?q=c0042.EXAMPLE`)).text();
    expect(byDomain).toContain('Customer 0042');
    expect(byDomain).toContain('(1 entry)');
    // LIKE's wildcards are taken literally.
    expect(await (await ann.get(`${base}?q=%25`)).text()).toContain('No entry matches');
  });
});
