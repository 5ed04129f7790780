/** The public webhook subscription pages: the form, the secret shown once, the manage page. No script. */
import type { JSX } from 'hono/jsx/jsx-runtime';
import { WEBHOOK_FORMATS, type WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint.js';
import { STYLESHEET } from '../public/render.js';
import { CUSTOMER_STYLESHEET } from '../customer/assets.js';
import { type AuthAssets, AuthLayout } from '../customer/views/auth-layout.js';
import { renderSync } from '../views/render-sync.js';

const ASSETS: AuthAssets = { stylesheets: [STYLESHEET.path, CUSTOMER_STYLESHEET.path] };

const FORMAT_LABELS: Readonly<Record<string, string>> = {
  '': 'Detect from the URL (Slack, Discord, Microsoft Teams), else Beacon JSON',
  beacon: 'Beacon JSON (signed, versioned)',
  statuspage: 'Statuspage-compatible JSON',
  slack: 'Slack',
  discord: 'Discord',
  teams: 'Microsoft Teams (Workflows)',
};

export interface WebhookPageContext {
  pageName: string;
  homePath: string;
}

const toHtml = (element: JSX.Element): string => `<!DOCTYPE html>${renderSync(element)}`;

export function renderWebhookFormPage(page: WebhookPageContext, scope: string, error?: { url: string; message: string }): string {
  return toHtml(
    <AuthLayout title="Get updates by webhook" {...page} assets={ASSETS}>
      <h1>Get updates by webhook</h1>
      <p>We will POST each incident and maintenance update on {page.pageName} to your URL, signed per Standard Webhooks.</p>
      {error ? (
        <p class="error" role="alert" id="url-error">
          {error.message}
        </p>
      ) : null}
      <form method="post" action={`/subscriptions/webhook?scope=${encodeURIComponent(scope)}`}>
        <label for="url">Webhook URL</label>
        <input
          id="url"
          name="url"
          type="url"
          required
          maxlength={2000}
          value={error?.url ?? ''}
          {...(error ? { 'aria-describedby': 'url-error' } : {})}
        />
        <label for="format">Format</label>
        <select id="format" name="format">
          {['', ...WEBHOOK_FORMATS].map((format) => (
            <option value={format}>{FORMAT_LABELS[format]}</option>
          ))}
        </select>
        <button type="submit">Subscribe</button>
      </form>
    </AuthLayout>,
  );
}

export function renderWebhookCreatedPage(
  page: WebhookPageContext,
  created: { secret: string; manageUrl: string; endpoint: WebhookEndpoint },
): string {
  return toHtml(
    <AuthLayout title="Webhook subscribed" {...page} assets={ASSETS}>
      <h1>Webhook subscribed</h1>
      <p>
        Updates on {page.pageName} now go to <code>{created.endpoint.url}</code> ({created.endpoint.format}).
      </p>
      <h2>Signing secret</h2>
      <p>
        Shown this once: keep it to verify the <code>webhook-signature</code> header.
      </p>
      <p>
        <code>{created.secret}</code>
      </p>
      <h2>Manage or unsubscribe</h2>
      <p>Keep this link too; anyone who has it can end the subscription.</p>
      <p>
        <a href={created.manageUrl}>{created.manageUrl}</a>
      </p>
    </AuthLayout>,
  );
}

export function renderWebhookManagePage(page: WebhookPageContext, endpoint: WebhookEndpoint, action: string): string {
  return toHtml(
    <AuthLayout title="Your webhook" {...page} assets={ASSETS}>
      <h1>Your webhook</h1>
      <p>
        Updates on {page.pageName} go to <code>{endpoint.url}</code> ({endpoint.format}).
        {endpoint.state === 'disabled' ? ` Deliveries are off: ${endpoint.disabledReason ?? 'disabled'}.` : ''}
      </p>
      <form method="post" action={action}>
        <button type="submit">Unsubscribe this URL</button>
      </form>
    </AuthLayout>,
  );
}

export function renderWebhookMessagePage(page: WebhookPageContext, title: string, message: string): string {
  return toHtml(
    <AuthLayout title={title} {...page} assets={ASSETS}>
      <h1>{title}</h1>
      <p>{message}</p>
    </AuthLayout>,
  );
}
