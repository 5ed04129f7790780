import type { PageLogo } from '../../domain/pages/page-branding.js';
import { type HashedAsset, hashedAsset } from '../hashed-assets.js';
import { brandCss } from './styles/brand.js';

/** `#1d4ed8` → `/assets/brand-1d4ed8.<hash>.css`: the name carries the colour, the hash the stylesheet's text. */
export const brandStylesheet = (hex: string): HashedAsset => hashedAsset(`brand-${hex.slice(1)}`, 'css', brandCss(hex));

const LOGO_EXTENSIONS: Readonly<Record<PageLogo['contentType'], string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

/** Where a logo is served: named by the hash of its bytes, so a new logo is a new URL and any cache may keep one forever. */
export const logoPath = (logo: PageLogo): string => `/assets/logo-${logo.sha256}.${LOGO_EXTENSIONS[logo.contentType]}`;
