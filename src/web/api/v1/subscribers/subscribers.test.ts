import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../../../test/helpers/describe-each-engine.js';
import { serveWeb } from '../../../../../test/helpers/browser.js';
import { useSeededCustomerApp } from '../../../../../test/helpers/customer-app.js';
import type { SeededCustomerPages } from '../../../../../test/helpers/customer-pages.js';
import type { TestApp } from '../../../../../test/helpers/test-app.js';
import { parseCsv } from '../../../../domain/csv.js';
import { createPage } from '../../../../services/pages/pages.js';
import { createApiKey } from '../../../../services/sessions/api-keys.js';

interface Problem {
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
  omitted_errors?: number;
}
interface Subscriber {
  id: string;
  email: string;
  scope: string;
  state: string;
  consent_source: string;
  consent_at: string | null;
  components: string[] | null;
}
interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

describeEachEngine('/api/v1/subscribers and /api/v1/email-quarantine over HTTP', (database) => {
  const setUp = useSeededCustomerApp();
  let t: TestApp;
  let seeded: SeededCustomerPages;
  let origin: string;
  let close: () => Promise<void>;
  let pageScope: string;
  let acmeScope: string;

  beforeEach(async () => {
    ({ app: t, seeded } = await setUp(database()));
    const page = await createPage(t.deps.ctx, { slug: 'public', name: 'Public status', items: [] });
    pageScope = `page:${page.id}`;
    acmeScope = `customer:${seeded.acme.customerPageId}`;
    ({ origin, close } = await serveWeb(t.web));
  });
  afterEach(() => close());

  const call = (method: string, path: string, init: { json?: unknown; csv?: string; token?: string } = {}) =>
    fetch(`${origin}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${init.token ?? t.token}`,
        ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.csv !== undefined ? { 'content-type': 'text/csv' } : {}),
      },
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
      ...(init.csv !== undefined ? { body: init.csv } : {}),
    });
  const list = async (scope: string, extra = '') =>
    (await (await call('GET', `/subscribers?scope=${encodeURIComponent(scope)}${extra}`)).json()) as Page<Subscriber>;
  const importCsv = (csv: string, query = '') => call('POST', `/subscribers/import${query}`, { csv });

  it('adds an address confirmed with staff consent, lists, counts and removes it; each write audited with the key (STF-7)', async () => {
    const added = await call('POST', '/subscribers', { json: { scope: pageScope, email: 'Ann@Example.com' } });
    expect(added.status).toBe(201);
    const subscriber = (await added.json()) as Subscriber;
    expect(subscriber).toMatchObject({
      email: 'ann@example.com',
      scope: pageScope,
      state: 'confirmed',
      consent_source: `staff:api-key:${t.apiKeyId}`,
      components: null,
    });
    expect(subscriber.consent_at).not.toBeNull();

    const again = await call('POST', '/subscribers', { json: { scope: pageScope, email: 'ann@example.com' } });
    expect(again.status).toBe(409);
    expect(((await again.json()) as Problem).detail).toMatch(/already subscribed/);

    expect((await list(pageScope)).data.map((s) => s.email)).toEqual(['ann@example.com']);
    const counts = (await (await call('GET', '/subscribers/counts')).json()) as Page<{ scope: string; page: string; channels: unknown }>;
    expect(counts.data).toEqual([
      { scope: pageScope, page: 'Public status', channels: { email: { pending: 0, confirmed: 1, unsubscribed: 0 } } },
    ]);

    expect((await call('DELETE', `/subscribers/${subscriber.id}`)).status).toBe(204);
    expect((await call('DELETE', `/subscribers/${subscriber.id}`)).status).toBe(404);
    expect((await list(pageScope)).data).toEqual([]);

    const audit = await database().db.selectFrom('audit_log').selectAll().where('subject_type', '=', 'subscriber').orderBy('at').execute();
    expect(audit.map((row) => [row.action, row.actor])).toEqual([
      ['subscriber.added', `api-key:${t.apiKeyId}`],
      ['subscriber.removed', `api-key:${t.apiKeyId}`],
    ]);
    expect(JSON.parse(audit[1]!.details)).toMatchObject({ email: 'ann@example.com', scope: pageScope, state: 'confirmed' });
    const writes = await database().db.selectFrom('audit_log').select('actor').where('action', '=', 'api.write').execute();
    expect(writes).toHaveLength(2);
  });

  it('SUB-4: a customer page takes only addresses on its allowlist, and says so', async () => {
    expect((await call('POST', '/subscribers', { json: { scope: acmeScope, email: 'kim@acme-labs.com' } })).status).toBe(201);
    const refused = await call('POST', '/subscribers', { json: { scope: acmeScope, email: 'kim@globex.com' } });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as Problem).detail).toBe(
      'kim@globex.com is not on the allowlist of the customer page "Customer status / Acme Corp", so it cannot be subscribed to it',
    );
    const imported = await importCsv('email,consent_source\nlee@globex.com,call\n', `?scope=${encodeURIComponent(acmeScope)}`);
    expect(imported.status).toBe(422);
    expect(((await imported.json()) as Problem).errors).toEqual([
      { path: 'line 2', message: expect.stringMatching(/not on the allowlist/) },
    ]);
    expect((await list(acmeScope)).data.map((s) => s.email)).toEqual(['kim@acme-labs.com']);
  });

  it('refuses bad input with clear 4xx problems: unknown scope, bad address, unknown component, wrong media type', async () => {
    const unknown = await call('POST', '/subscribers', { json: { scope: 'page:nope', email: 'a@example.com' } });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as Problem).detail).toBe('Page scope "page:nope" does not exist');
    const malformed = await call('POST', '/subscribers', { json: { scope: pageScope, email: 'not an address' } });
    expect(malformed.status).toBe(400);
    const badComponent = await call('POST', '/subscribers', { json: { scope: pageScope, email: 'a@example.com', components: ['zzz'] } });
    expect(badComponent.status).toBe(400);
    const json = await call('POST', '/subscribers/import', { json: { email: 'a@example.com' } });
    expect(json.status).toBe(415);
    expect(((await json.json()) as Problem).detail).toMatch(/text\/csv/);
    expect((await call('GET', '/subscribers?scope=bogus')).status).toBe(400);
  });

  it('imports: row errors by line and nothing imported, unless asked; consent recorded per row; idempotent; unsubscribed stays so', async () => {
    const scope = encodeURIComponent(pageScope);
    const bad = 'email,consent_source,components\r\nann@example.com,webinar 2024,\r\nnot-an-address,webinar 2024,\r\nbob@example.com,,\r\n';
    const refused = await importCsv(bad, `?scope=${scope}`);
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as Problem;
    expect(problem.detail).toMatch(/^2 of 3 rows cannot be imported, so nothing was/);
    expect(problem.errors?.map((e) => e.path)).toEqual(['line 3', 'line 4']);
    expect(problem.errors?.[1]?.message).toMatch(/consent_source is empty/);
    expect((await list(pageScope)).data).toEqual([]);

    const partial = await importCsv(bad, `?scope=${scope}&skip_invalid=true`);
    expect(partial.status).toBe(200);
    expect(await partial.json()).toMatchObject({ rows: 3, created: 1, error_count: 2, written: true });
    const [ann] = (await list(pageScope)).data;
    expect(ann).toMatchObject({
      email: 'ann@example.com',
      state: 'confirmed',
      consent_source: `import:api-key:${t.apiKeyId}:webinar 2024`,
    });

    await database()
      .db.updateTable('email_subscriptions')
      .set({ state: 'unsubscribed', unsubscribed_at: new Date().toISOString() })
      .where('email', '=', 'ann@example.com')
      .execute();
    const good = `email,consent_source,components\nann@example.com,again,\ncy@example.com,fair,"${seeded.sharedComponentId}"\n`;
    expect(await (await importCsv(good, `?scope=${scope}&dry_run=true`)).json()).toMatchObject({ written: false, error_count: 0 });
    expect(await (await importCsv(good, `?scope=${scope}`)).json()).toMatchObject({ created: 1, skipped_unsubscribed: 1 });
    expect(await (await importCsv(good, `?scope=${scope}`)).json()).toMatchObject({ created: 0, unchanged: 1, skipped_unsubscribed: 1 });
    const rows = (await list(pageScope)).data;
    expect(rows.map((s) => [s.email, s.state, s.components])).toEqual([
      ['ann@example.com', 'unsubscribed', null],
      ['cy@example.com', 'confirmed', [seeded.sharedComponentId]],
    ]);
    const audit = await database().db.selectFrom('audit_log').select('details').where('action', '=', 'subscriber.imported').execute();
    expect(audit).toHaveLength(3);
  });

  it('exports CSV that imports back to the same subscribers, with formula cells guarded', async () => {
    const scope = encodeURIComponent(pageScope);
    const csv = `email,consent_source\n=2+3@example.com,"=HYPERLINK(""http://x"")"\n-dash@example.com,fair\nzoe@example.com,fair\n`;
    expect(await (await importCsv(csv, `?scope=${scope}`)).json()).toMatchObject({ created: 3 });
    const exported = await call('GET', `/subscribers/export?scope=${scope}`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="subscribers.csv"');
    expect(exported.headers.get('cache-control')).toBe('no-store');
    const text = await exported.text();
    const parsed = parseCsv(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    const [header, ...rows] = parsed.records.map((r) => r.fields);
    expect(header).toEqual([
      'email',
      'scope',
      'page',
      'components',
      'state',
      'consent_source',
      'consent_at',
      'created_at',
      'confirmed_at',
      'unsubscribed_at',
    ]);
    // A spreadsheet opening the file runs no formula: every cell starting with = + - @ is quoted with '.
    expect(rows.map((row) => row[0])).toEqual(["'-dash@example.com", "'=2+3@example.com", 'zoe@example.com']);
    for (const row of rows) for (const field of row) expect(field).not.toMatch(/^[=+\-@]/);
    const before = (await list(pageScope)).data;

    await database().db.deleteFrom('email_subscriptions').execute();
    const reimported = await importCsv(text);
    expect(await reimported.json()).toMatchObject({ rows: 3, created: 3, error_count: 0 });
    const after = (await list(pageScope)).data;
    expect(after.map((s) => [s.email, s.scope, s.state, s.consent_at, s.components])).toEqual(
      before.map((s) => [s.email, s.scope, s.state, s.consent_at, s.components]),
    );
    expect(after[1]!.consent_source).toBe(`import:api-key:${t.apiKeyId}:import:api-key:${t.apiKeyId}:=HYPERLINK("http://x")`);
  });

  it('pages 5,000 subscribers by keyset, and streams their export in chunks', async () => {
    const lines = ['email,consent_source'];
    for (let i = 0; i < 5000; i++) lines.push(`user${String(i).padStart(5, '0')}@example.com,list`);
    const imported = await importCsv(`${lines.join('\n')}\n`, `?scope=${encodeURIComponent(pageScope)}`);
    expect(await imported.json()).toMatchObject({ created: 5000 });

    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const page = await list(pageScope, `&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.data.map((s) => s.email));
      cursor = page.next_cursor;
      pages++;
    }
    expect(pages).toBe(25);
    expect(seen).toHaveLength(5000);
    expect(new Set(seen).size).toBe(5000);
    expect(seen).toEqual([...seen].sort());
    const searched = await list(pageScope, '&search=user0499');
    expect(searched.data.map((s) => s.email)).toEqual(Array.from({ length: 10 }, (_, i) => `user0499${i}@example.com`));

    const exported = await call('GET', '/subscribers/export');
    // Streamed: no length known ahead, the body arrives as the pages are read.
    expect(exported.headers.get('content-length')).toBeNull();
    expect(exported.headers.get('transfer-encoding')).toBe('chunked');
    const reader = exported.body!.getReader();
    let chunks = 0;
    let text = '';
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks++;
      text += decoder.decode(value, { stream: true });
    }
    expect(chunks).toBeGreaterThanOrEqual(10);
    expect(text.trimEnd().split('\r\n')).toHaveLength(5001);
  });

  it('lists the quarantine and releases an address', async () => {
    await database()
      .db.insertInto('email_quarantine')
      .values([
        { email: 'gone@example.com', reason: '550 no such user', quarantined_at: '2026-01-01T00:00:00.000Z' },
        { email: 'full@example.com', reason: '552 mailbox full', quarantined_at: '2026-01-02T00:00:00.000Z' },
      ])
      .execute();
    const page = (await (await call('GET', '/email-quarantine?limit=1')).json()) as Page<{ email: string; reason: string }>;
    expect(page).toEqual({
      data: [{ email: 'full@example.com', reason: '552 mailbox full', quarantined_at: '2026-01-02T00:00:00.000Z' }],
      next_cursor: 'full@example.com',
    });
    const second = (await (await call('GET', '/email-quarantine?limit=1&cursor=full%40example.com')).json()) as Page<{ email: string }>;
    expect(second.data.map((q) => q.email)).toEqual(['gone@example.com']);
    expect(second.next_cursor).toBeNull();

    expect((await call('POST', '/email-quarantine/release', { json: { email: 'Gone@Example.com' } })).status).toBe(204);
    expect((await call('POST', '/email-quarantine/release', { json: { email: 'gone@example.com' } })).status).toBe(404);
    const left = (await (await call('GET', '/email-quarantine')).json()) as Page<{ email: string }>;
    expect(left.data.map((q) => q.email)).toEqual(['full@example.com']);
    const audit = await database().db.selectFrom('audit_log').selectAll().where('action', '=', 'email_quarantine.released').execute();
    expect(audit.map((row) => [row.actor, row.subject_id])).toEqual([[`api-key:${t.apiKeyId}`, 'gone@example.com']]);
  });

  it('STF-3: responder and viewer keys read subscribers but change nothing', async () => {
    for (const role of ['responder', 'viewer']) {
      const { token } = await createApiKey(t.deps.ctx, { name: role, role }, 'test');
      expect((await call('GET', `/subscribers?scope=${encodeURIComponent(pageScope)}`, { token })).status).toBe(200);
      expect((await call('GET', '/email-quarantine', { token })).status).toBe(200);
      expect((await call('GET', '/subscribers/export', { token })).status).toBe(200);
      const writes = [
        call('POST', '/subscribers', { token, json: { scope: pageScope, email: 'x@example.com' } }),
        call('POST', '/subscribers/import', { token, csv: 'email,consent_source\nx@example.com,y\n' }),
        call('DELETE', '/subscribers/aaaaaaaaaaaaaaaa', { token }),
        call('POST', '/email-quarantine/release', { token, json: { email: 'x@example.com' } }),
      ];
      for (const response of await Promise.all(writes)) expect(response.status).toBe(403);
    }
    expect((await list(pageScope)).data).toEqual([]);
  });
});
