import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/helpers/describe-each-engine.js';
import { openDatabase } from './database.js';
import {
  claimDueOutboxMessages,
  deleteFinishedOutboxBefore,
  insertOutboxMessage,
  insertOutboxMessages,
  markOutboxFailed,
  markOutboxRetry,
  markOutboxSent,
} from './outbox.js';
import { writeTransaction } from './transaction.js';
import { findOutboxMessage } from '../../test/helpers/outbox-rows.js';
import { TEST_DATABASE_SETTINGS } from '../../test/helpers/test-config.js';

const T0 = new Date('2025-03-01T12:00:00.000Z');
const plus = (ms: number) => new Date(T0.getTime() + ms);

describeEachEngine('store/outbox', (database, engine) => {
  const tx = <T>(work: Parameters<typeof writeTransaction<T>>[1]) => writeTransaction(database(), work).then((r) => r.result);
  const claim = (workerId: string, now: Date, limit = 10) =>
    tx((t) =>
      claimDueOutboxMessages(t, {
        workerId,
        now,
        claimedUntil: new Date(now.getTime() + 60_000),
        limit,
      }),
    );

  it('queues a message once per dedupe key, in one batch and across batches, and keys only where asked', async () => {
    const message = (id: string, dedupeKey?: string) => ({
      id,
      kind: 'test',
      payload: '{}',
      createdAt: T0,
      ...(dedupeKey ? { dedupeKey } : {}),
    });
    expect(await tx((t) => insertOutboxMessages(t, [message('a1', 'n1:email:s1'), message('a2', 'n1:email:s2'), message('a3')]))).toBe(3);
    // A fan-out run again after a crash: the recipients already queued are skipped, the new one is queued.
    expect(await tx((t) => insertOutboxMessages(t, [message('b1', 'n1:email:s1'), message('b2', 'n1:email:s3'), message('b3')]))).toBe(2);
    const rows = await database().db.selectFrom('outbox').select(['id', 'dedupe_key']).orderBy('id').execute();
    expect(rows.map((row) => row.id)).toEqual(['a1', 'a2', 'a3', 'b2', 'b3']);
    expect(await findOutboxMessage(database().db, 'b2')).toMatchObject({ dedupeKey: 'n1:email:s3' });
  });

  it('claims due messages once, counts the attempt, and lets a lapsed claim be retried', async () => {
    await tx((t) => insertOutboxMessage(t, { id: 'm1', kind: 'test', payload: '{}', createdAt: T0 }));
    const [claimed] = await claim('w1', T0);
    expect(claimed).toMatchObject({ id: 'm1', attempts: 1, claimedBy: 'w1', claimedUntil: plus(60_000) });
    expect(await claim('w2', plus(1))).toEqual([]);
    // The first worker died: its claim lapses and another takes over.
    expect((await claim('w2', plus(60_000))).map((m) => m.id)).toEqual(['m1']);
    expect(await tx((t) => markOutboxSent(t, { id: 'm1', workerId: 'w1', at: plus(60_001), payload: '{}' }))).toBe(false);
    expect(await tx((t) => markOutboxSent(t, { id: 'm1', workerId: 'w2', at: plus(60_001), payload: '{"scrubbed":true}' }))).toBe(true);
    expect(await findOutboxMessage(database().db, 'm1')).toMatchObject({
      sentAt: plus(60_001),
      payload: '{"scrubbed":true}',
      claimedBy: null,
      attempts: 2,
    });
    expect(await claim('w3', plus(10 * 60_000))).toEqual([]);
  });

  it('retries at the given time and gives up for good', async () => {
    await tx((t) => insertOutboxMessage(t, { id: 'm1', kind: 'test', payload: '{"secret":1}', createdAt: T0 }));
    await claim('w1', T0);
    expect(await tx((t) => markOutboxRetry(t, { id: 'm1', workerId: 'w1', error: 'boom', nextAttemptAt: plus(5000) }))).toBe(true);
    expect((await findOutboxMessage(database().db, 'm1'))?.nextAttemptAt).toEqual(plus(5000));
    expect(await claim('w1', plus(4999))).toEqual([]);
    expect((await claim('w1', plus(5000))).map((m) => m.attempts)).toEqual([2]);
    await tx((t) => markOutboxFailed(t, { id: 'm1', workerId: 'w1', at: plus(5001), error: 'gave up', payload: '{}' }));
    expect(await findOutboxMessage(database().db, 'm1')).toMatchObject({ failedAt: plus(5001), lastError: 'gave up', payload: '{}' });
    expect(await claim('w1', plus(60 * 60_000))).toEqual([]);
    expect(await tx((t) => deleteFinishedOutboxBefore(t, plus(5002)))).toBe(1);
  });

  it('two workers claiming at once never take the same message', async () => {
    await tx(async (t) => {
      for (let i = 0; i < 40; i++)
        await insertOutboxMessage(t, { id: `m${String(i).padStart(2, '0')}`, kind: 'test', payload: '{}', createdAt: T0 });
    });
    // On PostgreSQL the second worker gets a connection pool of its own, like another process.
    const other = engine === 'postgres' ? openDatabase(database().url, { ...TEST_DATABASE_SETTINGS, poolSize: 2 }) : database();
    try {
      const claimWith = (db: typeof other, workerId: string) =>
        writeTransaction(db, (t) =>
          claimDueOutboxMessages(t, {
            workerId,
            now: T0,
            claimedUntil: plus(60_000),
            limit: 7,
          }),
        ).then((r) => r.result.map((m) => m.id));
      const batches = await Promise.all(Array.from({ length: 8 }, (_, i) => claimWith(i % 2 ? other : database(), `w${i}`)));
      const all = batches.flat();
      expect(new Set(all).size).toBe(all.length);
      expect(all.length).toBe(40);
    } finally {
      if (other !== database()) await other.close();
    }
  });

  if (engine === 'postgres')
    it('a claim skips the rows another open claim has locked, without waiting for it (the store picks SKIP LOCKED itself)', async () => {
      await tx(async (t) => {
        for (let i = 0; i < 4; i++) await insertOutboxMessage(t, { id: `m${i}`, kind: 'test', payload: '{}', createdAt: T0 });
      });
      const other = openDatabase(database().url, { ...TEST_DATABASE_SETTINGS, poolSize: 1 });
      try {
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        let holding!: (ids: string[]) => void;
        const held = new Promise<string[]>((resolve) => (holding = resolve));
        // The first claim keeps its transaction (and its row locks) open until the second has finished.
        const first = writeTransaction(database(), async (t) => {
          const claimed = await claimDueOutboxMessages(t, { workerId: 'w1', now: T0, claimedUntil: plus(60_000), limit: 2 });
          holding(claimed.map((m) => m.id));
          await released;
        });
        expect(await held).toEqual(['m0', 'm1']);
        const second = await writeTransaction(other, (t) =>
          claimDueOutboxMessages(t, { workerId: 'w2', now: T0, claimedUntil: plus(60_000), limit: 2 }),
        );
        release();
        await first;
        expect(second.result.map((m) => m.id)).toEqual(['m2', 'm3']);
      } finally {
        await other.close();
      }
    });
});
