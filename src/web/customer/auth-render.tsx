/**
 * The sign-in pages as HTML strings. They are rendered per request (they are small, and they carry
 * per-request values such as a nonce), never cached.
 */
import type { JSX } from 'hono/jsx/jsx-runtime';
import { STYLESHEET } from '../public/render.js';
import { CUSTOMER_STYLESHEET, SIGN_IN_LINK_SCRIPT } from './assets.js';
import type { AuthAssets } from './views/auth-layout.js';
import { ContinuePage, CodePage } from './views/link-pages.js';
import { CheckEmailPage, ForbiddenPage, LinkFailedPage, TooManyRequestsPage } from './views/message-pages.js';
import { SignInPage } from './views/sign-in-page.js';
import { renderSync } from '../views/render-sync.js';

const ASSETS: AuthAssets = { stylesheets: [STYLESHEET.path, CUSTOMER_STYLESHEET.path] };

/** The customer page a sign-in page belongs to: its name and root path. */
export interface AuthPageContext {
  pageName: string;
  homePath: string;
  /** The sign-in form's opening sentence, where a customer page's would be wrong (the staff dashboard). */
  intro?: string;
}

function toHtml(element: JSX.Element): string {
  return `<!DOCTYPE html>${renderSync(element)}`;
}

export const renderSignInPage = (page: AuthPageContext, next: string, error?: { email: string; message: string }): string =>
  toHtml(<SignInPage {...page} assets={ASSETS} action={`${page.homePath}/sign-in`} next={next} {...(error ? { error } : {})} />);

export const renderCheckEmailPage = (page: AuthPageContext): string => toHtml(<CheckEmailPage {...page} assets={ASSETS} />);

export const renderTooManyRequestsPage = (page: AuthPageContext): string => toHtml(<TooManyRequestsPage {...page} assets={ASSETS} />);

export const renderLinkFailedPage = (page: AuthPageContext): string => toHtml(<LinkFailedPage {...page} assets={ASSETS} />);

export const renderForbiddenPage = (page: AuthPageContext): string => toHtml(<ForbiddenPage {...page} assets={ASSETS} />);

export const renderContinuePage = (page: AuthPageContext, nonce: string): string =>
  toHtml(<ContinuePage {...page} assets={ASSETS} action={`${page.homePath}/auth`} script={{ src: SIGN_IN_LINK_SCRIPT.path, nonce }} />);

/** The code form; after a wrong code, again with how many attempts are left. */
export const renderCodePage = (page: AuthPageContext, link: string, wrongCode?: { attemptsLeft: number }): string =>
  toHtml(<CodePage {...page} assets={ASSETS} action={`${page.homePath}/auth/code`} link={link} {...(wrongCode ? { wrongCode } : {})} />);
