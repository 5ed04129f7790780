import type { Context } from 'hono';
import type { ResolvedCustomerPage } from '../../domain/pages/customer-pages.js';
import { resolveCustomerPage } from '../../domain/pages/customer-pages.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { customerPagePath, customerPageSlug } from '../../services/pages/customer-page-path.js';
import type { SignInDeps } from '../../services/sign-in/sign-in-deps.js';
import type { AppDeps } from '../app-deps.js';
import { type ClientIpResolver, createClientIpResolver } from '../client-ip.js';
import type { AuthPageContext } from './auth-render.js';
import { type CustomerCookies, createCustomerCookies } from './cookies.js';
import { createSharedNotFound } from './not-found.js';

/** The customer page a request is for, with the data and services to answer it. */
export interface Located {
  snapshot: Snapshot;
  page: ResolvedCustomerPage;
  /** `/c/<token>`: where the page lives. */
  path: string;
  signIn: SignInDeps;
  /** What the sign-in pages show of it. */
  auth: AuthPageContext;
}

/** What every customer route handler shares. */
export interface RouteKit {
  deps: AppDeps;
  publicUrl: string;
  cookies: CustomerCookies;
  clientIp: ClientIpResolver;
  /** The page of `/c/:token`, or null when the token is unknown, rotated away, or the page serves nothing. */
  locate(c: Context): Promise<Located | null>;
  /** The shared public 404. */
  notFound(c: Context): Promise<Response>;
}

export function createRouteKit(deps: AppDeps): RouteKit {
  const signIn = deps.customerSignIn;
  return {
    deps,
    publicUrl: deps.config.publicUrl,
    cookies: createCustomerCookies(deps.config.publicUrl),
    clientIp: createClientIpResolver(deps.config.trustedProxies),
    notFound: createSharedNotFound(deps.config.publicUrl, deps.snapshots),
    async locate(c) {
      const snapshot = await deps.snapshots.fresh();
      const kinds = deps.snapshots.pageKinds(snapshot);
      const token = c.req.param('token') ?? '';
      const page = resolveCustomerPage(kinds, token, customerPageSlug(token));
      if (!page) return null;
      const path = customerPagePath(page.customerPage.urlToken);
      return { snapshot, page, path, signIn: signIn.at(kinds), auth: { pageName: page.page.name, homePath: path } };
    },
  };
}
