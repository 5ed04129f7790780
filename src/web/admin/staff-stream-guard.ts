import type { Logger } from 'pino';
import { type StaffResource, roleMay } from '../../domain/access/staff-role.js';
import type { RevisionFeed } from '../../services/live-state/revision-feed.js';
import type { StaffDeps } from '../../services/staff/staff-deps.js';
import { type StaffIdentity, recheckStaffSessions } from '../../services/staff/staff-sessions.js';

type StaffAction = { resource: StaffResource; writes: boolean };

/** One open stream's guard. */
export interface GuardedStream {
  /** True while the session holds and its role allows the action; otherwise ends the stream (once) and answers false. Never throws. */
  verify(): Promise<boolean>;
  /** Stops guarding (the stream ended on its own). */
  release(): void;
}

export interface StaffStreamGuard {
  /** Guards a stream opened with this staff cookie for `action`: `end` is called once either stops holding. */
  guard(sessionToken: string, action: StaffAction, end: () => void): GuardedStream;
}

interface Entry {
  token: string;
  action: StaffAction;
  end: () => void;
}

/**
 * Ends a dashboard stream once the session it was opened with stops being valid (STF-2, STF-6):
 * signed out, revoked, its member removed or their role changed (each announced as a revision, so
 * every process hears of it, PostgreSQL's at once through LISTEN), or expired (the stream's own
 * periodic `verify` finds that). After each revision every guarded session is checked in one
 * batch; revisions arriving during a check are folded into one more check after it.
 */
export function createStaffStreamGuard(staff: StaffDeps, revisions: RevisionFeed, logger: Pick<Logger, 'warn'>): StaffStreamGuard {
  const entries = new Set<Entry>();
  let checking = false;
  let again = false;

  /** Ends each entry of `batch` that no longer holds; answers those that do. */
  const settle = async (batch: readonly Entry[]): Promise<Set<Entry>> => {
    let live: Map<string, StaffIdentity>;
    try {
      live = await recheckStaffSessions(
        staff,
        batch.map((entry) => entry.token),
      );
    } catch (error) {
      // Failing closed costs a reconnect: the screen's next request is checked afresh.
      logger.warn({ err: error }, 'could not re-check staff sessions of live screens; ending them');
      live = new Map();
    }
    const held = new Set<Entry>();
    for (const entry of batch) {
      if (!entries.has(entry)) continue;
      const who = live.get(entry.token);
      if (who && roleMay(who.member.role, entry.action)) {
        held.add(entry);
        continue;
      }
      entries.delete(entry);
      entry.end();
    }
    return held;
  };

  const checkAll = async (): Promise<void> => {
    if (checking) {
      again = true;
      return;
    }
    checking = true;
    try {
      do {
        again = false;
        if (entries.size > 0) await settle([...entries]);
      } while (again);
    } finally {
      checking = false;
    }
  };

  revisions.subscribe(() => {
    if (entries.size > 0) void checkAll();
  });

  return {
    guard(token, action, end) {
      const entry: Entry = { token, action, end };
      entries.add(entry);
      return {
        verify: async () => entries.has(entry) && (await settle([entry])).has(entry),
        release: () => {
          entries.delete(entry);
        },
      };
    },
  };
}
