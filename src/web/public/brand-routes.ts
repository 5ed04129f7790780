import type { Context, Hono } from 'hono';
import { LOGO_RESPONSES_BOUNDS } from '../../domain/cache-bounds.js';
import { readLogoImage } from '../../services/pages/page-logos.js';
import type { AppDeps } from '../app-deps.js';
import { CachedResponse } from '../cached-response.js';
import { ASSET_CACHE } from '../hashed-assets.js';
import { sendCached } from '../send-cached.js';
import { brandStylesheet } from '../views/brand-assets.js';
import { LogoResponses, namesLogo } from './logo-responses.js';

const BRAND_FILE = /^brand-([0-9a-f]{6})\.[0-9a-f]{8}\.css$/;
const LOGO_FILE = /^logo-([0-9a-f]{64})\.[a-z]+$/;

/**
 * `/assets/brand-<rrggbb>.<hash>.css` and `/assets/logo-<sha256>.<ext>`: each page's brand stylesheet
 * and logo, from our own origin (the CSP needs no other), under names that change with their content,
 * so they are immutable like the other assets. A stylesheet is made from its name alone (any colour's is
 * the same bytes, page or no page); a logo is read from the database, whichever page holds it, and then
 * kept by its name while a page shows it (`LogoResponses`). Any other name: `notFound`. Not offered
 * to the fast path: a browser fetches each once.
 */
export function routeBrandAssets(routes: Hono, deps: AppDeps, notFound: (c: Context) => Promise<Response>): void {
  const logos = new LogoResponses(LOGO_RESPONSES_BOUNDS);
  routes.get('/assets/:file', async (c) => {
    const file = c.req.param('file');
    const brand = BRAND_FILE.exec(file);
    if (brand) {
      const asset = brandStylesheet(`#${brand[1]}`);
      if (asset.path !== c.req.path) return notFound(c);
      return sendCached(c, new CachedResponse({ contentType: asset.contentType, body: asset.body }, { compress: false }), ASSET_CACHE);
    }
    const name = LOGO_FILE.exec(file);
    if (name === null) return notFound(c);
    const sha256 = name[1]!;
    const isNamed = namesLogo(await deps.snapshots.fresh(), sha256);
    const logo = await logos.find(sha256, { isNamed, read: (hash) => readLogoImage(deps.ctx, hash) });
    if (logo === null || logo.path !== c.req.path) return notFound(c);
    return sendCached(c, logo.response, ASSET_CACHE);
  });
}
