import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { findOutboxMessage } from '../../../test/helpers/outbox-rows.js';
import { startWebhookReceiver } from '../../../test/helpers/webhook-receiver.js';
import { buildWebhookRig } from '../../../test/helpers/webhook-fixtures.js';
import { scopeKey } from '../../domain/notifications/notification-event.js';
import { listAuditEvents } from '../../store/access/audit-log.js';
import type { Notice } from '../notifications/notification-channel.js';
import { createWebhookChannel } from './webhook-channel.js';
import {
  ROTATION_OVERLAP_MS,
  createWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookDeliveryLog,
  replayWebhookDelivery,
  rotateWebhookSecret,
} from './webhook-endpoints.js';

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

/** `standardwebhooks` verification as a receiver would do it at `at` (it refuses timestamps five minutes off). */
function verifyAt(at: Date, secret: string, got: { body: string; headers: unknown }): unknown {
  vi.useFakeTimers({ toFake: ['Date'], now: at });
  try {
    return new Webhook(secret).verify(got.body, got.headers as Record<string, string>);
  } finally {
    vi.useRealTimers();
  }
}

describeEachEngine('webhook delivery', (database) => {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  const setUp = async (allowedCidrs?: string[]) => {
    const rig = await buildWebhookRig(database(), allowedCidrs);
    const scope = scopeKey({ kind: 'page', pageId: rig.pageId });
    const notice = async (): Promise<Notice> => {
      const { incidentId, updateId } = await rig.declare();
      return {
        id: `notice-${updateId}`,
        event: { type: 'incident.update', incidentId, updateId },
        componentIds: new Set([rig.componentId]),
        scopes: [scope],
        at: rig.deps.ctx.clock(),
        content: { title: 'Bench incident', status: 'investigating', message: null, componentNames: [] },
      };
    };
    const subscribe = (format?: string, url = `${receiver.url}/hook`) =>
      createWebhookEndpoint(rig.webhookDeps, { scope, url, format, createdBy: 'cli' }, 'cli');
    return { ...rig, scope, notice, subscribe, channel: createWebhookChannel(rig.webhookDeps, { batchSize: 2 }) };
  };

  it('WH-1: a fanned-out event arrives signed per Standard Webhooks, verified by the standardwebhooks package', async () => {
    const t = await setUp();
    try {
      const { secret, endpoint } = await t.subscribe();
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      const notice = await t.notice();
      expect(await t.channel.fanOut(t.deps.ctx, notice)).toBe(1);
      // A second run of the same notice queues nothing (recipient keys).
      expect(await t.channel.fanOut(t.deps.ctx, notice)).toBe(0);
      expect(await t.deliver()).toMatchObject({ sent: 1 });
      const [got] = receiver.received;
      const verified = verifyAt(t.deps.ctx.clock(), secret, got!);
      expect(verified).toMatchObject({ version: '1', type: 'incident.update', page: { id: t.pageId, name: 'Acme Status' } });
      expect(got!.headers['webhook-id']).toMatch(/^msg_/);
      // Another secret does not verify: the signature is really keyed by the endpoint's.
      expect(() => verifyAt(t.deps.ctx.clock(), 'whsec_' + Buffer.alloc(32, 7).toString('base64'), got!)).toThrow(/signature/i);
      const [logged] = await listWebhookDeliveryLog(t.webhookDeps, endpoint.id, { before: null, limit: 10 });
      expect(logged).toMatchObject({ outcome: 'sent', statusCode: 204, attempt: 1, eventType: 'incident.update' });
    } finally {
      await t.close();
    }
  });

  it('WH-1: after a rotation both secrets sign for the overlap, then only the new one', async () => {
    const t = await setUp();
    try {
      const { secret: old, endpoint } = await t.subscribe();
      const { secret: fresh } = await rotateWebhookSecret(t.webhookDeps, endpoint.id, 'cli');
      await t.channel.fanOut(t.deps.ctx, await t.notice());
      await t.deliver();
      const first = receiver.received[0]!;
      expect(first.headers['webhook-signature']!.toString().split(' ')).toHaveLength(2);
      expect(verifyAt(t.deps.ctx.clock(), old, first)).toBeTruthy();
      expect(verifyAt(t.deps.ctx.clock(), fresh, first)).toBeTruthy();
      t.advance(ROTATION_OVERLAP_MS + 1000);
      await t.channel.fanOut(t.deps.ctx, await t.notice());
      await t.deliver();
      const second = receiver.received[1]!;
      expect(second.headers['webhook-signature']!.toString().split(' ')).toHaveLength(1);
      expect(verifyAt(t.deps.ctx.clock(), fresh, second)).toBeTruthy();
      expect(() => verifyAt(t.deps.ctx.clock(), old, second)).toThrow(/signature/i);
    } finally {
      await t.close();
    }
  });

  it('WH-2: loopback is refused at delivery time unless staff allow it, and nothing reaches the receiver', async () => {
    const allowed = await setUp();
    let endpointId: string;
    try {
      endpointId = (await allowed.subscribe()).endpoint.id;
      await allowed.channel.fanOut(allowed.deps.ctx, await allowed.notice());
    } finally {
      await allowed.close();
    }
    // The same database, now served without WEBHOOK_ALLOWED_CIDRS.
    const strict = await buildWebhookRig(database(), []);
    try {
      expect(await strict.deliver()).toMatchObject({ retried: 1 });
      expect(receiver.received).toEqual([]);
      const [logged] = await listWebhookDeliveryLog(strict.webhookDeps, endpointId, { before: null, limit: 10 });
      expect(logged!.error).toMatch(/refused: 127\.0\.0\.1/);
    } finally {
      await strict.close();
    }
  });

  it('WH-2: subscribing a URL that resolves to loopback is refused without the allowance', async () => {
    const t = await setUp([]);
    try {
      await expect(t.subscribe(undefined, `http://localhost:${receiver.port}/x`)).rejects.toThrow(/cannot be delivered to: refused/);
      await expect(t.subscribe(undefined, `http://[::ffff:127.0.0.1]:${receiver.port}/x`)).rejects.toThrow(/cannot be delivered to/);
    } finally {
      await t.close();
    }
  });

  it('WH-3: a redirect is not followed, and counts as a failure to retry', async () => {
    const t = await setUp();
    try {
      await t.subscribe();
      receiver.answerNext({ status: 307, headers: { location: 'http://169.254.169.254/latest/meta-data' } });
      await t.channel.fanOut(t.deps.ctx, await t.notice());
      expect(await t.deliver()).toMatchObject({ retried: 1 });
      expect(receiver.received).toHaveLength(1);
      const [row] = await database().db.selectFrom('webhook_deliveries').selectAll().execute();
      expect(row!.error).toMatch(/redirect to http:\/\/169\.254\.169\.254\/latest\/meta-data not followed/);
    } finally {
      await t.close();
    }
  });

  it('410 Gone disables the endpoint, audited, and drops the message', async () => {
    const t = await setUp();
    try {
      const { endpoint } = await t.subscribe();
      receiver.answerNext({ status: 410, body: 'gone for good' });
      await t.channel.fanOut(t.deps.ctx, await t.notice());
      expect(await t.deliver()).toMatchObject({ dropped: 1 });
      expect(await getWebhookEndpoint(t.webhookDeps, endpoint.id)).toMatchObject({
        state: 'disabled',
        disabledReason: 'the receiver answered 410 Gone',
      });
      const audit = await listAuditEvents(database().db, {});
      expect(audit.some((event) => event.action === 'webhook_endpoint.disabled' && event.subjectId === endpoint.id)).toBe(true);
      // A disabled endpoint gets nothing more.
      expect(await t.channel.fanOut(t.deps.ctx, await t.notice())).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('429 with Retry-After waits that long (seconds or an HTTP date), then the same webhook-id is sent again', async () => {
    const t = await setUp();
    try {
      await t.subscribe();
      receiver.answerNext({ status: 429, headers: { 'retry-after': '120' } });
      await t.channel.fanOut(t.deps.ctx, await t.notice());
      expect(await t.deliver()).toMatchObject({ retried: 1 });
      const [row] = await database().db.selectFrom('outbox').selectAll().where('kind', '=', 'webhook.delivery').execute();
      const message = await findOutboxMessage(database().db, row!.id);
      expect(message!.nextAttemptAt.getTime() - t.deps.ctx.clock().getTime()).toBe(120_000);
      t.advance(60_000);
      expect(await t.deliver()).toMatchObject({ claimed: 0 });
      receiver.answerNext({
        status: 503,
        headers: { 'retry-after': new Date(t.deps.ctx.clock().getTime() + 61 * 60_000 + 60_000).toUTCString() },
      });
      t.advance(60_000);
      expect(await t.deliver()).toMatchObject({ retried: 1 });
      const again = await findOutboxMessage(database().db, row!.id);
      // An HTTP date, capped at an hour.
      expect(again!.nextAttemptAt.getTime() - t.deps.ctx.clock().getTime()).toBe(60 * 60_000);
      t.advance(60 * 60_000);
      expect(await t.deliver()).toMatchObject({ sent: 1 });
      const ids = receiver.received.map((got) => got.headers['webhook-id']);
      expect(new Set(ids).size).toBe(1);
      expect(ids).toHaveLength(3);
    } finally {
      await t.close();
    }
  });

  it('a replay sends the logged delivery again under the same webhook-id', async () => {
    const t = await setUp();
    try {
      const { endpoint } = await t.subscribe();
      await t.channel.fanOut(t.deps.ctx, await t.notice());
      await t.deliver();
      const [logged] = await listWebhookDeliveryLog(t.webhookDeps, endpoint.id, { before: null, limit: 10 });
      await replayWebhookDelivery(t.webhookDeps, endpoint.id, logged!.id, 'cli');
      expect(await t.deliver()).toMatchObject({ sent: 1 });
      expect(receiver.received).toHaveLength(2);
      expect(receiver.received[1]!.headers['webhook-id']).toBe(receiver.received[0]!.headers['webhook-id']);
      expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
    } finally {
      await t.close();
    }
  });

  it('the fan-out streams endpoints in batches and queues one message per endpoint of the notice scopes only', async () => {
    const t = await setUp();
    try {
      for (let i = 0; i < 5; i += 1) await t.subscribe('beacon', `${receiver.url}/hook-${i}`);
      const other = await createWebhookEndpoint(
        t.webhookDeps,
        { scope: t.scope, url: `${receiver.url}/slack`, format: 'slack', createdBy: 'cli' },
        'cli',
      );
      const notice = await t.notice();
      expect(await t.channel.fanOut(t.deps.ctx, { ...notice, scopes: ['page:elsewhere'] })).toBe(0);
      expect(await t.channel.fanOut(t.deps.ctx, notice)).toBe(6);
      while ((await t.deliver()).claimed > 0);
      expect(receiver.received).toHaveLength(6);
      const slack = receiver.received.find((got) => JSON.parse(got.body).blocks !== undefined);
      expect(JSON.parse(slack!.body)).toMatchObject({ text: expect.stringContaining('Acme Status: API down') });
      expect(other.endpoint.format).toBe('slack');
    } finally {
      await t.close();
    }
  });

  it('payloads: the Statuspage incident and component_update shapes, Discord embeds and a Teams Adaptive Card', async () => {
    const t = await setUp();
    try {
      for (const format of ['statuspage', 'discord', 'teams']) await t.subscribe(format, `${receiver.url}/${format}`);
      expect(await t.channel.fanOut(t.deps.ctx, await t.notice())).toBe(4);
      while ((await t.deliver()).claimed > 0);
      const bodies = receiver.received.map((got) => JSON.parse(got.body) as Record<string, unknown>);
      const incident = bodies.find((body) => 'incident' in body && 'meta' in body)!;
      expect(Object.keys(incident).sort()).toEqual(['incident', 'meta', 'page']);
      expect(Object.keys(incident.meta as object).sort()).toEqual(['documentation', 'unsubscribe']);
      expect(incident.page).toEqual({ id: t.pageId, status_indicator: 'major', status_description: 'Partial System Outage' });
      const sp = incident.incident as Record<string, unknown>;
      expect(Object.keys(sp).sort()).toEqual(
        [
          'created_at',
          'id',
          'impact',
          'incident_updates',
          'monitoring_at',
          'name',
          'resolved_at',
          'scheduled_for',
          'scheduled_until',
          'shortlink',
          'status',
          'updated_at',
        ].sort(),
      );
      expect(sp).toMatchObject({ name: 'API down', status: 'investigating', impact: 'major', scheduled_for: null });
      const [update] = sp.incident_updates as Record<string, unknown>[];
      expect(Object.keys(update!).sort()).toEqual([
        'affected_components',
        'body',
        'created_at',
        'display_at',
        'id',
        'incident_id',
        'status',
      ]);
      expect(update!.affected_components).toEqual([
        { code: t.componentId, name: 'API', old_status: 'operational', new_status: 'partial_outage' },
      ]);
      const componentUpdate = bodies.find((body) => 'component_update' in body)!;
      expect(Object.keys(componentUpdate).sort()).toEqual(['component', 'component_update', 'meta', 'page']);
      expect(componentUpdate.component_update).toMatchObject({
        component_id: t.componentId,
        old_status: 'operational',
        new_status: 'partial_outage',
      });
      expect(Object.keys(componentUpdate.component as object).sort()).toEqual(['created_at', 'id', 'name', 'status']);
      const discord = bodies.find((body) => 'embeds' in body)!;
      expect(discord.embeds).toEqual([
        expect.objectContaining({ title: 'Acme Status: API down', description: 'Looking into it', url: sp.shortlink }),
      ]);
      const teams = bodies.find((body) => body.type === 'message')!;
      expect(teams.attachments).toEqual([
        expect.objectContaining({
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: expect.objectContaining({ type: 'AdaptiveCard' }),
        }),
      ]);
    } finally {
      await t.close();
    }
  });
});
