import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/helpers/describe-each-engine.js';
import { buildTestContext } from '../../test/helpers/write-fixtures.js';
import { readRevision } from '../store/transaction.js';
import { appendAudit } from './sign-in/sign-in-audit.js';
import { createComponent, listComponents, updateComponent } from './status/components.js';

describeEachEngine('write() with an audit hook (STF-7)', (database) => {
  const auditRows = () => database().db.selectFrom('audit_log').selectAll().execute();

  it('commits the hook’s record with the write, given the write’s result', async () => {
    const { ctx } = buildTestContext(database());
    const results: unknown[] = [];
    const audit = async (tx: Parameters<NonNullable<typeof ctx.audit>>[0], result: unknown) => {
      results.push(result);
      await appendAudit(tx, ctx.clock(), [
        { actor: 'test', action: 'test.write', subjectType: 'components', subjectId: 'x', details: {}, pageId: null },
      ]);
    };
    const before = await readRevision(database().db);
    const component = await createComponent({ ...ctx, audit }, { name: 'API', description: null });
    expect(results).toEqual([component]);
    expect(await auditRows()).toHaveLength(1);
    expect(await readRevision(database().db)).toBe(before + 1);
  });

  it('rolls the write back when the hook fails: nothing written, revision unchanged', async () => {
    const { ctx, revisions } = buildTestContext(database());
    const before = await readRevision(database().db);
    const audit = () => Promise.reject(new Error('audit log unavailable'));
    await expect(createComponent({ ...ctx, audit }, { name: 'API', description: null })).rejects.toThrow('audit log unavailable');
    expect(await listComponents(ctx)).toEqual([]);
    expect(await readRevision(database().db)).toBe(before);
    expect(revisions).toEqual([]);
  });

  it('runs no hook for a write its work refuses', async () => {
    const { ctx } = buildTestContext(database());
    let calls = 0;
    const audit = async () => {
      calls += 1;
    };
    await expect(updateComponent({ ...ctx, audit }, 'missing', { name: 'X' })).rejects.toMatchObject({ code: 'not_found' });
    expect(calls).toBe(0);
    expect(await auditRows()).toEqual([]);
  });
});
