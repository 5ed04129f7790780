import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../../test/helpers/test-app.js';
import { API_BODY_LIMIT } from '../../middleware/body-size.js';

interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { responses?: Record<string, { headers?: Record<string, unknown> }> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const OVERSIZED = 'x'.repeat(API_BODY_LIMIT + 1);
// Some 300 requests, 40 of them over a mebibyte: slow on a busy machine.
const WALK_TIMEOUT_MS = 120_000;

/**
 * Walks every operation the document lists and provokes each answer the API's edge gives before a
 * route's own logic: no key, an over-long id, a bad query or header value, an unknown id, a body over
 * the limit, a body that is not JSON. Whatever status comes back must be one the operation documents.
 */
describeEachEngine('the OpenAPI document lists what the routes answer', (database) => {
  let t: TestApp;
  let document: Document;
  beforeEach(async () => {
    t = await createTestApp(database());
    document = (await (await t.app.request('/api/v1/openapi.json')).json()) as Document;
  });
  afterEach(() => t.close());

  const pathWith = (template: string, value: (name: string) => string) =>
    `/api/v1${template.replace(/\{(\w+)\}/g, (_, name: string) => value(name))}`;

  it(
    'every status an edge case provokes is documented for its operation',
    async () => {
      const undocumented: string[] = [];
      let probes = 0;
      for (const [template, item] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(item).filter(([m]) => METHODS.includes(m))) {
          const documented = Object.keys(operation.responses);
          const parameters = operation.parameters ?? [];
          const check = async (what: string, path: string, init: RequestInit, expected?: number) => {
            const res = await t.app.request(path, { method: method.toUpperCase(), ...init });
            probes++;
            expect(res.status, `${method} ${template}: ${what}`).toBeLessThan(500);
            if (expected !== undefined) expect(res.status, `${method} ${template}: ${what}`).toBe(expected);
            if (!documented.includes(String(res.status))) undocumented.push(`${method.toUpperCase()} ${template}: ${what} → ${res.status}`);
          };
          const auth = { authorization: `Bearer ${t.token}` };
          const json = { ...auth, 'content-type': 'application/json' };
          const plain = pathWith(template, () => 'nope');
          const body = method === 'get' ? {} : { body: '{}' };

          await check('no API key', plain, { headers: { 'content-type': 'application/json' }, ...body }, 401);
          if (parameters.some((p) => p.in === 'path')) {
            await check(
              'an id over 128 characters',
              pathWith(template, () => 'x'.repeat(129)),
              { headers: json, ...body },
              400,
            );
            await check('an unknown id', plain, { headers: json, ...body });
          }
          for (const parameter of parameters.filter((p) => p.in === 'query')) {
            await check(`a bad ?${parameter.name}=`, `${plain}?${parameter.name}=${'%00'.repeat(200)}`, { headers: json, ...body }, 400);
          }
          for (const parameter of parameters.filter((p) => p.in === 'header')) {
            await check(`a bad ${parameter.name} header`, plain, { headers: { ...json, [parameter.name]: 'x'.repeat(1_000) }, ...body });
          }
          if (operation.requestBody !== undefined) await check('an empty JSON object', plain, { headers: json, body: '{}' });
          if (method !== 'get') {
            await check('a body over the limit', plain, { headers: json, body: OVERSIZED }, 413);
            if (method !== 'delete')
              await check('a body that is not JSON', plain, { headers: { ...auth, 'content-type': 'text/plain' }, body: 'x' }, 415);
            if (!documented.includes('503')) undocumented.push(`${method.toUpperCase()} ${template}: a busy database → 503`);
          }
        }
      }
      expect(probes).toBeGreaterThan(200);
      expect(undocumented).toEqual([]);
    },
    WALK_TIMEOUT_MS,
  );

  it('says what an unknown path and an unlisted method answer', () => {
    expect(Object.keys(document.components.responses ?? {})).toEqual(expect.arrayContaining(['UnknownPath', 'MethodNotAllowed']));
    expect(document.components.responses?.MethodNotAllowed?.headers).toHaveProperty('Allow');
  });
});
