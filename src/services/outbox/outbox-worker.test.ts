import pino from 'pino';
import { expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { buildTestContext } from '../../../test/helpers/write-fixtures.js';
import { openDatabase } from '../../store/database.js';
import { findOutboxMessage } from '../../../test/helpers/outbox-rows.js';
import { writeTransaction } from '../../store/transaction.js';
import { enqueue } from './outbox.js';
import { RING_DELAY_MS, createOutboxDoorbell } from './outbox-doorbell.js';
import { type OutboxHandler, runOutboxOnce, startOutboxWorker } from './outbox-worker.js';
import { TEST_DATABASE_SETTINGS } from '../../../test/helpers/test-config.js';

const logger = pino({ level: 'silent' });
const SECOND = 1000;

/** A handler that records each delivery, fails while told to, and redacts `secret`. */
function buildHandler(options: { delayMs?: number } = {}) {
  const delivered: string[] = [];
  let failures = 0;
  const handler: OutboxHandler & { delivered: string[]; failNext(count: number): void } = {
    delivered,
    failNext: (count) => {
      failures = count;
    },
    async deliver(message) {
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (failures > 0) {
        failures -= 1;
        throw new Error('SMTP 451 try again later');
      }
      delivered.push(message.id);
      return {
        status: 'sent',
        events: [{ actor: 'system', action: 'test.sent', subjectType: 'outbox', subjectId: message.id, pageId: null, details: {} }],
      };
    },
    redact: (payload) => JSON.stringify({ ...(JSON.parse(payload) as object), secret: undefined }),
    describeGiveUp: (message, error) => [
      { actor: 'system', action: 'test.given_up', subjectType: 'outbox', subjectId: message.id, pageId: null, details: { error } },
    ],
  };
  return handler;
}

describeEachEngine('services/outbox-worker', (database, engine) => {
  const queue = (count: number, at: Date, kind = 'test') =>
    writeTransaction(database(), async (tx) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) ids.push(await enqueue(tx, kind, { n: i, secret: 'hush' }, at));
      return ids;
    }).then((r) => r.result);
  const actions = async () => (await database().db.selectFrom('audit_log').select('action').execute()).map((row) => row.action).sort();

  it('REQ-2: delivers due messages outside the request, once, and records them with their audit events', async () => {
    const { ctx } = buildTestContext(database());
    const [id] = await queue(1, ctx.clock());
    const handler = buildHandler();
    expect(await runOutboxOnce(ctx, { handlers: { test: handler }, logger })).toMatchObject({ claimed: 1, sent: 1 });
    expect(await runOutboxOnce(ctx, { handlers: { test: handler }, logger })).toMatchObject({ claimed: 0 });
    expect(handler.delivered).toEqual([id]);
    const row = await findOutboxMessage(database().db, id!);
    expect(row).toMatchObject({ attempts: 1, sentAt: ctx.clock(), claimedBy: null });
    expect(JSON.parse(row!.payload)).toEqual({ n: 0 });
    expect(await actions()).toEqual(['test.sent']);
  });

  it('retries a failed delivery with exponential backoff, then gives up and redacts', async () => {
    const { ctx, advance } = buildTestContext(database());
    const [id] = await queue(1, ctx.clock());
    const handler = buildHandler();
    handler.failNext(100);
    const options = { handlers: { test: handler }, logger, maxAttempts: 4, retryDelayMs: 10 * SECOND };
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const before = ctx.clock().getTime();
      expect(await runOutboxOnce(ctx, options)).toMatchObject({ retried: 1 });
      const row = await findOutboxMessage(database().db, id!);
      expect(row).toMatchObject({ attempts: attempt, lastError: 'SMTP 451 try again later', claimedBy: null });
      delays.push(row!.nextAttemptAt.getTime() - before);
      // Not due before its time.
      advance(row!.nextAttemptAt.getTime() - before - 1);
      expect(await runOutboxOnce(ctx, options)).toMatchObject({ claimed: 0 });
      advance(1);
    }
    expect(delays).toEqual([10 * SECOND, 20 * SECOND, 40 * SECOND]);
    expect(await runOutboxOnce(ctx, options)).toMatchObject({ failed: 1 });
    const row = await findOutboxMessage(database().db, id!);
    expect(row?.failedAt).not.toBeNull();
    expect(row?.payload).not.toContain('hush');
    expect(await actions()).toEqual(['test.given_up']);
    advance(60 * 60 * SECOND);
    expect(await runOutboxOnce(ctx, options)).toMatchObject({ claimed: 0 });
  });

  it('a retried delivery succeeds once the server recovers', async () => {
    const { ctx, advance } = buildTestContext(database());
    const [id] = await queue(1, ctx.clock());
    const handler = buildHandler();
    handler.failNext(1);
    expect(await runOutboxOnce(ctx, { handlers: { test: handler }, logger })).toMatchObject({ retried: 1 });
    advance(10 * SECOND);
    expect(await runOutboxOnce(ctx, { handlers: { test: handler }, logger })).toMatchObject({ sent: 1 });
    expect(handler.delivered).toEqual([id]);
  });

  it('keeps messages no handler knows for a later (newer) process', async () => {
    const { ctx } = buildTestContext(database());
    const [id] = await queue(1, ctx.clock(), 'from_the_future');
    expect(await runOutboxOnce(ctx, { handlers: {}, logger })).toMatchObject({ retried: 1 });
    expect((await findOutboxMessage(database().db, id!))?.lastError).toMatch(/no handler/);
  });

  it('records a dropped message as finished, never to be retried', async () => {
    const { ctx, advance } = buildTestContext(database());
    const [id] = await queue(1, ctx.clock());
    const handler: OutboxHandler = { deliver: async () => ({ status: 'dropped', reason: 'expired' }), redact: () => '{}' };
    expect(await runOutboxOnce(ctx, { handlers: { test: handler }, logger })).toMatchObject({ dropped: 1 });
    expect(await findOutboxMessage(database().db, id!)).toMatchObject({ lastError: 'dropped: expired', payload: '{}' });
    advance(3600 * SECOND);
    expect(await runOutboxOnce(ctx, { handlers: { test: handler }, logger })).toMatchObject({ claimed: 0 });
  });

  it('two workers (two processes on PostgreSQL) never send one message twice', async () => {
    const { ctx } = buildTestContext(database());
    const ids = await queue(30, ctx.clock());
    const handler = buildHandler({ delayMs: 5 });
    const other = engine === 'postgres' ? openDatabase(database().url, { ...TEST_DATABASE_SETTINGS, poolSize: 3 }) : database();
    try {
      const drain = async (workerId: string, db: typeof other) => {
        for (;;) {
          const round = await runOutboxOnce(
            { database: db, clock: ctx.clock },
            { handlers: { test: handler }, logger, workerId, batchSize: 4 },
          );
          if (round.claimed === 0) return;
        }
      };
      await Promise.all([drain('worker-1', database()), drain('worker-2', other), drain('worker-3', database()), drain('worker-4', other)]);
    } finally {
      if (other !== database()) await other.close();
    }
    expect([...handler.delivered].sort()).toEqual([...ids].sort());
  });

  it('the running worker picks messages up on its own and when woken', async () => {
    const { ctx } = buildTestContext(database());
    const handler = buildHandler();
    const worker = startOutboxWorker(ctx, { handlers: { test: handler }, logger, pollMs: 50 });
    try {
      const [first] = await queue(1, ctx.clock());
      await vi.waitFor(() => expect(handler.delivered).toEqual([first]), { timeout: 5000 });
      const [second] = await queue(1, ctx.clock());
      worker.wake();
      await vi.waitFor(() => expect(handler.delivered).toEqual([first, second]), { timeout: 5000 });
    } finally {
      await worker.stop();
    }
  });

  it('answers its context’s doorbell: a ring delivers at once, with the poll an hour away; after stop() no ring is heard', async () => {
    const outbox = createOutboxDoorbell();
    const ctx = { ...buildTestContext(database()).ctx, outbox };
    const handler = buildHandler();
    const worker = startOutboxWorker(ctx, { handlers: { test: handler }, logger, pollMs: 3_600_000 });
    let heard = 0;
    const hangUp = outbox.answer(() => (heard += 1));
    try {
      const [id] = await queue(1, ctx.clock());
      outbox.ring();
      await vi.waitFor(() => expect(handler.delivered).toEqual([id]), { timeout: 10_000 });
    } finally {
      await worker.stop();
    }
    await queue(1, ctx.clock());
    outbox.ring();
    // Heard later, never inside the call that rang (REQ-2).
    expect(heard).toBe(1);
    await vi.waitFor(() => expect(heard).toBe(2), { timeout: 10 * RING_DELAY_MS });
    // The ring reached the test's own listener; a stopped worker claims nothing.
    expect(await runOutboxOnce(ctx, { handlers: { test: handler }, logger })).toMatchObject({ claimed: 1 });
    hangUp();
  });

  it('stop() aborts a delivery that hangs and records it for a retry, instead of waiting on it', async () => {
    const { ctx } = buildTestContext(database());
    const [id] = await queue(1, ctx.clock());
    let started: () => void = () => {};
    const delivering = new Promise<void>((resolve) => (started = resolve));
    // Like a mail server that never greets: only the signal ends it.
    const hanging: OutboxHandler = {
      deliver: (_message, signal) =>
        new Promise((_resolve, reject) => {
          started();
          signal?.addEventListener('abort', () => reject(new Error('aborted: the worker is stopping')));
        }),
      redact: (payload) => payload,
    };
    const worker = startOutboxWorker(ctx, { handlers: { test: hanging }, logger, pollMs: 20 });
    await delivering;
    const stopping = performance.now();
    await worker.stop();
    expect(performance.now() - stopping).toBeLessThan(5_000);
    expect(await findOutboxMessage(database().db, id!)).toMatchObject({
      attempts: 1,
      sentAt: null,
      claimedBy: null,
      lastError: 'aborted: the worker is stopping',
    });
  });
});
