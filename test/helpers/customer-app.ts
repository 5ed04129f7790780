import { afterEach } from 'vitest';
import type { Config } from '../../src/config.js';
import type { Database } from '../../src/store/database.js';
import { type SeededCustomerPages, seedCustomerPages } from './customer-pages.js';
import { type TestApp, createTestApp } from './test-app.js';

export const CUSTOMER_TEST_URL = 'https://status.example.com';

/**
 * For a describe block of customer page tests: returns `setUp(db)`, which starts a test app served
 * at `CUSTOMER_TEST_URL` (or the config given) with Acme and Globex seeded; each app is closed after
 * its test.
 */
export function useSeededCustomerApp(): (db: Database, config?: Partial<Config>) => Promise<{ app: TestApp; seeded: SeededCustomerPages }> {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  return async (db, config = {}) => {
    const publicUrl = config.publicUrl ?? CUSTOMER_TEST_URL;
    app = await createTestApp(db, { config: { ...config, publicUrl } });
    return { app, seeded: await seedCustomerPages(app.deps.ctx, publicUrl) };
  };
}
