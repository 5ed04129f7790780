import type { AuditEvent } from '../../domain/access/audit-event.js';
import { newId } from '../../domain/id.js';
import { insertAuditEvents } from '../../store/access/audit-log.js';
import type { Tx } from '../../store/transaction.js';

/** The actor of anything done by someone not (yet) signed in: the sign-in form and the emailed link. */
export const VISITOR_ACTOR = 'visitor';
/** The actor of a signed-in customer page viewer (e.g. signing out). */
export const viewerActor = (email: string): string => `viewer:${email}`;

/** An audit event before it gets its id and time. */
export type AuditEventInput = Omit<AuditEvent, 'id' | 'at'>;

/**
 * Sign-in and session audit actions (LOG-1). Details never hold a raw token, code, session id or
 * sign-in URL (LOG-2): links and sessions are named by their non-secret `id` handle.
 */
export const SIGN_IN_ACTIONS = {
  linkRequested: 'sign_in.link_requested',
  mailSent: 'sign_in.mail_sent',
  mailDropped: 'sign_in.mail_dropped',
  linkOpened: 'sign_in.link_opened',
  codeFailed: 'sign_in.code_failed',
  redeemed: 'sign_in.redeemed',
  redeemFailed: 'sign_in.redeem_failed',
  sessionCreated: 'session.created',
  sessionRevoked: 'session.revoked',
} as const;

/** Appends events stamped with `at`, in the caller's transaction. */
export async function appendAudit(tx: Tx, at: Date, events: readonly AuditEventInput[]): Promise<void> {
  await insertAuditEvents(
    tx,
    events.map((event) => ({ ...event, id: newId(), at })),
  );
}
