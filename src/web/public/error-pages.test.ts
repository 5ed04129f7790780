import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../test/helpers/test-app.js';

const BROWSER = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
// The "all fine" colour of the status marks and favicon (views/styles/tokens.ts, views/icons.tsx).
const GREEN = ['brand-mark', '16a34a', 'st-operational', 'bm-none'];

describeEachEngine('error pages for browsers', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(database());
    expect((await t.requestJson('POST', '/api/v1/pages', { slug: 'acme', name: 'Acme Cloud' })).status).toBe(201);
  });
  afterEach(() => t.close());

  /** Fails the next snapshot read only, as a store failing under one request would. */
  const failNextSnapshotRead = () => {
    const { snapshots } = t.deps;
    const fresh = snapshots.fresh.bind(snapshots);
    snapshots.fresh = () => {
      snapshots.fresh = fresh;
      return Promise.reject(new Error('secret failure'));
    };
  };

  const expectErrorPage = async (res: Response, status: number, label: string): Promise<string> => {
    expect(res.status, label).toBe(status);
    expect(res.headers.get('content-type'), label).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html, label).toMatch(/^<!DOCTYPE html>/);
    expect(html, label).toContain('Acme Cloud');
    for (const mark of GREEN) expect(html, `${label}: ${mark}`).not.toContain(mark);
    return html;
  };

  it('answers a 404 on any page path with the HTML page naming the site, with no green mark', async () => {
    const missing = await expectErrorPage(await t.app.request('/no-such-page', { headers: BROWSER }), 404, '/no-such-page');
    expect(missing).toContain('<h1>Page not found</h1>');
    for (const [method, path] of [
      ['GET', '/a/b/c/d/e'],
      ['GET', '/acme/incidents/nope/more'],
      ['POST', '/'],
      ['DELETE', '/acme'],
      ['GET', '/c/AAAAAAAAAAAAAAAAAAAAAAAA'],
      ['GET', '/healthz/more'],
    ] as const) {
      expect(await expectErrorPage(await t.app.request(path, { method, headers: BROWSER }), 404, `${method} ${path}`)).toBe(missing);
    }
  });

  it('answers a 500 on a page path with an HTML page naming the site, and nothing of the failure', async () => {
    failNextSnapshotRead();
    const html = await expectErrorPage(await t.app.request('/acme', { headers: BROWSER }), 500, 'GET /acme');
    expect(html).toContain('Something went wrong');
    expect(html).not.toContain('secret');
    expect(html).not.toContain('rel="canonical"');
  });

  it('keeps problem+json on API paths, whatever the Accept header', async () => {
    const unknown = await t.app.request('/api/v1/nope', { headers: BROWSER });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    failNextSnapshotRead();
    const failed = await t.request('/api/v1/customer-pages/abc/sessions', { headers: BROWSER });
    expect(failed.status).toBe(500);
    expect(failed.headers.get('content-type')).toBe('application/problem+json');
  });
});
