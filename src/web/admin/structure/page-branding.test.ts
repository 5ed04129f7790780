/**
 * The page settings' branding on the dashboard over HTTP (security.md STF-3, STF-7): fields refused
 * in place keeping what was typed, the logo uploaded as multipart and removed, writes for admins only.
 */
import { afterEach, expect, it } from 'vitest';
import { CUSTOMER_TEST_URL } from '../../../../test/helpers/customer-app.js';
import { type TestBrowser, createBrowser } from '../../../../test/helpers/customer-pages.js';
import { describeOnSqlite } from '../../../../test/helpers/describe-each-engine.js';
import { addStaff, signInToAdmin } from '../../../../test/helpers/staff-fixtures.js';
import { type TestApp, createTestApp } from '../../../../test/helpers/test-app.js';
import { createPage, getPage } from '../../../services/pages/pages.js';
import { createStaffDeps } from '../../../services/staff/staff-deps.js';
import { listAuditEvents } from '../../../store/access/audit-log.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describeOnSqlite('dashboard: page branding', (database) => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function setUp() {
    app = await createTestApp(database(), { env: { PUBLIC_URL: CUSTOMER_TEST_URL } });
    await addStaff(createStaffDeps(app.deps.ctx, { secret: app.deps.config.secret }), {
      'ann@example.com': 'admin',
      'rob@example.com': 'responder',
      'vic@example.com': 'viewer',
    });
    const page = await createPage(app.deps.ctx, { slug: 'status', name: 'Acme status' });
    return { ctx: app.deps.ctx, page };
  }
  async function staffBrowser(email: string) {
    app!.advance(61_000);
    const browser = createBrowser(app!.app);
    await signInToAdmin(app!.deps, browser, email);
    return browser;
  }
  const upload = (browser: TestBrowser, path: string, bytes: Buffer, name = 'logo.png') => {
    const form = new FormData();
    form.set('logo', new File([new Uint8Array(bytes)], name, { type: 'image/png' }));
    return app!.app.request(path, {
      method: 'POST',
      body: form,
      headers: { cookie: browser.jar.header(), 'sec-fetch-site': 'same-origin', accept: 'text/html' },
    });
  };
  const settings = { name: 'Acme status', slug: 'status', timeZone: 'UTC', description: '' };

  it('STF-3: viewers and responders may not change branding or the logo', async () => {
    const { ctx, page } = await setUp();
    const before = await getPage(ctx, page.id);
    for (const email of ['vic@example.com', 'rob@example.com']) {
      const browser = await staffBrowser(email);
      const base = `/admin/pages/${page.id}`;
      expect(
        (await browser.post(base, { ...settings, supportUrl: 'https://x.example', brandColor: '#000000', uptimeDisplay: 'hidden' })).status,
      ).toBe(403);
      expect((await upload(browser, `${base}/logo`, PNG)).status).toBe(403);
      expect((await browser.post(`${base}/logo/remove`, {})).status).toBe(403);
    }
    expect(await getPage(ctx, page.id)).toEqual(before);
  });

  it('STF-7: an admin sets branding and a logo, refusals shown in place keeping what was typed, every write audited', async () => {
    const { ctx, page } = await setUp();
    const browser = await staffBrowser('ann@example.com');
    const base = `/admin/pages/${page.id}`;

    const refused = await browser.post(base, {
      ...settings,
      supportUrl: 'javascript:alert(1)',
      brandColor: 'teal',
      uptimeDisplay: 'bars_only',
    });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('id="supportUrl-error"');
    expect(html).toContain('id="brandColor-error"');
    expect(html).toContain('value="javascript:alert(1)"');
    expect(html).toContain('value="teal"');
    expect(html).toMatch(/<option value="bars_only" selected/);
    expect((await getPage(ctx, page.id)).branding.supportUrl).toBeNull();

    const saved = await browser.post(base, {
      ...settings,
      supportUrl: 'mailto:help@acme.example',
      brandColor: '#0A7C42',
      uptimeDisplay: 'hidden',
    });
    expect(saved.status).toBe(303);
    expect((await getPage(ctx, page.id)).branding).toMatchObject({
      supportUrl: 'mailto:help@acme.example',
      brandColor: '#0a7c42',
      uptimeDisplay: 'hidden',
    });

    const svg = await upload(browser, `${base}/logo`, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'logo.svg');
    expect(svg.status).toBe(400);
    expect(await svg.text()).toContain('<p id="logo-file-error" class="field-error">must be a PNG, JPEG or WebP image</p>');
    const uploaded = await upload(browser, `${base}/logo`, PNG);
    expect(uploaded.status).toBe(303);
    const logo = (await getPage(ctx, page.id)).branding.logo;
    expect(logo?.contentType).toBe('image/png');
    const screen = await (await browser.get(base)).text();
    expect(screen).toContain(`src="/assets/logo-${logo!.sha256}.png"`);
    expect(screen).toContain('Remove the logo');
    expect((await browser.post(`${base}/logo/remove`, {})).status).toBe(303);
    expect((await getPage(ctx, page.id)).branding.logo).toBeNull();

    const events = await listAuditEvents(ctx.database.db, { actor: 'staff:ann@example.com' });
    expect(events.filter((event) => event.subjectId === page.id).map((event) => event.action)).toEqual(
      expect.arrayContaining(['page.updated', 'page.logo_changed', 'page.logo_removed']),
    );
  });
});
