/** The dashboard's screens as HTML strings, rendered per request (never cached: they are per person). */
import type { JSX } from 'hono/jsx/jsx-runtime';
import { STYLESHEET } from '../public/render.js';
import { CUSTOMER_STYLESHEET } from '../customer/assets.js';
import type { AuthAssets } from '../customer/views/auth-layout.js';
import { renderSync } from '../views/render-sync.js';
import { ADMIN_STYLESHEET } from './assets.js';
import { HomePage, type HomePageProps } from './views/home-page.js';
import { MessageScreen } from './views/message-screen.js';
import { StaffPage, type StaffPageProps } from './views/staff-page.js';
import type { AdminViewer } from './views/admin-page.js';

const ASSETS: AuthAssets = { stylesheets: [STYLESHEET.path, CUSTOMER_STYLESHEET.path, ADMIN_STYLESHEET.path] };

const toHtml = (element: JSX.Element): string => `<!DOCTYPE html>${renderSync(element)}`;

export const renderHome = (props: Omit<HomePageProps, 'assets'>): string => toHtml(<HomePage {...props} assets={ASSETS} />);

export const renderStaff = (props: Omit<StaffPageProps, 'assets'>): string => toHtml(<StaffPage {...props} assets={ASSETS} />);

export const renderMessage = (viewer: AdminViewer, title: string, text: string): string =>
  toHtml(<MessageScreen viewer={viewer} assets={ASSETS} title={title} text={text} />);
