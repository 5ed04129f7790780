import { createApiKey } from '../../src/services/sessions/api-keys.js';
import { createComponent } from '../../src/services/status/components.js';
import { createPage } from '../../src/services/pages/pages.js';
import { migrateDatabase, openDatabase } from '../../src/store/database.js';
import { type Ending, type Exchange, KeepAliveConnection } from './keep-alive-client.js';
import { TEST_DATABASE_SETTINGS } from './test-config.js';

export interface LoadSeed {
  componentId: string;
  apiKey: string;
}

/** A page with one component (served at `/`) and a staff API key, written through the services. */
export async function seedForLoad(databaseUrl: string): Promise<LoadSeed> {
  const database = openDatabase(databaseUrl, { ...TEST_DATABASE_SETTINGS, poolSize: 1 });
  try {
    await migrateDatabase(database);
    const ctx = { database, clock: () => new Date(), onRevision: () => {} };
    const component = await createComponent(ctx, { name: 'API' });
    await createPage(ctx, { slug: 'status', name: 'Acme', items: [{ kind: 'component', componentId: component.id, showUptime: true }] });
    const { token } = await createApiKey(ctx, { name: 'shutdown test' }, 'test');
    return { componentId: component.id, apiKey: token };
  } finally {
    await database.close();
  }
}

export interface LoadReport {
  /** Every request the busy connections wrote, with what became of it. */
  exchanges: (Exchange & { kind: string })[];
  /** How each idle keep-alive connection ended. */
  idleEndings: Ending[];
  /** `performance.now()` just before `stop` was called. */
  stoppedAt: number;
}

export interface LoadOptions {
  busy: number;
  idle: number;
  /** How many of the busy connections' requests are answered before `stop` (the load goes on meanwhile). */
  answeredBeforeStop: number;
  /** Sends SIGTERM or calls `close()`; not awaited by the load. */
  stop: () => void;
}

/**
 * Keeps `busy` keep-alive connections sending requests back to back (the public page, health, and
 * every eighth an API write), holds `idle` more open after one request each, calls `stop` once
 * `answeredBeforeStop` requests have been answered, and goes on until the server has closed every
 * connection (at most 15 s).
 */
export async function runLoadThroughShutdown(url: string, seed: LoadSeed, options: LoadOptions): Promise<LoadReport> {
  // Each connection is served once first, so the server has accepted all of them before the load.
  const openServed = async (): Promise<KeepAliveConnection> => {
    const connection = await KeepAliveConnection.open(url);
    const { response } = await connection.send('GET', '/healthz');
    if (response?.status !== 200) throw new Error(`warming up a connection: ${response?.status}`);
    return connection;
  };
  const idle = await Promise.all(Array.from({ length: options.idle }, openServed));
  const busy = await Promise.all(Array.from({ length: options.busy }, openServed));
  const exchanges: LoadReport['exchanges'] = [];
  const write = JSON.stringify({
    name: 'Elevated errors',
    status: 'investigating',
    message: 'Looking into it',
    components: [{ component_id: seed.componentId, impact: 'partial_outage' }],
  });
  const auth = { Authorization: `Bearer ${seed.apiKey}`, 'Content-Type': 'application/json' };
  let answered = 0;
  let loaded: () => void = () => {};
  const enoughAnswered = new Promise<void>((resolve) => (loaded = resolve));

  const drive = async (connection: KeepAliveConnection, lane: number): Promise<void> => {
    for (let n = lane; connection.isOpen; n++) {
      const kind = n % 8 === 0 ? 'write' : n % 2 === 0 ? 'health' : 'page';
      const exchange =
        kind === 'write'
          ? await connection.send('POST', '/api/v1/incidents', auth, write)
          : await connection.send('GET', kind === 'page' ? '/' : '/healthz');
      exchanges.push({ ...exchange, kind });
      if (exchange.response !== undefined && ++answered >= options.answeredBeforeStop) loaded();
      if (exchange.response === undefined || exchange.response.headers.get('connection') === 'close') break;
    }
    await connection.ended;
  };
  const driving = busy.map(drive);

  await enoughAnswered;
  const stoppedAt = performance.now();
  options.stop();

  const cut = setTimeout(() => [...busy, ...idle].forEach((connection) => connection.destroy()), 15_000);
  await Promise.all(driving);
  const idleEndings = await Promise.all(idle.map((connection) => connection.ended));
  clearTimeout(cut);
  return { exchanges, idleEndings, stoppedAt };
}

/**
 * What a test reads off a report: problems with requests written before the stop, and how later ones
 * went. `drainStartedAt` (default: the stop) is when the server began draining, in this process's
 * `performance.now()` terms: a signal reaches another process a little later.
 */
export function summarise(report: LoadReport, drainStartedAt = report.stoppedAt) {
  const before = report.exchanges.filter((exchange) => exchange.writtenAt < report.stoppedAt);
  const after = report.exchanges.filter((exchange) => !(exchange.writtenAt < report.stoppedAt));
  const expected = { page: 200, health: 200, write: 201 } as Record<string, number>;
  const unanswered = before
    .filter(
      (exchange) =>
        exchange.response?.status !== expected[exchange.kind] ||
        (exchange.kind === 'page' && exchange.response?.body.toString().includes('</html>') !== true),
    )
    .map((exchange) => ({ kind: exchange.kind, status: exchange.response?.status, failure: exchange.failure }));
  const answeredAfter = after.filter((exchange) => exchange.response !== undefined && exchange.writtenAt > drainStartedAt);
  return {
    answeredBefore: before.length - unanswered.length,
    unanswered,
    answeredAfter: answeredAfter.length,
    /** Responses to requests written after the drain began that did not say `Connection: close`. */
    keptAliveAfter: answeredAfter.filter((exchange) => exchange.response?.headers.get('connection') !== 'close').length,
    resets: before.filter((exchange) => exchange.failure === 'ECONNRESET').length,
    idleProblems: report.idleEndings.filter((ending) => !ending.sawEnd || ending.error !== undefined),
  };
}
