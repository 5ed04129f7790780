/** The dashboard's screens as HTML strings, rendered per request (never cached: they are per person). */
import type { JSX } from 'hono/jsx/jsx-runtime';
import { STYLESHEET } from '../public/render.js';
import { CUSTOMER_STYLESHEET } from '../customer/assets.js';
import type { AuthAssets } from '../customer/views/auth-layout.js';
import { renderSync } from '../views/render-sync.js';
import { ADMIN_STYLESHEET } from './assets.js';
import { HomePage, type HomePageProps } from './views/home-page.js';
import { MessageScreen } from './views/message-screen.js';
import type { AdminViewer } from './views/admin-page.js';

/** The stylesheets every dashboard screen links. */
export const ADMIN_ASSETS: AuthAssets = { stylesheets: [STYLESHEET.path, CUSTOMER_STYLESHEET.path, ADMIN_STYLESHEET.path] };

/** A dashboard screen as a whole document. */
export const toAdminHtml = (element: JSX.Element): string => `<!DOCTYPE html>${renderSync(element)}`;

export const renderHome = (props: Omit<HomePageProps, 'assets'>): string => toAdminHtml(<HomePage {...props} assets={ADMIN_ASSETS} />);

export const renderMessage = (viewer: AdminViewer, title: string, text: string): string =>
  toAdminHtml(<MessageScreen viewer={viewer} assets={ADMIN_ASSETS} title={title} text={text} />);
