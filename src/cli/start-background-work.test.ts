import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { seedCustomerPages } from '../../test/helpers/customer-pages.js';
import { type SmtpInbox, startSmtpInbox } from '../../test/helpers/smtp-inbox.js';
import { loadConfig } from '../config/load-config.js';
import { systemClock } from '../domain/clock.js';
import { migrateDatabase, openDatabase } from '../store/database.js';
import { type RunningServer, startServer } from './start-server.js';
import { TEST_DATABASE_SETTINGS } from '../../test/helpers/test-config.js';

describe('beacon serve delivers sign-in mail through the outbox', () => {
  let dataDir: string | undefined;
  let server: RunningServer | undefined;
  let inbox: SmtpInbox | undefined;
  afterEach(async () => {
    await server?.close();
    await inbox?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    server = inbox = dataDir = undefined;
  });

  it('REQ-2/REQ-3: a link asked for over HTTP arrives by SMTP, for allowlisted addresses only', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'beacon-mail-'));
    inbox = await startSmtpInbox();
    const config = loadConfig({ BEACON_DATA_DIR: dataDir, PORT: '0', SMTP_URL: inbox.url, MAIL_FROM: 'status@beacon.test' });
    const seeding = openDatabase(config.databaseUrl, TEST_DATABASE_SETTINGS);
    await migrateDatabase(seeding);
    const seeded = await seedCustomerPages({ database: seeding, clock: systemClock, onRevision: () => {} }, config.publicUrl);
    await seeding.close();

    server = await startServer(config, pino({ level: 'silent' }));
    const ask = (email: string) =>
      fetch(`${server!.url}${seeded.acme.path}/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
        body: new URLSearchParams({ email }),
      });
    expect((await ask('someone@not-a-customer.com')).status).toBe(200);
    expect((await ask('wile@acme-corp.com')).status).toBe(200);

    const [mail] = await inbox.waitFor(1, 10_000);
    expect(mail!.envelopeTo).toEqual(['wile@acme-corp.com']);
    expect(mail!.headers.get('subject')).toContain('Sign in to');
    // Both requests queued their mail (if any) in their own transaction, before answering: once the
    // outbox holds nothing unsent, every mail there will be has arrived.
    const outbox = openDatabase(config.databaseUrl, TEST_DATABASE_SETTINGS);
    try {
      const queued = await vi.waitFor(
        async () => {
          const rows = await outbox.db.selectFrom('outbox').select(['sent_at']).execute();
          expect(rows.filter((row) => row.sent_at === null)).toEqual([]);
          return rows;
        },
        { timeout: 10_000, interval: 20 },
      );
      expect(queued).toHaveLength(1);
    } finally {
      await outbox.close();
    }
    expect(inbox.mails).toHaveLength(1);
  }, 30_000);
});
