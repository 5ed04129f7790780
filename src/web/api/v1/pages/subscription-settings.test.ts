import { afterEach, expect, it } from 'vitest';
import { seedCustomerPages } from '../../../../../test/helpers/customer-pages.js';
import { describeEachEngine } from '../../../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../../../test/helpers/test-app.js';
import { createPage } from '../../../../services/pages/pages.js';

describeEachEngine('API /pages/{id}/subscription-settings', (database) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("sets and reads a customer page set's mail detail; other pages and bad values are refused", async () => {
    t = await createTestApp(database());
    const { setId } = await seedCustomerPages(t.deps.ctx, t.deps.config.publicUrl);
    const path = `/api/v1/pages/${setId}/subscription-settings`;
    expect(await (await t.request(path)).json()).toEqual({ mail_detail: 'full' });
    const set = await t.requestJson('PUT', path, { mail_detail: 'notice' });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ mail_detail: 'notice' });
    expect(await (await t.request(path)).json()).toEqual({ mail_detail: 'notice' });
    expect((await t.requestJson('PUT', path, { mail_detail: 'everything' })).status).toBe(400);
    const plain = await createPage(t.deps.ctx, { slug: 'plain', name: 'Plain' });
    expect((await t.requestJson('PUT', `/api/v1/pages/${plain.id}/subscription-settings`, { mail_detail: 'notice' })).status).toBe(422);
    expect((await t.request('/api/v1/pages/nope/subscription-settings')).status).toBe(404);
  });
});
