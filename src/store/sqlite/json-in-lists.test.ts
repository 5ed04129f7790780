import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonInListPlugin, LONGEST_PLAIN_IN_LIST } from './json-in-lists.js';

interface Tables {
  t: { id: string; n: number; name: string };
}

describe('JsonInListPlugin', () => {
  let sqlite: SQLite.Database;
  let db: Kysely<Tables>;
  let prepared: string[];
  beforeEach(() => {
    sqlite = new SQLite(':memory:');
    sqlite.exec('create table t (id text primary key, n integer not null, name text not null)');
    const insert = sqlite.prepare('insert into t (id, n, name) values (?, ?, ?)');
    for (let i = 0; i < 100; i++) insert.run(`id-${i}`, i, `name ${i}`);
    prepared = [];
    const database = { close: () => sqlite.close(), prepare: (sql: string) => (prepared.push(sql), sqlite.prepare(sql)) };
    db = new Kysely<Tables>({ dialect: new SqliteDialect({ database }), plugins: [new JsonInListPlugin()] });
  });
  afterEach(async () => {
    await db.destroy();
  });

  const ids = (count: number, from = 0) => Array.from({ length: count }, (_, i) => `id-${from + i}`);

  it('sends a long list as one JSON parameter, so every length compiles to the same statement', async () => {
    for (const count of [LONGEST_PLAIN_IN_LIST + 1, 40, 100]) {
      const rows = await db.selectFrom('t').select('id').where('id', 'in', ids(count)).orderBy('n').execute();
      expect(rows.map((row) => row.id)).toEqual(ids(count));
    }
    expect(new Set(prepared).size).toBe(1);
    expect(prepared[0]).toContain('in (select value from json_each(?))');
  });

  it('keeps short lists as they are: a parameter per value', async () => {
    const query = db.selectFrom('t').select('id').where('id', 'in', ids(LONGEST_PLAIN_IN_LIST));
    expect(query.compile().sql).not.toContain('json_each');
    expect(await query.execute()).toHaveLength(LONGEST_PLAIN_IN_LIST);
  });

  it('answers `not in`, numbers, and quotes or commas inside values exactly as a plain list', async () => {
    const notIn = await db.selectFrom('t').select('id').where('id', 'not in', ids(95)).orderBy('n').execute();
    expect(notIn.map((row) => row.id)).toEqual(ids(5, 95));
    const numbers = await db.selectFrom('t').select('n').where('n', 'in', [1, 3, 5, 7, 9, 11, 13, 15, 17, 1000]).execute();
    expect(numbers.map((row) => row.n)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17]);
    await db.insertInto('t').values({ id: `it's, "odd"`, n: 500, name: 'odd' }).execute();
    const odd = await db
      .selectFrom('t')
      .select('name')
      .where('id', 'in', [...ids(9), `it's, "odd"`])
      .where('n', '=', 500)
      .execute();
    expect(odd).toEqual([{ name: 'odd' }]);
  });

  it('leaves multi-row inserts alone', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ id: `new-${i}`, n: 200 + i, name: `new ${i}` }));
    const query = db.insertInto('t').values(rows);
    expect(query.compile().sql).not.toContain('json_each');
    await query.execute();
    expect(await db.selectFrom('t').select('id').where('n', '>=', 200).execute()).toHaveLength(20);
  });
});
