import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../test/helpers/test-app.js';
import { API_BODY_LIMIT, FORM_BODY_LIMIT } from './middleware/body-size.js';
import { MAX_LISTED_ISSUES, type ProblemCode, buildProblem, clip, formatIssuePath } from './problem.js';

describe('buildProblem', () => {
  it('lists at most 20 issues, counts the rest, and cuts every text to a fixed length', () => {
    const issues = Array.from({ length: 25 }, (_, i) => ({ path: `p${i}`.padEnd(1_000, 'x'), message: 'm'.repeat(1_000) }));
    const problem = buildProblem('validation', 'd'.repeat(5_000), issues);
    expect(problem.errors).toHaveLength(MAX_LISTED_ISSUES);
    expect(problem.omitted_errors).toBe(5);
    expect(problem.detail.length).toBeLessThanOrEqual(1_000);
    expect(problem.detail.endsWith('…')).toBe(true);
    for (const issue of problem.errors ?? []) expect(issue.path.length + issue.message.length).toBeLessThanOrEqual(800);
    expect(buildProblem('not_found', 'gone')).toEqual({
      type: 'https://beacon.dev/problems/not_found',
      title: 'Not found',
      status: 404,
      detail: 'gone',
    });
  });

  it('quotes at most 100 characters of a key in a path', () => {
    expect(clip('x'.repeat(100))).toBe('x'.repeat(100));
    expect(clip('x'.repeat(101))).toBe(`${'x'.repeat(99)}…`);
    expect(formatIssuePath(['entries', 3, 'y'.repeat(500)])).toBe(`entries[3].${'y'.repeat(99)}…`);
  });
});

interface Document {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

describeEachEngine('every problem document the app writes', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(database());
  });
  afterEach(() => t.close());

  it('is built by the one builder: 400, 401 (no key, a bad key), 404, 405, 413 (API, form), 415 and 500 alike', async () => {
    const failing = Object.create(t.deps.snapshots) as typeof t.deps.snapshots;
    const answers: [ProblemCode, Response][] = [
      ['validation', await t.requestJson('POST', '/api/v1/components', { name: 1 })],
      ['unauthenticated', await t.app.request('/api/v1/components')],
      ['unauthenticated', await t.app.request('/api/v1/components', { headers: { authorization: 'Bearer bk_unknown' } })],
      ['not_found', await t.request('/api/v1/components/nope')],
      ['not_found', await t.app.request('/api/v1/nope')],
      ['method_not_allowed', await t.request('/api/v1/components', { method: 'PUT', body: '{}' })],
      ['payload_too_large', await t.request('/api/v1/components', { method: 'POST', body: 'x'.repeat(API_BODY_LIMIT + 1) })],
      // A form anywhere else (the customer sign-in forms): the same middleware, the same document.
      ['payload_too_large', await t.app.request('/c/abc/sign-in', { method: 'POST', body: 'x'.repeat(FORM_BODY_LIMIT + 1) })],
      [
        'unsupported_media_type',
        await t.request('/api/v1/components', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'API' }),
      ],
    ];
    // A store that fails underneath a route: the generic 500, which names nothing of the failure.
    failing.fresh = () => Promise.reject(new Error('secret failure'));
    const snapshots = t.deps.snapshots;
    t.deps.snapshots = failing;
    try {
      answers.push(['internal', await t.request('/api/v1/customer-pages/abc/sessions')]);
    } finally {
      t.deps.snapshots = snapshots;
    }

    for (const [code, res] of answers) {
      expect(res.headers.get('content-type'), code).toBe('application/problem+json');
      const document = (await res.json()) as Document;
      expect(document, code).toEqual(buildProblem(code, document.detail, document.errors ?? []));
      expect(document.status, code).toBe(res.status);
      expect(document.detail, code).not.toContain('secret');
    }
  });
});
