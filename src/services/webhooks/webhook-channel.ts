import { newId } from '../../domain/id.js';
import type { PageKindsIndex } from '../../domain/pages/page-kinds-index.js';
import { scopeOf } from '../../domain/pages/page-scope.js';
import type { WebhookFormat } from '../../domain/webhooks/webhook-endpoint.js';
import { listWebhookEndpoints } from '../../store/webhooks/webhook-endpoints.js';
import type { ServiceContext } from '../context.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';
import { type Notice, type NotificationChannel, recipientKey } from '../notifications/notification-channel.js';
import { type QueuedMessage, enqueueMany } from '../outbox/outbox.js';
import { presentStatuspagePage } from '../statuspage/statuspage-presenters.js';
import type { WebhookDeps } from './webhook-deps.js';
import { webhookManageUrl } from './webhook-endpoints.js';
import { WEBHOOK_DELIVERY_KIND, type WebhookMessage } from './webhook-message.js';
import { type WebhookBody, type WebhookEvent, webhookBodies } from './webhook-payloads.js';
import { resolveScopePage } from './scope-pages.js';

/** The channel's name in recipient keys and logs. */
const WEBHOOK_CHANNEL = 'webhook';

/** Endpoints read and queued per transaction: the fan-out never holds more than this many in memory. */
const FAN_OUT_BATCH = 500;

/**
 * The webhook `NotificationChannel`: streams the active endpoints of `notice.scopes` in keyset
 * batches and queues, per endpoint, each body its format sends (`WEBHOOK_DELIVERY_KIND`), under
 * `recipientKey(notice, 'webhook', endpointId)` (a second body, a Statuspage `component_update`,
 * under `<endpointId>:<n>`), so a re-run queues nothing twice. The event is presented once per scope
 * from the live state, with the v2 API's presenters; bodies are rendered once per scope and format
 * (Statuspage's carry the endpoint's own manage link, so they are rendered per endpoint).
 *
 * @example registerChannel(createWebhookChannel(webhookDeps))
 */
export function createWebhookChannel(deps: WebhookDeps, options: { batchSize?: number } = {}): NotificationChannel {
  const batchSize = options.batchSize ?? FAN_OUT_BATCH;
  return {
    name: WEBHOOK_CHANNEL,
    async fanOut(ctx: ServiceContext, notice: Notice): Promise<number> {
      if (notice.scopes.length === 0) return 0;
      const snapshot = await deps.snapshots.fresh();
      const kinds = deps.snapshots.pageKinds(snapshot);
      const now = ctx.clock();
      // Both bounded by the notice's scopes (times five formats).
      const events = new Map<string, WebhookEvent | null>();
      const shared = new Map<string, WebhookBody[]>();
      const bodiesFor = (endpoint: { id: string; scope: string; format: WebhookFormat }): WebhookBody[] => {
        if (!events.has(endpoint.scope)) events.set(endpoint.scope, presentEvent(deps, kinds, endpoint.scope, notice, now));
        const event = events.get(endpoint.scope) ?? null;
        if (event === null) return [];
        // Beacon serves no documentation site; the page itself is where a reader goes from a payload.
        const links = { manageUrl: webhookManageUrl(deps, endpoint.id), documentationUrl: event.page.page.url };
        if (endpoint.format === 'statuspage') return webhookBodies(event, endpoint.format, links);
        const key = `${endpoint.scope}|${endpoint.format}`;
        let bodies = shared.get(key);
        if (bodies === undefined) shared.set(key, (bodies = webhookBodies(event, endpoint.format, links)));
        return bodies;
      };
      let queued = 0;
      let afterId: string | null = null;
      for (;;) {
        const endpoints = await listWebhookEndpoints(ctx.database.db, {
          scopes: notice.scopes,
          activeOnly: true,
          afterId,
          limit: batchSize,
        });
        const messages: QueuedMessage[] = endpoints.flatMap((endpoint) =>
          bodiesFor(endpoint).map((body, index) => {
            const payload: WebhookMessage = { endpointId: endpoint.id, webhookId: `msg_${newId()}`, eventType: body.type, body: body.body };
            const recipient = index === 0 ? endpoint.id : `${endpoint.id}:${index}`;
            return { kind: WEBHOOK_DELIVERY_KIND, payload: { ...payload }, dedupeKey: recipientKey(notice, WEBHOOK_CHANNEL, recipient) };
          }),
        );
        if (messages.length > 0) queued += await writeUnannounced(ctx, (tx) => enqueueMany(tx, messages, now));
        if (endpoints.length < batchSize) break;
        afterId = endpoints[endpoints.length - 1]!.id;
      }
      if (queued > 0) ctx.outbox?.ring();
      return queued;
    },
  };
}

/**
 * The notice as one scope's readers see it now, or null when the scope serves nothing any more. Throws
 * when the live state does not hold the incident or window yet (the fan-out is then retried).
 */
function presentEvent(deps: WebhookDeps, kinds: PageKindsIndex, key: string, notice: Notice, now: Date): WebhookEvent | null {
  const scopePage = resolveScopePage(kinds, key, deps.publicUrl);
  if (scopePage === null) return null;
  const { shown, name, links } = scopePage;
  const page = presentStatuspagePage(shown, scopeOf(shown.snapshot, shown.page, now), name, links, now);
  const { event } = notice;
  if (event.type === 'incident.update') {
    const found = shown.snapshot.incidents.find((incident) => incident.id === event.incidentId);
    const incident = found && page.incident(found);
    const update = incident?.incident_updates.find((candidate) => candidate.id === event.updateId);
    if (!incident || !update) throw new Error(`incident update ${event.incidentId}/${event.updateId} is not in the live state yet`);
    return { type: 'incident.update', at: notice.at, page, incident, update };
  }
  const found = shown.snapshot.maintenances.find((maintenance) => maintenance.id === event.maintenanceId);
  if (!found) throw new Error(`maintenance ${event.maintenanceId} is not in the live state yet`);
  const maintenance = page.maintenance(found);
  const cancelled =
    maintenance === null
      ? {
          id: found.id,
          name: found.name,
          scheduled_for: found.scheduledStart.toISOString(),
          scheduled_until: found.scheduledEnd.toISOString(),
        }
      : null;
  return { type: `maintenance.${event.change}`, at: notice.at, page, maintenance, cancelled };
}
