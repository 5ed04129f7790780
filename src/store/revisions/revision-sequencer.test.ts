import { expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { PENDING_REVISION, readChangesSince } from './change-log.js';
import { startRevisionListener } from './revision-listener.js';
import { pollRevision, readRevision, writeTransaction } from '../transaction.js';

describeEachEngine('revisions under concurrent writers', (database, engine) => {
  it('logs every concurrent write under exactly one revision, with no revision left empty', async () => {
    const start = await readRevision(database().db);
    const writes = await Promise.all(
      Array.from({ length: 24 }, (_, index) =>
        writeTransaction(database(), async (_tx, changed) => {
          changed.incident(`i${index}`);
          return index;
        }),
      ),
    );
    const end = await readRevision(database().db);
    const { changes } = await readChangesSince(database().db, start);
    // null would mean a revision with no entry: every reader would fall back to a whole reload.
    expect(changes).not.toBeNull();
    const revisionOf = new Map(changes!.map((change) => [change.entityId, change.revision]));
    expect(revisionOf.size).toBe(24);
    for (const { result, revision } of writes) {
      // Each write answers a revision that covers its own change, and no later than the newest.
      expect(revisionOf.get(`i${result}`)).toBeLessThanOrEqual(revision);
      expect(revision).toBeLessThanOrEqual(end);
    }
    expect(Math.max(...revisionOf.values())).toBe(end);
  });

  if (engine !== 'postgres') return;

  it('never gives a revision that readers have already seen to a write committing later', async () => {
    const start = await readRevision(database().db);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let logged!: () => void;
    const inTransaction = new Promise<void>((resolve) => {
      logged = resolve;
    });
    // A write that has logged its change but not yet committed when the next write commits and is sequenced.
    const slow = writeTransaction(database(), async (_tx, changed) => {
      changed.incident('slow');
      logged();
      await held;
    });
    await inTransaction;
    const fast = await writeTransaction(database(), async (_tx, changed) => changed.incident('fast'));
    expect(await readChangesSince(database().db, start)).toEqual({
      revision: fast.revision,
      changes: [{ revision: fast.revision, kind: 'incident', entityId: 'fast' }],
    });
    release();
    const late = await slow;
    expect(late.revision).toBe(fast.revision + 1);
    expect(await readChangesSince(database().db, fast.revision)).toEqual({
      revision: late.revision,
      changes: [{ revision: late.revision, kind: 'incident', entityId: 'slow' }],
    });
  });

  it('sequences, announces and reads a write whose writer committed it but never sequenced it', async () => {
    const start = await readRevision(database().db);
    const seen: number[] = [];
    const listener = startRevisionListener(database(), { onRevision: (revision) => seen.push(revision) });
    try {
      await vi.waitFor(() => expect(seen).toEqual([start]));
      // As a writer that lost its connection between its commit and its sequencing leaves it.
      await database().db.insertInto('change_log').values({ revision: PENDING_REVISION, kind: 'incident', entity_id: 'orphan' }).execute();
      expect(await readChangesSince(database().db, start)).toEqual({ revision: start, changes: [] });
      expect(await pollRevision(database())).toBe(start + 1);
      expect(await readChangesSince(database().db, start)).toEqual({
        revision: start + 1,
        changes: [{ revision: start + 1, kind: 'incident', entityId: 'orphan' }],
      });
      await vi.waitFor(() => expect(seen).toEqual([start, start + 1]));
      // With nothing pending, polling moves nothing.
      expect(await pollRevision(database())).toBe(start + 1);
      expect(await readRevision(database().db)).toBe(start + 1);
    } finally {
      await listener.close();
    }
  });
});
