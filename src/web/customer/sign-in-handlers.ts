import { signOut } from '../../services/sessions/sessions.js';
import { inspectSignInLink, redeemSignInLink } from '../../services/sign-in/sign-in-redeem.js';
import { requestSignInLink } from '../../services/sign-in/sign-in-request.js';
import { createSignInFlowHandlers } from '../sign-in-flow.js';
import type { Located, RouteKit } from './route-kit.js';

const DAY_SECONDS = 86_400;

/**
 * The sign-in flow (web/sign-in-flow.ts) under `/c/:token`: a page's viewers, its allowlist, its
 * sessions and its pair of cookies (sessions are per page, SES-7).
 */
export function createSignInHandlers(kit: RouteKit) {
  const { cookies } = kit;
  const pageId = (at: Located) => at.page.customerPage.id;
  return createSignInFlowHandlers<Located>({
    publicUrl: kit.publicUrl,
    locate: (c) => kit.locate(c),
    notFound: (c) => kit.notFound(c),
    auth: (at) => at.auth,
    request: (at, input, logger) => requestSignInLink(at.signIn, { customerPageId: pageId(at), ...input }, logger),
    inspect: (at, input) => inspectSignInLink(at.signIn, { customerPageId: pageId(at), ...input }),
    redeem: (_c, at, input) => redeemSignInLink(at.signIn, { customerPageId: pageId(at), ...input }),
    async signOut(c, at) {
      const sessionToken = cookies.readSession(c, pageId(at));
      if (sessionToken !== undefined) await signOut(at.signIn, { sessionToken, customerPageId: pageId(at) });
    },
    clientIp: kit.clientIp,
    logger: kit.deps.logger,
    cookies: {
      readPending: (c, at) => cookies.readPending(c, pageId(at)),
      setPending: (c, at, value, maxAge) => cookies.setPending(c, pageId(at), value, maxAge),
      clearPending: (c, at) => cookies.clearPending(c, pageId(at)),
      setSession: (c, at, value) => cookies.setSession(c, pageId(at), value, at.signIn.settings.sessionAbsoluteDays * DAY_SECONDS),
      clearSession: (c, at) => cookies.clearSession(c, pageId(at)),
    },
  });
}
