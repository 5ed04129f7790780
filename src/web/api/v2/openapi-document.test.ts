import { gunzipSync } from 'node:zlib';
import { afterEach, expect, it } from 'vitest';
import { describeOnSqlite } from '../../../../test/helpers/describe-each-engine.js';
import { expectValidDocument } from '../../../../test/helpers/statuspage-v2.js';
import { seedRegions } from '../../../../test/helpers/sub-page-fixtures.js';
import { type TestApp, createTestApp } from '../../../../test/helpers/test-app.js';
import { STATUSPAGE_ENDPOINTS } from './statuspage-documents.js';

interface OpenApiDocument {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, { get: unknown }>;
}

describeOnSqlite('the v2 OpenAPI document', (database) => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('is served at /api/v2/openapi.json, compressed, with an ETag, and every path it lists answers on every page', async () => {
    app = await createTestApp(database());
    await seedRegions(app.deps.ctx);
    const res = await app.app.request('/api/v2/openapi.json', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const etag = res.headers.get('etag')!;
    const document = JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')) as OpenApiDocument;
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers.map((server) => server.url)).toEqual([
      `${app.deps.config.publicUrl}/api/v2`,
      `${app.deps.config.publicUrl}/{page}/api/v2`,
    ]);
    expect(Object.keys(document.paths).sort()).toEqual(STATUSPAGE_ENDPOINTS.map((endpoint) => `/${endpoint}`).sort());
    for (const path of Object.keys(document.paths)) {
      for (const prefix of ['/api/v2', '/regions/api/v2', '/regions/eu/api/v2', '/docs/api/v2']) {
        const answer = await app.app.request(`${prefix}${path}`);
        expect(answer.status, `${prefix}${path}`).toBe(200);
        expectValidDocument(path.slice(1), await answer.json(), `${prefix}${path}`);
      }
    }
    const again = await app.app.request('/api/v2/openapi.json', { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });
});
