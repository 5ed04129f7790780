import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeOnSqlite } from '../../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../../test/helpers/test-app.js';

interface Document {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
  components: { schemas: Record<string, { additionalProperties?: boolean }>; securitySchemes: Record<string, unknown> };
  security: unknown[];
}

describeOnSqlite('/api/v1/openapi.json (catalogue resources)', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(database());
  });
  afterEach(() => t.close());

  it('describes every catalogue route and schema, without a key', async () => {
    const response = await t.app.request('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as Document;
    expect(document.openapi).toBe('3.1.0');
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });

    const methods = (path: string) => Object.keys(document.paths[path] ?? {}).sort();
    expect(methods('/components')).toEqual(['get', 'post']);
    expect(methods('/components/{id}')).toEqual(['delete', 'get', 'patch']);
    expect(methods('/groups')).toEqual(['get', 'post']);
    expect(methods('/groups/{id}')).toEqual(['delete', 'get', 'patch']);
    expect(methods('/pages')).toEqual(['get', 'post']);
    expect(methods('/pages/{id}')).toEqual(['delete', 'get', 'patch']);
    expect(methods('/pages/{id}/structure')).toEqual(['put']);
    expect(methods('/api-keys')).toEqual(['get', 'post']);
    expect(methods('/api-keys/{id}')).toEqual(['delete']);

    expect(Object.keys(document.paths['/components']?.post?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '401']));
    expect(Object.keys(document.paths['/pages/{id}']?.delete?.responses ?? {})).toEqual(expect.arrayContaining(['204', '404']));
    // Every write that takes a body may answer 415 (not JSON), and says so with the Problem schema.
    const withBody = Object.values(document.paths).flatMap((item) =>
      Object.values(item).filter((operation) => operation.requestBody !== undefined),
    );
    expect(withBody.length).toBeGreaterThan(10);
    for (const operation of withBody) {
      expect(operation.responses['415']).toEqual({
        description: expect.any(String),
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      });
    }
    expect(document.paths['/components/{id}']?.delete?.responses['415']).toBeUndefined();
    // Every write may find the database busy: 503 with Retry-After.
    const writes = Object.values(document.paths).flatMap((item) =>
      (['post', 'put', 'patch', 'delete'] as const).flatMap((method) => item[method] ?? []),
    );
    for (const operation of writes) expect(Object.keys(operation.responses)).toContain('503');
    expect(document.paths['/components']?.get?.responses['503']).toBeUndefined();

    for (const name of [
      'Component',
      'Group',
      'Page',
      'PageItem',
      'PageItemInput',
      'ApiKey',
      'CreatedApiKey',
      'Problem',
      'CreatePage',
      'PageStructure',
    ]) {
      expect(document.components.schemas[name], name).toBeDefined();
    }
    // Request bodies are strict: unknown fields are refused, and the document says so.
    for (const name of [
      'CreateComponent',
      'UpdateComponent',
      'CreateGroup',
      'UpdateGroup',
      'CreatePage',
      'UpdatePage',
      'PageStructure',
      'CreateApiKey',
    ]) {
      expect(document.components.schemas[name]?.additionalProperties, name).toBe(false);
    }
  });
});
