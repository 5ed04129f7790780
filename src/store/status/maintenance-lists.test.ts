import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeOnSqlite } from '../../../test/helpers/describe-each-engine.js';
import { listMaintenancesInPhase } from './maintenance-lists.js';

describeOnSqlite('store/maintenance-lists', (database) => {
  it('reads each list through an index, never by scanning and sorting every window', async () => {
    const plans: string[] = [];
    const db = database().db;
    // Capture the statements the lists run, then ask SQLite how it would run each.
    const now = new Date('2025-03-01T12:00:00.000Z');
    const cursor = { id: 'x', scheduledStart: now, scheduledEnd: now };
    for (const kind of ['in_progress', 'upcoming', 'past'] as const) {
      const compiled: { sql: string; parameters: readonly unknown[] }[] = [];
      const spy = db.withPlugin({
        transformQuery: (args) => {
          if (args.node.kind === 'SelectQueryNode' && compiled.length === 0)
            compiled.push(db.getExecutor().compileQuery(args.node, args.queryId));
          return args.node;
        },
        transformResult: async (args) => args.result,
      });
      await listMaintenancesInPhase(spy, { kind, now, limit: 21, after: cursor });
      const query = compiled[0]!;
      const plan = await sql.raw<{ detail: string }>(`explain query plan ${inline(query.sql, query.parameters)}`).execute(db);
      plans.push(`${kind}: ${plan.rows.map((row) => row.detail).join('; ')}`);
    }
    expect(plans[0]).toContain('maintenances_scheduled_end');
    expect(plans[1]).toContain('maintenances_scheduled_start');
    expect(plans[2]).toContain('maintenances_scheduled_start');
    // Upcoming and past come in index order; in progress sorts only the windows not over yet by id within equal ends.
    for (const plan of plans.slice(1)) expect(plan).not.toContain('TEMP B-TREE');
  });
});

/** The statement with its parameters written in (they are ISO times, ids and numbers here). */
const inline = (text: string, parameters: readonly unknown[]): string => {
  let index = 0;
  return text.replace(/\?/g, () => {
    const value = parameters[index++];
    return typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`;
  });
};
