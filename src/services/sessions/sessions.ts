import { isAllowlisted } from '../../domain/access/allowlist.js';
import { SYSTEM_ACTOR } from '../../domain/access/audit-event.js';
import { type CanonicalEmail, canonicaliseEmail } from '../../domain/access/email-address.js';
import { type AllowlistDomain, canonicaliseDomain } from '../../domain/access/email-domain.js';
import { invalid } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import { safeEqual } from '../../domain/access/secret-compare.js';
import {
  type SessionRecord,
  type SessionSelector,
  deleteSessionByHash,
  deleteSessions,
  deleteSessionsByIds,
  findSessionByHash,
  insertSession,
  listLiveSessions,
  touchSession,
} from '../../store/access/sessions.js';
import type { ChangeSet } from '../../store/revisions/change-log.js';
import type { Tx } from '../../store/transaction.js';
import { write } from '../context.js';
import type { CustomerPageAccess } from '../pages/customer-page-directory.js';
import { SESSION_TOKEN_BYTES, hashSecret, isTokenShaped, randomToken } from '../secrets.js';
import type { CachedSession, SessionIdentity } from './session-cache.js';
import { type AuditEventInput, SIGN_IN_ACTIONS, appendAudit, viewerActor } from '../sign-in/sign-in-audit.js';
import type { SignInDeps } from '../sign-in/sign-in-deps.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';
import { endReadTokensOf, endReadTokensOfPages, endReadTokensOutsideAllowlist } from './read-tokens.js';

/*
 * How sessions stay cheap and still end at once (SES-4; docs/customer-sessions.md):
 * - `checkSession` runs on every customer page request. It hashes the cookie (the session cache
 *   remembers the hashes of recently presented cookies), looks the hash up in that cache and checks
 *   expiry, page and the page's CURRENT allowlist from the in-memory directory (the snapshot). No
 *   database round-trip on a hit.
 * - A cache entry is trusted only while the data revision is the one it was read at. Sign-out and
 *   staff revocation are revision-bumping writes; this process evicts at once, and other processes
 *   hear of the new revision through LISTEN/NOTIFY (or the 1 s poll), reload their snapshot, and
 *   re-read the session from the database on its next use: gone within a second.
 * - An allowlist removal needs no session write to take effect: the directory changes with the
 *   snapshot and the check reads it every time. The session is also deleted, so re-adding the domain
 *   does not revive it.
 * - `last_seen_at` (and the sliding idle expiry) is written at most every SESSION_TOUCH_INTERVAL_MS
 *   per session, without bumping the revision; idle expiry is therefore exact to within that interval.
 * See docs/customer-sessions.md.
 */

/** How often a session's last-seen time is written at most. */
export const SESSION_TOUCH_INTERVAL_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

export type { SessionIdentity } from './session-cache.js';

/** A session as staff see it: never the id or its hash (SES-8). */
export interface SessionSummary {
  id: string;
  email: string;
  domain: string;
  createdAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

export type RevokeBy = 'all' | { email: string } | { domain: string };
type RevokeReason = 'sign_out' | 'staff' | 'domain_removed' | 'page_removed';

/**
 * SES-1/SES-3: starts a new session (a fresh random id, stored as its HMAC) in the caller's
 * transaction and returns the id for the cookie, once.
 */
export async function createSession(
  tx: Tx,
  deps: SignInDeps,
  input: { customerPageId: string; email: CanonicalEmail; now: Date },
): Promise<{ sessionToken: string; record: SessionRecord }> {
  const { now } = input;
  const sessionToken = randomToken(SESSION_TOKEN_BYTES);
  const absoluteExpiresAt = new Date(now.getTime() + deps.settings.sessionAbsoluteDays * DAY_MS);
  const record: SessionRecord = {
    id: newId(),
    idHash: hashSecret(deps.secret, 'session', sessionToken),
    customerPageId: input.customerPageId,
    email: input.email.address,
    domain: input.email.domain,
    createdAt: now,
    lastSeenAt: now,
    idleExpiresAt: idleExpiry(deps, now, absoluteExpiresAt),
    absoluteExpiresAt,
  };
  await insertSession(tx, record);
  return { sessionToken, record };
}

/** `checkSessionInMemory`'s answer when only the database can decide (see there). */
export const NEEDS_DATABASE = Symbol('needs the database');

/**
 * SES-4/SES-5: `checkSession` as far as it can be answered from this process's memory, for the
 * signed-in fast path (web/fast-path.ts): the identity, null (refused), or NEEDS_DATABASE when the
 * session is not cached, looks idle-expired, is to be ended because its domain left the allowlist, or
 * is due its last-seen write. Then `checkSession` must answer. Never writes.
 */
export function checkSessionInMemory(deps: SignInDeps, input: SessionCheckInput): SessionIdentity | null | typeof NEEDS_DATABASE {
  const found = findInMemory(deps, input);
  return found.decided ? found.result : NEEDS_DATABASE;
}

/**
 * SES-4/SES-5: who the session cookie belongs to on this page, or null when the session is unknown,
 * expired, of another page, or its domain is no longer on the page's allowlist.
 *
 * @example const viewer = await checkSession(deps, { sessionToken: cookie, customerPageId: page.id })
 */
export async function checkSession(deps: SignInDeps, input: SessionCheckInput): Promise<SessionIdentity | null> {
  const found = findInMemory(deps, input);
  if (found.decided) return found.result;
  const { page, idHash, revision, now } = found;
  // Not cached, or an entry that looks idle-expired and may have been kept alive by another process: ask the database.
  const entry = found.entry ?? (await loadSession(deps, idHash, revision));
  if (!entry) return null;
  const verdict = judgeSession(entry, idHash, page, now);
  switch (verdict.kind) {
    case 'refuse':
      return refuse(deps, idHash, verdict.evict);
    case 'outside-allowlist':
      await endSessions(deps, page.id, [entry.record], 'domain_removed', SYSTEM_ACTOR, false);
      return null;
    case 'touch':
      return (await touch(deps, entry, now, revision)) ? verdict.identity : null;
    case 'accept':
      deps.sessionCache.admit(input.sessionToken, page.id, revision, verdict.identity, acceptedUntil(entry.record));
      return verdict.identity;
  }
}

/** What memory alone decides about a session check, or what the database-backed check goes on with. */
type InMemoryCheck =
  | { decided: true; result: SessionIdentity | null }
  | { decided: false; page: CustomerPageAccess; idHash: string; revision: number; now: Date; entry: CachedSession | null };

function findInMemory(deps: SignInDeps, input: SessionCheckInput): InMemoryCheck {
  const { sessionToken, customerPageId } = input;
  const revision = deps.directory.revision;
  const now = deps.clock();
  const admitted = deps.sessionCache.admitted(sessionToken, customerPageId, revision, now.getTime());
  if (admitted !== undefined) return { decided: true, result: admitted };
  if (!isTokenShaped(sessionToken, SESSION_TOKEN_BYTES)) return { decided: true, result: null };
  const page = deps.directory.find(customerPageId);
  if (!page) return { decided: true, result: null };
  const idHash = deps.sessionCache.idHashOf(sessionToken, (token) => hashSecret(deps.secret, 'session', token));
  const cached = deps.sessionCache.get(idHash, revision);
  if (!cached || now >= cached.record.idleExpiresAt) return { decided: false, page, idHash, revision, now, entry: null };
  const verdict = judgeSession(cached, idHash, page, now);
  if (verdict.kind === 'refuse') return { decided: true, result: refuse(deps, idHash, verdict.evict) };
  if (verdict.kind === 'accept') {
    deps.sessionCache.admit(sessionToken, customerPageId, revision, verdict.identity, acceptedUntil(cached.record));
    return { decided: true, result: verdict.identity };
  }
  return { decided: false, page, idHash, revision, now, entry: cached };
}

/** Until when (epoch ms) `judgeSession` keeps accepting `record` at one revision: its expiries and its next last-seen write. */
const acceptedUntil = (record: SessionRecord): number =>
  Math.min(record.absoluteExpiresAt.getTime(), record.idleExpiresAt.getTime(), record.lastSeenAt.getTime() + SESSION_TOUCH_INTERVAL_MS);

export interface SessionCheckInput {
  sessionToken: string;
  customerPageId: string;
}

type SessionVerdict =
  | { kind: 'refuse'; evict: boolean }
  | { kind: 'outside-allowlist' }
  | { kind: 'touch'; identity: SessionIdentity }
  | { kind: 'accept'; identity: SessionIdentity };

/** The one set of rules both checks apply to a session found (cached or read) for `idHash`. */
function judgeSession(entry: CachedSession, idHash: string, page: CustomerPageAccess, now: Date): SessionVerdict {
  const { record } = entry;
  if (!safeEqual(record.idHash, idHash) || record.customerPageId !== page.id) return { kind: 'refuse', evict: false };
  if (now >= record.absoluteExpiresAt || now >= record.idleExpiresAt) return { kind: 'refuse', evict: true };
  if (!isAllowlisted(entry.email, page.allowlist)) return { kind: 'outside-allowlist' };
  const identity = { email: record.email, domain: record.domain };
  return now.getTime() - record.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS
    ? { kind: 'touch', identity }
    : { kind: 'accept', identity };
}

function refuse(deps: SignInDeps, idHash: string, evict: boolean): null {
  if (evict) deps.sessionCache.evict(idHash);
  return null;
}

/** SES-7: ends this session (deletes its row) everywhere. Unknown or foreign sessions change nothing. */
export async function signOut(deps: SignInDeps, input: { sessionToken: string; customerPageId: string }): Promise<void> {
  if (!isTokenShaped(input.sessionToken, SESSION_TOKEN_BYTES)) return;
  const idHash = hashSecret(deps.secret, 'session', input.sessionToken);
  // Read first: a forged cookie must not make every process reload its snapshot.
  const record = await findSessionByHash(deps.database.db, idHash);
  if (!record || record.customerPageId !== input.customerPageId) return;
  await endSessions(deps, input.customerPageId, [record], 'sign_out', viewerActor(record.email), true);
}

/**
 * SES-7: staff revoke a page's sessions: all of them, one address's, or one domain's (`*.example.com`
 * for its subdomains, as in the allowlist). Takes effect at once here and within a second elsewhere.
 *
 * @example await revokeSessions(deps, { customerPageId, by: { domain: 'example.com' } }, 'api-key:abc')
 */
export async function revokeSessions(
  deps: SignInDeps,
  input: { customerPageId: string; by: RevokeBy },
  actor: string,
): Promise<{ revoked: number }> {
  const selector = toSelector(input.by);
  const revoked = await write(deps, async (tx, changed) => {
    changed.access();
    // Sessions first: a read token being made waits on them (createReadToken), and is then ended with the rest.
    const ended = await deleteSessions(tx, input.customerPageId, selector);
    // The viewer's read tokens end with their sessions (docs/read-tokens.md).
    await endReadTokensOf(tx, { customerPageId: input.customerPageId, selector, actor, now: deps.clock() });
    return auditRevoked(tx, deps.clock(), ended, 'staff', actor, selector);
  });
  evictAll(deps, revoked);
  return { revoked: revoked.length };
}

/**
 * In the caller's transaction (a catalog write that changed an allowlist): deletes the page's
 * sessions whose address `allowlist` no longer admits, auditing each as revoked (`domain_removed`).
 * Access already ends on the next request without this (SES-4, the allowlist is checked every
 * time); this makes the end permanent, even for sessions not used since, and shows it to staff at
 * once. The write's revision bump drops the sessions from every process's cache. The page's read
 * tokens of those addresses end too.
 */
export async function endSessionsOutsideAllowlist(
  tx: Tx,
  input: { customerPageId: string; allowlist: readonly AllowlistDomain[]; actor: string; now: Date },
): Promise<SessionRecord[]> {
  const live = await listLiveSessions(tx, input.customerPageId, input.now);
  const outside = live.filter((row) => {
    const email = canonicaliseEmail(row.email);
    return !email.ok || isAllowlisted(email.address, input.allowlist) === null;
  });
  // Sessions first: a read token being made waits on them (createReadToken), and the tokens read after see it.
  const rows = await deleteSessionsByIds(
    tx,
    input.customerPageId,
    outside.map((row) => row.id),
  );
  await endReadTokensOutsideAllowlist(tx, input);
  return auditRevoked(tx, input.now, rows, 'domain_removed', input.actor);
}

/**
 * In the caller's transaction (a write that removes customer pages: an entry or a whole set deleted):
 * deletes all their sessions and read tokens, each audited as revoked (`page_removed`). Returns how
 * many sessions ended.
 */
export async function endSessionsOfRemovedPages(
  tx: Tx,
  input: { customerPageIds: readonly string[]; actor: string; now: Date },
): Promise<number> {
  let ended = 0;
  for (const customerPageId of input.customerPageIds) {
    ended += (await auditRevoked(tx, input.now, await deleteSessions(tx, customerPageId, { all: true }), 'page_removed', input.actor))
      .length;
  }
  // After the sessions, as in endSessionsOutsideAllowlist.
  await endReadTokensOfPages(tx, { ...input, reason: 'page_removed' });
  return ended;
}

/** The page's live sessions, most recently seen first (staff tools). */
export async function listSessions(deps: SignInDeps, customerPageId: string): Promise<SessionSummary[]> {
  const rows = await listLiveSessions(deps.database.db, customerPageId, deps.clock());
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    domain: row.domain,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    idleExpiresAt: row.idleExpiresAt,
    absoluteExpiresAt: row.absoluteExpiresAt,
  }));
}

function idleExpiry(deps: SignInDeps, now: Date, absoluteExpiresAt: Date): Date {
  return new Date(Math.min(now.getTime() + deps.settings.sessionIdleDays * DAY_MS, absoluteExpiresAt.getTime()));
}

async function loadSession(deps: SignInDeps, idHash: string, revision: number): Promise<CachedSession | null> {
  const ticket = deps.sessionCache.fillTicket();
  const record = await findSessionByHash(deps.database.db, idHash);
  if (!record) return null;
  const email = canonicaliseEmail(record.email);
  if (!email.ok) return null;
  const entry = { record, email: email.address };
  deps.sessionCache.fill(entry, revision, ticket);
  return entry;
}

/** Writes the last-seen time and slides the idle expiry; false (and evicted) when the row is gone. */
async function touch(deps: SignInDeps, entry: CachedSession, now: Date, revision: number): Promise<boolean> {
  const idleExpiresAt = idleExpiry(deps, now, entry.record.absoluteExpiresAt);
  const touched = await writeUnannounced(deps, (tx) => touchSession(tx, entry.record.idHash, { at: now, idleExpiresAt }));
  if (!touched) {
    deps.sessionCache.evict(entry.record.idHash);
    return false;
  }
  deps.sessionCache.update({ ...entry, record: { ...entry.record, lastSeenAt: now, idleExpiresAt } }, revision);
  return true;
}

/**
 * Deletes these sessions with an audit event each, then evicts them here. `announce` makes the write
 * bump the revision so other processes drop their cached copies; an allowlist removal needs no
 * announcement, since every process already refuses the session from its own snapshot.
 */
async function endSessions(
  deps: SignInDeps,
  customerPageId: string,
  sessions: readonly SessionRecord[],
  reason: RevokeReason,
  actor: string,
  announce: boolean,
): Promise<SessionRecord[]> {
  const work = async (tx: Tx) => {
    const rows =
      sessions.length === 1 && sessions[0]
        ? [await deleteSessionByHash(tx, sessions[0].idHash, customerPageId)].filter((row): row is SessionRecord => row !== null)
        : await deleteSessionsByIds(
            tx,
            customerPageId,
            sessions.map((row) => row.id),
          );
    return auditRevoked(tx, deps.clock(), rows, reason, actor);
  };
  const announced = (tx: Tx, changed: ChangeSet) => {
    changed.access();
    return work(tx);
  };
  const deleted = announce ? await write(deps, announced) : await writeUnannounced(deps, work);
  evictAll(deps, sessions);
  return deleted;
}

function evictAll(deps: SignInDeps, sessions: readonly SessionRecord[]): void {
  if (sessions.length === 1 && sessions[0]) return deps.sessionCache.evict(sessions[0].idHash);
  const hashes = new Set(sessions.map((row) => row.idHash));
  deps.sessionCache.evictWhere((record) => hashes.has(record.idHash));
}

/** Records each of these just-deleted sessions as revoked for `reason` (LOG-1), and hands them back. */
async function auditRevoked(
  tx: Tx,
  at: Date,
  rows: SessionRecord[],
  reason: RevokeReason,
  actor: string,
  by?: SessionSelector,
): Promise<SessionRecord[]> {
  await appendAudit(
    tx,
    at,
    rows.map((row) => revokedEvent(row, reason, actor, by)),
  );
  return rows;
}

function revokedEvent(row: SessionRecord, reason: RevokeReason, actor: string, by?: SessionSelector): AuditEventInput {
  return {
    actor,
    action: SIGN_IN_ACTIONS.sessionRevoked,
    subjectType: 'session',
    subjectId: row.id,
    pageId: row.customerPageId,
    details: { reason, email: row.email, domain: row.domain, ...(by === undefined ? {} : { by }) },
  };
}

function toSelector(by: RevokeBy): SessionSelector {
  if (by === 'all') return { all: true };
  if ('email' in by) {
    const email = canonicaliseEmail(by.email);
    if (!email.ok) throw invalid('by.email', email.reason);
    return { email: email.address.address };
  }
  const domain = canonicaliseDomain(by.domain);
  if (!domain.ok) throw invalid('by.domain', `The domain ${domain.reason}.`);
  return domain.wildcard ? { domainSuffix: domain.domain } : { domain: domain.domain };
}
