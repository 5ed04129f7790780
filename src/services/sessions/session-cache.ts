import type { CanonicalEmail } from '../../domain/access/email-address.js';
import { ByteLru, stringBytes } from '../../domain/byte-lru.js';
import type { CacheBounds } from '../../domain/cache-bounds.js';
import type { SessionRecord } from '../../store/access/sessions.js';

/** Who a session belongs to, as a session check answers it. */
export interface SessionIdentity {
  email: string;
  domain: string;
}

/** A session check's acceptance, remembered for its token (see `SessionCache.admit`). */
interface Admission {
  customerPageId: string;
  revision: number;
  identity: SessionIdentity;
  /** Epoch ms from which the check must be made again (an expiry, or the next last-seen write). */
  untilMs: number;
}

/** A session as checked on the hot path, with its address already parsed for the allowlist check. */
export interface CachedSession {
  record: SessionRecord;
  email: CanonicalEmail;
}

/**
 * This process's copy of recently used sessions, keyed by the session id's HMAC, so that checking a
 * session costs no database round-trip (docs/customer-sessions.md). Correctness rests on two rules:
 * - an entry is only served while the directory's data revision equals the one it was read at; every
 *   revocation and sign-out is a revision-bumping write, and other processes learn of it through
 *   LISTEN/NOTIFY (or the 1 s poll), reload their snapshot, and so stop trusting older entries;
 * - a fill is dropped if any local eviction happened while it was read from the database, so a read
 *   that raced a local sign-out cannot bring the session back.
 */
export interface SessionCache {
  get(idHash: string, revision: number): CachedSession | undefined;
  /** A token to pass to `fill`: taken before the database read. */
  fillTicket(): number;
  /** Stores a session read from the database, unless an eviction happened since `ticket`. */
  fill(entry: CachedSession, revision: number, ticket: number): void;
  /** Replaces an entry's record after a write this process made itself (e.g. a new last-seen time). */
  update(entry: CachedSession, revision: number): void;
  evict(idHash: string): void;
  /** Evicts every entry `matches` picks (a revocation by page, address or domain). */
  evictWhere(matches: (record: SessionRecord) => boolean): void;
  /**
   * The id hash of a presented session token: `hash(token)`, remembered for recently presented
   * tokens, since the HMAC was a large part of checking a session on every request. Forgotten when the
   * session is evicted here.
   */
  idHashOf(token: string, hash: (token: string) => string): string;
  /**
   * Remembers that the session `token` passed the full check for `customerPageId` at data revision
   * `revision`, and would pass it again until `untilMs`: nothing else the check reads can change
   * without a new revision (allowlists and sessions change only by revision-bumping writes), and an
   * eviction forgets it. Spares the signed-in hot path the HMAC, lookups and rules on repeat requests.
   */
  admit(token: string, customerPageId: string, revision: number, identity: SessionIdentity, untilMs: number): void;
  /** The identity `admit` remembered for `token` on this page at this revision, while before its bound. */
  admitted(token: string, customerPageId: string, revision: number, nowMs: number): SessionIdentity | undefined;
  readonly size: number;
  /** Approximate bytes held, sessions and remembered tokens together. */
  readonly bytes: number;
}

// Approximate heap bytes: the objects and Dates of a record or a token's memo, plus their strings.
const SESSION_OVERHEAD_BYTES = 400;
const TOKEN_OVERHEAD_BYTES = 300;
const sessionBytes = ({ record }: CachedSession): number =>
  SESSION_OVERHEAD_BYTES + 2 * stringBytes(record.id + record.idHash + record.customerPageId + record.email + record.domain);
const tokenBytes = (token: string, idHash: string): number => TOKEN_OVERHEAD_BYTES + 2 * stringBytes(token + idHash);

/** What the cache remembers of a presented token: its id hash, and the acceptance `admit` recorded. */
interface TokenMemo {
  idHash: string;
  admission: Admission | undefined;
}

/**
 * Bounded by `maxEntries` sessions and as many remembered tokens, and by `maxBytes` (approximate),
 * half for sessions and half for tokens; least recently used out first in each.
 */
export function createSessionCache(bounds: CacheBounds): SessionCache {
  const { maxEntries, maxBytes } = bounds;
  const half = { maxEntries, maxBytes: maxBytes / 2 };
  const entries = new ByteLru<string, { entry: CachedSession; revision: number }>(half);
  let evictions = 0;
  // token → id hash (and acceptance), and back, so that an eviction forgets the token too.
  const tokens = new Map<string, string>();
  const memos = new ByteLru<string, TokenMemo>(half, (_token, memo) => tokens.delete(memo.idHash));
  const forgetToken = (idHash: string): void => {
    const token = tokens.get(idHash);
    if (token === undefined) return;
    tokens.delete(idHash);
    memos.delete(token);
  };

  const store = (entry: CachedSession, revision: number): void => {
    entries.set(entry.record.idHash, { entry, revision }, sessionBytes(entry));
  };

  return {
    get(idHash, revision) {
      const held = entries.get(idHash);
      if (!held) return undefined;
      if (held.revision !== revision) {
        entries.delete(idHash);
        return undefined;
      }
      return held.entry;
    },
    fillTicket: () => evictions,
    fill(entry, revision, ticket) {
      if (ticket === evictions) store(entry, revision);
    },
    update(entry, revision) {
      store(entry, revision);
    },
    evict(idHash) {
      evictions += 1;
      entries.delete(idHash);
      forgetToken(idHash);
    },
    evictWhere(matches) {
      evictions += 1;
      for (const [key, held] of entries.entries()) {
        if (!matches(held.entry.record)) continue;
        entries.delete(key);
        forgetToken(key);
      }
    },
    idHashOf(token, hash) {
      const known = memos.get(token);
      if (known !== undefined) return known.idHash;
      const idHash = hash(token);
      memos.set(token, { idHash, admission: undefined }, tokenBytes(token, idHash));
      if (memos.has(token)) tokens.set(idHash, token);
      return idHash;
    },
    admit(token, customerPageId, revision, identity, untilMs) {
      // Only tokens whose hash is remembered, so that an eviction (which forgets the token) forgets this too.
      const memo = memos.peek(token);
      if (memo !== undefined) memo.admission = { customerPageId, revision, identity, untilMs };
    },
    admitted(token, customerPageId, revision, nowMs) {
      const admission = memos.peek(token)?.admission;
      if (
        admission === undefined ||
        admission.revision !== revision ||
        admission.customerPageId !== customerPageId ||
        nowMs >= admission.untilMs
      ) {
        return undefined;
      }
      return admission.identity;
    },
    get size() {
      return entries.size;
    },
    get bytes() {
      return entries.bytes + memos.bytes;
    },
  };
}
