/**
 * The server's long-lived responses (server-sent events): at most `max` open at once, and every one
 * ended when the server starts to drain, so that a graceful shutdown never waits on a screen left
 * open in someone's browser (the drain counts an unfinished response as a busy connection).
 */
export interface EventStreams {
  /** Registers a stream by the function that ends it; null when `max` are open or the server is closing. The answer unregisters it. */
  open(end: () => void): (() => void) | null;
  /** Ends every open stream and refuses new ones (the drain and `close()` start with this). */
  closeAll(): void;
  readonly size: number;
}

export function createEventStreams(max: number): EventStreams {
  const open = new Set<() => void>();
  let closing = false;
  return {
    open(end) {
      if (closing || open.size >= max) return null;
      // A fresh function per stream, so the same `end` registered twice counts twice.
      const entry = () => end();
      open.add(entry);
      return () => {
        open.delete(entry);
      };
    },
    closeAll() {
      closing = true;
      for (const end of [...open]) end();
      open.clear();
    },
    get size() {
      return open.size;
    },
  };
}
