import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../test/helpers/describe-each-engine.js';
import { hungDatabase } from '../../test/helpers/hung-database.js';
import { type Database, migrateDatabase, openDatabase } from '../store/database.js';
import { writeTransaction } from '../store/transaction.js';
import { isReady } from './readiness.js';
import { TEST_DATABASE_SETTINGS } from '../../test/helpers/test-config.js';

const ctxFor = (database: Database) => ({ database, clock: () => new Date(), onRevision: () => {} });

describeEachEngine('isReady', (database) => {
  it('is true while the database answers', async () => {
    expect(await isReady(ctxFor(database()))).toBe(true);
  });
});

describe('isReady on a SQLite file while this process writes', () => {
  it('answers from its own connection instead of queueing behind the writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'beacon-ready-'));
    const database = openDatabase(join(dir, 'beacon.sqlite'), TEST_DATABASE_SETTINGS);
    try {
      await migrateDatabase(database);
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      // A write holding the one connection, as a burst of API writes keeps it.
      const writing = writeTransaction(database, () => held);
      expect(await isReady(ctxFor(database), 2_000)).toBe(true);
      release();
      await writing;
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('isReady with a hung database', () => {
  it('is false after the timeout instead of hanging the probe', async () => {
    const hung = hungDatabase();
    vi.useFakeTimers();
    try {
      const ready = isReady(ctxFor(hung), 100);
      await vi.advanceTimersByTimeAsync(100);
      expect(await ready).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
