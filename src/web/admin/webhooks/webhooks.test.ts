/**
 * The dashboard's webhooks screens (STF-3, STF-5, WH-1, WH-3).
 */
import { expect, it } from 'vitest';
import { describeOnSqlite } from '../../../../test/helpers/describe-each-engine.js';
import { useStaffApp } from '../../../../test/helpers/staff-fixtures.js';
import { listAuditEvents } from '../../../store/access/audit-log.js';

describeOnSqlite('dashboard: webhooks', (database) => {
  const { withStaff, staffBrowser } = useStaffApp();

  it('an admin adds an endpoint (secret shown once), rotates, disables, enables, reads its log and deletes it', async () => {
    const { app } = await withStaff(database(), { 'ann@example.com': 'admin', 'vic@example.com': 'viewer' });
    const db = app.deps.ctx.database.db;
    const pageId = ((await (await app.requestJson('POST', '/api/v1/pages', { slug: 'public', name: 'Public' })).json()) as { id: string })
      .id;
    const ann = await staffBrowser(app, 'ann@example.com');
    const added = await ann.post('/admin/webhooks', { scope: `page:${pageId}`, url: 'http://93.184.216.34/hook', format: '' });
    expect(added.status).toBe(200);
    const secret = /id="secret-value" class="token" type="text" readonly="" value="([^"]+)"/.exec(await added.text())?.[1];
    expect(secret).toMatch(/^whsec_/);
    const list = await (await ann.get(`/admin/webhooks?scope=page:${pageId}`)).text();
    expect(list).toContain('http://93.184.216.34/hook');
    expect(list).not.toContain(secret!);
    const id = (await db.selectFrom('webhook_endpoints').select('id').executeTakeFirstOrThrow()).id;

    const rotated = await (await ann.post('/admin/webhooks/rotate', { id })).text();
    expect(/readonly="" value="(whsec_[^"]+)"/.exec(rotated)?.[1]).not.toBe(secret);
    expect((await ann.post('/admin/webhooks/disable', { id })).headers.get('location')).toBe('/admin/webhooks?notice=disabled');
    expect((await db.selectFrom('webhook_endpoints').select('state').executeTakeFirstOrThrow()).state).toBe('disabled');
    await ann.post('/admin/webhooks/enable', { id });
    expect((await ann.get(`/admin/webhooks/${id}/deliveries`)).status).toBe(200);
    expect((await ann.post('/admin/webhooks/delete', { id })).headers.get('location')).toBe('/admin/webhooks?notice=deleted');
    const actions = (await listAuditEvents(db, { actor: 'staff:ann@example.com' })).map((event) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'webhook_endpoint.created',
        'webhook_endpoint.secret_rotated',
        'webhook_endpoint.disabled',
        'webhook_endpoint.enabled',
        'webhook_endpoint.deleted',
      ]),
    );

    // STF-3: a viewer reads but writes nothing.
    const vic = await staffBrowser(app, 'vic@example.com');
    expect((await vic.get('/admin/webhooks')).status).toBe(200);
    expect((await vic.post('/admin/webhooks', { scope: `page:${pageId}`, url: 'http://93.184.216.34/x' })).status).toBe(403);
    expect(await db.selectFrom('webhook_endpoints').selectAll().execute()).toEqual([]);
  });
});
