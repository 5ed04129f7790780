import { describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/helpers/describe-each-engine.js';
import { type Database, openDatabase } from '../store/database.js';
import type { AppDeps } from './app-deps.js';
import { createOpsRoutes } from './ops-routes.js';
import { TEST_DATABASE_SETTINGS } from '../../test/helpers/test-config.js';

// The probes need only the database: no snapshot, cache or app.
const depsFor = (database: Database): Pick<AppDeps, 'ctx'> => ({ ctx: { database, clock: () => new Date(), onRevision: () => {} } });

describeEachEngine('ops routes', (database) => {
  it('/healthz answers 200 ok, never cached', async () => {
    const res = await createOpsRoutes(depsFor(database())).request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });

  it('/readyz answers 200 while the database is reachable', async () => {
    const res = await createOpsRoutes(depsFor(database())).request('/readyz');
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });
});

describe('ops routes without a database', () => {
  it('/readyz answers 503 when the database refuses connections, while /healthz stays 200', async () => {
    // Port 1 on loopback: nothing listens there, so connecting fails at once.
    const gone = openDatabase('postgres://beacon@127.0.0.1:1/beacon', { ...TEST_DATABASE_SETTINGS, poolSize: 1 });
    try {
      const routes = createOpsRoutes(depsFor(gone));
      const res = await routes.request('/readyz');
      expect(res.status).toBe(503);
      expect(res.headers.get('Cache-Control')).toBe('no-store');
      expect(await res.json()).toMatchObject({ status: 'unavailable' });
      expect((await routes.request('/healthz')).status).toBe(200);
    } finally {
      await gone.close();
    }
  });
});
