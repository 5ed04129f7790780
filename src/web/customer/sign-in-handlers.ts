import type { Context } from 'hono';
import { BeaconError } from '../../domain/errors.js';
import { resolveNextPath } from '../../domain/access/next-path.js';
import { signOut } from '../../services/sessions/sessions.js';
import { inspectSignInLink, redeemSignInLink } from '../../services/sign-in/sign-in-redeem.js';
import { requestSignInLink } from '../../services/sign-in/sign-in-request.js';
import {
  renderCheckEmailPage,
  renderCodePage,
  renderContinuePage,
  renderLinkFailedPage,
  renderSignInPage,
  renderTooManyRequestsPage,
} from './auth-render.js';
import { readForm } from './form-body.js';
import { sendPrivateHtml, sendSeeOther } from './respond.js';
import type { Located, RouteKit } from './route-kit.js';
import { CodeFormSchema, LinkFormSchema, SignInFormSchema, extractLinkToken } from './schema.js';

const DAY_SECONDS = 86_400;

/**
 * The sign-in flow under `/c/:token` (security.md):
 * - `POST /sign-in`: the same answer for every well-formed address (REQ-1), pending cookie included (RED-3);
 * - `GET /auth`: what the emailed link opens; changes nothing (RED-1/RED-2); Continue posts (RED-4);
 * - `POST /auth`: same browser → session; another browser → the code form (RED-5, REQ-6);
 * - `POST /auth/code`: the link with its code;
 * - `POST /sign-out`: deletes the session (SES-7).
 * Every failed link or code shows one generic page (RED-8). CSRF is checked before any of these (REQ-5).
 */
export function createSignInHandlers(kit: RouteKit) {
  const { cookies } = kit;

  /** Runs `handle` for a known page; an unknown token gets the shared 404. */
  const withPage = (handle: (c: Context, located: Located) => Promise<Response>) => async (c: Context) => {
    const located = await kit.locate(c);
    return located ? handle(c, located) : kit.notFound(c);
  };

  const failed = (c: Context, located: Located): Response => sendPrivateHtml(c, 400, renderLinkFailedPage(located.auth), null);

  /** SES-3: a new session id in a fresh cookie, the pending cookie gone, then on to `next` (NXT-1/2). */
  const startSession = (c: Context, located: Located, sessionToken: string, nextPath: string | null): Response => {
    const id = located.page.customerPage.id;
    cookies.setSession(c, id, sessionToken, located.signIn.settings.sessionAbsoluteDays * DAY_SECONDS);
    cookies.clearPending(c, id);
    return sendSeeOther(c, resolveNextPath(nextPath, kit.publicUrl, located.path));
  };

  const requestLink = withPage(async (c, located) => {
    const fields = await readForm(c);
    const form = SignInFormSchema.safeParse(fields ?? {});
    const next = resolveNextPath(form.success ? form.data.next : null, kit.publicUrl, located.path);
    if (fields === null) {
      return sendPrivateHtml(
        c,
        400,
        renderSignInPage(located.auth, next, { email: '', message: 'The form could not be read. Please enter your address again.' }),
        null,
      );
    }
    // REQ-8: an over-long address is refused before it is parsed at all.
    if (!form.success) {
      return sendPrivateHtml(
        c,
        400,
        renderSignInPage(located.auth, next, { email: '', message: 'That address is too long (254 characters at most).' }),
        null,
      );
    }
    try {
      const result = await requestSignInLink(
        located.signIn,
        {
          customerPageId: located.page.customerPage.id,
          rawEmail: form.data.email,
          clientIp: kit.clientIp(c),
          nextPath: next,
        },
        c.get('logger') ?? kit.deps.logger,
      );
      cookies.setPending(c, located.page.customerPage.id, result.pendingCookieValue, result.pendingCookieMaxAgeSeconds);
      return sendPrivateHtml(c, 200, renderCheckEmailPage(located.auth), null);
    } catch (error) {
      if (!(error instanceof BeaconError)) throw error;
      if (error.code === 'rate_limited') return sendPrivateHtml(c, 429, renderTooManyRequestsPage(located.auth), null);
      if (error.code === 'validation') {
        // The reason is already a sentence about the address ("The address must contain exactly one @.").
        const message = error.issues[0]?.message ?? 'That does not look like an email address.';
        return sendPrivateHtml(c, 400, renderSignInPage(located.auth, next, { email: form.data.email, message }), null);
      }
      throw error;
    }
  });

  const openLink = withPage(async (c, located) =>
    sendPrivateHtml(c, 200, renderContinuePage(located.auth, c.get('cspNonce')), c.get('cspNonce')),
  );

  const continueLink = withPage(async (c, located) => {
    const form = LinkFormSchema.safeParse(await readForm(c));
    if (!form.success) return failed(c, located);
    const input = {
      customerPageId: located.page.customerPage.id,
      token: extractLinkToken(form.data.link),
      pendingCookieValue: cookies.readPending(c, located.page.customerPage.id) ?? null,
    };
    const { kind } = await inspectSignInLink(located.signIn, input);
    if (kind === 'invalid') return failed(c, located);
    if (kind === 'needs_code') return sendPrivateHtml(c, 200, renderCodePage(located.auth, input.token), null);
    const result = await redeemSignInLink(located.signIn, input);
    return result.ok ? startSession(c, located, result.sessionToken, result.nextPath) : failed(c, located);
  });

  const enterCode = withPage(async (c, located) => {
    const form = CodeFormSchema.safeParse(await readForm(c));
    if (!form.success) return failed(c, located);
    const result = await redeemSignInLink(located.signIn, {
      customerPageId: located.page.customerPage.id,
      token: extractLinkToken(form.data.link),
      pendingCookieValue: cookies.readPending(c, located.page.customerPage.id) ?? null,
      code: form.data.code,
    });
    if (result.ok) return startSession(c, located, result.sessionToken, result.nextPath);
    // A wrong code on a live link keeps the form, until TOK-8's attempts are spent.
    if ('wrongCode' in result) return sendPrivateHtml(c, 400, renderCodePage(located.auth, form.data.link, result.wrongCode), null);
    return failed(c, located);
  });

  const leave = withPage(async (c, located) => {
    const id = located.page.customerPage.id;
    const sessionToken = cookies.readSession(c, id);
    if (sessionToken !== undefined) await signOut(located.signIn, { sessionToken, customerPageId: id });
    cookies.clearSession(c, id);
    return sendSeeOther(c, located.path);
  });

  return { requestLink, openLink, continueLink, enterCode, signOut: leave };
}
