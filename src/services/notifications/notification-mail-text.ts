import type { MailMessage } from '../outbox/mailer.js';
import { escapeHtml } from '../escape-html.js';
import type { NotificationMailPayload } from './notification-mail-payload.js';

const MAINTENANCE_LABELS: Readonly<Record<string, string>> = {
  scheduled: 'Maintenance scheduled',
  updated: 'Maintenance update',
  started: 'Maintenance started',
  completed: 'Maintenance completed',
  cancelled: 'Maintenance cancelled',
  reminder: 'Maintenance starts soon',
};

/** "Investigating", "Maintenance started": the status as a mail says it. */
function statusLabel(notice: NotificationMailPayload['notice']): string {
  if (notice.kind === 'maintenance.change') return MAINTENANCE_LABELS[notice.status] ?? 'Maintenance update';
  const text = notice.status.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ').trim();
const utc = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export interface NotificationMailInput {
  to: string;
  pageName: string;
  /** Absolute URL of the page. */
  pageUrl: string;
  notice: NotificationMailPayload['notice'];
  /** `notice`: only that there is an update, and where to sign in to read it (customer page sets that ask so). */
  detail: 'full' | 'notice';
  unsubscribeUrl: string;
  manageUrl: string;
}

/**
 * A notification mail in plain text and HTML: the page, the status, the message and the components;
 * or, for `detail: 'notice'`, only that there is an update on the page. Every mail carries the
 * one-click unsubscribe headers (RFC 8058, SUB-3) and a manage link in its body.
 */
export function composeNotificationMail(input: NotificationMailInput): MailMessage {
  const pageName = oneLine(input.pageName);
  const { notice } = input;
  const headers = { 'List-Unsubscribe': `<${input.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
  const footerText = [
    '',
    '--',
    `You get this because you subscribed to updates of ${pageName}.`,
    `Manage your subscription: ${input.manageUrl}`,
    `Unsubscribe: ${input.unsubscribeUrl}`,
    '',
  ];
  const footerHtml = [
    '<hr>',
    `<p style="color:#555;font-size:0.9em">You get this because you subscribed to updates of ${escapeHtml(pageName)}.<br>`,
    `<a href="${escapeHtml(input.manageUrl)}">Manage your subscription</a> · <a href="${escapeHtml(input.unsubscribeUrl)}">Unsubscribe</a></p>`,
    '</body></html>',
  ];
  const open = '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">';
  if (input.detail === 'notice') {
    const subject = `Update on ${pageName}`;
    return {
      to: { address: input.to },
      subject,
      headers,
      text: [`There is an update on ${pageName}.`, '', 'Sign in to read it:', input.pageUrl, ...footerText].join('\n'),
      html: [
        open,
        `<h1 style="font-size:1.25em">There is an update on ${escapeHtml(pageName)}</h1>`,
        `<p><a href="${escapeHtml(input.pageUrl)}">Sign in to read it</a></p>`,
        ...footerHtml,
      ].join('\n'),
    };
  }
  const title = oneLine(notice.title);
  const label = statusLabel(notice);
  const subject = `[${pageName}] ${title}: ${label}`;
  const window = notice.window ? `Scheduled: ${utc(notice.window.start)} to ${utc(notice.window.end)}` : null;
  const components = notice.componentNames.length > 0 ? `Affected: ${notice.componentNames.join(', ')}` : null;
  const text = [
    `${pageName}: ${title}`,
    `Status: ${label}`,
    ...(window ? [window] : []),
    ...(components ? [components] : []),
    '',
    ...(notice.message ? [notice.message, ''] : []),
    `See the page: ${input.pageUrl}`,
    ...footerText,
  ].join('\n');
  const html = [
    open,
    `<p style="color:#555">${escapeHtml(pageName)}</p>`,
    `<h1 style="font-size:1.25em">${escapeHtml(title)}</h1>`,
    `<p><strong>${escapeHtml(label)}</strong></p>`,
    ...(window ? [`<p>${escapeHtml(window)}</p>`] : []),
    ...(components ? [`<p>${escapeHtml(components)}</p>`] : []),
    ...(notice.message ? [`<p style="white-space:pre-wrap">${escapeHtml(notice.message)}</p>`] : []),
    `<p><a href="${escapeHtml(input.pageUrl)}">See ${escapeHtml(pageName)}</a></p>`,
    ...footerHtml,
  ].join('\n');
  return { to: { address: input.to }, subject, text, html, headers };
}
