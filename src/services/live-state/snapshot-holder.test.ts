import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { snapshotWith } from '../../../test/helpers/snapshot-fixtures.js';
import { insertTestComponent } from '../../../test/helpers/write-fixtures.js';
import { systemClock } from '../../domain/clock.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { type Database, migrateDatabase, openDatabase } from '../../store/database.js';
import { type ServiceContext, write } from '../context.js';
import { type SnapshotHolder, createSnapshotHolder } from './snapshot-holder.js';
import { TEST_DATABASE_SETTINGS } from '../../../test/helpers/test-config.js';

const emptySnapshot = (revision: number): Snapshot => snapshotWith({ revision, loadedAt: new Date() });

/** A loader the test controls: each call waits until the test settles it. */
function controlledLoader() {
  const calls: { resolve: (revision: number) => void; reject: (error: Error) => void }[] = [];
  const load = () =>
    new Promise<Snapshot>((resolve, reject) => {
      calls.push({ resolve: (revision) => resolve(emptySnapshot(revision)), reject });
    });
  return { load, calls };
}

const ctxWithoutDatabase = {} as ServiceContext;
// Not a wait for time: a macrotask turn, after which every promise reaction already queued has run.
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createSnapshotHolder', () => {
  let holder: SnapshotHolder | undefined;
  afterEach(async () => {
    await holder?.close();
    holder = undefined;
  });

  it('loads on the first call and shares one load among concurrent callers', async () => {
    const { load, calls } = controlledLoader();
    holder = createSnapshotHolder(ctxWithoutDatabase, { load, pollIntervalMs: 0 });
    expect(holder.current()).toBeUndefined();
    const waiting = [holder.fresh(), holder.fresh(), holder.fresh()];
    expect(calls).toHaveLength(1);
    calls[0]?.resolve(3);
    const snapshots = await Promise.all(waiting);
    expect(snapshots.map((s) => s.revision)).toEqual([3, 3, 3]);
    expect(holder.current()?.revision).toBe(3);
  });

  it('answers from memory, without loading, while no newer revision is announced', async () => {
    const { load, calls } = controlledLoader();
    holder = createSnapshotHolder(ctxWithoutDatabase, { load, pollIntervalMs: 0 });
    const first = holder.fresh();
    calls[0]?.resolve(5);
    await first;
    holder.onRevision(5);
    holder.onRevision(4);
    for (let i = 0; i < 10; i++) expect((await holder.fresh()).revision).toBe(5);
    expect(calls).toHaveLength(1);
  });

  it('keeps one page-kinds index per snapshot, the older snapshot keeping its own after a reload', async () => {
    const { load, calls } = controlledLoader();
    holder = createSnapshotHolder(ctxWithoutDatabase, { load, pollIntervalMs: 0 });
    const loading = holder.fresh();
    calls[0]?.resolve(1);
    const first = await loading;
    const index = holder.pageKinds(first);
    expect(index.snapshot).toBe(first);
    expect(holder.pageKinds(await holder.fresh())).toBe(index);

    holder.onRevision(2);
    calls[1]?.resolve(2);
    const second = await holder.fresh();
    expect(holder.pageKinds(second)).not.toBe(index);
    expect(holder.pageKinds(second)).toBe(holder.pageKinds(second));
    expect(holder.pageKinds(first)).toBe(index);
  });

  it('reloads once for any number of revisions announced during a load', async () => {
    const { load, calls } = controlledLoader();
    holder = createSnapshotHolder(ctxWithoutDatabase, { load, pollIntervalMs: 0 });
    const first = holder.fresh();
    calls[0]?.resolve(1);
    await first;

    holder.onRevision(2); // starts a reload at once
    expect(calls).toHaveLength(2);
    holder.onRevision(3);
    holder.onRevision(4);
    calls[1]?.resolve(2); // this load began before 3 and 4 were announced: one more follows, unasked
    await vi.waitFor(() => expect(calls).toHaveLength(3));
    const waiting = holder.fresh();
    calls[2]?.resolve(4);
    expect((await waiting).revision).toBe(4);
    await settle(); // and none after it
    expect(calls).toHaveLength(3);
  });

  it('never hands out a snapshot older than a revision announced before the call', async () => {
    const { load, calls } = controlledLoader();
    holder = createSnapshotHolder(ctxWithoutDatabase, { load, pollIntervalMs: 0 });
    const first = holder.fresh();
    calls[0]?.resolve(1);
    await first;

    holder.onRevision(7);
    const afterSeven = holder.fresh();
    holder.onRevision(8);
    const afterEight = holder.fresh();
    calls[1]?.resolve(7);
    expect((await afterSeven).revision).toBe(7);
    await vi.waitFor(() => expect(calls).toHaveLength(3));
    calls[2]?.resolve(8);
    expect((await afterEight).revision).toBe(8);
  });

  it('keeps serving the previous snapshot when a reload fails, and retries until it succeeds', async () => {
    const { load, calls } = controlledLoader();
    const logger = { error: vi.fn(), warn: vi.fn() };
    holder = createSnapshotHolder(ctxWithoutDatabase, { load, pollIntervalMs: 0, retryDelayMs: 5, logger });
    const first = holder.fresh();
    calls[0]?.resolve(1);
    await first;

    holder.onRevision(2);
    const waiting = holder.fresh();
    calls[1]?.reject(new Error('database went away'));
    expect((await waiting).revision).toBe(1);
    expect(logger.error).toHaveBeenCalledOnce();
    // While failing, readers are answered at once from the old snapshot.
    expect((await holder.fresh()).revision).toBe(1);

    await vi.waitFor(() => expect(calls).toHaveLength(3));
    calls[2]?.resolve(2);
    await vi.waitFor(() => expect(holder?.current()?.revision).toBe(2));
    expect((await holder.fresh()).revision).toBe(2);
  });

  it('rejects when the first load fails, and tries again on the next call', async () => {
    const { load, calls } = controlledLoader();
    holder = createSnapshotHolder(ctxWithoutDatabase, { load, pollIntervalMs: 0, retryDelayMs: 60_000 });
    const first = holder.fresh();
    calls[0]?.reject(new Error('no database'));
    await expect(first).rejects.toThrow('no database');
    const second = holder.fresh();
    expect(calls).toHaveLength(2);
    calls[1]?.resolve(1);
    expect((await second).revision).toBe(1);
  });
});

/** Two handles on one database: SQLite needs a file for that, PostgreSQL just a second pool. */
function openSecondHandle(database: Database, engine: string): { writer: Database; reader: Database; dispose: () => Promise<void> } {
  if (engine === 'postgres') {
    const reader = openDatabase(database.url, { ...TEST_DATABASE_SETTINGS, poolSize: 2 });
    return { writer: database, reader, dispose: () => reader.close() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'beacon-holder-'));
  const writer = openDatabase(join(dir, 'beacon.db'), TEST_DATABASE_SETTINGS);
  const reader = openDatabase(join(dir, 'beacon.db'), TEST_DATABASE_SETTINGS);
  return {
    writer,
    reader,
    dispose: async () => {
      await reader.close();
      await writer.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeEachEngine('createSnapshotHolder on a real database', (database, engine) => {
  it('loads what local writes commit once they are announced', async () => {
    let holder: SnapshotHolder | undefined;
    const ctx: ServiceContext = { database: database(), clock: systemClock, onRevision: (revision) => holder?.onRevision(revision) };
    holder = createSnapshotHolder(ctx, { pollIntervalMs: 0 });
    try {
      expect((await holder.fresh()).components.size).toBe(0);
      const id = await insertTestComponent(database());
      await write(ctx, async () => undefined); // announces the revision (the insert above did not)
      const snapshot = await holder.fresh();
      expect(snapshot.components.get(id)?.name).toBe('API');
    } finally {
      await holder.close();
    }
  });

  it('picks up a write made through another handle by polling the revision', async () => {
    const { writer, reader, dispose } = openSecondHandle(database(), engine);
    if (engine === 'sqlite') await migrateDatabase(writer);
    const holder = createSnapshotHolder({ database: reader, clock: systemClock, onRevision: () => {} }, { pollIntervalMs: 20 });
    try {
      const before = await holder.fresh();
      expect(before.components.size).toBe(0);
      const id = await insertTestComponent(writer, 'Search');
      await vi.waitFor(async () => expect((await holder.fresh()).components.get(id)?.name).toBe('Search'), { timeout: 2000 });
      expect(holder.current()?.revision).toBeGreaterThan(before.revision);
    } finally {
      await holder.close();
      await dispose();
    }
  });
});
