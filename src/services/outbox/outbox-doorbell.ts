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

export function createOutboxDoorbell(): OutboxDoorbell {
  const listeners = new Set<() => void>();
  let ringing = false;
  return {
    // Heard on a later turn of the event loop, never inside the request that rang: its answer is
    // written first, so an address that queued a mail is answered as fast as one that did not (REQ-2).
    // Rings before then are heard as one.
    ring() {
      if (ringing) return;
      ringing = true;
      setImmediate(() => {
        ringing = false;
        for (const listener of listeners) listener();
      });
    },
    answer(listener) {
      const own = (): void => listener();
      listeners.add(own);
      return () => void listeners.delete(own);
    },
  };
}
