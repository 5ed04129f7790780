import { z } from 'zod';
import { SYSTEM_ACTOR } from '../../domain/access/audit-event.js';
import { MAINTENANCE_CHANGES } from '../../domain/notifications/notification-event.js';
import { type SubscriptionScope, scopeKey } from '../../domain/notifications/notification-event.js';
import type { PageKindsIndex } from '../../domain/pages/page-kinds-index.js';
import { pagesTouchedBy } from '../../domain/pages/pages-touched.js';
import { incidentComponentIds } from '../../domain/status/incident-status.js';
import { findIncident } from '../../store/status/incidents.js';
import { findMaintenance } from '../../store/status/maintenances.js';
import type { OutboxRecord } from '../../store/outbox.js';
import type { ServiceContext } from '../context.js';
import type { SnapshotSource } from '../live-state/snapshot-source.js';
import type { OutboxHandler, OutboxOutcome } from '../outbox/outbox-worker.js';
import type { Notice, NoticeContent, NotificationChannel } from './notification-channel.js';

const FanOutPayloadSchema = z.object({
  event: z.discriminatedUnion('type', [
    z.object({ type: z.literal('incident.update'), incidentId: z.string(), updateId: z.string() }),
    z.object({
      type: z.literal('maintenance.change'),
      maintenanceId: z.string(),
      change: z.enum(MAINTENANCE_CHANGES),
      updateId: z.string().optional(),
    }),
  ]),
  at: z.iso.datetime(),
  notify: z.boolean(),
});

/** Audit action of a fanned-out notice: how many recipients each channel queued. */
const NOTIFICATION_FANNED_OUT = 'notification.fanned_out';

export interface NotificationFanOut {
  /** The outbox handler of `NOTIFICATION_FAN_OUT_KIND`. */
  handler: OutboxHandler;
  /**
   * Adds a channel: every notice from now on is handed to it too.
   *
   * @example fanOut.register(createEmailChannel(…))
   */
  register(channel: NotificationChannel): void;
}

/**
 * Turns each queued `NotificationEvent` into a `Notice` against the live state (what the change
 * touches, the pages it shows on, what to say) and hands it to every registered channel, which queues
 * one message per recipient. A crash part-way through leaves the message to be claimed again: the
 * channels then queue only whom they had not (dedupe keys, `recipientKey`).
 */
export function createNotificationFanOut(ctx: ServiceContext, deps: { liveState: SnapshotSource }): NotificationFanOut {
  const channels: NotificationChannel[] = [];
  const handler: OutboxHandler = {
    async deliver(message): Promise<OutboxOutcome> {
      const parsed = FanOutPayloadSchema.safeParse(parseJson(message.payload));
      if (!parsed.success) return { status: 'dropped', reason: 'malformed_payload' };
      const payload = parsed.data;
      // Staff kept the change quiet: the row only holds its dedupe key.
      if (!payload.notify) return { status: 'sent' };
      const snapshot = await deps.liveState.fresh();
      const notice = await resolveNotice(ctx, deps.liveState.pageKinds(snapshot), message, payload);
      if (!notice) return { status: 'dropped', reason: 'subject_removed' };
      const queued: Record<string, number> = {};
      for (const channel of channels) queued[channel.name] = await channel.fanOut(ctx, notice);
      const subjectId = notice.event.type === 'incident.update' ? notice.event.incidentId : notice.event.maintenanceId;
      return {
        status: 'sent',
        events: [
          {
            actor: SYSTEM_ACTOR,
            action: NOTIFICATION_FANNED_OUT,
            subjectType: notice.event.type === 'incident.update' ? 'incident' : 'maintenance',
            subjectId,
            pageId: null,
            details: { noticeId: notice.id, event: notice.event, scopes: notice.scopes.length, queued },
          },
        ],
      };
    },
    redact: (payload) => payload,
  };
  return { handler, register: (channel) => void channels.push(channel) };
}

type FanOutPayload = z.infer<typeof FanOutPayloadSchema>;

async function resolveNotice(
  ctx: ServiceContext,
  kinds: PageKindsIndex,
  message: OutboxRecord,
  payload: FanOutPayload,
): Promise<Notice | null> {
  const { event } = payload;
  const db = ctx.database.db;
  let componentIds: string[];
  let content: Omit<NoticeContent, 'componentNames'>;
  if (event.type === 'incident.update') {
    const incident = await findIncident(db, event.incidentId);
    const update = incident?.updates.find((candidate) => candidate.id === event.updateId);
    if (!incident || !update) return null;
    componentIds = incidentComponentIds(incident);
    content = { title: incident.name, status: update.status, message: update.message };
  } else {
    const maintenance = await findMaintenance(db, event.maintenanceId);
    if (!maintenance) return null;
    const update = event.updateId === undefined ? undefined : maintenance.updates.find((candidate) => candidate.id === event.updateId);
    componentIds = maintenance.componentIds;
    content = {
      title: maintenance.name,
      status: event.change,
      message: update?.message ?? maintenance.description,
      window: { start: maintenance.scheduledStart, end: maintenance.scheduledEnd },
    };
  }
  const touched = new Set(componentIds);
  const components = kinds.snapshot.components;
  const componentNames = componentIds
    .map((id) => components.get(id)?.name)
    .filter((name): name is string => name !== undefined)
    .sort((a, b) => a.localeCompare(b));
  return {
    id: message.id,
    event,
    componentIds: touched,
    scopes: scopesTouched(kinds, touched),
    at: new Date(payload.at),
    content: { ...content, componentNames },
  };
}

/** The `scopeKey` of every page, sub-page and customer page the components show on (`pagesTouchedBy`). */
function scopesTouched(kinds: PageKindsIndex, componentIds: ReadonlySet<string>): string[] {
  const touched = pagesTouchedBy(kinds, componentIds);
  const scopes: SubscriptionScope[] = [
    ...touched.pages.map((page): SubscriptionScope => ({ kind: 'page', pageId: page.id })),
    ...touched.subPages.map((sub): SubscriptionScope => ({ kind: 'sub', pageId: sub.parent.id, entryId: sub.entry.id })),
    ...touched.customerPages.map((state): SubscriptionScope => ({ kind: 'customer', customerPageId: state.customerPage.id })),
  ];
  return scopes.map(scopeKey);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
