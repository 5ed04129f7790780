import { invalid } from '../errors.js';

/**
 * How a page shows uptime: `bars_and_percentage` (the bars and their figures), `bars_only` (the bars
 * without figures), `hidden` (no bars at all, whatever its items say).
 */
export const UPTIME_DISPLAYS = ['bars_and_percentage', 'bars_only', 'hidden'] as const;
export type UptimeDisplay = (typeof UPTIME_DISPLAYS)[number];

/** The image types a logo may be: raster formats only (an SVG can carry script). */
export const LOGO_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type LogoContentType = (typeof LOGO_CONTENT_TYPES)[number];

/** A page's logo as pages carry it: the SHA-256 (hex) of its bytes, which are stored apart. */
export interface PageLogo {
  sha256: string;
  contentType: LogoContentType;
}

/** What staff set to make a page look like theirs. Sub-pages and customer pages carry their parent's or set's. */
export interface PageBranding {
  /** An https or mailto URL, shown as a "Contact support" link; null for none. */
  supportUrl: string | null;
  logo: PageLogo | null;
  /** `#rrggbb`, lower-case; null for Beacon's own colours. */
  brandColor: string | null;
  uptimeDisplay: UptimeDisplay;
}

export const DEFAULT_BRANDING: PageBranding = Object.freeze({
  supportUrl: null,
  logo: null,
  brandColor: null,
  uptimeDisplay: 'bars_and_percentage',
});

export const SUPPORT_URL_MAX_LENGTH = 2000;
const LOCAL_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A support URL as stored (trimmed, as `URL` spells it), or a validation error naming `path`. Only
 * https and mailto (plain http for localhost, for development): never `javascript:`, `data:` or
 * credentials in the URL, which would make a link that is not what it reads as.
 *
 * @example checkSupportUrl('https://help.example.com', 'support_url') // 'https://help.example.com/'
 */
export function checkSupportUrl(text: string, path: string): string {
  const trimmed = text.trim();
  if (trimmed.length > SUPPORT_URL_MAX_LENGTH) throw invalid(path, `must be at most ${SUPPORT_URL_MAX_LENGTH} characters`);
  if (/[\s\u0000-\u001f\u007f]/.test(trimmed)) throw invalid(path, 'must not contain spaces or control characters');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw invalid(path, 'must be a full URL, e.g. https://help.example.com or mailto:support@example.com');
  }
  if (url.protocol === 'mailto:') {
    if (!/^[^@,;]+@[^@,;]+$/.test(url.pathname)) throw invalid(path, 'a mailto: link needs one address');
    return url.href;
  }
  const isLocal = url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !isLocal) throw invalid(path, 'must start with https:// or mailto:');
  if (url.username || url.password) throw invalid(path, 'must not carry a user name or password');
  return url.href;
}

/**
 * A brand colour as stored (`#rrggbb`, lower-case), or a validation error naming `path`.
 *
 * @example checkBrandColor('#1A2B3C', 'brand_color') // '#1a2b3c'
 */
export function checkBrandColor(text: string, path: string): string {
  const trimmed = text.trim();
  if (!/^#[0-9a-fA-F]{6}$/.test(trimmed)) throw invalid(path, 'must be a colour written #rrggbb, e.g. #1d4ed8');
  return trimmed.toLowerCase();
}

export function checkUptimeDisplay(text: string, path: string): UptimeDisplay {
  const found = UPTIME_DISPLAYS.find((known) => known === text);
  if (!found) throw invalid(path, `must be one of ${UPTIME_DISPLAYS.join(', ')}`);
  return found;
}
