import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../../test/helpers/test-app.js';
import { MAX_LISTED_ISSUES, MAX_QUOTED } from '../../problem.js';

interface Problem {
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
  omitted_errors?: number;
}

/** The whole answer, its size in bytes, and the document. */
async function problemOf(response: Response): Promise<{ status: number; bytes: number; problem: Problem }> {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const text = await response.text();
  return { status: response.status, bytes: Buffer.byteLength(text), problem: JSON.parse(text) as Problem };
}

describeEachEngine('error documents are bounded whatever the input', (database) => {
  let t: TestApp;
  let typeId: string;
  beforeEach(async () => {
    t = await createTestApp(database());
    const type = await t.requestJson('POST', '/api/v1/catalog/types', {
      name: 'Customer',
      attributes: [{ id: 'domains', name: 'Email domains', kind: 'email_domain', is_list: true }],
    });
    typeId = ((await type.json()) as { id: string }).id;
  });
  afterEach(() => t.close());

  it('quotes at most 100 characters of an unknown key, with an ellipsis', async () => {
    const key = 'k'.repeat(100_000);
    const { status, bytes, problem } = await problemOf(await t.requestJson('POST', '/api/v1/components', { name: 'API', [key]: 1 }));
    expect(status).toBe(400);
    expect(bytes).toBeLessThan(1_000);
    expect(problem.errors).toEqual([{ path: `${'k'.repeat(MAX_QUOTED - 1)}…`, message: 'Unknown field' }]);
    expect(problem.detail).toBe(`${'k'.repeat(MAX_QUOTED - 1)}…: Unknown field`);
  });

  it('lists the first 20 of 1,001 malformed entries and counts the rest', async () => {
    const entries = Array.from({ length: 1001 }, (_, i) => ({ external_id: `e${i}` }));
    const { status, bytes, problem } = await problemOf(await t.requestJson('PUT', `/api/v1/catalog/types/${typeId}/entries`, { entries }));
    expect(status).toBe(400);
    expect(problem.errors).toHaveLength(MAX_LISTED_ISSUES);
    expect(problem.errors?.[0]?.path).toBe('entries[0].name');
    expect(problem.omitted_errors).toBe(1001 - MAX_LISTED_ISSUES);
    expect(problem.detail).toMatch(/^entries\[0\]\.name: .*; and \d+ more$/);
    expect(problem.detail.length).toBeLessThanOrEqual(1_000);
    expect(bytes).toBeLessThan(4_000);
  });

  it('lists the first 20 of 1,001 entries the service refuses and counts the rest', async () => {
    const entries = Array.from({ length: 1001 }, (_, i) => ({
      external_id: `e${i}`,
      name: `Entry ${i}`,
      values: { domains: ['gmail.com'] },
    }));
    const { status, bytes, problem } = await problemOf(await t.requestJson('PUT', `/api/v1/catalog/types/${typeId}/entries`, { entries }));
    expect(status).toBe(400);
    expect(problem.errors).toHaveLength(MAX_LISTED_ISSUES);
    expect(problem.errors?.[0]?.path).toBe('entries[0].values.domains[0]');
    expect(problem.omitted_errors).toBe(1001 - MAX_LISTED_ISSUES);
    expect(problem.detail.length).toBeLessThanOrEqual(1_000);
    expect(bytes).toBeLessThan(8_000);
  });
});
