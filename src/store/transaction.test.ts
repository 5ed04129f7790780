import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/helpers/describe-each-engine.js';
import { readRevision, writeTransaction } from './transaction.js';

describeEachEngine('writeTransaction', (database) => {
  it('bumps the revision once per committed write', async () => {
    const before = await readRevision(database().db);
    const { revision } = await writeTransaction(database(), async () => 'ok');
    expect(revision).toBe(before + 1);
    expect(await readRevision(database().db)).toBe(before + 1);
  });

  it('leaves the revision and the rows alone when the work throws', async () => {
    const before = await readRevision(database().db);
    const now = new Date().toISOString();
    await expect(
      writeTransaction(database(), async (tx) => {
        await tx.insertInto('components').values({ id: 'c1', name: 'API', description: null, created_at: now, updated_at: now }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await readRevision(database().db)).toBe(before);
    expect(await database().db.selectFrom('components').selectAll().execute()).toEqual([]);
  });
});
