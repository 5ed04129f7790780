import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { buildNotificationRig, insertSubscriptions } from '../../../test/helpers/notification-fixtures.js';
import { type SmtpInbox, startSmtpInbox } from '../../../test/helpers/smtp-inbox.js';
import { cancelMaintenance, postMaintenanceUpdate, scheduleMaintenance, startMaintenanceEarly } from '../status/maintenances.js';
import { queueClockMaintenanceChanges } from './maintenance-clock.js';

const MINUTE = 60_000;

describeEachEngine('notifications: maintenance windows, by staff and by the clock', (database) => {
  let inbox: SmtpInbox;
  let rig: Awaited<ReturnType<typeof buildNotificationRig>>;
  beforeEach(async () => {
    inbox = await startSmtpInbox();
    rig = await buildNotificationRig(database(), { smtpUrl: inbox.url });
    await insertSubscriptions(database(), [{ scope: { kind: 'page', pageId: rig.page.id }, email: 'ops@example.com' }]);
  });
  afterEach(async () => {
    await rig.close();
    await inbox.close();
  });
  const subjects = () => inbox.mails.map((mail) => mail.headers.get('subject'));
  const schedule = (startInMinutes: number, notify?: boolean) =>
    scheduleMaintenance(rig.ctx, {
      name: 'DB upgrade',
      description: 'Upgrading the primary.',
      componentIds: [rig.components.db],
      scheduledStart: new Date(rig.ctx.clock().getTime() + startInMinutes * MINUTE),
      scheduledEnd: new Date(rig.ctx.clock().getTime() + (startInMinutes + 60) * MINUTE),
      ...(notify === undefined ? {} : { notify }),
    });

  it('the announcement, a reminder, the start and the end reach subscribers once each, however often and wherever the clock looks', async () => {
    await schedule(120);
    await rig.deliverAll();
    expect(subjects()).toEqual(['[Acme Status] DB upgrade: Maintenance scheduled']);
    const text = inbox.mails[0]!.parts.get('text/plain') ?? '';
    expect(text).toContain('Scheduled: 2025-03-01 14:00 UTC to 2025-03-01 15:00 UTC');
    expect(text).toContain('Upgrading the primary.');
    expect(text).toContain('Affected: Database');

    const clock = () => queueClockMaintenanceChanges(rig.ctx, { reminderMinutes: 30 });
    expect(await clock()).toBe(0);
    rig.advance(95 * MINUTE);
    // Two processes' clocks look at once: the reminder is queued by one of them.
    expect((await Promise.all([clock(), clock()])).reduce((a, b) => a + b)).toBe(1);
    // Mails of one round go out concurrently, in no set order: deliver each change before the next.
    await rig.deliverAll();
    rig.advance(30 * MINUTE);
    expect(await clock()).toBe(1);
    expect(await clock()).toBe(0);
    await rig.deliverAll();
    rig.advance(60 * MINUTE);
    expect(await clock()).toBe(1);
    await rig.deliverAll();
    expect(subjects()).toEqual([
      '[Acme Status] DB upgrade: Maintenance scheduled',
      '[Acme Status] DB upgrade: Maintenance starts soon',
      '[Acme Status] DB upgrade: Maintenance started',
      '[Acme Status] DB upgrade: Maintenance completed',
    ]);
    rig.advance(10 * MINUTE);
    expect(await clock()).toBe(0);
  });

  it('no reminder unless configured; an update carries its message', async () => {
    const window = await schedule(120, false);
    await postMaintenanceUpdate(rig.ctx, window.id, { message: 'Moved to the new rack.' });
    rig.advance(100 * MINUTE);
    expect(await queueClockMaintenanceChanges(rig.ctx, { reminderMinutes: null })).toBe(0);
    await rig.deliverAll();
    expect(subjects()).toEqual(['[Acme Status] DB upgrade: Maintenance update']);
    expect(inbox.mails[0]!.parts.get('text/plain')).toContain('Moved to the new rack.');
  });

  it('a start staff make early is announced once, by them; kept quiet, the clock does not announce it either', async () => {
    const loud = await schedule(120, false);
    const quiet = await schedule(180, false);
    await startMaintenanceEarly(rig.ctx, loud.id);
    await startMaintenanceEarly(rig.ctx, quiet.id, { notify: false });
    rig.advance(MINUTE);
    expect(await queueClockMaintenanceChanges(rig.ctx, { reminderMinutes: null })).toBe(0);
    await cancelMaintenance(rig.ctx, quiet.id, { message: 'Called off.' });
    await rig.deliverAll();
    expect(subjects().sort()).toEqual(['[Acme Status] DB upgrade: Maintenance cancelled', '[Acme Status] DB upgrade: Maintenance started']);
    const cancelled = inbox.mails.find((mail) => mail.headers.get('subject')?.endsWith('cancelled'));
    expect(cancelled!.parts.get('text/plain')).toContain('Called off.');
  });
});
