/** What a webhook endpoint is: a URL told about changes on one page scope, in one payload format. */

export const WEBHOOK_FORMATS = ['beacon', 'statuspage', 'slack', 'discord', 'teams'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const isWebhookFormat = (value: unknown): value is WebhookFormat =>
  typeof value === 'string' && (WEBHOOK_FORMATS as readonly string[]).includes(value);

export interface WebhookEndpoint {
  id: string;
  /** A `scopeKey` (domain/notifications/notification-event.ts). */
  scope: string;
  url: string;
  format: WebhookFormat;
  state: 'active' | 'disabled';
  disabledReason: string | null;
  /** `staff:<email>`, `api-key:<id>`, `cli` or `form` (anonymous, on a public page). */
  createdBy: string;
  /** Until when the secret replaced by the last rotation still signs (both signatures are sent). */
  previousSecretUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Chat services whose incoming-webhook URLs are recognised by host (Teams Workflows run on Logic Apps / Power Automate). */
const CHAT_HOSTS: readonly { format: WebhookFormat; host: RegExp }[] = [
  { format: 'slack', host: /^hooks\.slack\.com$/ },
  { format: 'discord', host: /^(?:ptb\.|canary\.)?discord(?:app)?\.com$/ },
  { format: 'teams', host: /(?:^|\.)(?:logic\.azure\.com|webhook\.office\.com|powerplatform\.com|powerautomate\.com)$/ },
];

/**
 * The format a URL gets when none is chosen: a chat service's own when its host is one we know
 * (Slack, Discord, Microsoft Teams Workflows), else Beacon's JSON.
 *
 * @example detectWebhookFormat(new URL('https://hooks.slack.com/services/T/B/x')) // 'slack'
 */
export function detectWebhookFormat(url: URL): WebhookFormat {
  const host = url.hostname.toLowerCase();
  return CHAT_HOSTS.find((chat) => chat.host.test(host))?.format ?? 'beacon';
}

/** Longest URL accepted; chat webhook URLs are well under it. */
export const WEBHOOK_URL_MAX_LENGTH = 2000;

/**
 * The URL as an endpoint may use it, or why not: absolute http(s), no credentials, no fragment.
 * Where it points is judged at delivery (and subscription) time against DNS (see `addressRefusal`).
 */
export function parseWebhookUrl(text: string): { ok: true; url: URL } | { ok: false; reason: string } {
  if (text.length > WEBHOOK_URL_MAX_LENGTH) return { ok: false, reason: `must be at most ${WEBHOOK_URL_MAX_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'must be an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'must be an http or https URL' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'must not carry a user name or password' };
  if (url.hash !== '') return { ok: false, reason: 'must not have a fragment' };
  return { ok: true, url };
}
