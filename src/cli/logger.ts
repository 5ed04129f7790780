import pino, { type Logger } from 'pino';

export interface CliLogger {
  logger: Logger;
  /** Writes out whatever is still buffered; call before `process.exit`. */
  flush(): void;
}

/**
 * JSON logs (pino). The server logs to stdout; one-shot commands log to stderr so that their
 * stdout carries only their result (`beacon api-key create` prints the key and nothing else).
 * Writes are asynchronous so a busy server never waits on its log pipe.
 */
export function createCliLogger(level: string, stream: 'stdout' | 'stderr'): CliLogger {
  const destination = pino.destination({ dest: stream === 'stdout' ? 1 : 2, sync: false });
  const logger = pino({ level, base: { pid: process.pid } }, destination);
  return {
    logger,
    flush: () => {
      try {
        destination.flushSync();
      } catch {
        // Nothing buffered yet, or the pipe is gone: nothing more we can do.
      }
    },
  };
}
