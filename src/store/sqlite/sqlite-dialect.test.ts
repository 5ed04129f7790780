import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../services/live-state/snapshot-loader.js';
import { type Database, SQLITE_PAGE_CACHE_KIB, migrateDatabase, openDatabase } from '../database.js';
import { DATABASE_BUSY_MESSAGE } from './database-busy.js';
import { type Tx, writeTransaction } from '../transaction.js';
import { TEST_DATABASE_SETTINGS } from '../../../test/helpers/test-config.js';

const BETTER_SQLITE3 = createRequire(import.meta.url).resolve('better-sqlite3');

const insertComponent = (tx: Tx, id: string) => {
  const now = new Date().toISOString();
  return tx.insertInto('components').values({ id, name: id, description: null, created_at: now, updated_at: now }).execute();
};

/**
 * Another connection in its own thread (better-sqlite3 waits for a lock synchronously, so a holder
 * on this thread could never let go): takes the write lock, inserts component `id`, and holds the
 * lock until `release()`, then commits. Resolves `locked` once it holds the lock and `done` once it
 * committed.
 */
function holdWriteLockInThread(path: string, id: string): { locked: Promise<void>; release(): void; done: Promise<void> } {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const db = new (require(workerData.driver))(workerData.path);
     db.exec('begin immediate');
     db.prepare("insert into components (id, name, description, created_at, updated_at) values (?, ?, null, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')").run(workerData.id, workerData.id);
     parentPort.on('message', () => { db.exec('commit'); db.close(); parentPort.postMessage('done'); parentPort.close(); });
     parentPort.postMessage('locked');`,
    { eval: true, workerData: { driver: BETTER_SQLITE3, path, id } },
  );
  const message = (expected: string) =>
    new Promise<void>((resolve, reject) => {
      worker.on('message', (text) => text === expected && resolve());
      worker.on('error', reject);
    });
  return { locked: message('locked'), release: () => worker.postMessage('release'), done: message('done') };
}

/**
 * One turn of this thread's event loop. A write begun before it has made its first attempt at the
 * lock by then: every step up to that attempt runs in the same turn (promise reactions only).
 */
const loopTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

// Two connections on one file, as the server and a `beacon` command (or a second process) have.
describe('SQLite write lock (several connections on one file)', () => {
  let dir: string;
  let path: string;
  const opened: Database[] = [];
  const raw: SQLite.Database[] = [];

  const open = (busyTimeoutMs: number): Database => {
    const database = openDatabase(path, { ...TEST_DATABASE_SETTINGS, busyTimeoutMs });
    opened.push(database);
    return database;
  };
  /** A plain connection that holds the write lock (with one uncommitted row) until the test ends. */
  const holdWriteLock = (): SQLite.Database => {
    const connection = new SQLite(path);
    raw.push(connection);
    connection.exec('begin immediate');
    connection.exec("insert into components (id, name, description, created_at, updated_at) values ('uncommitted', 'x', null, 'x', 'x')");
    return connection;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'beacon-write-lock-'));
    path = join(dir, 'beacon.sqlite');
    await migrateDatabase(open(1000));
  });
  afterEach(async () => {
    for (const connection of raw.splice(0)) connection.close();
    await Promise.all(opened.splice(0).map((database) => database.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes a writer wait while another connection holds the write lock, then succeed after it commits', async () => {
    const database = open(10_000);
    const other = holdWriteLockInThread(path, 'other');
    await other.locked;
    const writing = writeTransaction(database, async (tx) => {
      // Had this not waited for the other commit, the other row would not be here yet.
      const seen = await tx.selectFrom('components').select('id').execute();
      await insertComponent(tx, 'mine');
      return seen.map((row) => row.id);
    });
    await loopTurn(); // the write has found the lock taken
    other.release();
    const { result } = await writing;
    await other.done;
    expect(result).toEqual(['other']);
    const ids = await database.db.selectFrom('components').select('id').orderBy('id').execute();
    expect(ids.map((row) => row.id)).toEqual(['mine', 'other']);
  });

  it('takes the write lock at BEGIN, before the first write (no SQLITE_BUSY_SNAPSHOT later)', async () => {
    const database = open(1000);
    await writeTransaction(database, async (tx) => {
      await tx.selectFrom('components').select('id').execute();
      // With a deferred BEGIN this other writer would get in now, and our write below would then
      // fail at once with SQLITE_BUSY_SNAPSHOT: our snapshot would be older than its commit.
      const other = new SQLite(path, { timeout: 0 });
      raw.push(other);
      expect(() => other.exec('begin immediate')).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
      await insertComponent(tx, 'mine');
    });
    const ids = await database.db.selectFrom('components').select('id').execute();
    expect(ids.map((row) => row.id)).toEqual(['mine']);
  });

  it('lets a read-only transaction read while another connection holds the write lock, seeing only committed rows', async () => {
    const database = open(200);
    await writeTransaction(database, (tx) => insertComponent(tx, 'committed'));
    holdWriteLock();
    // A BEGIN IMMEDIATE here would wait out the 200 ms busy timeout and fail as busy.
    const snapshot = await loadSnapshot(database);
    expect([...snapshot.components.keys()]).toEqual(['committed']);
  });

  it('reports a lock not had within the busy timeout as BeaconError("busy")', async () => {
    const database = open(50);
    holdWriteLock();
    await expect(writeTransaction(database, (tx) => insertComponent(tx, 'mine'))).rejects.toMatchObject({
      name: 'BeaconError',
      code: 'busy',
      message: DATABASE_BUSY_MESSAGE,
      cause: expect.objectContaining({ code: 'SQLITE_BUSY' }),
    });
    // Nothing was left half-open: once the lock is free the same connection writes.
    for (const connection of raw.splice(0)) connection.close();
    await writeTransaction(database, (tx) => insertComponent(tx, 'mine'));
  });

  it('hands its one connection out first come, first served: writers that queue again at once do not starve a read', async () => {
    const database = open(1000);
    const order: string[] = [];
    // Each writer asks again as soon as its write is done, as a burst of API writes does.
    const keepWriting = async (name: string) => {
      for (let round = 0; round < 5; round++) {
        await writeTransaction(database, async (tx) => {
          order.push(name);
          await new Promise((resolve) => setImmediate(resolve));
          await insertComponent(tx, `${name}-${round}`);
        });
      }
    };
    const writers = [keepWriting('a'), keepWriting('b')];
    const reader = loadSnapshot(database).then(() => order.push('read'));
    await Promise.all([...writers, reader]);
    // Asked third, served third. (Kysely's own mutex happens to give this order here too, as its
    // woken waiters run before the writer asks again; fifo-lock.test.ts shows where it does not.)
    expect(order.indexOf('read')).toBe(2);
  });

  it('waits for another process’s write lock asleep: this process’s timers run meanwhile', async () => {
    const database = open(10_000);
    const other = holdWriteLockInThread(path, 'other');
    await other.locked;
    const events: string[] = [];
    const written = writeTransaction(database, (tx) => insertComponent(tx, 'mine')).then(() => events.push('written'));
    // The write has found the lock taken. Had better-sqlite3 waited out its busy_timeout, the thread
    // would be held until it failed (the lock is released only below), and no timer would run first.
    await new Promise((resolve) => setTimeout(resolve, 0));
    events.push('timer');
    other.release();
    await Promise.all([written, other.done]);
    expect(events).toEqual(['timer', 'written']);
  });

  it('lets the event loop turn during a long transaction, between its statements', async () => {
    const database = open(1000);
    const events: string[] = [];
    const timer = new Promise<void>((resolve) => setTimeout(resolve, 1)).then(() => events.push('timer'));
    // Thousands of statements awaited one after another resolve without ever giving the loop a turn.
    await writeTransaction(database, async (tx) => {
      for (let index = 0; index < 5000; index++) await insertComponent(tx, `c${index}`);
      events.push('written');
    });
    await timer;
    expect(events).toEqual(['timer', 'written']);
  });

  it('commits with fsync only when asked to (synchronous full), normal otherwise', async () => {
    const synchronousOf = async (database: Database) =>
      (await sql<{ synchronous: number }>`pragma synchronous`.execute(database.db)).rows[0]?.synchronous;
    const byDefault = openDatabase(path, TEST_DATABASE_SETTINGS);
    const full = openDatabase(path, { ...TEST_DATABASE_SETTINGS, synchronous: 'full' });
    opened.push(byDefault, full);
    // SQLite's numbers: 1 is NORMAL, 2 is FULL.
    expect(await synchronousOf(byDefault)).toBe(1);
    expect(await synchronousOf(full)).toBe(2);
  });

  it('bounds its page cache at SQLITE_PAGE_CACHE_KIB, not the driver’s 16 MiB, with memory-mapped I/O off', async () => {
    const database = open(1000);
    const pragma = async (name: 'cache_size' | 'mmap_size') =>
      Object.values((await sql.raw<Record<string, number>>(`pragma ${name}`).execute(database.db)).rows[0] ?? {})[0];
    // A negative cache_size is KiB.
    expect(await pragma('cache_size')).toBe(-SQLITE_PAGE_CACHE_KIB);
    expect(SQLITE_PAGE_CACHE_KIB).toBeLessThan(16_000);
    expect(await pragma('mmap_size')).toBe(0);
  });
});
