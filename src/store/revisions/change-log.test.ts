import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { CHANGE_LOG_KEPT_REVISIONS, ChangeSet, readChangesSince } from './change-log.js';
import { readRevision, writeTransaction } from '../transaction.js';

describeEachEngine('store/change-log', (database) => {
  it('logs what each write says it changed under its revision', async () => {
    const start = await readRevision(database().db);
    const readChanges = async (after: number) => {
      const since = await readChangesSince(database().db, after);
      expect(since.revision).toBe(second.revision);
      return since.changes;
    };
    const first = await writeTransaction(database(), async (_tx, changed) => {
      changed.incident('i1');
      changed.incident('i1');
      changed.maintenance('m1');
    });
    const second = await writeTransaction(database(), async (_tx, changed) => changed.structure());
    expect(await readChanges(start)).toEqual(
      expect.arrayContaining([
        { revision: first.revision, kind: 'incident', entityId: 'i1' },
        { revision: first.revision, kind: 'maintenance', entityId: 'm1' },
        { revision: second.revision, kind: 'structure', entityId: '' },
      ]),
    );
    expect(await readChanges(start)).toHaveLength(3);
    expect(await readChanges(first.revision)).toEqual([{ revision: second.revision, kind: 'structure', entityId: '' }]);
    expect(await readChanges(second.revision)).toEqual([]);
  });

  it('logs a write that says nothing as everything, so a forgotten declaration costs a reload, not a stale page', async () => {
    const { revision } = await writeTransaction(database(), async () => {});
    expect(await readChangesSince(database().db, revision - 1)).toEqual({
      revision,
      changes: [{ revision, kind: 'everything', entityId: '' }],
    });
  });

  it('answers null when a revision in the range has no entry (pruned, or from before the log)', async () => {
    const { revision } = await writeTransaction(database(), async (_tx, changed) => changed.catalog());
    await database().db.deleteFrom('change_log').where('revision', '=', revision).execute();
    await writeTransaction(database(), async (_tx, changed) => changed.catalog());
    expect(await readChangesSince(database().db, revision - 1)).toEqual({ revision: revision + 1, changes: null });
    expect((await readChangesSince(database().db, revision)).changes).toHaveLength(1);
  });

  it('logs nothing for a write that rolls back', async () => {
    const before = await readRevision(database().db);
    await expect(
      writeTransaction(database(), async (_tx, changed) => {
        changed.incident('gone');
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await database().db.selectFrom('change_log').selectAll().where('revision', '>', before).execute()).toEqual([]);
  });

  it('drops entries older than the kept revisions now and then', async () => {
    // Jump the revision to just before a pruning write, with old entries far behind it.
    await database().db.insertInto('change_log').values({ revision: 5, kind: 'structure', entity_id: '' }).execute();
    await database()
      .db.updateTable('meta_revision')
      .set({ value: CHANGE_LOG_KEPT_REVISIONS + 499 })
      .where('id', '=', 1)
      .execute();
    const { revision } = await writeTransaction(database(), async (_tx, changed) => changed.access());
    expect(revision % 500).toBe(0);
    const kept = await database().db.selectFrom('change_log').select('revision').execute();
    expect(kept.map((row) => Number(row.revision))).toEqual([revision]);
  });

  it('keeps one entry per kind and row however often a write names it', () => {
    const changed = new ChangeSet();
    changed.incident('a');
    changed.incident('a');
    changed.incident('b');
    changed.catalog();
    changed.catalog();
    expect(changed.list()).toEqual([
      { kind: 'incident', entityId: 'a' },
      { kind: 'incident', entityId: 'b' },
      { kind: 'catalog', entityId: '' },
    ]);
  });
});
