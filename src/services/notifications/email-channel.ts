import { readConfirmedSubscribers } from '../../store/subscriptions/subscriber-stream.js';
import type { ServiceContext } from '../context.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';
import { enqueueMany } from '../outbox/outbox.js';
import { type Notice, type NotificationChannel, recipientKey } from './notification-channel.js';
import { NOTIFICATION_EMAIL_KIND, type NotificationMailPayload } from './notification-mail-payload.js';

/** Subscribers read and queued per transaction. */
const EMAIL_FAN_OUT_BATCH = 500;

const meets = (filter: readonly string[] | null, touched: ReadonlySet<string>): boolean =>
  filter === null || filter.some((id) => touched.has(id));

/**
 * The email channel: streams the confirmed, unquarantined subscriptions of the notice's scopes in
 * keyset pages of `batchSize`, keeps those whose component filter meets the change, and queues one
 * `notification.email` per subscription under its `recipientKey` (a re-run queues no one twice).
 * Whether each may still have it is checked again when it is sent (notification-mail.ts).
 */
export function createEmailChannel(options: { batchSize?: number } = {}): NotificationChannel {
  const limit = options.batchSize ?? EMAIL_FAN_OUT_BATCH;
  return {
    name: 'email',
    async fanOut(ctx: ServiceContext, notice: Notice): Promise<number> {
      const carried = payloadNotice(notice);
      let after: string | null = null;
      let queued = 0;
      for (;;) {
        const page = await readConfirmedSubscribers(ctx.database.db, { scopes: notice.scopes, after, limit });
        if (page.length === 0) break;
        after = page[page.length - 1]!.id;
        const messages = page
          .filter((subscriber) => meets(subscriber.componentIds, notice.componentIds))
          .map((subscriber) => {
            const payload: NotificationMailPayload = { subscriptionId: subscriber.id, notice: carried };
            return { kind: NOTIFICATION_EMAIL_KIND, payload: { ...payload }, dedupeKey: recipientKey(notice, 'email', subscriber.id) };
          });
        if (messages.length > 0) {
          queued += await writeUnannounced(ctx, (tx) => enqueueMany(tx, messages, ctx.clock()));
          ctx.outbox?.ring();
        }
        if (page.length < limit) break;
      }
      return queued;
    },
  };
}

/** The notice as each mail's payload carries it: resolved once, so sending reads no incident again. */
function payloadNotice(notice: Notice): NotificationMailPayload['notice'] {
  const { content } = notice;
  return {
    id: notice.id,
    kind: notice.event.type,
    at: notice.at.toISOString(),
    title: content.title,
    status: content.status,
    message: content.message,
    componentNames: content.componentNames,
    ...(content.window ? { window: { start: content.window.start.toISOString(), end: content.window.end.toISOString() } } : {}),
  };
}
