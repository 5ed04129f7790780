import type { NotificationEvent } from '../../domain/notifications/notification-event.js';
import type { ServiceContext } from '../context.js';

/** The outbox kind of a queued `NotificationEvent`, which the fan-out turns into one message per recipient. */
export const NOTIFICATION_FAN_OUT_KIND = 'notification.fan-out';

/** A queued event, resolved once by the fan-out against the live state and handed to every channel. */
export interface Notice {
  /** The fan-out message's id: every recipient's message is queued under `recipientKey(notice, channel, id)`. */
  id: string;
  event: NotificationEvent;
  /** The components the change touches. */
  componentIds: ReadonlySet<string>;
  /** `scopeKey`s of the pages, sub-pages and customer pages the change shows on now (`pagesTouchedBy`). */
  scopes: readonly string[];
  /** When the change was made. */
  at: Date;
  /** What to tell, resolved once for every channel and recipient. */
  content: NoticeContent;
}

/** What a notice says, in words a mail or a webhook body can carry as they are. */
export interface NoticeContent {
  /** The incident's or the maintenance window's name. */
  title: string;
  /** The incident update's status (`investigating` … `resolved`) or the maintenance change (`scheduled` … `reminder`). */
  status: string;
  /** The update's message; a window's description when the change posted none; null when there is neither. */
  message: string | null;
  /** The names of the components it touches, in name order. */
  componentNames: string[];
  /** A maintenance window's schedule. */
  window?: { start: Date; end: Date };
}

/**
 * One way of telling subscribers (email, webhooks). `fanOut` runs in the outbox worker, outside the
 * write's transaction, and may run again after a crash: it streams its recipients in `notice.scopes`
 * in batches (never all at once) and queues one outbox message per recipient with `enqueueMany`
 * under `recipientKey`, so a re-run queues no one twice. It answers how many it queued.
 */
export interface NotificationChannel {
  readonly name: string;
  fanOut(ctx: ServiceContext, notice: Notice): Promise<number>;
}

/** The dedupe key of one recipient's message for one notice (see `enqueueMany`). */
export const recipientKey = (notice: Pick<Notice, 'id'>, channel: string, recipientId: string): string =>
  `${notice.id}:${channel}:${recipientId}`;
