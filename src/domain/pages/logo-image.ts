import { invalid } from '../errors.js';
import type { LogoContentType } from './page-branding.js';

/** The largest logo accepted: a header logo needs far less, and every byte is stored in the database. */
export const LOGO_MAX_BYTES = 256 * 1024;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  bytes.length >= at + prefix.length && prefix.every((byte, index) => bytes[at + index] === byte);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const RIFF = [0x52, 0x49, 0x46, 0x46];
const WEBP = [0x57, 0x45, 0x42, 0x50];

/**
 * The image type the bytes are, told by their magic numbers alone (never a file name or a declared
 * type); null for anything else, SVG included.
 */
export function sniffLogoType(bytes: Uint8Array): LogoContentType | null {
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp';
  return null;
}

/**
 * The logo's type, or a validation error naming `path`: empty, too large, or not PNG, JPEG or WebP.
 *
 * @example checkLogoImage(bytes, 'logo') // 'image/png'
 */
export function checkLogoImage(bytes: Uint8Array, path: string): LogoContentType {
  if (bytes.length === 0) throw invalid(path, 'choose an image file');
  if (bytes.length > LOGO_MAX_BYTES) throw invalid(path, `must be at most ${LOGO_MAX_BYTES / 1024} KiB`);
  const type = sniffLogoType(bytes);
  if (type === null) throw invalid(path, 'must be a PNG, JPEG or WebP image');
  return type;
}
