/**
 * Page branding end to end over HTTP: the API (4xx on bad input), the store on both engines, and the
 * public page (link, logo, colour, uptime display), the logo served as its exact bytes.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../../../test/helpers/describe-each-engine.js';
import { type TestApp, createTestApp } from '../../../../../test/helpers/test-app.js';
import { LOGO_MAX_BYTES } from '../../../../domain/pages/logo-image.js';
import { getPage } from '../../../../services/pages/pages.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
type Json = { id: string } & Record<string, unknown>;

describeEachEngine('page branding over the API and on the public page', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(database());
  });
  afterEach(() => t.close());

  const json = async (method: string, path: string, body: unknown, status: number): Promise<Json> => {
    const response = await t.requestJson(method, path, body);
    expect(response.status, await response.clone().text()).toBe(status);
    return (await response.json()) as Json;
  };

  async function brandedPage(): Promise<Json> {
    const api = await json('POST', '/api/v1/components', { name: 'API' }, 201);
    return json(
      'POST',
      '/api/v1/pages',
      {
        slug: 'status',
        name: 'Acme status',
        items: [{ type: 'component', component_id: api.id, show_uptime: true }],
        support_url: 'https://help.acme.example/contact',
        brand_color: '#FFCC00',
        uptime_display: 'bars_only',
      },
      201,
    );
  }

  it('stores, presents and renders the branding; the logo URL serves the exact bytes, immutable and nosniff', async () => {
    const page = await brandedPage();
    expect(page).toMatchObject({
      support_url: 'https://help.acme.example/contact',
      brand_color: '#ffcc00',
      uptime_display: 'bars_only',
      logo_url: null,
    });
    const withLogo = await json('PUT', `/api/v1/pages/${page.id}/logo`, { image_base64: PNG.toString('base64') }, 200);
    const logoUrl = withLogo.logo_url as string;
    expect(logoUrl).toMatch(/^\/assets\/logo-[0-9a-f]{64}\.png$/);
    // The store keeps it all (this engine).
    expect((await getPage(t.deps.ctx, page.id)).branding).toEqual({
      supportUrl: 'https://help.acme.example/contact',
      brandColor: '#ffcc00',
      uptimeDisplay: 'bars_only',
      logo: { sha256: logoUrl.slice('/assets/logo-'.length, -'.png'.length), contentType: 'image/png' },
    });

    const html = await (await t.request('/status')).text();
    expect(html).toContain('<a class="support" href="https://help.acme.example/contact">Contact support</a>');
    expect(html).toContain(`<img class="brand-logo" src="${logoUrl}" alt="Acme status"/>`);
    expect(html).toMatch(/<img class="brand-logo"[^>]*\/>Acme status<\/a>/);
    expect(html).toContain('<ul class="card rows bars-only">');
    expect(html).not.toContain(' style=');
    const sheet = /<link rel="stylesheet" href="(\/assets\/brand-ffcc00\.[0-9a-f]{8}\.css)"/.exec(html)?.[1];
    expect(sheet).toBeDefined();

    const logo = await t.request(logoUrl);
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(logo.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(logo.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await logo.arrayBuffer()).equals(PNG)).toBe(true);
    const css = await t.request(sheet!);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await css.text()).toContain('.site { border-top: 4px solid var(--brand); }');
    // Wrong extension, unknown hash, a forged stylesheet hash: the 404 page.
    expect((await t.request(logoUrl.replace('.png', '.webp'))).status).toBe(404);
    expect((await t.request(`/assets/logo-${'0'.repeat(64)}.png`)).status).toBe(404);
    expect((await t.request('/assets/brand-ffcc00.00000000.css')).status).toBe(404);

    // Hidden: no bars at all, though the item asks for one; removing the logo takes it off the page.
    await json('PATCH', `/api/v1/pages/${page.id}`, { uptime_display: 'hidden', support_url: null, brand_color: '' }, 200);
    const removed = await json('DELETE', `/api/v1/pages/${page.id}/logo`, undefined, 200);
    expect(removed).toMatchObject({ logo_url: null, support_url: null, brand_color: null, uptime_display: 'hidden' });
    const plain = await (await t.request('/status')).text();
    expect(plain).not.toContain('class="uptime"');
    expect(plain).not.toContain('Contact support');
    expect(plain).not.toContain('brand-logo');
    expect(plain).not.toContain('/assets/brand-');
    expect((await t.request(logoUrl)).status).toBe(404);

    await json('PATCH', `/api/v1/pages/${page.id}`, { uptime_display: 'bars_and_percentage' }, 200);
    const bars = await (await t.request('/status')).text();
    expect(bars).toContain('class="uptime"');
    expect(bars).toContain('<ul class="card rows">');
  });

  it('refuses bad branding with 400 naming the field, never 500', async () => {
    const page = await brandedPage();
    const refused = async (method: string, path: string, body: unknown, field: string) => {
      const response = await t.requestJson(method, path, body);
      expect([JSON.stringify(body).slice(0, 80), response.status]).toEqual([JSON.stringify(body).slice(0, 80), 400]);
      const problem = (await response.json()) as { errors?: { path: string }[] };
      expect(problem.errors?.map((error) => error.path)).toContain(field);
    };
    const patch = `/api/v1/pages/${page.id}`;
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'http://help.acme.example', `https://a.example/${'x'.repeat(2100)}`])
      await refused('PATCH', patch, { support_url: url }, 'support_url');
    for (const color of ['red', '#fff', '#12345g']) await refused('PATCH', patch, { brand_color: color }, 'brand_color');
    await refused('PATCH', patch, { uptime_display: 'percent' }, 'uptime_display');
    await refused('POST', '/api/v1/pages', { slug: 'x', name: 'X', brand_color: 'blue' }, 'brand_color');
    const logo = `/api/v1/pages/${page.id}/logo`;
    await refused('PUT', logo, { image_base64: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64') }, 'logo');
    await refused('PUT', logo, { image_base64: Buffer.from('GIF89a....').toString('base64') }, 'logo');
    await refused('PUT', logo, { image_base64: '' }, 'logo');
    await refused('PUT', logo, { image_base64: 'not base64!' }, 'image_base64');
    const big = Buffer.alloc(LOGO_MAX_BYTES + 3);
    PNG.copy(big);
    await refused('PUT', logo, { image_base64: big.toString('base64') }, 'image_base64');
    expect((await t.requestJson('PUT', `/api/v1/pages/${'a'.repeat(16)}/logo`, { image_base64: PNG.toString('base64') })).status).toBe(404);
    // Nothing changed.
    expect((await getPage(t.deps.ctx, page.id)).branding).toMatchObject({ brandColor: '#ffcc00', logo: null });
  });
});
