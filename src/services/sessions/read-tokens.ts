import { isAllowlisted } from '../../domain/access/allowlist.js';
import { canonicaliseEmail } from '../../domain/access/email-address.js';
import type { AllowlistDomain } from '../../domain/access/email-domain.js';
import { safeEqual } from '../../domain/access/secret-compare.js';
import { BeaconError, invalid, notFound } from '../../domain/errors.js';
import { newId } from '../../domain/id.js';
import {
  type ReadTokenRecord,
  countReadTokens,
  deleteReadToken,
  deleteReadTokens,
  deleteReadTokensByIds,
  findReadTokenByHash,
  insertReadToken,
  listReadTokens,
  touchReadToken,
} from '../../store/access/read-tokens.js';
import { type SessionSelector, lockViewerSessions } from '../../store/access/sessions.js';
import { lockCustomerPageUrlToken } from '../../store/pages/customer-pages.js';
import type { Tx } from '../../store/transaction.js';
import { write } from '../context.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';
import { hashSecret, randomToken } from '../secrets.js';
import { type AuditEventInput, appendAudit, viewerActor } from '../sign-in/sign-in-audit.js';
import type { SignInDeps } from '../sign-in/sign-in-deps.js';
import type { SessionIdentity } from './session-cache.js';

/*
 * Personal read tokens (docs/read-tokens.md): a signed-in viewer's key for their page's v2 API and
 * feeds, for tools that hold no session. Checked on every request against the database (no cache, so a
 * revoked token is refused by the very next request in every process) and against the page's CURRENT
 * allowlist from the snapshot, as sessions are (SES-4). Every way a viewer loses the page deletes the
 * tokens in the same transaction: staff revoking the viewer, the domain leaving the allowlist, the
 * page's URL rotated, the page removed.
 */

/** What every read token starts with, so that one found in a file or a log is recognised as ours. */
export const READ_TOKEN_PREFIX = 'bcn_rt_';
/** TOK-1: 32 random bytes, as sign-in links and sessions. */
const READ_TOKEN_BYTES = 32;
/** A viewer's live tokens on one page, at most. */
export const MAX_READ_TOKENS_PER_VIEWER = 10;
const NAME_MAX = 80;
/** A token's last-used time is written at most this often. */
const TOUCH_INTERVAL_MS = 60_000;

const READ_TOKEN_ACTIONS = { created: 'read_token.created', revoked: 'read_token.revoked' } as const;
type RevokeReason = 'viewer' | 'staff' | 'domain_removed' | 'page_removed' | 'url_rotated';

/** A token as lists show it: never the token or its hash. */
export interface ReadTokenSummary {
  id: string;
  name: string;
  /** The token's first characters, e.g. `bcn_rt_Xy3k`. */
  prefix: string;
  email: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const summarise = (row: ReadTokenRecord): ReadTokenSummary => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  email: row.email,
  createdAt: row.createdAt,
  lastUsedAt: row.lastUsedAt,
});

const hashOf = (deps: SignInDeps, token: string): string => hashSecret(deps.secret, 'read-token', token);

/** True when `value` has the exact shape of a token this server makes; anything else is refused before hashing. */
function isReadTokenShaped(value: string): boolean {
  const body = value.slice(READ_TOKEN_PREFIX.length);
  return value.startsWith(READ_TOKEN_PREFIX) && body.length === Math.ceil((READ_TOKEN_BYTES * 4) / 3) && /^[A-Za-z0-9_-]+$/.test(body);
}

/**
 * Makes a token for the signed-in `viewer` on this page and returns it, the only time it is seen.
 * Refused (429) past MAX_READ_TOKENS_PER_VIEWER live tokens, and (403) when the session that asks or
 * the page's URL it came through ended meanwhile.
 *
 * The transaction first locks the page's URL token and the viewer's sessions: whatever ends them
 * concurrently (a rotation, staff revoking the viewer, the domain leaving the allowlist) either
 * comes first, and this refuses, or waits for this commit and then ends the new token with the
 * rest. Without the locks a token made in that moment outlived the end, and came back to life if
 * the domain was allowlisted again. They also make the limit hold under concurrent requests.
 *
 * @example const { token } = await createReadToken(deps, { customerPageId, urlToken, sessionToken, viewer, name: 'Feed reader' })
 */
export async function createReadToken(
  deps: SignInDeps,
  input: { customerPageId: string; urlToken: string; sessionToken: string; viewer: SessionIdentity; name: string },
): Promise<{ token: string; summary: ReadTokenSummary }> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > NAME_MAX) throw invalid('name', `Give the token a name of 1 to ${NAME_MAX} characters.`);
  const token = READ_TOKEN_PREFIX + randomToken(READ_TOKEN_BYTES);
  const record: ReadTokenRecord = {
    id: newId(),
    tokenHash: hashOf(deps, token),
    customerPageId: input.customerPageId,
    email: input.viewer.email,
    domain: input.viewer.domain,
    name,
    prefix: token.slice(0, READ_TOKEN_PREFIX.length + 4),
    createdAt: deps.clock(),
    lastUsedAt: null,
  };
  const sessionHash = hashSecret(deps.secret, 'session', input.sessionToken);
  await writeUnannounced(deps, async (tx) => {
    const urlToken = await lockCustomerPageUrlToken(tx, record.customerPageId);
    const sessions = await lockViewerSessions(tx, record.customerPageId, record.email, record.createdAt);
    if (urlToken === null || !safeEqual(urlToken, input.urlToken) || !sessions.includes(sessionHash)) {
      throw new BeaconError('forbidden', 'Your access to this page ended; sign in again.');
    }
    if ((await countReadTokens(tx, record.customerPageId, record.email)) >= MAX_READ_TOKENS_PER_VIEWER) {
      throw new BeaconError(
        'rate_limited',
        `You already have ${MAX_READ_TOKENS_PER_VIEWER} tokens for this page; revoke one you no longer use first.`,
      );
    }
    await insertReadToken(tx, record);
    await appendAudit(tx, record.createdAt, [event(record, READ_TOKEN_ACTIONS.created, viewerActor(record.email))]);
  });
  return { token, summary: summarise(record) };
}

/**
 * TOK-2/SES-4: who `token` reads this page for, or null: unknown, of another page, or its address no
 * longer on the page's allowlist. Read from the database every time; the hash is compared in constant time.
 */
export async function checkReadToken(deps: SignInDeps, input: { token: string; customerPageId: string }): Promise<SessionIdentity | null> {
  if (!isReadTokenShaped(input.token)) return null;
  const page = deps.directory.find(input.customerPageId);
  if (!page) return null;
  const tokenHash = hashOf(deps, input.token);
  const record = await findReadTokenByHash(deps.database.db, tokenHash);
  if (!record || !safeEqual(record.tokenHash, tokenHash) || record.customerPageId !== page.id) return null;
  const email = canonicaliseEmail(record.email);
  if (!email.ok || isAllowlisted(email.address, page.allowlist) === null) return null;
  const now = deps.clock();
  if (record.lastUsedAt === null || now.getTime() - record.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
    // "Last used" is a courtesy: a write lock held elsewhere must not fail a read the token may make.
    const touched = await writeUnannounced(deps, (tx) => touchReadToken(tx, tokenHash, now)).catch(() => true);
    if (!touched) return null; // the row went between the read and the touch: revoked
  }
  return { email: record.email, domain: record.domain };
}

/** The viewer's own tokens on this page, newest first. */
export async function listViewerReadTokens(deps: SignInDeps, customerPageId: string, viewer: SessionIdentity): Promise<ReadTokenSummary[]> {
  return (await listReadTokens(deps.database.db, customerPageId, viewer.email)).map(summarise);
}

/** The viewer revokes one of their own tokens; another's, or an unknown id, is a 404. */
export async function revokeViewerReadToken(
  deps: SignInDeps,
  input: { customerPageId: string; viewer: SessionIdentity; tokenId: string },
): Promise<void> {
  const { customerPageId, viewer, tokenId } = input;
  await writeUnannounced(deps, async (tx) => {
    const row = await deleteReadToken(tx, customerPageId, tokenId, viewer.email);
    if (!row) throw notFound('Read token', tokenId);
    await auditRevoked(tx, deps.clock(), [row], 'viewer', viewerActor(viewer.email));
  });
}

/** Staff: every token of the page, newest first. */
export async function listPageReadTokens(deps: SignInDeps, customerPageId: string): Promise<ReadTokenSummary[]> {
  return (await listReadTokens(deps.database.db, customerPageId)).map(summarise);
}

/**
 * Staff revoke one token of the page (audited as theirs); an unknown id is a 404. A revision-bumping
 * write, as staff revocations of sessions are, so that the API's write audit (STF-7) records it.
 */
export async function revokePageReadToken(
  deps: SignInDeps,
  input: { customerPageId: string; tokenId: string },
  actor: string,
): Promise<void> {
  await write(deps, async (tx, changed) => {
    changed.access();
    const row = await deleteReadToken(tx, input.customerPageId, input.tokenId);
    if (!row) throw notFound('Read token', input.tokenId);
    await auditRevoked(tx, deps.clock(), [row], 'staff', actor);
  });
}

/** In the caller's transaction: staff revoked these viewers' sessions, so their tokens go too. */
export async function endReadTokensOf(
  tx: Tx,
  input: { customerPageId: string; selector: SessionSelector; actor: string; now: Date },
): Promise<number> {
  const rows = await deleteReadTokens(tx, input.customerPageId, input.selector);
  return (await auditRevoked(tx, input.now, rows, 'staff', input.actor)).length;
}

/** In the caller's transaction: a catalog write narrowed the page's allowlist; tokens of addresses it no longer admits end. */
export async function endReadTokensOutsideAllowlist(
  tx: Tx,
  input: { customerPageId: string; allowlist: readonly AllowlistDomain[]; actor: string; now: Date },
): Promise<number> {
  const outside = (await listReadTokens(tx, input.customerPageId)).filter((row) => {
    const email = canonicaliseEmail(row.email);
    return !email.ok || isAllowlisted(email.address, input.allowlist) === null;
  });
  const rows = await deleteReadTokensByIds(
    tx,
    input.customerPageId,
    outside.map((row) => row.id),
  );
  return (await auditRevoked(tx, input.now, rows, 'domain_removed', input.actor)).length;
}

/** In the caller's transaction: the pages are removed (`page_removed`) or their URL rotated (`url_rotated`); all their tokens end. */
export async function endReadTokensOfPages(
  tx: Tx,
  input: { customerPageIds: readonly string[]; reason: 'page_removed' | 'url_rotated'; actor: string; now: Date },
): Promise<number> {
  let ended = 0;
  for (const customerPageId of input.customerPageIds) {
    const rows = await deleteReadTokens(tx, customerPageId, { all: true });
    ended += (await auditRevoked(tx, input.now, rows, input.reason, input.actor)).length;
  }
  return ended;
}

/** LOG-1 without LOG-2's secrets: the token is named by its id, name and prefix, never by itself or its hash. */
async function auditRevoked(tx: Tx, at: Date, rows: ReadTokenRecord[], reason: RevokeReason, actor: string): Promise<ReadTokenRecord[]> {
  await appendAudit(
    tx,
    at,
    rows.map((row) => event(row, READ_TOKEN_ACTIONS.revoked, actor, reason)),
  );
  return rows;
}

function event(row: ReadTokenRecord, action: string, actor: string, reason?: RevokeReason): AuditEventInput {
  return {
    actor,
    action,
    subjectType: 'read_token',
    subjectId: row.id,
    pageId: row.customerPageId,
    details: { name: row.name, prefix: row.prefix, email: row.email, ...(reason === undefined ? {} : { reason }) },
  };
}
