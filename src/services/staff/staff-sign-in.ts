import type { Logger } from 'pino';
import { findStaffMemberByEmail } from '../../store/access/staff.js';
import type { Mailer } from '../outbox/mailer.js';
import type { OutboxHandler } from '../outbox/outbox-worker.js';
import type { SignInAudience } from '../sign-in/sign-in-audience.js';
import { createAudienceMailHandler } from '../sign-in/sign-in-mail.js';
import { type LinkInput, type RedeemResult, type SignInLinkState, inspectLinkFor, redeemLinkFor } from '../sign-in/sign-in-redeem.js';
import { type SignInRequestResult, requestLinkFor } from '../sign-in/sign-in-request.js';
import type { StaffDeps } from './staff-deps.js';
import { startStaffSession } from './staff-sessions.js';

/** The audience key of staff links in `sign_in_tokens` (a customer page id is 16 characters: never this). */
const STAFF_AUDIENCE_KEY = 'staff';
/** The outbox kind of a staff sign-in mail. */
export const STAFF_SIGN_IN_MAIL_KIND = 'staff_sign_in_link';
/** What the staff sign-in mail says it signs in to. */
const STAFF_SIGN_IN_NAME = 'the Beacon staff dashboard';

/**
 * The staff as a sign-in audience: only addresses on the staff list get a link or a session (STF-1),
 * asked again when the link is used, so a member removed meanwhile gets nothing. `device` is the
 * browser's own description, kept for the "signed-in devices" list.
 */
function staffAudience(deps: StaffDeps, device = ''): SignInAudience {
  return {
    key: STAFF_AUDIENCE_KEY,
    auditPageId: null,
    mailKind: STAFF_SIGN_IN_MAIL_KIND,
    notAdmittedLog: 'the address is not on the staff list',
    async refusal(tx, email) {
      return (await findStaffMemberByEmail(tx, email.address)) ? null : 'not_staff';
    },
    startSession: (tx, email, now) => startStaffSession(tx, deps, { email, device, now }),
  };
}

/**
 * A submitted `/admin/sign-in` form: exactly as for customer pages (REQ-1..4, TOK-*), with the staff
 * list in place of an allowlist (STF-1). The answer is the same whether or not the address is staff.
 */
export function requestStaffSignInLink(
  deps: StaffDeps,
  input: { rawEmail: string; clientIp: string; nextPath: string | null },
  logger?: Pick<Logger, 'info'>,
): Promise<SignInRequestResult> {
  return requestLinkFor(deps, staffAudience(deps), input, logger);
}

/** What opening a staff link shows (RED-1/RED-2: it changes nothing). */
export function inspectStaffSignInLink(deps: StaffDeps, input: LinkInput): Promise<{ kind: SignInLinkState }> {
  return inspectLinkFor(deps, staffAudience(deps), input);
}

/** Signs a staff member in with a link (and, in another browser, its code: RED-5); see `redeemSignInLink`. */
export function redeemStaffSignInLink(deps: StaffDeps, input: LinkInput & { code?: string | null; device: string }): Promise<RedeemResult> {
  return redeemLinkFor(deps, staffAudience(deps, input.device), input);
}

/** Delivers staff sign-in mails, checking the staff list again just before sending (as REQ-3). */
export function createStaffSignInMailHandler(deps: StaffDeps, options: { mailer: Mailer; publicUrl: string }): OutboxHandler {
  const base = options.publicUrl.replace(/\/+$/, '');
  return createAudienceMailHandler(deps, {
    mailer: options.mailer,
    audience: {
      auditPageId: () => null,
      async target(key, email) {
        if (key !== STAFF_AUDIENCE_KEY || !(await findStaffMemberByEmail(deps.database.db, email.address))) return { refused: 'not_staff' };
        // RED-6: the token rides in the fragment, as on customer pages.
        return { name: STAFF_SIGN_IN_NAME, link: (token) => `${base}/admin/auth#${token}` };
      },
    },
  });
}
