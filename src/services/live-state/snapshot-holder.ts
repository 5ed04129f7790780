import type { Logger } from 'pino';
import { type PageKindsIndex, buildPageKindsIndex } from '../../domain/pages/page-kinds-index.js';
import type { Snapshot } from '../../domain/snapshot.js';
import type { Incident } from '../../domain/status/incident.js';
import { pollRevision } from '../../store/transaction.js';
import type { ServiceContext } from '../context.js';
import type { RevisionFeed } from './revision-feed.js';
import { loadSnapshot, refreshSnapshot } from './snapshot-loader.js';
import type { SnapshotSource } from './snapshot-source.js';

export interface SnapshotHolderOptions {
  /** How often to read the revision, to catch writes whose announcement was missed (another process). 0 = never. */
  pollIntervalMs?: number;
  /** First delay before retrying a failed reload; doubles up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  logger?: Pick<Logger, 'warn' | 'error'>;
  /**
   * The process's one revision publish: the holder subscribes to it, and its poll publishes there, so a
   * polled revision reaches every other subscriber (the fast path's maps) as a write or a NOTIFY does.
   * Without it the poll tells only this holder.
   */
  revisions?: RevisionFeed;
  /** Replaces the database load (tests): given the snapshot held now, if any, answers the newest. */
  load?: (previous: Snapshot | undefined) => Promise<Snapshot>;
}

export interface SnapshotHolder extends SnapshotSource {
  /** Announces that `revision` is committed (local write or another process); triggers a reload if newer. */
  onRevision(revision: number): void;
  /** The snapshot held now, possibly stale; undefined before the first load. */
  current(): Snapshot | undefined;
  /** Stops polling and retries; resolves once any in-flight load or poll has settled (the database may close then). `fresh()` still works after. */
  close(): Promise<void>;
}

interface Load {
  promise: Promise<void>;
  /** The highest announced revision when the load began: the load is bound to see at least it. */
  startedWith: number;
  error?: unknown;
}

/**
 * Keeps the read side's in-memory snapshot (the live state), moving it to each newer revision announced
 * by applying that revision's delta (see `refreshSnapshot`).
 * Concurrent callers share one load; revisions arriving during a load cause exactly one more.
 * A failed reload keeps serving the previous snapshot and retries with backoff.
 *
 * @example
 * const holder = createSnapshotHolder(ctx, { logger });
 * const snapshot = await holder.fresh();
 */
export function createSnapshotHolder(ctx: ServiceContext, options: SnapshotHolderOptions = {}): SnapshotHolder {
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const baseRetryDelayMs = options.retryDelayMs ?? 500;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
  // Each held incident's resolution time, worked out once for every delta (see ResolvedAtMemo). Weak:
  // it goes with the incidents, which leave as the snapshots holding them do.
  const resolvedAt = new WeakMap<Incident, number>();
  // One page-kinds index per snapshot, handed out or not. Weak: a request still holding an older
  // snapshot gets that snapshot's index, and both go when the last such request is done.
  const pageKindsIndexes = new WeakMap<Snapshot, PageKindsIndex>();
  // The first load reads the whole live state; every later one applies the revisions' deltas to it.
  const load =
    options.load ??
    ((previous: Snapshot | undefined) =>
      previous ? refreshSnapshot(ctx.database, ctx.clock, previous, resolvedAt) : loadSnapshot(ctx.database, ctx.clock));

  let snapshot: Snapshot | undefined;
  // Handed out on the hot path; one settled promise per snapshot, so `fresh()` allocates nothing.
  let settled: Promise<Snapshot> | undefined;
  let announced = -1;
  let inflight: Load | undefined;
  let rerun = false;
  let failing = false;
  let closed = false;
  let retryDelayMs = baseRetryDelayMs;
  let retryTimer: NodeJS.Timeout | undefined;
  let pollTimer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | undefined;
  // A polled revision goes out like any other, so that every subscriber hears of it, not only this holder.
  const publish = options.revisions?.publish ?? onRevision;

  function startLoad(): Load {
    if (inflight) return inflight;
    startPolling();
    const current: Load = { startedWith: announced, promise: Promise.resolve() };
    current.promise = load(snapshot)
      .then(
        (loaded) => {
          if (!snapshot || loaded.revision >= snapshot.revision) {
            snapshot = loaded;
            settled = Promise.resolve(loaded);
          }
          failing = false;
          retryDelayMs = baseRetryDelayMs;
        },
        (error: unknown) => {
          current.error = error;
          failing = true;
          options.logger?.error({ err: error }, 'snapshot reload failed; serving the previous snapshot');
          scheduleRetry();
        },
      )
      .finally(() => {
        inflight = undefined;
        if (rerun && !closed) {
          rerun = false;
          startLoad();
        }
      });
    inflight = current;
    return current;
  }

  function scheduleRetry(): void {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (!closed && isStale()) startLoad();
    }, retryDelayMs);
    retryTimer.unref();
    retryDelayMs = Math.min(retryDelayMs * 2, maxRetryDelayMs);
  }

  function startPolling(): void {
    if (pollTimer || closed || pollIntervalMs <= 0) return;
    pollTimer = setInterval(() => {
      if (polling) return;
      polling = pollRevision(ctx.database)
        .then(publish, (error: unknown) => options.logger?.warn({ err: error }, 'revision poll failed'))
        .finally(() => {
          polling = undefined;
        });
    }, pollIntervalMs);
    pollTimer.unref();
  }

  const isStale = (): boolean => !snapshot || snapshot.revision < announced;

  async function waitForFresh(): Promise<Snapshot> {
    const target = announced;
    for (;;) {
      const run = startLoad();
      await run.promise;
      if (run.error !== undefined) {
        if (snapshot) return snapshot;
        throw run.error;
      }
      // A load that began after `target` was announced has seen it; never spin on a revision that cannot appear.
      if (snapshot && (snapshot.revision >= target || run.startedWith >= target)) return snapshot;
    }
  }

  function fresh(): Promise<Snapshot> {
    if (settled && (!isStale() || (failing && !inflight))) return settled;
    return waitForFresh();
  }

  function onRevision(revision: number): void {
    if (revision <= announced) return;
    announced = revision;
    if (closed || !snapshot || snapshot.revision >= revision) return;
    if (inflight) {
      if (inflight.startedWith < revision) rerun = true;
    } else {
      startLoad();
    }
  }

  async function close(): Promise<void> {
    closed = true;
    clearInterval(pollTimer);
    clearTimeout(retryTimer);
    pollTimer = undefined;
    retryTimer = undefined;
    rerun = false;
    await Promise.all([inflight?.promise, polling]);
  }

  function pageKinds(of: Snapshot): PageKindsIndex {
    let index = pageKindsIndexes.get(of);
    if (index === undefined) {
      index = buildPageKindsIndex(of);
      pageKindsIndexes.set(of, index);
    }
    return index;
  }

  options.revisions?.subscribe(onRevision);
  return { fresh, pageKinds, onRevision, current: () => snapshot, close };
}
