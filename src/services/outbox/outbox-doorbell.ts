/**
 * Rung once a write that queued outbox messages has committed, so that this process's outbox worker
 * delivers them at once (a sign-in mail leaves while the viewer reads "Check your email") instead of
 * at its next poll. The poll stays, for what a ring cannot tell: messages another process queued,
 * retries coming due and lapsed claims.
 *
 * @example
 * const ctx = { database, clock, onRevision, outbox: createOutboxDoorbell() };
 * const worker = startOutboxWorker(ctx, { handlers, logger }); // answers ctx.outbox
 */
export interface OutboxDoorbell {
  ring(): void;
  /** Calls `listener` on every ring from now on, until the returned function is called. */
  answer(listener: () => void): () => void;
}

/** The longest a ring waits before it is heard. */
export const RING_DELAY_MS = 250;

export function createOutboxDoorbell(): OutboxDoorbell {
  const listeners = new Set<() => void>();
  let ringing = false;
  return {
    // Heard a random moment later (up to RING_DELAY_MS), never inside the request that rang: its
    // answer is written first, and the worker's round does not line up with it, so neither that
    // answer nor the next request tells whether a mail was queued (REQ-2). Rings meanwhile are one.
    ring() {
      if (ringing) return;
      ringing = true;
      setTimeout(() => {
        ringing = false;
        for (const listener of listeners) listener();
      }, Math.random() * RING_DELAY_MS).unref();
    },
    answer(listener) {
      const own = (): void => listener();
      listeners.add(own);
      return () => void listeners.delete(own);
    },
  };
}
