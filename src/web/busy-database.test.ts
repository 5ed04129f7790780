import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdSqliteWriteLock } from '../../test/helpers/foreign-lock.js';
import { type TestApp, createTestApp } from '../../test/helpers/test-app.js';
import { insertTestComponent } from '../../test/helpers/write-fixtures.js';
import { type Database, migrateDatabase, openDatabase } from '../store/database.js';
import { TEST_DATABASE_SETTINGS } from '../../test/helpers/test-config.js';

// The app's SQLite file, with another connection (a `beacon` command, a second process) holding
// its write lock for longer than the app's busy timeout.
describe('a write that finds the database busy', () => {
  let dir: string;
  let database: Database;
  let holder: { release: () => void } | undefined;
  let t: TestApp;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'beacon-busy-web-'));
    database = openDatabase(join(dir, 'beacon.sqlite'), { ...TEST_DATABASE_SETTINGS, busyTimeoutMs: 50 });
    await migrateDatabase(database);
    t = await createTestApp(database);
  });
  afterEach(async () => {
    holder?.release();
    holder = undefined;
    await t.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const holdWriteLock = () => {
    holder = holdSqliteWriteLock(join(dir, 'beacon.sqlite'));
  };
  const createIncident = (componentId: string) =>
    t.requestJson('POST', '/api/v1/incidents', {
      name: 'Elevated errors',
      message: 'We are investigating.',
      components: [{ component_id: componentId, impact: 'partial_outage' }],
    });

  it('gets 503 problem+json with Retry-After, not 500, and the same request succeeds once the lock is free', async () => {
    const component = await insertTestComponent(database, 'API');
    holdWriteLock();
    const res = await createIncident(component);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toEqual({
      type: 'https://beacon.dev/problems/busy',
      title: 'Busy, try again',
      status: 503,
      detail: 'the database is busy (another process holds its write lock); try again',
    });

    holder?.release();
    holder = undefined;
    const retried = await createIncident(component);
    expect(retried.status).toBe(201);
  });

  it('still answers reads of the database while another connection holds the write lock', async () => {
    await insertTestComponent(database, 'API');
    expect((await t.request('/api/v1/components')).status).toBe(200);
    holdWriteLock();
    const res = await t.request('/api/v1/components');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown[] }).data).toHaveLength(1);
  });

  it("answers a read even when it is the key's first use, whose last-used time cannot be written yet", async () => {
    holdWriteLock();
    expect((await t.request('/api/v1/components')).status).toBe(200);
    holder?.release();
    holder = undefined;
    const keys = (await (await t.request('/api/v1/api-keys')).json()) as { data: { id: string; last_used_at: string | null }[] };
    expect(keys.data.find((key) => key.id === t.apiKeyId)?.last_used_at).not.toBeNull();
  });
});
