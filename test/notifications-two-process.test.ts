/**
 * Notification delivery across real `beacon serve` processes sharing PostgreSQL, mailing a real SMTP
 * server: two processes deliver 1,000 mails with none twice and none missing; a process killed with
 * SIGKILL mid-delivery loses none once another takes over (at least once).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIncident } from '../src/services/status/incidents.js';
import { createComponent } from '../src/services/status/components.js';
import { createPage } from '../src/services/pages/pages.js';
import { type Database, openDatabase } from '../src/store/database.js';
import { NOTIFICATION_EMAIL_KIND } from '../src/services/notifications/notification-mail-payload.js';
import { type ServerProcess, startServerProcess } from './helpers/beacon-process.js';
import { TEST_DATABASE_URL, releasePostgresTestDatabase, takePostgresTestDatabase } from './helpers/databases.js';
import { insertSubscriptions } from './helpers/notification-fixtures.js';
import { type SmtpInbox, startSmtpInbox } from './helpers/smtp-inbox.js';
import { TEST_DATABASE_SETTINGS } from './helpers/test-config.js';

const SUBSCRIBERS = 1_000;

describe.skipIf(!TEST_DATABASE_URL)('notification delivery by Beacon processes sharing PostgreSQL', () => {
  let url: string;
  let dataDir: string;
  let database: Database;
  let inbox: SmtpInbox | undefined;
  const processes: ServerProcess[] = [];
  beforeEach(async () => {
    url = await takePostgresTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'beacon-notify-'));
    database = openDatabase(url, { ...TEST_DATABASE_SETTINGS, poolSize: 2 });
  });
  afterEach(async () => {
    await Promise.all(processes.splice(0).map((process) => process.stop()));
    await inbox?.close();
    inbox = undefined;
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    await releasePostgresTestDatabase(url);
  }, 60_000);

  const start = () =>
    startServerProcess(['serve'], {
      DATABASE_URL: url,
      BEACON_DATA_DIR: dataDir,
      PORT: '0',
      PUBLIC_URL: 'https://status.acme.test',
      SMTP_URL: inbox!.url,
      MAIL_FROM: 'Acme Status <status@acme.test>',
    }).then((started) => {
      processes.push(started);
      return started;
    });

  /** A page on one component and `SUBSCRIBERS` confirmed subscribers of it. */
  async function seedSubscribers(): Promise<string[]> {
    const ctx = { database, clock: () => new Date(), onRevision: () => {} };
    const component = await createComponent(ctx, { name: 'API' });
    const page = await createPage(ctx, {
      slug: 'status',
      name: 'Acme',
      items: [{ kind: 'component', componentId: component.id, showUptime: true }],
    });
    const emails = Array.from({ length: SUBSCRIBERS }, (_, i) => `subscriber${i}@example.com`);
    await insertSubscriptions(
      database,
      emails.map((email) => ({ scope: { kind: 'page' as const, pageId: page.id }, email })),
    );
    return emails;
  }
  const unsent = async () =>
    (await database.db.selectFrom('outbox').select('id').where('kind', '=', NOTIFICATION_EMAIL_KIND).where('sent_at', 'is', null).execute())
      .length;

  /** An incident on the page's component, notify on (the default), written as the API would. */
  async function declare(): Promise<void> {
    const component = await database.db.selectFrom('components').select('id').executeTakeFirstOrThrow();
    const impacts = [{ componentId: component.id, impact: 'partial_outage' as const }];
    const ctx = { database, clock: () => new Date(), onRevision: () => {} };
    await createIncident(ctx, { name: 'API errors', status: 'investigating', message: 'Looking.', impacts });
  }

  it('two processes deliver 1,000 notifications: each recipient exactly once, none missing', async () => {
    inbox = await startSmtpInbox();
    const emails = await seedSubscribers();
    await Promise.all([start(), start()]);
    await declare();
    await inbox.waitFor(SUBSCRIBERS, 90_000);
    await vi.waitFor(async () => expect(await unsent()).toBe(0), { timeout: 30_000, interval: 100 });
    // Nothing more arrives once every message is recorded as sent.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const received = inbox.mails.map((mail) => mail.envelopeTo.join(','));
    expect(received).toHaveLength(SUBSCRIBERS);
    expect(new Set(received)).toEqual(new Set(emails));
  }, 150_000);

  it('a process killed (SIGKILL) mid-delivery loses no notification: once its claims lapse, another process sends the rest', async () => {
    inbox = await startSmtpInbox({ delayMs: 20 });
    const emails = await seedSubscribers();
    const first = await start();
    await declare();
    await inbox.waitFor(150, 60_000);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const atKill = inbox.mails.length;
    expect(atKill).toBeLessThan(SUBSCRIBERS);
    // Its claims would lapse after the lease (5 minutes); the test lapses them now instead of waiting.
    const claimed = await database.db
      .updateTable('outbox')
      .set({ claimed_until: new Date(Date.now() - 1000).toISOString() })
      .where('sent_at', 'is', null)
      .where('failed_at', 'is', null)
      .where('claimed_by', 'is not', null)
      .executeTakeFirst();
    await start();
    await vi.waitFor(async () => expect(await unsent()).toBe(0), { timeout: 90_000, interval: 200 });
    const received = inbox.mails.map((mail) => mail.envelopeTo.join(','));
    expect(new Set(received)).toEqual(new Set(emails));
    // At least once: only mails in flight at the kill (claimed, not yet recorded) may arrive twice.
    expect(received.length - SUBSCRIBERS).toBeLessThanOrEqual(Number(claimed.numUpdatedRows));
  }, 180_000);
});
