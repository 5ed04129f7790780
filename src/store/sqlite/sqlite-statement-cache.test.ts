import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_KEPT_PARAMETERS, statementBytes, withStatementCache } from './sqlite-statement-cache.js';
import { TEST_CACHES } from '../../../test/helpers/test-config.js';

describe('withStatementCache', () => {
  let sqlite: SQLite.Database;
  beforeEach(() => {
    sqlite = new SQLite(':memory:');
    sqlite.exec("create table t (id integer primary key, name text); insert into t (name) values ('a'), ('b'), ('c')");
  });
  afterEach(() => {
    if (sqlite.open) sqlite.close();
  });

  it('hands out one compiled statement per SQL text, which answers each call with its own parameters', () => {
    const database = withStatementCache(sqlite, TEST_CACHES.statementCache);
    const select = 'select name from t where id = ?';
    const first = database.prepare(select);
    expect(database.prepare(select)).toBe(first);
    expect(database.prepare(select).all([1])).toEqual([{ name: 'a' }]);
    expect(database.prepare(select).all([3])).toEqual([{ name: 'c' }]);
    expect(database.prepare('select count(*) as n from t').all([])).toEqual([{ n: 3 }]);
  });

  it('never hands out a statement that is still being iterated', () => {
    const database = withStatementCache(sqlite, TEST_CACHES.statementCache);
    const select = 'select name from t order by id';
    const iterating = database.prepare(select).iterate([]);
    expect(iterating.next().value).toEqual({ name: 'a' });
    const other = database.prepare(select);
    expect(other.all([])).toEqual([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    expect([...iterating]).toEqual([{ name: 'b' }, { name: 'c' }]);
  });

  it('answers with the new schema after a migration changes a table a kept statement reads', () => {
    const database = withStatementCache(sqlite, TEST_CACHES.statementCache);
    const select = 'select * from t where id = ?';
    expect(database.prepare(select).all([1])).toEqual([{ id: 1, name: 'a' }]);
    database.prepare("alter table t add column tier text not null default 'free'").run([]);
    expect(database.prepare(select).all([1])).toEqual([{ id: 1, name: 'a', tier: 'free' }]);
  });

  it('keeps at most `maxEntries` statements, forgetting the least recently used first', () => {
    const database = withStatementCache(sqlite, { ...TEST_CACHES.statementCache, maxEntries: 2 });
    const [a, b, c] = ['select 1 as v', 'select 2 as v', 'select 3 as v'];
    const first = database.prepare(a!);
    const second = database.prepare(b!);
    database.prepare(c!);
    expect(database.prepare(b!)).toBe(second);
    expect(database.prepare(a!)).not.toBe(first);
  });

  it('keeps statements within `maxBytes`, forgetting the least recently used first', () => {
    const texts = ['select 1 as v', 'select 2 as v', 'select 3 as v'] as const;
    const database = withStatementCache(sqlite, { ...TEST_CACHES.statementCache, maxBytes: 2 * statementBytes(texts[0]) });
    const first = database.prepare(texts[0]);
    const second = database.prepare(texts[1]);
    expect(database.prepare(texts[0])).toBe(first); // now the most recent
    database.prepare(texts[2]);
    expect(database.prepare(texts[0])).toBe(first);
    expect(database.prepare(texts[1])).not.toBe(second);
  });

  it('counts each bound parameter in a statement’s bytes, and keeps no statement with more than MAX_KEPT_PARAMETERS', () => {
    const inList = (n: number) => `select name from t where id in (${Array.from({ length: n }, () => '?').join(', ')})`;
    expect(statementBytes(inList(10)) - statementBytes(inList(9))).toBeGreaterThanOrEqual(200);
    const database = withStatementCache(sqlite, TEST_CACHES.statementCache);
    const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    const short = database.prepare(inList(MAX_KEPT_PARAMETERS));
    expect(database.prepare(inList(MAX_KEPT_PARAMETERS))).toBe(short);
    const long = database.prepare(inList(MAX_KEPT_PARAMETERS + 1));
    expect(long.all(ids(MAX_KEPT_PARAMETERS + 1))).toEqual([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    expect(database.prepare(inList(MAX_KEPT_PARAMETERS + 1))).not.toBe(long);
  });

  it('closes the connection', () => {
    withStatementCache(sqlite, TEST_CACHES.statementCache).close();
    expect(sqlite.open).toBe(false);
  });
});
