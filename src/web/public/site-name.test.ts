import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeOnSqlite } from '../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../test/helpers/test-app.js';
import { write } from '../../services/context.js';
import { createPage, deletePage, updatePage } from '../../services/pages/pages.js';
import { clearOtherDefaultPages } from '../../store/pages/pages.js';

const NAMES = ['Alpha Cloud', 'Bravo Cloud', 'Customer Set'];

describeOnSqlite('the default page: what `/` shows is what the site is named after', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(database());
  });
  afterEach(() => t.close());

  /** The page names a response mentions: pages here have distinctive names, and neither page names another. */
  const namesAt = async (path: string) => {
    const html = await (await t.app.request(path, { headers: { accept: 'text/html' } })).text();
    return NAMES.filter((name) => html.includes(name));
  };
  /** What `/` shows and what the shared 404 page calls the site. */
  const shown = async () => ({ home: await namesAt('/'), siteName: await namesAt('/no-such-page') });

  it('agree as pages come, move the flag, lose it and go', async () => {
    const ctx = t.deps.ctx;
    await createPage(ctx, { slug: 'customers', name: 'Customer Set', kind: 'customer_set' });
    expect((await t.app.request('/')).status).toBe(404);
    expect(await shown()).toEqual({ home: [], siteName: [] });

    t.advance(1000);
    const alpha = await createPage(ctx, { slug: 'alpha', name: 'Alpha Cloud' });
    t.advance(1000);
    const bravo = await createPage(ctx, { slug: 'bravo', name: 'Bravo Cloud' });
    expect(await shown()).toEqual({ home: ['Alpha Cloud'], siteName: ['Alpha Cloud'] });

    await updatePage(ctx, bravo.id, { isDefault: true });
    expect(await shown()).toEqual({ home: ['Bravo Cloud'], siteName: ['Bravo Cloud'] });

    // Written around the services: no page flagged. Both fall back to the oldest public page.
    await write(ctx, async (tx, changed) => {
      changed.structure();
      await clearOtherDefaultPages(tx, '');
    });
    expect(await shown()).toEqual({ home: ['Alpha Cloud'], siteName: ['Alpha Cloud'] });

    await deletePage(ctx, alpha.id, 'test');
    expect(await shown()).toEqual({ home: ['Bravo Cloud'], siteName: ['Bravo Cloud'] });
  });
});
