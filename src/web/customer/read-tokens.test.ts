/**
 * Personal read tokens (docs/read-tokens.md): made by a signed-in viewer, shown once, stored only as
 * an HMAC (TOK-2), opening only that page's v2 API and feeds, and ending with every way the viewer
 * loses the page (SES-4, SES-7): revoked by the viewer or staff, the domain off the allowlist, the URL
 * rotated, the viewer revoked. Never in the audit log (LOG-2).
 */
import { expect, it } from 'vitest';
import { useSeededCustomerApp } from '../../../test/helpers/customer-app.js';
import { type TestBrowser, createBrowser, signIn } from '../../../test/helpers/customer-pages.js';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { duringPostgresTransaction } from '../../../test/helpers/foreign-lock.js';
import { deleteCatalogEntry, updateCatalogEntry } from '../../services/catalog/catalog-entries.js';
import { canonicaliseEmail } from '../../domain/access/email-address.js';
import { writeUnannounced } from '../../services/live-state/unannounced-write.js';
import { MAX_READ_TOKENS_PER_VIEWER } from '../../services/sessions/read-tokens.js';
import { createSession } from '../../services/sessions/sessions.js';
import { createCustomerCookies } from './cookies.js';
import { listAuditEvents } from '../../store/access/audit-log.js';

const TOKEN = /bcn_rt_[A-Za-z0-9_-]{43}/;

describeEachEngine('personal read tokens of customer pages', (database, engine) => {
  const setUp = useSeededCustomerApp();

  async function signedIn(email = 'alice@acme-corp.com') {
    const { app, seeded } = await setUp(database());
    const browser = createBrowser(app.app);
    await signIn(app.deps, browser, seeded.acme.path, email);
    const anonymous = createBrowser(app.app);
    return { app, seeded, browser, anonymous };
  }

  async function createToken(browser: TestBrowser, path: string, name = 'Feed reader'): Promise<string> {
    const res = await browser.post(`${path}/tokens`, { name });
    expect(res.status).toBe(201);
    const token = TOKEN.exec(await res.text())?.[0];
    if (!token) throw new Error('no token on the page');
    return token;
  }

  const bearer = (token: string) => ({ authorization: `Bearer ${token}`, accept: 'application/json' });

  it('TOK-1/TOK-2: shown once, listed by prefix only, stored as an HMAC; bearer and ?token= open the v2 API, no-store, no CORS', async () => {
    const { app, seeded, browser, anonymous } = await signedIn();
    const screen = await browser.get(`${seeded.acme.path}/tokens`);
    expect(screen.status).toBe(200);
    expect(await screen.text()).toContain('You have no tokens for this page.');

    const token = await createToken(browser, seeded.acme.path);
    const listed = await (await browser.get(`${seeded.acme.path}/tokens`)).text();
    expect(listed).not.toContain(token);
    expect(listed).toContain(`${token.slice(0, 11)}…`);
    const rows = await app.deps.ctx.database.db.selectFrom('read_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token.slice(7));
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);

    for (const res of [
      await anonymous.get(`${seeded.acme.path}/api/v2/summary.json`, bearer(token)),
      await anonymous.get(`${seeded.acme.path}/api/v2/summary.json?token=${token}`, { accept: 'application/json' }),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(((await res.json()) as { page: { name: string } }).page.name).toBe('Acme Corp');
    }
    const used = await (await browser.get(`${seeded.acme.path}/tokens`)).text();
    expect(used).not.toContain('Never');
  });

  it('SES-4: a token opens neither the HTML page nor another page, nor any write; a malformed one is refused', async () => {
    const { seeded, browser, anonymous } = await signedIn();
    const token = await createToken(browser, seeded.acme.path);
    for (const path of [seeded.acme.path, `${seeded.acme.path}/history`, `${seeded.acme.path}/tokens`]) {
      const html = await anonymous.get(`${path}?token=${token}`, { authorization: `Bearer ${token}` });
      const text = await html.text();
      expect(text, path).toContain('Sign in to Acme Corp');
      expect(text, path).not.toContain('Acme cluster');
    }
    expect((await anonymous.get(`${seeded.globex.path}/api/v2/summary.json`, bearer(token))).status).toBe(401);
    expect((await anonymous.get(`${seeded.globex.path}/api/v2/summary.json?token=${token}`)).status).toBe(401);
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect((await anonymous.get(`${seeded.acme.path}/api/v2/summary.json`, bearer(tampered))).status).toBe(401);
    expect((await anonymous.get(`${seeded.acme.path}/api/v2/summary.json`, bearer('bcn_rt_short'))).status).toBe(401);
    // A form post with a token and no session: refused, nothing made.
    const post = await anonymous.post(
      `${seeded.acme.path}/tokens`,
      { name: 'x' },
      { 'sec-fetch-site': 'same-origin', authorization: `Bearer ${token}` },
    );
    expect(post.status).toBe(403);
  });

  it('SES-7: revoked by the viewer, the next request is refused (401)', async () => {
    const { app, seeded, browser, anonymous } = await signedIn();
    const token = await createToken(browser, seeded.acme.path);
    const summary = `${seeded.acme.path}/api/v2/summary.json`;
    expect((await anonymous.get(summary, bearer(token))).status).toBe(200);
    const [row] = await app.deps.ctx.database.db.selectFrom('read_tokens').select('id').execute();
    const revoked = await browser.post(`${seeded.acme.path}/tokens/${row!.id}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe(`${seeded.acme.path}/tokens`);
    expect((await anonymous.get(summary, bearer(token))).status).toBe(401);
    expect(await (await browser.get(`${seeded.acme.path}/tokens`)).text()).toContain('You have no tokens for this page.');
  });

  it("SES-4: the viewer's domain leaves the allowlist, the token is refused, and stays so when the domain returns", async () => {
    const { app, seeded, browser, anonymous } = await signedIn();
    const token = await createToken(browser, seeded.acme.path);
    const summary = `${seeded.acme.path}/api/v2/summary.json`;
    const domains = (email_domains: string[]) =>
      updateCatalogEntry(app.deps.ctx, seeded.acme.entryId, { values: { email_domains } }, { actor: 'test' });
    await domains(['acme-labs.com']);
    expect((await anonymous.get(summary, bearer(token))).status).toBe(401);
    await domains(['acme-labs.com', 'acme-corp.com']);
    expect((await anonymous.get(summary, bearer(token))).status).toBe(401);
  });

  it('the URL rotated: the token is refused at the new URL (and the old one is gone)', async () => {
    const { app, seeded, browser, anonymous } = await signedIn();
    const token = await createToken(browser, seeded.acme.path);
    const rotated = await app.request(`/api/v1/customer-pages/${seeded.acme.customerPageId}/rotate-token`, { method: 'POST' });
    expect(rotated.status).toBe(200);
    const newPath = new URL(((await rotated.json()) as { url: string }).url).pathname;
    expect((await anonymous.get(`${newPath}/api/v2/summary.json`, bearer(token))).status).toBe(401);
    expect((await anonymous.get(`${seeded.acme.path}/api/v2/summary.json`, bearer(token))).status).toBe(404);
  });

  it('SES-4: the customer page removed (its entry deleted), its tokens end with it, audited', async () => {
    const { app, seeded, browser, anonymous } = await signedIn();
    const token = await createToken(browser, seeded.acme.path);
    await deleteCatalogEntry(app.deps.ctx, seeded.acme.entryId, { actor: 'test', force: true });
    expect((await anonymous.get(`${seeded.acme.path}/api/v2/summary.json`, bearer(token))).status).toBe(404);
    expect(await app.deps.ctx.database.db.selectFrom('read_tokens').selectAll().execute()).toEqual([]);
    const events = await listAuditEvents(app.deps.ctx.database.db, { pageId: seeded.acme.customerPageId });
    expect(events.find((event) => event.action === 'read_token.revoked')).toMatchObject({ details: { reason: 'page_removed' } });
  });

  it('SES-7: staff revoking the viewer ends their tokens too', async () => {
    const { app, seeded, browser, anonymous } = await signedIn();
    const token = await createToken(browser, seeded.acme.path);
    const res = await app.requestJson('POST', `/api/v1/customer-pages/${seeded.acme.customerPageId}/sessions/revoke`, {
      email: 'alice@acme-corp.com',
    });
    expect(res.status).toBe(200);
    expect((await anonymous.get(`${seeded.acme.path}/api/v2/summary.json`, bearer(token))).status).toBe(401);
  });

  it('staff list (no secret) and revoke a token through the API, audited; LOG-2: no token in the audit log', async () => {
    const { app, seeded, browser, anonymous } = await signedIn();
    const token = await createToken(browser, seeded.acme.path, 'Prometheus');
    const base = `/api/v1/customer-pages/${seeded.acme.customerPageId}/read-tokens`;
    const listed = await app.request(base);
    expect(listed.status).toBe(200);
    const text = await listed.text();
    expect(text).not.toContain(token);
    const { data } = JSON.parse(text) as {
      data: { id: string; name: string; prefix: string; email: string; last_used_at: string | null }[];
    };
    expect(data).toEqual([
      expect.objectContaining({ name: 'Prometheus', prefix: token.slice(0, 11), email: 'alice@acme-corp.com', last_used_at: null }),
    ]);

    expect((await app.request(`${base}/${data[0]!.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await anonymous.get(`${seeded.acme.path}/api/v2/summary.json?token=${token}`)).status).toBe(401);
    expect((await app.request(`${base}/${data[0]!.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await app.request(`/api/v1/customer-pages/AAAAAAAAAAAAAAAA/read-tokens`)).status).toBe(404);

    const events = await listAuditEvents(app.deps.ctx.database.db, { pageId: seeded.acme.customerPageId });
    const revoked = events.find((event) => event.action === 'read_token.revoked');
    expect(revoked).toMatchObject({ actor: `api-key:${app.apiKeyId}`, subjectId: data[0]!.id, details: { reason: 'staff' } });
    expect(events.some((event) => event.action === 'read_token.created')).toBe(true);
    const all = JSON.stringify(await app.deps.ctx.database.db.selectFrom('audit_log').selectAll().execute());
    expect(all).not.toContain(token.slice(7, 20));
  });

  it(`at most ${MAX_READ_TOKENS_PER_VIEWER} tokens per viewer and page: a clear 429; a blank name a 400`, async () => {
    const { seeded, browser } = await signedIn();
    for (let i = 0; i < MAX_READ_TOKENS_PER_VIEWER; i++) await createToken(browser, seeded.acme.path, `t${i}`);
    const over = await browser.post(`${seeded.acme.path}/tokens`, { name: 'one more' });
    expect(over.status).toBe(429);
    expect(await over.text()).toContain(`You already have ${MAX_READ_TOKENS_PER_VIEWER} tokens for this page`);
    const blank = await browser.post(`${seeded.acme.path}/tokens`, { name: '  ' });
    expect(blank.status).toBe(400);
    expect(await blank.text()).toContain('Give the token a name');
  });

  // PostgreSQL, where writers run side by side: a side connection ends the viewer's access (uncommitted,
  // holding its row locks) while the viewer asks for a token, then commits. The token's transaction
  // waits for it and refuses; none is left to come back with the domain.
  const whileAccessEnds = (sql: string, params: readonly unknown[], ask: () => Promise<Response>) =>
    duringPostgresTransaction(database().url, [[sql, params]], ask);

  it.runIf(engine === 'postgres')(
    'SES-4/SES-7: a token asked for while the viewer is revoked is not made (it waits for the revocation)',
    async () => {
      const { app, seeded, browser } = await signedIn();
      const res = await whileAccessEnds('delete from sessions where email = $1', ['alice@acme-corp.com'], () =>
        browser.post(`${seeded.acme.path}/tokens`, { name: 'racing' }),
      );
      expect(res.status).toBe(403);
      expect(await app.deps.ctx.database.db.selectFrom('read_tokens').selectAll().execute()).toEqual([]);
    },
  );

  it.runIf(engine === 'postgres')('a token asked for while the URL is rotated is not made', async () => {
    const { app, seeded, browser } = await signedIn();
    const res = await whileAccessEnds(
      `update customer_pages set url_token = 'rotated-meanwhile' where id = $1`,
      [seeded.acme.customerPageId],
      () => browser.post(`${seeded.acme.path}/tokens`, { name: 'racing' }),
    );
    expect(res.status).toBe(403);
    expect(await app.deps.ctx.database.db.selectFrom('read_tokens').selectAll().execute()).toEqual([]);
  });

  it(`the limit of ${MAX_READ_TOKENS_PER_VIEWER} holds under concurrent requests from two of the viewer's browsers`, async () => {
    const { app, seeded, browser } = await signedIn();
    // A second session of the same address, as a second browser holds after its own sign-in.
    const second = createBrowser(app.app);
    const email = canonicaliseEmail('alice@acme-corp.com');
    if (!email.ok) throw new Error('not an address');
    const signInDeps = app.deps.customerSignIn.at(app.deps.snapshots.pageKinds(await app.deps.snapshots.fresh()));
    const { sessionToken } = await writeUnannounced(app.deps.ctx, (tx) =>
      createSession(tx, signInDeps, { customerPageId: seeded.acme.customerPageId, email: email.address, now: app.deps.ctx.clock() }),
    );
    second.jar.set(createCustomerCookies(app.deps.config.publicUrl).sessionName(seeded.acme.customerPageId), sessionToken);
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? browser : second).post(`${seeded.acme.path}/tokens`, { name: `t${i}` })),
    );
    expect(answers.filter((res) => res.status === 201)).toHaveLength(MAX_READ_TOKENS_PER_VIEWER);
    expect(answers.filter((res) => res.status === 429)).toHaveLength(16 - MAX_READ_TOKENS_PER_VIEWER);
    expect(await app.deps.ctx.database.db.selectFrom('read_tokens').selectAll().execute()).toHaveLength(MAX_READ_TOKENS_PER_VIEWER);
  });

  it('the signed-in page links to the tokens screen', async () => {
    const { seeded, browser } = await signedIn();
    expect(await (await browser.get(seeded.acme.path)).text()).toContain(`href="${seeded.acme.path}/tokens"`);
  });
});
