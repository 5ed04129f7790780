/** "Notify subscribers" on the dashboard's incident and maintenance forms: ticked by default, honoured when unticked, kept on a review. */
import { afterEach, expect, it } from 'vitest';
import { createBrowser } from '../../../test/helpers/customer-pages.js';
import { describeOnSqlite } from '../../../test/helpers/describe-each-engine.js';
import { addStaff, signInToAdmin } from '../../../test/helpers/staff-fixtures.js';
import { type TestApp, createTestApp } from '../../../test/helpers/test-app.js';
import { NOTIFICATION_FAN_OUT_KIND } from '../../services/notifications/notification-channel.js';
import { createPage } from '../../services/pages/pages.js';
import { createStaffDeps } from '../../services/staff/staff-deps.js';
import { createComponent } from '../../services/status/components.js';
import { scheduleMaintenance } from '../../services/status/maintenances.js';

describeOnSqlite('dashboard: notify subscribers', (database) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function setUp() {
    t = await createTestApp(database());
    const { ctx } = t.deps;
    const api = await createComponent(ctx, { name: 'API' });
    await createPage(ctx, { slug: 'acme', name: 'Acme', items: [{ kind: 'component', componentId: api.id, showUptime: true }] });
    await addStaff(createStaffDeps(ctx, { secret: t.deps.config.secret }), { 'rita@example.com': 'responder' });
    t.advance(61_000);
    const browser = createBrowser(t.app);
    await signInToAdmin(t.deps, browser, 'rita@example.com');
    const queued = async () =>
      (await ctx.database.db.selectFrom('outbox').select('payload').where('kind', '=', NOTIFICATION_FAN_OUT_KIND).execute()).map(
        (row) => JSON.parse(row.payload) as { event: { type: string; change?: string }; notify: boolean },
      );
    return { t, ctx, api, browser, queued };
  }

  it('the declare form shows the box ticked; sent unticked nothing is queued, a review keeps it unticked; ticked it is queued', async () => {
    const { api, browser, queued } = await setUp();
    const blank = await (await browser.get('/admin/incidents/new')).text();
    expect(blank).toMatch(/<input id="notify" type="checkbox" name="notify" value="1" checked=""/);
    expect(blank).toContain('Notify subscribers');
    const fields = { name: 'Quiet', status: 'investigating', message: 'Fixing.', [`impact.${api.id}`]: 'partial_outage', notifyShown: '1' };
    const review = await (await browser.post('/admin/incidents/review', fields)).text();
    expect(review).toMatch(/<input id="notify" type="checkbox" name="notify" value="1"\s*\/?>/);
    expect((await browser.post('/admin/incidents', fields)).status).toBe(303);
    expect(await queued()).toEqual([]);
    expect((await browser.post('/admin/incidents', { ...fields, name: 'Loud', notify: '1' })).status).toBe(303);
    expect((await queued()).map((payload) => payload.event.type)).toEqual(['incident.update']);
  });

  it('a maintenance window started early with the box unticked is kept quiet, and the clock stays quiet about it too', async () => {
    const { t, ctx, api, browser, queued } = await setUp();
    const start = new Date(t.deps.ctx.clock().getTime() + 3_600_000);
    const window = await scheduleMaintenance(ctx, {
      name: 'Upgrade',
      componentIds: [api.id],
      scheduledStart: start,
      scheduledEnd: new Date(start.getTime() + 3_600_000),
      notify: false,
    });
    const screen = await (await browser.get(`/admin/maintenance/${window.id}`)).text();
    expect(screen).toMatch(/<input id="start-notify" type="checkbox" name="notify" value="1" checked=""/);
    expect((await browser.post(`/admin/maintenance/${window.id}/start`, { zone: 'UTC', notifyShown: '1' })).status).toBe(303);
    // Recorded under the start's key, to be fanned out to no one.
    expect(await queued()).toEqual([expect.objectContaining({ event: expect.objectContaining({ change: 'started' }), notify: false })]);
  });
});
