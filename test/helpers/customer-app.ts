import { afterEach } from 'vitest';
import type { Database } from '../../src/store/database.js';
import { type SeededCustomerPages, seedCustomerPages } from './customer-pages.js';
import { type TestApp, createTestApp } from './test-app.js';
import type { TestEnv } from './test-config.js';

export const CUSTOMER_TEST_URL = 'https://status.example.com';

/**
 * For a describe block of customer page tests: returns `setUp(db)`, which starts a test app served
 * at `CUSTOMER_TEST_URL` (or as the environment given says) with Acme and Globex seeded; each app is closed after
 * its test.
 */
export function useSeededCustomerApp(): (db: Database, env?: TestEnv) => Promise<{ app: TestApp; seeded: SeededCustomerPages }> {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  return async (db, env = {}) => {
    app = await createTestApp(db, { env: { PUBLIC_URL: CUSTOMER_TEST_URL, ...env } });
    return { app, seeded: await seedCustomerPages(app.deps.ctx, app.deps.config.publicUrl) };
  };
}
