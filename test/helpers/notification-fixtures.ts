/**
 * Notifications end to end in one process: a public page and the customer pages of
 * `seedCustomerPages`, subscriptions written straight to their table, the live state from a real
 * snapshot holder, and the outbox run by the real fan-out, email channel and mail handler.
 */
import pino from 'pino';
import { newId } from '../../src/domain/id.js';
import { type SubscriptionScope, scopeKey } from '../../src/domain/notifications/notification-event.js';
import type { ServiceContext } from '../../src/services/context.js';
import { createSnapshotHolder } from '../../src/services/live-state/snapshot-holder.js';
import { createEmailChannel } from '../../src/services/notifications/email-channel.js';
import { createNotificationFanOut } from '../../src/services/notifications/fan-out.js';
import { NOTIFICATION_FAN_OUT_KIND } from '../../src/services/notifications/notification-channel.js';
import { createNotificationMailHandler } from '../../src/services/notifications/notification-mail.js';
import { NOTIFICATION_EMAIL_KIND } from '../../src/services/notifications/notification-mail-payload.js';
import { createSmtpMailer } from '../../src/services/outbox/mailer.js';
import { type OutboxRound, runOutboxOnce } from '../../src/services/outbox/outbox-worker.js';
import { createPage } from '../../src/services/pages/pages.js';
import { createComponent } from '../../src/services/status/components.js';
import type { Database } from '../../src/store/database.js';
import { toDbTime } from '../../src/store/codec.js';
import { writeTransaction } from '../../src/store/transaction.js';
import { seedCustomerPages } from './customer-pages.js';

export const PUBLIC_URL = 'https://status.acme.test';
export const SECRET = 'notification-test-secret-0123456789abcdef';
const silent = pino({ level: 'silent' });

export interface SubscribeOptions {
  state?: 'pending' | 'confirmed' | 'unsubscribed';
  componentIds?: string[] | null;
}

/** Inserts subscription rows as the subscribe flow leaves them (canonical address, its domain). */
export async function insertSubscriptions(
  database: Database,
  rows: readonly { scope: SubscriptionScope | string; email: string; options?: SubscribeOptions }[],
): Promise<string[]> {
  const at = toDbTime(new Date('2025-01-01T00:00:00.000Z'));
  const values = rows.map(({ scope, email, options = {} }) => ({
    id: newId(),
    scope: typeof scope === 'string' ? scope : scopeKey(scope),
    email,
    domain: email.slice(email.indexOf('@') + 1),
    component_ids: options.componentIds ? JSON.stringify(options.componentIds) : null,
    state: options.state ?? 'confirmed',
    consent_source: 'form',
    consent_at: at,
    created_at: at,
    updated_at: at,
    confirmed_at: options.state === 'confirmed' || options.state === undefined ? at : null,
    unsubscribed_at: null,
  }));
  for (let i = 0; i < values.length; i += 500) {
    await writeTransaction(database, (tx) =>
      tx
        .insertInto('email_subscriptions')
        .values(values.slice(i, i + 500))
        .execute(),
    );
  }
  return values.map((value) => value.id);
}

/** A page "Status" showing API and DB, plus the customer pages; the fan-out, channel and mail handler over them. */
export async function buildNotificationRig(database: Database, options: { smtpUrl: string; start?: Date }) {
  let now = (options.start ?? new Date('2025-03-01T12:00:00.000Z')).getTime();
  const holderRef: { current?: ReturnType<typeof createSnapshotHolder> } = {};
  const ctx: ServiceContext = {
    database,
    clock: () => new Date(now),
    onRevision: (revision) => holderRef.current?.onRevision(revision),
  };
  const holder = createSnapshotHolder(ctx, { pollIntervalMs: 0 });
  holderRef.current = holder;
  const api = await createComponent(ctx, { name: 'API' });
  const db = await createComponent(ctx, { name: 'Database' });
  const page = await createPage(ctx, {
    slug: 'status',
    name: 'Acme Status',
    items: [
      { kind: 'component', componentId: api.id, showUptime: true },
      { kind: 'component', componentId: db.id, showUptime: true },
    ],
  });
  const customers = await seedCustomerPages(ctx, PUBLIC_URL);
  const mailer = createSmtpMailer({ smtpUrl: options.smtpUrl, from: 'Acme Status <status@acme.test>', timeoutMs: 5000 });
  const fanOut = createNotificationFanOut(ctx, { liveState: holder });
  fanOut.register(createEmailChannel({ batchSize: 7 }));
  const handlers = {
    [NOTIFICATION_FAN_OUT_KIND]: fanOut.handler,
    [NOTIFICATION_EMAIL_KIND]: createNotificationMailHandler(ctx, { mailer, liveState: holder, publicUrl: PUBLIC_URL, secret: SECRET }),
  };
  /** Runs the outbox until a round claims nothing, adding up what it did. */
  const deliverAll = async (): Promise<OutboxRound> => {
    const total: OutboxRound = { claimed: 0, sent: 0, dropped: 0, retried: 0, failed: 0 };
    for (;;) {
      const round = await runOutboxOnce(ctx, { handlers, logger: silent, batchSize: 20 });
      if (round.claimed === 0) return total;
      for (const key of Object.keys(total) as (keyof OutboxRound)[]) total[key] += round[key];
    }
  };
  return {
    ctx,
    holder,
    handlers,
    fanOut,
    mailer,
    deliverAll,
    components: { api: api.id, db: db.id },
    page,
    customers,
    advance: (ms: number) => {
      now += ms;
    },
    setNow: (at: Date) => {
      now = at.getTime();
    },
    close: async () => {
      mailer.close();
      await holder.close();
    },
  };
}
