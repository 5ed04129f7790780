import { sql } from 'kysely';
import { afterEach, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { LISTENER_APPLICATION_NAME, type RevisionListener, startRevisionListener } from './revision-listener.js';
import { readRevision, writeTransaction } from '../transaction.js';

describeEachEngine('startRevisionListener', (database, engine) => {
  let listener: RevisionListener | undefined;
  afterEach(async () => {
    await listener?.close();
    listener = undefined;
  });

  if (engine === 'sqlite') {
    it('is a no-op: only this process writes to a SQLite file', async () => {
      const onRevision = vi.fn();
      // Timers and intervals only: SQLite's connection marks loop turns with setImmediate, which is no
      // announcement and must stay real (a faked one would be counted, or never run).
      vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] });
      try {
        listener = startRevisionListener(database(), { onRevision });
        await writeTransaction(database(), async () => null);
        // Nothing announced, and nothing left scheduled that could announce later.
        expect(vi.getTimerCount()).toBe(0);
      } finally {
        vi.useRealTimers();
      }
      expect(onRevision).not.toHaveBeenCalled();
    });
    return;
  }

  it('reports the current revision on connect, then each committed write', async () => {
    const seen: number[] = [];
    listener = startRevisionListener(database(), { onRevision: (revision) => seen.push(revision) });
    const current = await readRevision(database().db);
    await vi.waitFor(() => expect(seen).toEqual([current]));
    const { revision } = await writeTransaction(database(), async () => null);
    await vi.waitFor(() => expect(seen).toEqual([current, revision]));
  });

  it('announces nothing for a rolled-back write', async () => {
    const seen: number[] = [];
    listener = startRevisionListener(database(), { onRevision: (revision) => seen.push(revision) });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    await expect(writeTransaction(database(), async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const { revision } = await writeTransaction(database(), async () => null);
    await vi.waitFor(() => expect(seen.at(-1)).toBe(revision));
    expect(seen).toHaveLength(2);
  });

  it('reconnects after its connection is killed and catches up on writes it missed', async () => {
    const seen: number[] = [];
    const events: boolean[] = [];
    listener = startRevisionListener(database(), {
      onRevision: (revision) => seen.push(revision),
      onConnectionChange: ({ connected }) => events.push(connected),
      initialBackoffMs: 20,
    });
    await vi.waitFor(() => expect(events).toEqual([true]));
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
              where application_name = ${LISTENER_APPLICATION_NAME} and datname = current_database()`.execute(database().db);
    // Written while the listener may be down: the catch-up read after reconnecting must report it.
    const { revision: missed } = await writeTransaction(database(), async () => null);
    await vi.waitFor(() => expect(events).toEqual([true, false, true]), { timeout: 5_000 });
    await vi.waitFor(() => expect(seen).toContain(missed));
    const { revision } = await writeTransaction(database(), async () => null);
    await vi.waitFor(() => expect(seen.at(-1)).toBe(revision));
  });

  it('stops for good on close', async () => {
    const seen: number[] = [];
    listener = startRevisionListener(database(), { onRevision: (revision) => seen.push(revision) });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    await listener.close();
    // A second listener is the witness: once it has the write's notification, the closed one would have had it too.
    const witnessed: number[] = [];
    listener = startRevisionListener(database(), { onRevision: (revision) => witnessed.push(revision) });
    await vi.waitFor(() => expect(witnessed).toHaveLength(1));
    const { revision } = await writeTransaction(database(), async () => null);
    await vi.waitFor(() => expect(witnessed).toContain(revision));
    expect(seen).toHaveLength(1);
  });
});
