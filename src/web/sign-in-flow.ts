import type { Context } from 'hono';
import type { Logger } from 'pino';
import { resolveNextPath } from '../domain/access/next-path.js';
import { BeaconError } from '../domain/errors.js';
import type { RedeemResult, SignInLinkState } from '../services/sign-in/sign-in-redeem.js';
import type { SignInRequestResult } from '../services/sign-in/sign-in-request.js';
import {
  type AuthPageContext,
  renderCheckEmailPage,
  renderCodePage,
  renderContinuePage,
  renderLinkFailedPage,
  renderSignInPage,
  renderTooManyRequestsPage,
} from './customer/auth-render.js';
import { readForm } from './customer/form-body.js';
import { sendPrivateHtml, sendSeeOther } from './customer/respond.js';
import { CodeFormSchema, LinkFormSchema, SignInFormSchema, extractLinkToken } from './customer/schema.js';

/**
 * What one sign-in audience (a customer page under `/c/<token>`, or the staff under `/admin`) gives
 * the shared flow: where a request belongs (`T`, null for a 404), the services of its audience, and
 * its cookies. The flow itself, and with it every rule of security.md's sign-in sections, is one.
 */
export interface SignInFlow<T> {
  publicUrl: string;
  locate(c: Context): Promise<T | null>;
  notFound(c: Context): Promise<Response>;
  /** What the sign-in pages show: the name signed in to, and its root path (forms post below it). */
  auth(at: T): AuthPageContext;
  request(
    at: T,
    input: { rawEmail: string; clientIp: string; nextPath: string },
    logger: Pick<Logger, 'info'>,
  ): Promise<SignInRequestResult>;
  inspect(at: T, input: { token: string; pendingCookieValue: string | null }): Promise<{ kind: SignInLinkState }>;
  redeem(c: Context, at: T, input: { token: string; pendingCookieValue: string | null; code?: string }): Promise<RedeemResult>;
  /** Ends the session of the cookie, if any. */
  signOut(c: Context, at: T): Promise<void>;
  clientIp(c: Context): string;
  logger: Pick<Logger, 'info'>;
  cookies: {
    readPending(c: Context, at: T): string | undefined;
    setPending(c: Context, at: T, value: string, maxAgeSeconds: number): void;
    clearPending(c: Context, at: T): void;
    setSession(c: Context, at: T, value: string): void;
    clearSession(c: Context, at: T): void;
  };
}

/**
 * The sign-in flow (security.md), for any audience:
 * - `POST …/sign-in`: the same answer for every well-formed address (REQ-1, STF-1), pending cookie included (RED-3);
 * - `GET …/auth`: what the emailed link opens; changes nothing (RED-1/RED-2); Continue posts (RED-4);
 * - `POST …/auth`: same browser → session; another browser → the code form (RED-5, REQ-6);
 * - `POST …/auth/code`: the link with its code;
 * - `POST …/sign-out`: deletes the session (SES-7).
 * Every failed link or code shows one generic page (RED-8). CSRF is checked before any of these (REQ-5).
 */
export function createSignInFlowHandlers<T>(flow: SignInFlow<T>) {
  const { cookies } = flow;

  /** Runs `handle` where the request belongs; elsewhere the audience's 404. */
  const located = (handle: (c: Context, at: T) => Promise<Response>) => async (c: Context) => {
    const at = await flow.locate(c);
    return at === null ? flow.notFound(c) : handle(c, at);
  };

  const failed = (c: Context, at: T): Response => sendPrivateHtml(c, 400, renderLinkFailedPage(flow.auth(at)), null);

  /** SES-3: a new session id in a fresh cookie, the pending cookie gone, then on to `next` (NXT-1/2). */
  const startSession = (c: Context, at: T, sessionToken: string, nextPath: string | null): Response => {
    cookies.setSession(c, at, sessionToken);
    cookies.clearPending(c, at);
    return sendSeeOther(c, resolveNextPath(nextPath, flow.publicUrl, flow.auth(at).homePath));
  };

  const requestLink = located(async (c, at) => {
    const auth = flow.auth(at);
    const fields = await readForm(c);
    const form = SignInFormSchema.safeParse(fields ?? {});
    const next = resolveNextPath(form.success ? form.data.next : null, flow.publicUrl, auth.homePath);
    const again = (message: string, email = '') => sendPrivateHtml(c, 400, renderSignInPage(auth, next, { email, message }), null);
    if (fields === null) return again('The form could not be read. Please enter your address again.');
    // REQ-8: an over-long address is refused before it is parsed at all.
    if (!form.success) return again('That address is too long (254 characters at most).');
    try {
      const result = await flow.request(
        at,
        { rawEmail: form.data.email, clientIp: flow.clientIp(c), nextPath: next },
        c.get('logger') ?? flow.logger,
      );
      cookies.setPending(c, at, result.pendingCookieValue, result.pendingCookieMaxAgeSeconds);
      return sendPrivateHtml(c, 200, renderCheckEmailPage(auth), null);
    } catch (error) {
      if (!(error instanceof BeaconError)) throw error;
      if (error.code === 'rate_limited') return sendPrivateHtml(c, 429, renderTooManyRequestsPage(auth), null);
      // The reason is already a sentence about the address ("The address must contain exactly one @.").
      if (error.code === 'validation')
        return again(error.issues[0]?.message ?? 'That does not look like an email address.', form.data.email);
      throw error;
    }
  });

  const openLink = located(async (c, at) =>
    sendPrivateHtml(c, 200, renderContinuePage(flow.auth(at), c.get('cspNonce')), c.get('cspNonce')),
  );

  const continueLink = located(async (c, at) => {
    const form = LinkFormSchema.safeParse(await readForm(c));
    if (!form.success) return failed(c, at);
    const input = { token: extractLinkToken(form.data.link), pendingCookieValue: cookies.readPending(c, at) ?? null };
    const { kind } = await flow.inspect(at, input);
    if (kind === 'invalid') return failed(c, at);
    if (kind === 'needs_code') return sendPrivateHtml(c, 200, renderCodePage(flow.auth(at), input.token), null);
    const result = await flow.redeem(c, at, input);
    return result.ok ? startSession(c, at, result.sessionToken, result.nextPath) : failed(c, at);
  });

  const enterCode = located(async (c, at) => {
    const form = CodeFormSchema.safeParse(await readForm(c));
    if (!form.success) return failed(c, at);
    const result = await flow.redeem(c, at, {
      token: extractLinkToken(form.data.link),
      pendingCookieValue: cookies.readPending(c, at) ?? null,
      code: form.data.code,
    });
    if (result.ok) return startSession(c, at, result.sessionToken, result.nextPath);
    // A wrong code on a live link keeps the form, until TOK-8's attempts are spent.
    if ('wrongCode' in result) return sendPrivateHtml(c, 400, renderCodePage(flow.auth(at), form.data.link, result.wrongCode), null);
    return failed(c, at);
  });

  const signOut = located(async (c, at) => {
    await flow.signOut(c, at);
    cookies.clearSession(c, at);
    return sendSeeOther(c, flow.auth(at).homePath);
  });

  return { requestLink, openLink, continueLink, enterCode, signOut };
}
