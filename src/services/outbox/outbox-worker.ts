import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { newId } from '../../domain/id.js';
import { type OutboxRecord, claimDueOutboxMessages, markOutboxFailed, markOutboxRetry, markOutboxSent } from '../../store/outbox.js';
import type { ServiceContext } from '../context.js';
import { type AuditEventInput, appendAudit } from '../sign-in/sign-in-audit.js';
import { writeUnannounced } from '../live-state/unannounced-write.js';

/** What a handler reports for a message it dealt with. To have it retried later, throw instead. */
export type OutboxOutcome =
  { status: 'sent'; events?: AuditEventInput[] } | { status: 'dropped'; reason: string; events?: AuditEventInput[] };

/**
 * Thrown by a handler that was told when to try again (a receiver's `Retry-After`): the retry waits
 * until `at` when that is later than the usual backoff. It still counts as an attempt.
 */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly at: Date,
  ) {
    super(message);
  }
}

/** Delivers the messages of one kind. */
export interface OutboxHandler {
  /**
   * Runs outside any transaction: sending may be slow. Throws on a failure worth retrying (a
   * `RetryLaterError` to say not before when), and when `signal` aborts (the worker is stopping): the
   * message is then retried like any failure.
   */
  deliver(message: OutboxRecord, signal?: AbortSignal): Promise<OutboxOutcome>;
  /** The payload kept once the message is finished (sent, dropped or given up): secrets removed. */
  redact(payload: string): string;
  /** Audit events for a message given up after its last attempt failed. */
  describeGiveUp?(message: OutboxRecord, error: string): AuditEventInput[];
}

export interface OutboxWorkerOptions {
  handlers: Readonly<Record<string, OutboxHandler>>;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Unique per worker; defaults to host, pid and a random suffix. */
  workerId?: string;
  /** How often to look for due messages; `wake()` looks at once. Default 1000 ms. */
  pollMs?: number;
  /** Messages claimed (and sent concurrently) per round. Default 5. */
  batchSize?: number;
  /** A claim lapses after this long, so a crashed worker's messages are retried. Default 5 min. */
  leaseMs?: number;
  /** Attempts before giving up for good. Default 8 (about 21 minutes of retries). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to `maxRetryDelayMs`. Defaults 10 s and 10 min. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Aborts the deliveries in progress (see `OutboxHandler.deliver`). */
  signal?: AbortSignal;
}

export interface OutboxRound {
  claimed: number;
  sent: number;
  dropped: number;
  retried: number;
  failed: number;
}

export interface OutboxWorker {
  /** Looks for due messages now (e.g. right after enqueueing). */
  wake(): void;
  /** Stops polling, aborts deliveries in progress (they are recorded for a retry) and waits for the round. */
  stop(): Promise<void>;
}

const MAX_ERROR_LENGTH = 500;

const defaultWorkerId = (): string => `${hostname()}:${process.pid}:${newId().slice(0, 6)}`;

/**
 * One round: claims due messages (concurrent workers take disjoint sets, see `claimDueOutboxMessages`), delivers them outside any transaction, then records each outcome with its audit events.
 * A failure is retried with exponential backoff until `maxAttempts`. A message is sent twice only
 * if a worker dies after sending and before recording it (its claim then lapses); two live workers
 * never send the same message.
 */
export async function runOutboxOnce(ctx: Pick<ServiceContext, 'database' | 'clock'>, options: OutboxWorkerOptions): Promise<OutboxRound> {
  const workerId = options.workerId ?? defaultWorkerId();
  const now = ctx.clock();
  const claimed = await writeUnannounced(ctx, (tx) =>
    claimDueOutboxMessages(tx, {
      workerId,
      now,
      claimedUntil: new Date(now.getTime() + (options.leaseMs ?? 5 * 60_000)),
      limit: options.batchSize ?? 5,
    }),
  );
  const round: OutboxRound = { claimed: claimed.length, sent: 0, dropped: 0, retried: 0, failed: 0 };
  await Promise.all(
    claimed.map(async (message) => {
      round[await deliverOne(ctx, options, workerId, message)] += 1;
    }),
  );
  return round;
}

async function deliverOne(
  ctx: Pick<ServiceContext, 'database' | 'clock'>,
  options: OutboxWorkerOptions,
  workerId: string,
  message: OutboxRecord,
): Promise<'sent' | 'dropped' | 'retried' | 'failed'> {
  const handler = options.handlers[message.kind];
  let outcome: OutboxOutcome;
  try {
    if (!handler) throw new Error(`no handler for outbox messages of kind ${JSON.stringify(message.kind)}`);
    outcome = await handler.deliver(message, options.signal);
  } catch (error) {
    return recordFailure(ctx, options, workerId, message, handler, error);
  }
  const at = ctx.clock();
  const recorded = await writeUnannounced(ctx, async (tx) => {
    const payload = handler.redact(message.payload);
    const marked =
      outcome.status === 'sent'
        ? await markOutboxSent(tx, { id: message.id, workerId, at, payload })
        : await markOutboxFailed(tx, { id: message.id, workerId, at, error: `dropped: ${outcome.reason}`, payload });
    if (marked) await appendAudit(tx, at, outcome.events ?? []);
    return marked;
  });
  if (!recorded) options.logger.warn({ outboxId: message.id, kind: message.kind }, 'outbox claim lapsed before the outcome was recorded');
  if (outcome.status === 'dropped')
    options.logger.info({ outboxId: message.id, kind: message.kind, reason: outcome.reason }, 'outbox message dropped');
  return outcome.status;
}

async function recordFailure(
  ctx: Pick<ServiceContext, 'database' | 'clock'>,
  options: OutboxWorkerOptions,
  workerId: string,
  message: OutboxRecord,
  handler: OutboxHandler | undefined,
  error: unknown,
): Promise<'retried' | 'failed'> {
  const text = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
  const at = ctx.clock();
  const giveUp = message.attempts >= (options.maxAttempts ?? 8);
  await writeUnannounced(ctx, async (tx) => {
    if (!giveUp) {
      const base = options.retryDelayMs ?? 10_000;
      const delay = Math.min(base * 2 ** (message.attempts - 1), options.maxRetryDelayMs ?? 10 * 60_000);
      const asked = error instanceof RetryLaterError ? error.at.getTime() : 0;
      const nextAttemptAt = new Date(Math.max(at.getTime() + delay, asked));
      await markOutboxRetry(tx, { id: message.id, workerId, error: text, nextAttemptAt });
      return;
    }
    const payload = handler ? handler.redact(message.payload) : message.payload;
    if (await markOutboxFailed(tx, { id: message.id, workerId, at, error: text, payload })) {
      await appendAudit(tx, at, handler?.describeGiveUp?.(message, text) ?? []);
    }
  });
  options.logger.warn(
    { outboxId: message.id, kind: message.kind, attempts: message.attempts, err: text },
    giveUp ? 'outbox message given up' : 'outbox delivery failed; will retry',
  );
  return giveUp ? 'failed' : 'retried';
}

/**
 * Runs `runOutboxOnce` every `pollMs`, at once when `ctx.outbox` rings (a message this process just
 * queued), and again at once while rounds come back full. Errors are logged and the loop carries on;
 * `stop()` ends it.
 *
 * @example const worker = startOutboxWorker(ctx, { handlers: { [SIGN_IN_MAIL_KIND]: signInMail }, logger })
 */
export function startOutboxWorker(ctx: Pick<ServiceContext, 'database' | 'clock' | 'outbox'>, options: OutboxWorkerOptions): OutboxWorker {
  const stopping = new AbortController();
  const settings = { ...options, workerId: options.workerId ?? defaultWorkerId(), signal: stopping.signal };
  const pollMs = options.pollMs ?? 1000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const schedule = (): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, pollMs);
    timer.unref();
  };

  const loop = async (): Promise<void> => {
    do {
      again = false;
      try {
        const round = await runOutboxOnce(ctx, settings);
        if (round.claimed === (settings.batchSize ?? 5)) again = true;
      } catch (error) {
        options.logger.error({ err: error }, 'outbox round failed');
      }
    } while (again && !stopped);
  };

  function tick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = loop().finally(() => {
      running = undefined;
      schedule();
    });
  }

  schedule();
  const hangUp = ctx.outbox?.answer(tick);
  return {
    wake: tick,
    async stop() {
      stopped = true;
      hangUp?.();
      clearTimeout(timer);
      stopping.abort();
      await running;
    },
  };
}
