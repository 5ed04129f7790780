import { afterEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../../../test/helpers/test-app.js';
import { insertTestComponent } from '../../../../../test/helpers/write-fixtures.js';
import { NOTIFICATION_FAN_OUT_KIND } from '../../../../services/notifications/notification-channel.js';

const NOW = new Date('2025-03-01T12:00:00.000Z');
const inHours = (hours: number): string => new Date(NOW.getTime() + hours * 3_600_000).toISOString();

describeEachEngine('API v1 "notify subscribers"', (database) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });
  /** The events queued for the fan-out. */
  const queued = async () =>
    (
      await database()
        .db.selectFrom('outbox')
        .select(['payload', 'created_at'])
        .where('kind', '=', NOTIFICATION_FAN_OUT_KIND)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    ).map((row) => JSON.parse(row.payload) as { event: { type: string; change?: string }; notify: boolean });

  it('every incident and maintenance write queues its notice unless the body says notify: false; a bad value is a 400', async () => {
    t = await createTestApp(database(), { now: NOW });
    const component = await insertTestComponent(database(), 'API');
    const impacts = [{ component_id: component, impact: 'partial_outage' }];
    const created = await t.requestJson('POST', '/api/v1/incidents', { name: 'Errors', message: 'Looking.', components: impacts });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(
      (await t.requestJson('POST', `/api/v1/incidents/${id}/updates`, { status: 'identified', message: 'Quiet.', notify: false })).status,
    ).toBe(201);
    expect(
      (await t.requestJson('POST', `/api/v1/incidents/${id}/updates`, { status: 'monitoring', message: 'x', notify: 'no' })).status,
    ).toBe(400);
    expect((await t.requestJson('POST', `/api/v1/incidents/${id}/resolve`, { notify: true })).status).toBe(200);
    const window = await t.requestJson('POST', '/api/v1/maintenances', {
      name: 'Upgrade',
      component_ids: [component],
      scheduled_start: inHours(1),
      scheduled_end: inHours(2),
      notify: false,
    });
    const { id: maintenanceId } = (await window.json()) as { id: string };
    expect((await t.requestJson('POST', `/api/v1/maintenances/${maintenanceId}/updates`, { message: 'Moved.' })).status).toBe(201);
    expect((await t.requestJson('POST', `/api/v1/maintenances/${maintenanceId}/cancel`, { notify: false })).status).toBe(200);
    // The test clock stands still: every row has the same time, so compare without order.
    expect((await queued()).map((payload) => payload.event.change ?? payload.event.type).sort()).toEqual([
      'incident.update',
      'incident.update',
      'updated',
    ]);
  });

  it('the OpenAPI document describes notify on every write that takes it', async () => {
    t = await createTestApp(database(), { now: NOW });
    const doc = (await (await t.app.request('/api/v1/openapi.json')).json()) as {
      components: { schemas: Record<string, { properties?: Record<string, { type?: string; description?: string }> }> };
    };
    for (const name of [
      'CreateIncident',
      'PostIncidentUpdate',
      'ResolveIncident',
      'ScheduleMaintenance',
      'UpdateMaintenance',
      'PostMaintenanceUpdate',
      'EndMaintenance',
    ]) {
      expect(doc.components.schemas[name]?.properties?.notify, name).toMatchObject({
        type: 'boolean',
        description: expect.stringContaining('subscribers'),
      });
    }
  });
});
