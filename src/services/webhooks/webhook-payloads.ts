import type { MaintenanceChange } from '../../domain/notifications/notification-event.js';
import type { WebhookFormat } from '../../domain/webhooks/webhook-endpoint.js';
import type { StatuspagePage } from '../statuspage/statuspage-presenters.js';
import type { AffectedComponent, IncidentObject, IncidentUpdateObject, MaintenanceObject } from '../statuspage/statuspage-types.js';

/** The payload version Beacon's own format carries; a breaking change gets a new one (docs/webhooks.md). */
const WEBHOOK_PAYLOAD_VERSION = '1';

/** What happened, on one page, presented once for every format. */
export type WebhookEvent =
  | { type: 'incident.update'; at: Date; page: StatuspagePage; incident: IncidentObject; update: IncidentUpdateObject }
  | {
      type: `maintenance.${MaintenanceChange}`;
      at: Date;
      page: StatuspagePage;
      /** Null for a cancelled window, which the v2 API no longer lists: then `cancelled` says what it was. */
      maintenance: MaintenanceObject | null;
      cancelled: { id: string; name: string; scheduled_for: string; scheduled_until: string } | null;
    };

/** One body to send: its JSON text and the event type the delivery log shows. */
export interface WebhookBody {
  type: string;
  body: string;
}

/** The links a body names: the page, and where the endpoint's owner manages (or ends) it. */
export interface BodyLinks {
  manageUrl: string;
  documentationUrl: string;
}

const pageOf = (page: StatuspagePage) => ({ ...page.page, status: page.status });

/** Beacon's own versioned JSON: the v2 API's objects, named as there (docs/statuspage-v2.md). */
function beaconBody(event: WebhookEvent): unknown {
  const head = { version: WEBHOOK_PAYLOAD_VERSION, type: event.type, created_at: event.at.toISOString(), page: pageOf(event.page) };
  if (event.type === 'incident.update') return { ...head, incident: event.incident, incident_update: event.update };
  return { ...head, scheduled_maintenance: event.maintenance, cancelled_maintenance: event.cancelled };
}

/**
 * Statuspage's webhook shapes (docs/statuspage-v2.md, "Webhook payloads"): the incident one for an
 * incident or maintenance event, and one `component_update` per component whose status the update changed.
 */
function statuspageBodies(event: WebhookEvent, links: BodyLinks): WebhookBody[] {
  const meta = { unsubscribe: links.manageUrl, documentation: links.documentationUrl };
  const page = { id: event.page.page.id, status_indicator: event.page.status.indicator, status_description: event.page.status.description };
  const incident = event.type === 'incident.update' ? event.incident : event.maintenance;
  if (incident === null) return [];
  const updates = incident.incident_updates.map((update) => ({
    id: update.id,
    incident_id: update.incident_id,
    status: update.status,
    body: update.body,
    created_at: update.created_at,
    display_at: update.display_at,
    affected_components: update.affected_components ?? [],
  }));
  const scheduled = 'scheduled_for' in incident ? incident : null;
  const bodies: WebhookBody[] = [
    {
      type: event.type,
      body: JSON.stringify({
        meta,
        page,
        incident: {
          id: incident.id,
          name: incident.name,
          status: incident.status,
          impact: incident.impact,
          created_at: incident.created_at,
          updated_at: incident.updated_at,
          monitoring_at: incident.monitoring_at,
          resolved_at: incident.resolved_at,
          shortlink: incident.shortlink,
          scheduled_for: scheduled?.scheduled_for ?? null,
          scheduled_until: scheduled?.scheduled_until ?? null,
          incident_updates: updates,
        },
      }),
    },
  ];
  if (event.type !== 'incident.update') return bodies;
  for (const change of event.update.affected_components ?? []) bodies.push(componentUpdateBody(event, change, meta, page));
  return bodies;
}

function componentUpdateBody(
  event: Extract<WebhookEvent, { type: 'incident.update' }>,
  change: AffectedComponent,
  meta: unknown,
  page: unknown,
): WebhookBody {
  const component = event.page.components.find((candidate) => candidate.id === change.code);
  return {
    type: 'component.update',
    body: JSON.stringify({
      meta,
      page,
      component_update: {
        id: `${event.update.id}-${change.code}`,
        component_id: change.code,
        created_at: event.update.created_at,
        old_status: change.old_status,
        new_status: change.new_status,
      },
      component: {
        id: change.code,
        name: change.name,
        status: change.new_status,
        created_at: component?.created_at ?? event.update.created_at,
      },
    }),
  };
}

/** The words every chat format says: a title, the latest message, where to read more. */
interface ChatText {
  title: string;
  status: string;
  message: string;
  url: string;
  at: string;
  /** Discord's embed colour: red for an open incident, blue for maintenance, green once over. */
  color: number;
}

const STATUS_WORDS: Readonly<Record<string, string>> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

function chatText(event: WebhookEvent): ChatText {
  const pageName = event.page.page.name;
  if (event.type === 'incident.update') {
    const over = event.update.status === 'resolved' || event.update.status === 'postmortem';
    return {
      title: `${pageName}: ${event.incident.name}`,
      status: STATUS_WORDS[event.update.status] ?? event.update.status,
      message: event.update.body,
      url: event.incident.shortlink,
      at: event.update.display_at,
      color: over ? 0x2e7d32 : 0xc62828,
    };
  }
  const window = event.maintenance;
  const name = window?.name ?? event.cancelled?.name ?? 'Maintenance';
  const status = window === null ? 'cancelled' : window.status;
  const latest = window?.incident_updates[0]?.body;
  const from = window?.scheduled_for ?? event.cancelled?.scheduled_for ?? '';
  const until = window?.scheduled_until ?? event.cancelled?.scheduled_until ?? '';
  return {
    title: `${pageName}: ${name}`,
    status: STATUS_WORDS[status] ?? status,
    message: latest ?? `Scheduled maintenance from ${from} to ${until}.`,
    url: window?.shortlink ?? event.page.page.url,
    at: event.at.toISOString(),
    color: status === 'completed' || status === 'cancelled' ? 0x2e7d32 : 0x1565c0,
  };
}

/** Slack's mrkdwn treats these three as markup; everything else is shown as written. */
const slackEscape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Slack incoming webhook: `text` for notifications, blocks for the message. */
function slackBody(text: ChatText): unknown {
  return {
    text: `${text.title} — ${text.status}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: text.title.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: `*${slackEscape(text.status)}* — ${slackEscape(text.message)}`.slice(0, 3000) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `<${slackEscape(text.url)}|View on the status page>` }] },
    ],
  };
}

/** Discord webhook: one embed (its limits: title 256, description 4096). */
function discordBody(text: ChatText): unknown {
  return {
    embeds: [
      {
        title: text.title.slice(0, 256),
        url: text.url,
        description: text.message.slice(0, 4096),
        color: text.color,
        fields: [{ name: 'Status', value: text.status, inline: true }],
        timestamp: text.at,
      },
    ],
    allowed_mentions: { parse: [] },
  };
}

/** Microsoft Teams Workflows ("post to a channel when a webhook request is received"): a message with an Adaptive Card. */
function teamsBody(text: ChatText): unknown {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: text.title, weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text: text.status, weight: 'Bolder', spacing: 'Small', wrap: true },
            { type: 'TextBlock', text: text.message, wrap: true },
          ],
          actions: [{ type: 'Action.OpenUrl', title: 'View on the status page', url: text.url }],
        },
      },
    ],
  };
}

/**
 * The bodies one endpoint in `format` is sent for `event`: one for every format but Statuspage's,
 * which adds a `component_update` per component the update changed.
 */
export function webhookBodies(event: WebhookEvent, format: WebhookFormat, links: BodyLinks): WebhookBody[] {
  switch (format) {
    case 'beacon':
      return [{ type: event.type, body: JSON.stringify(beaconBody(event)) }];
    case 'statuspage':
      return statuspageBodies(event, links);
    case 'slack':
      return [{ type: event.type, body: JSON.stringify(slackBody(chatText(event))) }];
    case 'discord':
      return [{ type: event.type, body: JSON.stringify(discordBody(chatText(event))) }];
    case 'teams':
      return [{ type: event.type, body: JSON.stringify(teamsBody(chatText(event))) }];
  }
}
