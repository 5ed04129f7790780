import type { NotificationEvent } from '../../domain/notifications/notification-event.js';
import type { Tx } from '../../store/transaction.js';
import { enqueue, enqueueMany } from '../outbox/outbox.js';
import { NOTIFICATION_FAN_OUT_KIND } from './notification-channel.js';

/** "Notify subscribers" on a write: on unless staff turn it off. */
export interface NotifyOption {
  notify?: boolean;
}

/** What a queued `NOTIFICATION_FAN_OUT_KIND` message holds. */
interface FanOutPayload {
  event: NotificationEvent;
  /** ISO time of the change. */
  at: string;
  /** False: staff chose not to notify; the message only holds the change's dedupe key (see `queueNotification`). */
  notify: boolean;
}

/**
 * The dedupe key of a maintenance change the clock may also make (`started`, `completed`, a
 * `reminder` of one scheduled start): whichever process or write queues it first, it is queued once.
 */
export const maintenanceChangeKey = (maintenanceId: string, change: 'started' | 'completed' | 'reminder', scheduledStart?: Date): string =>
  change === 'reminder'
    ? `maintenance:${maintenanceId}:reminder:${scheduledStart?.toISOString() ?? ''}`
    : `maintenance:${maintenanceId}:${change}`;

/**
 * Queues `event` for the fan-out in the write's own transaction, so subscribers hear of a change if and
 * only if it commits. With `dedupeKey`, the change is queued once however often it is asked for; with
 * notify off it is still recorded under that key (and fanned out to no one), so the clock does not
 * announce later what staff chose to keep quiet. Answers whether anything was queued to send.
 */
export async function queueNotification(
  tx: Tx,
  event: NotificationEvent,
  now: Date,
  options: NotifyOption & { dedupeKey?: string } = {},
): Promise<boolean> {
  const notify = options.notify !== false;
  const payload: FanOutPayload = { event, at: now.toISOString(), notify };
  if (options.dedupeKey !== undefined) {
    const queued = await enqueueMany(tx, [{ kind: NOTIFICATION_FAN_OUT_KIND, payload: { ...payload }, dedupeKey: options.dedupeKey }], now);
    return notify && queued > 0;
  }
  if (!notify) return false;
  await enqueue(tx, NOTIFICATION_FAN_OUT_KIND, { ...payload }, now);
  return true;
}
