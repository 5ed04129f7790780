import type { CanonicalEmail } from '../../domain/access/email-address.js';
import { safeEqual } from '../../domain/access/secret-compare.js';
import { newId } from '../../domain/id.js';
import {
  type StaffSessionRecord,
  deleteStaffSession,
  findStaffSessionByHash,
  findStaffSessionsByHashes,
  insertStaffSession,
  listStaffSessionsOf,
} from '../../store/access/staff-sessions.js';
import { touchSession } from '../../store/access/sessions.js';
import { type StaffMember, findStaffMember, findStaffMemberByEmail, listStaffMembers } from '../../store/access/staff.js';
import type { Tx } from '../../store/transaction.js';
import { write } from '../context.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';
import { SESSION_TOKEN_BYTES, hashSecret, isTokenShaped, randomToken } from '../secrets.js';
import { SESSION_TOUCH_INTERVAL_MS } from '../sessions/sessions.js';
import { appendAudit } from '../sign-in/sign-in-audit.js';
import type { StartedSession } from '../sign-in/sign-in-audience.js';
import { STAFF_ACTIONS, staffActor } from './staff-audit.js';
import type { StaffDeps } from './staff-deps.js';

/*
 * Staff sessions (STF-2). Unlike customer pages' they are not cached: the dashboard is used by a
 * few people, so every request reads its session and its member from the database. Removing a
 * member or changing a role deletes their sessions (STF-6), which every process sees on the very
 * next request. Ending sessions is still announced (a revision), for the screens that stay open
 * (live events): they re-check their session when told (`recheckStaffSessions`).
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Enough of the User-Agent to tell devices apart in the list. */
const DEVICE_MAX_LENGTH = 160;

/** A signed-in staff member, as a dashboard request sees them. */
export interface StaffIdentity {
  member: StaffMember;
  /** The session's non-secret handle (the devices list marks "this device" by it). */
  sessionId: string;
}

/** A session as its owner sees it in "signed-in devices": never the id or its hash (SES-8). */
export interface StaffSessionSummary {
  id: string;
  device: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

const hashOf = (deps: StaffDeps, token: string): string => hashSecret(deps.secret, 'staff-session', token);

/** SES-1/SES-3: a new session for a member, in the caller's transaction; the id for the cookie is returned once. */
export async function startStaffSession(
  tx: Tx,
  deps: StaffDeps,
  input: { email: CanonicalEmail; device: string; now: Date },
): Promise<StartedSession> {
  const member = await findStaffMemberByEmail(tx, input.email.address);
  // The audience refused anyone else a moment ago in this same transaction.
  if (!member) throw new Error('startStaffSession: not a staff member');
  const { now } = input;
  const sessionToken = randomToken(SESSION_TOKEN_BYTES);
  const absoluteExpiresAt = new Date(now.getTime() + deps.settings.sessionAbsoluteDays * DAY_MS);
  const record: StaffSessionRecord = {
    id: newId(),
    idHash: hashOf(deps, sessionToken),
    staffId: member.id,
    device: input.device.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, DEVICE_MAX_LENGTH) || 'Unknown browser',
    createdAt: now,
    lastSeenAt: now,
    idleExpiresAt: idleExpiry(deps, now, absoluteExpiresAt),
    absoluteExpiresAt,
  };
  await insertStaffSession(tx, record);
  return { sessionToken, sessionId: record.id, details: { email: member.email, role: member.role, staffId: member.id } };
}

/**
 * STF-2/SES-4/SES-5: who the staff cookie belongs to, or null when the session is unknown, expired
 * (12 hours idle or 7 days old by default), or its member was removed. Slides the idle expiry at
 * most every few minutes.
 */
export async function checkStaffSession(deps: StaffDeps, sessionToken: string | undefined): Promise<StaffIdentity | null> {
  if (!isTokenShaped(sessionToken, SESSION_TOKEN_BYTES)) return null;
  const idHash = hashOf(deps, sessionToken);
  const record = await findStaffSessionByHash(deps.database.db, idHash);
  if (!record || !safeEqual(record.idHash, idHash)) return null;
  const now = deps.clock();
  if (isExpired(record, now)) return null;
  const member = await findStaffMember(deps.database.db, record.staffId);
  if (!member) return null;
  if (now.getTime() - record.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS) {
    const idleExpiresAt = idleExpiry(deps, now, record.absoluteExpiresAt);
    const touched = await writeUnannounced(deps, (tx) => touchSession(tx, idHash, { at: now, idleExpiresAt }, 'staff_sessions'));
    if (!touched) return null;
  }
  return { member, sessionId: record.id };
}

/**
 * Which of these staff cookies still hold a live session (as `checkStaffSession` decides), by
 * cookie, in two queries whatever the count: for screens that stay open (live events) to learn
 * that their session ended. Never slides the idle expiry: an open screen is not someone using it.
 */
export async function recheckStaffSessions(deps: StaffDeps, sessionTokens: readonly string[]): Promise<Map<string, StaffIdentity>> {
  const byHash = new Map<string, string>();
  for (const token of sessionTokens) if (isTokenShaped(token, SESSION_TOKEN_BYTES)) byHash.set(hashOf(deps, token), token);
  const live = new Map<string, StaffIdentity>();
  if (byHash.size === 0) return live;
  const records = await findStaffSessionsByHashes(deps.database.db, [...byHash.keys()]);
  if (records.length === 0) return live;
  const members = new Map((await listStaffMembers(deps.database.db)).map((member) => [member.id, member]));
  const now = deps.clock();
  for (const record of records) {
    const token = byHash.get(record.idHash);
    const member = members.get(record.staffId);
    if (token === undefined || !member || isExpired(record, now)) continue;
    live.set(token, { member, sessionId: record.id });
  }
  return live;
}

const isExpired = (record: StaffSessionRecord, now: Date): boolean => now >= record.idleExpiresAt || now >= record.absoluteExpiresAt;

/** The member's live sessions, most recently used first. */
export async function listOwnStaffSessions(deps: StaffDeps, identity: StaffIdentity): Promise<StaffSessionSummary[]> {
  const now = deps.clock();
  const rows = await listStaffSessionsOf(deps.database.db, identity.member.id);
  return rows
    .filter((row) => now < row.idleExpiresAt && now < row.absoluteExpiresAt)
    .map((row) => ({
      id: row.id,
      device: row.device,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      expiresAt: row.idleExpiresAt < row.absoluteExpiresAt ? row.idleExpiresAt : row.absoluteExpiresAt,
    }));
}

/**
 * Ends one of the member's own sessions (signing out is ending the current one): only their own, so
 * a handle of someone else's session changes nothing. Audited (STF-7). True when one ended.
 */
export async function endOwnStaffSession(
  deps: StaffDeps,
  identity: StaffIdentity,
  sessionId: string,
  reason: 'sign_out' | 'revoked',
): Promise<boolean> {
  const now = deps.clock();
  // Announced (access), so that a live screen open on this session ends on every process.
  return write(deps, async (tx, changed) => {
    changed.access();
    const ended = await deleteStaffSession(tx, identity.member.id, sessionId);
    if (!ended) return false;
    await appendAudit(tx, now, [
      {
        actor: staffActor(identity.member.email),
        action: STAFF_ACTIONS.sessionRevoked,
        subjectType: 'staff_session',
        subjectId: ended.id,
        pageId: null,
        details: { reason, email: identity.member.email },
      },
    ]);
    return true;
  });
}

function idleExpiry(deps: StaffDeps, now: Date, absoluteExpiresAt: Date): Date {
  return new Date(Math.min(now.getTime() + deps.settings.sessionIdleHours * HOUR_MS, absoluteExpiresAt.getTime()));
}
