import { Hono, type MiddlewareHandler } from 'hono';
import { afterEach, expect, it, vi } from 'vitest';
import { capturingLogger } from '../../test/helpers/capturing-logger.js';
import { describeEachEngine } from '../../test/helpers/describe-each-engine.js';
import { rawRequest } from '../../test/helpers/raw-http.js';
import { type TestApp, type TestAppOptions, createTestApp } from '../../test/helpers/test-app.js';
import { createComponent } from '../services/status/components.js';
import type { ServiceContext } from '../services/context.js';
import { createIncident } from '../services/status/incidents.js';
import { createPage } from '../services/pages/pages.js';
import type { Listening } from './server.js';

describeEachEngine('createWebServer', (database) => {
  let testApp: TestApp | undefined;
  let served: Listening | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (served ? served.server.close(resolve) : resolve(undefined)));
    await testApp?.close();
    served = testApp = undefined;
  });

  /** Seeds a page, through a context that does not publish (as a `beacon` command before the server starts) when `quietly`. */
  async function start(options: TestAppOptions = {}, quietly = false) {
    const { logger, lines } = capturingLogger();
    testApp = await createTestApp(database(), { ...options, logger });
    const ctx: ServiceContext = quietly ? { ...testApp.deps.ctx, onRevision: () => {} } : testApp.deps.ctx;
    const api = await createComponent(ctx, { name: 'Public API' });
    await createPage(ctx, { slug: 'acme', name: 'Acme', items: [{ kind: 'component', componentId: api.id, showUptime: true }] });
    await testApp.deps.snapshots.fresh();
    served = await testApp.web.listen({ port: 0, host: '127.0.0.1' });
    const appAnswered = () => lines.filter((line) => line.msg === 'request' && line.path === '/acme').length;
    return { web: testApp.web, url: served.url, api, appAnswered };
  }

  it('publishes a revision found by the poll to every cache: the fast path stops serving before the snapshot reloads', async () => {
    const { web, url, api, appAnswered } = await start({ env: { BEACON_REVISION_POLL_MS: '20' } }, true);
    await rawRequest(`${url}/acme`);
    await rawRequest(`${url}/acme`);
    expect(appAnswered()).toBe(1);
    // The first poll (or, on PostgreSQL, the seeding's own NOTIFY) publishes the revision already loaded;
    // wait for it, so that what is heard below is only the write's.
    const loaded = web.snapshots.current()!.revision;
    await vi.waitFor(() => expect(web.revisions.latest).toBe(loaded), { timeout: 10_000, interval: 10 });

    // What each cache looked like the moment the polled revision was published (subscribers run in order).
    const heard: { revision: number; snapshotRevision: number; hotServes: boolean }[] = [];
    web.revisions.subscribe((revision) =>
      heard.push({
        revision,
        snapshotRevision: web.snapshots.current()!.revision,
        hotServes: web.deps.hotResponses.lookup('/acme') !== undefined,
      }),
    );
    // A write this process is not told of, as by a `beacon` command or a NOTIFY that was lost.
    const unannounced: ServiceContext = { ...web.ctx, onRevision: () => {} };
    await createIncident(unannounced, {
      name: 'Elevated errors',
      status: 'investigating',
      message: 'Looking',
      impacts: [{ componentId: api.id, impact: 'partial_outage' }],
    });
    await vi.waitFor(() => expect(heard).toHaveLength(1), { timeout: 10_000, interval: 10 });
    expect(heard[0]!.snapshotRevision).toBeLessThan(heard[0]!.revision);
    expect(heard[0]!.hotServes).toBe(false);

    const after = await rawRequest(`${url}/acme`);
    expect(after.text).toContain('Elevated errors');
    expect(appAnswered()).toBe(2);
  }, 30_000);

  it('empties nothing for a revision the snapshot already holds (the first poll after a quiet start)', async () => {
    const { web, url, appAnswered } = await start({}, true);
    await rawRequest(`${url}/acme`);
    const loaded = web.snapshots.current()!.revision;
    expect(web.revisions.latest).toBeLessThan(loaded);
    web.revisions.publish(loaded);
    await rawRequest(`${url}/acme`);
    expect(appAnswered()).toBe(1);
  }, 30_000);

  it('lets the fast path answer only requests whose every middleware it stands in for', async () => {
    // A middleware added without `fastPathStandsIn`: the fast path must not skip it.
    const stamp: MiddlewareHandler = async (c, next) => {
      await next();
      c.header('X-Stamp', 'from a later middleware');
    };
    const { url, appAnswered } = await start({ extraRoutes: new Hono().use('*', stamp) });
    for (let i = 1; i <= 3; i++) {
      const answer = await rawRequest(`${url}/acme`);
      expect(answer.headers['x-stamp']).toBe('from a later middleware');
      expect(appAnswered()).toBe(i);
    }
  }, 30_000);

  it('serves repeat requests from the fast path with nothing but Beacon’s own middleware', async () => {
    const { url, appAnswered } = await start();
    for (let i = 0; i < 3; i++) await rawRequest(`${url}/acme`);
    expect(appAnswered()).toBe(1);
  }, 30_000);
});
