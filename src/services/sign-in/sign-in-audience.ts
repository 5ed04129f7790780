import { isAllowlisted } from '../../domain/access/allowlist.js';
import type { CanonicalEmail } from '../../domain/access/email-address.js';
import type { Tx } from '../../store/transaction.js';
import { createSession } from '../sessions/sessions.js';
import type { SignInDeps, SignInSettings } from './sign-in-deps.js';
import { SIGN_IN_MAIL_KIND } from './sign-in-mail-payload.js';

/**
 * Who a sign-in link is for: one customer page's viewers, or the staff (STF-1). The request, the
 * emailed link, the code and the single-use redemption (TOK-*, RED-*, REQ-*) are the same for every
 * audience; an audience says only who it admits and what session a used link starts.
 */
export interface SignInAudience {
  /**
   * Stored with each link (`sign_in_tokens.customer_page_id`): a customer page's id, or `staff`.
   * A link is only ever redeemed for the audience it was asked for (TOK-3).
   */
  key: string;
  /** The page id of its audit events: the customer page's, or null (staff). */
  auditPageId: string | null;
  /** The outbox kind of its sign-in mail. */
  mailKind: string;
  /** What the server log says when an address gets no link because of this audience (REQ-1 hides it from the visitor). */
  notAdmittedLog: string;
  /**
   * Why `email` may not have a link, nor a session from one (REQ-3 and TOK-7; STF-1), for the audit
   * log, or null when it may. Asked when the link is requested and again when it is used.
   */
  refusal(tx: Tx, email: CanonicalEmail): Promise<string | null>;
  /** Starts a session for `email` in `tx` (SES-1, SES-3): the id for the cookie, once, and what the audit log records of it. */
  startSession(tx: Tx, email: CanonicalEmail, now: Date): Promise<StartedSession>;
}

export interface StartedSession {
  sessionToken: string;
  /** The session's non-secret handle. */
  sessionId: string;
  /** For the `session.created` audit event (LOG-2: nothing secret). */
  details: Record<string, unknown>;
}

/** What asking for and using links needs whatever the audience: the database, the clock, the secret, the link lifetime. */
export type LinkDeps = Pick<SignInDeps, 'database' | 'clock' | 'secret' | 'outbox'> & { settings: Pick<SignInSettings, 'tokenTtlMinutes'> };

/** The viewers of one customer page: the addresses its current allowlist admits. */
export function customerPageAudience(deps: SignInDeps, customerPageId: string): SignInAudience {
  return {
    key: customerPageId,
    auditPageId: customerPageId,
    mailKind: SIGN_IN_MAIL_KIND,
    notAdmittedLog: 'the address is not on the allowlist',
    async refusal(_tx, email) {
      const page = deps.directory.find(customerPageId);
      if (!page) return 'page_removed';
      return isAllowlisted(email, page.allowlist) === null ? 'not_allowlisted' : null;
    },
    async startSession(tx, email, now) {
      const { sessionToken, record } = await createSession(tx, deps, { customerPageId, email, now });
      return { sessionToken, sessionId: record.id, details: { email: record.email, domain: record.domain } };
    },
  };
}
