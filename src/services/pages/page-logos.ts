import { createHash } from 'node:crypto';
import { checkLogoImage } from '../../domain/pages/logo-image.js';
import type { Page } from '../../domain/pages/page.js';
import { type LogoImage, deletePageLogo, findLogoImage, replacePageLogo } from '../../store/pages/page-logos.js';
import { type ServiceContext, write } from '../context.js';
import { requirePage } from './pages.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Gives the page a logo: PNG, JPEG or WebP by its bytes' magic numbers, at most `LOGO_MAX_BYTES`
 * (`logo` names the field refused). The page then names it by the SHA-256 of its bytes.
 *
 * @example await setPageLogo(ctx, page.id, await file.bytes())
 */
export async function setPageLogo(ctx: ServiceContext, pageId: string, bytes: Uint8Array): Promise<Page> {
  const contentType = checkLogoImage(bytes, 'logo');
  const logo = { sha256: createHash('sha256').update(bytes).digest('hex'), contentType };
  return write(ctx, async (tx, changed) => {
    changed.structure();
    const page = await requirePage(tx, pageId);
    const now = ctx.clock();
    await replacePageLogo(tx, page.id, logo, bytes, now);
    return { ...page, branding: { ...page.branding, logo }, updatedAt: now };
  });
}

/** Takes the page's logo away; a page without one is left as it is. */
export async function removePageLogo(ctx: ServiceContext, pageId: string): Promise<Page> {
  return write(ctx, async (tx, changed) => {
    changed.structure();
    const page = await requirePage(tx, pageId);
    if (page.branding.logo === null) return page;
    const now = ctx.clock();
    await deletePageLogo(tx, page.id, now);
    return { ...page, branding: { ...page.branding, logo: null }, updatedAt: now };
  });
}

/** The logo whose bytes hash to `sha256` (64 lower-case hex digits), or null: what the logo URL serves. */
export async function readLogoImage(ctx: ServiceContext, sha256: string): Promise<LogoImage | null> {
  return SHA256_HEX.test(sha256) ? findLogoImage(ctx.database.db, sha256) : null;
}
