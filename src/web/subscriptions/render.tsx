/** The subscription pages as HTML strings: small, rendered per request, never cached. */
import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { sendPrivateHtml } from '../customer/respond.js';
import { STYLESHEET } from '../public/render.js';
import { CUSTOMER_STYLESHEET } from '../customer/assets.js';
import { renderSync } from '../views/render-sync.js';
import { SUBSCRIPTION_STYLESHEET } from './assets.js';
import type { ScopeHeader } from './form-views.js';
import type { ScopePage } from './subscription-scopes.js';

const ASSETS = { stylesheets: [STYLESHEET.path, CUSTOMER_STYLESHEET.path, SUBSCRIPTION_STYLESHEET.path] };

const toHtml = (element: JSX.Element): string => `<!DOCTYPE html>${renderSync(element)}`;

/** A subscription page, with the private headers and strict policy of the sign-in pages (RED-7, HDR-1): it runs no script. */
export const sendPage = (c: Context, status: ContentfulStatusCode, element: JSX.Element): Response =>
  sendPrivateHtml(c, status, toHtml(element), null);

/**
 * What the pages show of a scope. A customer page's address is its own secret: pages reached by a
 * mailed link (which may be forwarded) link to the site's root instead unless told it may show it.
 */
export function headerOf(scope: ScopePage | null, options: { showCustomerPath?: boolean } = {}): ScopeHeader {
  if (scope === null) return { pageName: 'Email updates', homePath: '/', assets: ASSETS };
  const homePath = scope.kind === 'customer' && options.showCustomerPath !== true ? '/' : scope.homePath;
  return { pageName: scope.name, homePath, assets: ASSETS };
}
