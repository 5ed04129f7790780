import { afterEach, expect, it } from 'vitest';
import { CUSTOMER_TEST_URL } from '../../../test/helpers/customer-app.js';
import { capturingLogger } from '../../../test/helpers/capturing-logger.js';
import { seedCustomerPages } from '../../../test/helpers/customer-pages.js';
import { describeEachEngine } from '../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../test/helpers/test-app.js';

const BODIES: [string, string][] = [
  ['multipart/form-data; boundary=x', 'not multipart at all'],
  ['multipart/form-data', 'no boundary'],
  ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\nalice@acme-corp.com'],
];

describeEachEngine('customer forms with a malformed body', (database) => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('answer 400 with an HTML page, never a 500 or a logged error', async () => {
    const { logger, lines } = capturingLogger();
    app = await createTestApp(database(), { env: { PUBLIC_URL: CUSTOMER_TEST_URL }, logger });
    const seeded = await seedCustomerPages(app.deps.ctx, CUSTOMER_TEST_URL);
    for (const form of ['sign-in', 'auth', 'auth/code']) {
      for (const [contentType, body] of BODIES) {
        const label = `${form}, ${contentType}: ${JSON.stringify(body.slice(0, 20))}`;
        const res = await app.app.request(`${seeded.acme.path}/${form}`, {
          method: 'POST',
          headers: { 'content-type': contentType, accept: 'text/html', 'sec-fetch-site': 'same-origin' },
          body,
        });
        expect(res.status, label).toBe(400);
        expect(res.headers.get('content-type'), label).toBe('text/html; charset=utf-8');
        // Still a private page: never stored, never indexed (HDR-3..8).
        expect(res.headers.get('cache-control'), label).toBe('no-store');
        expect(res.headers.get('x-robots-tag'), label).toBe('noindex');
        expect(await res.text(), label).toContain('<!DOCTYPE html>');
      }
    }
    expect(lines.filter((line) => (line.level as number) >= 50)).toEqual([]);
  });
});
