import { Hono } from 'hono';
import { isReady } from '../services/readiness.js';
import type { AppDeps } from './app-deps.js';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** Probes for orchestrators and load balancers: `/healthz` (process up) and `/readyz` (database reachable). */
export function createOpsRoutes(deps: Pick<AppDeps, 'ctx'>): Hono {
  const ops = new Hono();
  ops.get('/healthz', (c) => c.json({ status: 'ok' }, 200, NO_STORE));
  ops.get('/readyz', async (c) =>
    (await isReady(deps.ctx))
      ? c.json({ status: 'ok' }, 200, NO_STORE)
      : c.json({ status: 'unavailable', detail: 'the database is not reachable' }, 503, NO_STORE),
  );
  return ops;
}
