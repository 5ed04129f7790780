import { gzipSync } from 'node:zlib';
import { afterEach, expect, it } from 'vitest';
import { describeOnSqlite } from '../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../test/helpers/test-app.js';
import { WIDGET, WIDGET_ENTRY } from './embed-routes.js';
import { WIDGET_SCRIPT } from './widget-script.js';

const opened: TestApp[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
});

it('the widget stays under 5 KB gzipped', () => {
  expect(gzipSync(WIDGET_SCRIPT, { level: 9 }).byteLength).toBeLessThan(5 * 1024);
});

describeOnSqlite('the widget script', (database) => {
  it('is served at its hashed name, immutable, and at the stable entry, briefly cached, naming the hashed one', async () => {
    const app = await createTestApp(database());
    opened.push(app);
    expect(WIDGET.path).toMatch(/^\/assets\/embed-status\.[0-9a-f]{8}\.js$/);
    const hashed = await app.app.request(WIDGET.path);
    expect(hashed.status).toBe(200);
    expect(hashed.headers.get('cache-control')).toContain('immutable');
    expect(hashed.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const entry = await app.app.request(WIDGET_ENTRY, { headers: { 'accept-encoding': 'gzip' } });
    expect(entry.status).toBe(200);
    expect(entry.headers.get('cache-control')).toBe('public, max-age=300');
    expect(entry.headers.get('link')).toBe(`<${WIDGET.path}>; rel="canonical"`);
    expect(entry.headers.get('content-encoding')).toBe('gzip');
    expect(Number(entry.headers.get('content-length'))).toBeLessThan(5 * 1024);
    expect(await hashed.text()).toBe(WIDGET_SCRIPT);
  });
});
