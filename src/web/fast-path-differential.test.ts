/**
 * The fast path against the app alone, request shape by request shape: both listeners come from one
 * `createWebServer`, so they share every cache, and each request is sent to both. Whatever the fast
 * path answers must carry the status, headers and bytes the app sends (request id and date aside; a
 * signed-in page's nonce masked), and each shape is answered where the table says. HDR-1, SES-4.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger } from '../../test/helpers/capturing-logger.js';
import { type SeededCustomerPages, createBrowser, seedCustomerPages, signIn } from '../../test/helpers/customer-pages.js';
import { ENGINES, createTestDatabase } from '../../test/helpers/databases.js';
import { type RawAnswer, rawRequest } from '../../test/helpers/raw-http.js';
import { seedRegions } from '../../test/helpers/sub-page-fixtures.js';
import { type TestApp, createTestApp } from '../../test/helpers/test-app.js';
import { monthKey } from '../domain/time-zone.js';
import { createIncident } from '../services/status/incidents.js';
import type { Database } from '../store/database.js';
import type { Listening } from './server.js';
import { timeZones } from './time-zones.js';

const NOW = new Date('2026-03-20T12:00:00.000Z');
const ENCODINGS = ['identity', 'gzip', 'gzip, deflate, br'] as const;

interface Shape {
  name: string;
  target: string;
  method: 'GET' | 'HEAD';
  headers: Record<string, string>;
  /** Whether the fast path answers it (else it leaves it to the app). */
  fast: boolean;
}

const nonceOf = (answer: RawAnswer): string => /'nonce-([^']+)'/.exec(String(answer.headers['content-security-policy'] ?? ''))?.[1] ?? '\0';

/** What must match: status, header lines (but Date) in order, and the body, with the nonce masked. HEAD: names compared case-blind, as the app answers HEAD through a Headers object. */
function comparable(answer: RawAnswer, method: string) {
  const nonce = nonceOf(answer);
  const lines = answer.lines.filter((line) => !/^date:/i.test(line)).map((line) => line.replaceAll(nonce, 'NONCE'));
  return {
    status: answer.status,
    lines: method === 'HEAD' ? lines.map((line) => line.replace(/^[^:]+/, (name) => name.toLowerCase())).sort() : lines,
    body: answer.body.toString('latin1').replaceAll(nonce, 'NONCE'),
  };
}

for (const engine of ENGINES) {
  describe(`the fast path and the app alone answer alike [${engine}]`, () => {
    let database: Database;
    let testApp: TestApp;
    let fastPath: Listening;
    let appAlone: Listening;
    const { logger, lines } = capturingLogger();
    const shapes: Shape[] = [];
    const appAnswered = () => lines.filter((line) => line.msg === 'request').length;

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      testApp = await createTestApp(database, { now: NOW, logger });
      const { ctx } = testApp.deps;
      const regions = await seedRegions(ctx);
      const customers: SeededCustomerPages = await seedCustomerPages(ctx, testApp.deps.config.publicUrl);
      const incident = await createIncident(ctx, {
        name: 'API errors',
        status: 'investigating',
        message: 'Looking',
        impacts: [{ componentId: regions.components.api, impact: 'partial_outage' }],
      });
      const customerIncident = await createIncident(ctx, {
        name: 'Cluster slow',
        status: 'identified',
        message: 'Slow',
        impacts: [{ componentId: customers.acme.componentId, impact: 'degraded_performance' }],
      });
      const browser = createBrowser(testApp.app);
      await signIn(testApp.deps, browser, customers.acme.path, 'alice@acme-corp.com');
      const session = browser.jar.header();
      const [name, token] = session.split('=') as [string, string];
      await testApp.deps.snapshots.fresh();
      fastPath = await testApp.web.listen({ port: 0, host: '127.0.0.1' });
      appAlone = await testApp.web.listen({ port: 0, host: '127.0.0.1', withoutFastPath: true });

      const month = monthKey(NOW, 'UTC', timeZones);
      const publicTargets = [
        '/',
        '/docs',
        `/regions/incidents/${incident.id}`,
        '/regions/history',
        `/regions/history?month=${month}`,
        '/regions/eu',
        `/regions/eu/incidents/${incident.id}`,
        '/regions/eu/history',
        // The read API: the default page's, a page's and a sub-page's (sent with CORS by both).
        '/api/v2/summary.json',
        '/regions/api/v2/status.json',
        '/regions/eu/api/v2/incidents.json',
        // Badges: a page's, a sub-page's and a component's (sent with CORS and their CSP by both).
        '/regions/badge.svg',
        '/regions/eu/badge.svg',
        `/regions/components/${regions.components.api}/badge.svg`,
        // The feeds, likewise.
        '/feed.atom',
        '/regions/feed.rss',
        '/regions/eu/maintenance.ics',
      ];
      for (const target of publicTargets) {
        for (const method of ['GET', 'HEAD'] as const) {
          for (const encoding of ENCODINGS) {
            // The ETag of this form, from a request the app answers (which waits for the compressed forms).
            const etag = (await rawRequest(`${appAlone.url}${target}`, { 'accept-encoding': encoding })).headers.etag!;
            expect(etag, target).toBeDefined();
            const base = { 'accept-encoding': encoding, 'x-request-id': 'trace-1' };
            shapes.push({ name: `${method} ${target} ${encoding}`, target, method, headers: base, fast: true });
            shapes.push({
              name: `${method} ${target} ${encoding} 304`,
              target,
              method,
              headers: { ...base, 'if-none-match': etag },
              fast: true,
            });
            shapes.push({
              name: `${method} ${target} ${encoding} stale ETag`,
              target,
              method,
              headers: { ...base, 'if-none-match': '"old"' },
              fast: true,
            });
            shapes.push({
              name: `${method} ${target} ${encoding} cookie`,
              target,
              method,
              headers: { ...base, cookie: 'theme=dark' },
              fast: false,
            });
            shapes.push({
              name: `${method} ${target} ${encoding} quoted cookie`,
              target,
              method,
              headers: { ...base, cookie: 'theme="dark"' },
              fast: false,
            });
          }
        }
        shapes.push({
          name: `GET ${target} with a key`,
          target,
          method: 'GET',
          headers: { authorization: 'Bearer nope', 'x-request-id': 'trace-1' },
          fast: false,
        });
      }
      shapes.push({
        name: 'GET /regions/eu?utm_source=mail',
        target: '/regions/eu?utm_source=mail',
        method: 'GET',
        headers: { 'x-request-id': 'trace-1' },
        fast: false,
      });

      const customerTargets = [
        customers.acme.path,
        `${customers.acme.path}/incidents/${customerIncident.id}`,
        `${customers.acme.path}/history`,
      ];
      const cookies: [string, string, boolean][] = [
        ['plain', session, true],
        ['among others', `theme=dark; ${session}; lang=en`, true],
        ['after spaces and a tab', `theme=dark;  \t${session}`, true],
        ['quoted', `${name}="${token}"`, false],
        ['percent-encoded', `${name}=${encodeURIComponent(`${token}=`)}`, false],
        ['repeated', `${name}=bogus; ${session}`, false],
        ['unknown', `${name}=bogus`, false],
        ['none', '', false],
      ];
      for (const target of customerTargets) {
        await rawRequest(`${appAlone.url}${target}`, { cookie: session });
        for (const [label, cookie, valid] of cookies) {
          for (const method of ['GET', 'HEAD'] as const) {
            for (const encoding of ['identity', 'gzip, deflate, br']) {
              const headers: Record<string, string> = { 'accept-encoding': encoding, 'x-request-id': 'trace-2' };
              if (cookie !== '') headers.cookie = cookie;
              shapes.push({
                name: `${method} ${target} ${encoding} ${label} cookie`,
                target,
                method,
                headers,
                fast: valid && method === 'GET',
              });
            }
          }
        }
      }
    }, 120_000);

    afterAll(async () => {
      await new Promise((resolve) => (fastPath ? fastPath.server.close(resolve) : resolve(undefined)));
      await new Promise((resolve) => (appAlone ? appAlone.server.close(resolve) : resolve(undefined)));
      await testApp?.close();
      await database?.close();
    });

    it('for every request shape the fast path can answer, and their neighbours', async () => {
      expect(shapes.length).toBeGreaterThan(250);
      const failures: string[] = [];
      for (const shape of shapes) {
        const before = appAnswered();
        const viaFastPath = await rawRequest(`${fastPath.url}${shape.target}`, shape.headers, shape.method);
        const answeredByFastPath = appAnswered() === before;
        const viaApp = await rawRequest(`${appAlone.url}${shape.target}`, shape.headers, shape.method);
        if (answeredByFastPath !== shape.fast) failures.push(`${shape.name}: answered by the ${answeredByFastPath ? 'fast path' : 'app'}`);
        const [fast, app] = [comparable(viaFastPath, shape.method), comparable(viaApp, shape.method)];
        try {
          expect(fast).toEqual(app);
        } catch {
          failures.push(
            `${shape.name}: differs\n  fast path: ${JSON.stringify(fast.lines)} (${fast.status})\n  app:       ${JSON.stringify(app.lines)} (${app.status})`,
          );
        }
      }
      expect(failures).toEqual([]);
    }, 120_000);
  });
}
