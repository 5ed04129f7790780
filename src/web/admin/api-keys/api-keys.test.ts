/**
 * The dashboard's API keys screen (security.md STF-3, STF-4, STF-5, STF-7).
 */
import { expect, it } from 'vitest';
import { describeOnSqlite } from '../../../../test/helpers/describe-each-engine.js';
import { useStaffApp } from '../../../../test/helpers/staff-fixtures.js';
import { listAuditEvents } from '../../../store/access/audit-log.js';

describeOnSqlite('dashboard: API keys', (database) => {
  const { withStaff, staffBrowser } = useStaffApp();

  it('STF-4: an admin creates a key with a role and a scope; the token is shown once and opens the API as that role', async () => {
    const { app } = await withStaff(database());
    const ann = await staffBrowser(app, 'ann@example.com');
    const created = await ann.post('/admin/api-keys', { name: 'Pager', role: 'responder', scope: ['incidents', 'maintenances'] });
    expect(created.status).toBe(200);
    const html = await created.text();
    const token = /id="token-value" class="token" type="text" readonly="" value="([^"]+)"/.exec(html)?.[1];
    expect(token).toBeDefined();
    // Shown once: the list never shows it again.
    expect(await (await ann.get('/admin/api-keys')).text()).not.toContain(token!);

    const api = (path: string, init: RequestInit = {}) =>
      app.app.request(`/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    expect((await api('/incidents')).status).toBe(200);
    expect((await api('/components')).status).toBe(403); // outside its scope
    const [key] = await app.deps.ctx.database.db.selectFrom('api_keys').select(['role', 'scope']).where('name', '=', 'Pager').execute();
    expect(key?.role).toBe('responder');
    const events = await listAuditEvents(app.deps.ctx.database.db, { action: 'api_key.created', actor: 'staff:ann@example.com' });
    expect(events.map((event) => event.details)).toEqual([expect.objectContaining({ name: 'Pager', role: 'responder' })]);
  });

  it('revokes a key at once, audited with the actor (STF-4, STF-7)', async () => {
    const { app } = await withStaff(database());
    const ann = await staffBrowser(app, 'ann@example.com');
    const html = await (await ann.post('/admin/api-keys', { name: 'CI', role: 'viewer' })).text();
    const token = /readonly="" value="([^"]+)"/.exec(html)![1]!;
    const id = (await app.deps.ctx.database.db.selectFrom('api_keys').select('id').where('name', '=', 'CI').executeTakeFirstOrThrow()).id;
    const revoked = await ann.post('/admin/api-keys/revoke', { id });
    expect(revoked.headers.get('location')).toBe('/admin/api-keys?notice=revoked');
    expect((await app.app.request('/api/v1/incidents', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect(await (await ann.get('/admin/api-keys')).text()).toContain('1 revoked');
    const events = await listAuditEvents(app.deps.ctx.database.db, { action: 'api_key.revoked' });
    expect(events.map((event) => event.actor)).toEqual(['staff:ann@example.com']);
    expect((await ann.post('/admin/api-keys/revoke', { id: 'nope' })).status).toBe(404);
  });

  it('STF-3: responders and viewers neither see nor make keys, whatever they post', async () => {
    const { app } = await withStaff(database(), { 'ann@example.com': 'admin', 'bob@example.com': 'responder', 'cy@example.com': 'viewer' });
    const keysBefore = await app.deps.ctx.database.db.selectFrom('api_keys').select('name').execute();
    for (const email of ['bob@example.com', 'cy@example.com']) {
      const browser = await staffBrowser(app, email);
      expect((await browser.get('/admin/api-keys')).status).toBe(403);
      expect((await browser.post('/admin/api-keys', { name: 'Mine', role: 'admin' })).status).toBe(403);
      expect(await (await browser.get('/admin')).text()).not.toContain('href="/admin/api-keys"');
    }
    expect(await app.deps.ctx.database.db.selectFrom('api_keys').select('name').execute()).toEqual(keysBefore);
  });

  it('shows field errors in place and keeps what was typed; junk makes no 500 (STF-5 cross-site refused)', async () => {
    const { app } = await withStaff(database());
    const keysBefore = await app.deps.ctx.database.db.selectFrom('api_keys').select('name').execute();
    const ann = await staffBrowser(app, 'ann@example.com');
    const empty = await ann.post('/admin/api-keys', { name: '  ', role: 'viewer', scope: 'incidents' });
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toMatch(/id="name-error" class="field-error">[^<]+</);
    expect(html).toMatch(/value="incidents" checked=""/);
    expect((await ann.post('/admin/api-keys', { name: 'x', role: 'root' })).status).toBe(400);
    expect((await ann.post('/admin/api-keys', { name: 'x', role: 'viewer', scope: 'everything' })).status).toBe(400);
    expect((await ann.post('/admin/api-keys', { name: 'x'.repeat(5000), role: 'viewer' })).status).toBe(400);
    expect(
      (await ann.post('/admin/api-keys', {}, { 'sec-fetch-site': 'same-origin', 'content-type': 'multipart/form-data' })).status,
    ).toBeLessThan(500);
    const crossSite = await ann.post(
      '/admin/api-keys',
      { name: 'x', role: 'admin' },
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    expect(await app.deps.ctx.database.db.selectFrom('api_keys').select('name').execute()).toEqual(keysBefore);
  });
});
