import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { BeaconError } from '../../domain/errors.js';
import {
  type ReadTokenSummary,
  createReadToken,
  listViewerReadTokens,
  revokeViewerReadToken,
} from '../../services/sessions/read-tokens.js';
import type { SessionIdentity } from '../../services/sessions/sessions.js';
import { STYLESHEET } from '../public/render.js';
import { renderSync } from '../views/render-sync.js';
import { CUSTOMER_STYLESHEET } from './assets.js';
import { renderForbiddenPage, renderSignInPage } from './auth-render.js';
import { readForm } from './form-body.js';
import { sendPrivateHtml } from './respond.js';
import type { Located, RouteKit } from './route-kit.js';
import { signedInViewer } from './viewer.js';
import { ReadTokensPage, type ReadTokensPageProps } from './views/read-tokens-page.js';

const ASSETS = { stylesheets: [STYLESHEET.path, CUSTOMER_STYLESHEET.path] };

/**
 * `/c/:token/tokens`: the signed-in viewer's "API and feed access" screen (docs/read-tokens.md). List,
 * create (the token shown in that one response only), revoke; plain forms under the page, so the CSRF
 * check of every customer form applies (REQ-5). Signed out: the sign-in form (GET) or the 403 page (POST).
 */
export function createReadTokenHandlers(kit: RouteKit) {
  /** The page and its signed-in viewer, or the response for a visitor without a session. */
  async function viewerOf(c: Context): Promise<{ located: Located; viewer: SessionIdentity } | Response> {
    const located = await kit.locate(c);
    if (!located) return kit.notFound(c);
    const viewer = await signedInViewer(kit, c, located);
    if (viewer) return { located, viewer };
    return c.req.method === 'POST'
      ? sendPrivateHtml(c, 403, renderForbiddenPage(located.auth), null)
      : sendPrivateHtml(c, 200, renderSignInPage(located.auth, `${located.path}/tokens`), null);
  }

  async function render(
    c: Context,
    status: ContentfulStatusCode,
    at: { located: Located; viewer: SessionIdentity },
    extra: Pick<ReadTokensPageProps, 'created' | 'error'> = {},
  ): Promise<Response> {
    const { located, viewer } = at;
    const tokens: ReadTokenSummary[] = await listViewerReadTokens(located.signIn, located.page.customerPage.id, viewer);
    const page = { ...located.auth, assets: ASSETS, pageUrl: `${kit.publicUrl}${located.path}`, tokens, ...extra };
    return sendPrivateHtml(c, status, `<!DOCTYPE html>${renderSync(<ReadTokensPage {...page} />)}`, null);
  }

  return {
    async list(c: Context): Promise<Response> {
      const at = await viewerOf(c);
      return at instanceof Response ? at : render(c, 200, at);
    },

    async create(c: Context): Promise<Response> {
      const at = await viewerOf(c);
      if (at instanceof Response) return at;
      const form = await readForm(c);
      const name = typeof form?.name === 'string' ? form.name : '';
      try {
        const { customerPage } = at.located.page;
        const { token, summary } = await createReadToken(at.located.signIn, {
          customerPageId: customerPage.id,
          // The page as this request found it, and the session that signed it in (a token is never made on a token's word).
          urlToken: customerPage.urlToken,
          sessionToken: kit.cookies.readSession(c, customerPage.id) ?? '',
          viewer: at.viewer,
          name,
        });
        return await render(c, 201, at, { created: { name: summary.name, token } });
      } catch (err) {
        if (!(err instanceof BeaconError)) throw err;
        if (err.code === 'forbidden') return sendPrivateHtml(c, 403, renderForbiddenPage(at.located.auth), null);
        if (err.code !== 'validation' && err.code !== 'rate_limited') throw err;
        const message = err.issues[0]?.message ?? err.message;
        return render(c, err.code === 'validation' ? 400 : 429, at, { error: { name, message } });
      }
    },

    async revoke(c: Context): Promise<Response> {
      const at = await viewerOf(c);
      if (at instanceof Response) return at;
      const tokenId = c.req.param('id') ?? '';
      try {
        await revokeViewerReadToken(at.located.signIn, { customerPageId: at.located.page.customerPage.id, viewer: at.viewer, tokenId });
      } catch (err) {
        // Already gone (another tab, or staff): the list shows it gone either way.
        if (!(err instanceof BeaconError) || err.code !== 'not_found') throw err;
      }
      return c.redirect(`${at.located.path}/tokens`, 303);
    },
  };
}
