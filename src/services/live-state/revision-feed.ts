/** Told of each newer revision, synchronously and in the order subscribed; must not throw. */
type RevisionSubscriber = (revision: number) => void;

/**
 * The one place this process publishes a data revision it has learned of, wherever it came from:
 * a local write (`ctx.onRevision`), another process's NOTIFY, or the snapshot holder's poll. Every
 * cache that could otherwise serve data older than that revision subscribes here, so that no source
 * can reach one cache and miss another. Each revision is passed on once, and never an older one.
 *
 * @example
 * const revisions = createRevisionFeed();
 * revisions.subscribe((revision) => hot.noteRevision(revision));
 * const ctx = { database, clock, onRevision: revisions.publish };
 */
export interface RevisionFeed {
  publish(revision: number): void;
  subscribe(subscriber: RevisionSubscriber): void;
  /** The newest revision published so far (-1 before any). */
  readonly latest: number;
}

export function createRevisionFeed(): RevisionFeed {
  const subscribers: RevisionSubscriber[] = [];
  let latest = -1;
  return {
    publish(revision) {
      if (revision <= latest) return;
      latest = revision;
      for (const subscriber of subscribers) subscriber(revision);
    },
    subscribe(subscriber) {
      subscribers.push(subscriber);
    },
    get latest() {
      return latest;
    },
  };
}
