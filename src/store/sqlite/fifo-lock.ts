/**
 * A lock handed to waiters in the order they asked. Kysely's SQLite driver guards its one connection
 * with a mutex that wakes every waiter on each release and lets whichever runs first win, so who is
 * served next depends on promise timing, and a caller that asks again while it is handing over can
 * overtake a reader waiting all along (see the test). Here each release passes the lock straight to
 * the longest waiter, and wakes only that one.
 */
export class FifoLock {
  #isHeld = false;
  readonly #waiters: Array<() => void> = [];

  /** Resolves once the caller holds the lock; every `acquire` must be followed by one `release`. */
  acquire(): Promise<void> {
    if (!this.#isHeld) {
      this.#isHeld = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Passes the lock to the longest waiter, or frees it. */
  release(): void {
    const next = this.#waiters.shift();
    if (next === undefined) this.#isHeld = false;
    else next();
  }

  /** How many callers are waiting (not counting the holder). */
  get waiting(): number {
    return this.#waiters.length;
  }
}
