import { textWidth } from './verdana-widths.js';

export interface BadgeText {
  /** The left, grey half, e.g. the page's name. */
  label: string;
  /** The right, coloured half, e.g. "operational". */
  message: string;
  /** A CSS colour for the message's half, e.g. `#4c1`. */
  color: string;
}

const HEIGHT = 20;
const PADDING = 5;

/**
 * A badge in shields.io's "flat" style as an SVG document. Text is laid out from Verdana 11px's widths
 * (`textWidth`) and pinned with `textLength`, so the badge looks right before, or without, any font.
 * Everything is an attribute (no `<style>`), so the SVG needs no CSP allowance. Drawn at 10× and scaled
 * down, as shields.io does, for sub-pixel text positions.
 *
 * @example badgeSvg({ label: 'Acme', message: 'operational', color: '#4c1' })
 */
export function badgeSvg({ label, message, color }: BadgeText): string {
  const labelText = Math.ceil(textWidth(label));
  const messageText = Math.ceil(textWidth(message));
  const labelWidth = labelText + 2 * PADDING;
  const messageWidth = messageText + 2 * PADDING;
  const width = labelWidth + messageWidth;
  const title = escapeXml(`${label}: ${message}`);
  const text = (value: string, centre: number, length: number): string => {
    const escaped = escapeXml(value);
    // A darker copy one pixel down is the shadow; hidden from assistive technology, which reads the title.
    return (
      `<text aria-hidden="true" x="${centre * 10}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="${length * 10}">${escaped}</text>` +
      `<text x="${centre * 10}" y="140" transform="scale(.1)" fill="#fff" textLength="${length * 10}">${escaped}</text>`
    );
  };
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" role="img" aria-label="${title}">` +
    `<title>${title}</title>` +
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>` +
    `<clipPath id="r"><rect width="${width}" height="${HEIGHT}" rx="3" fill="#fff"/></clipPath>` +
    `<g clip-path="url(#r)"><rect width="${labelWidth}" height="${HEIGHT}" fill="#555"/>` +
    `<rect x="${labelWidth}" width="${messageWidth}" height="${HEIGHT}" fill="${escapeXml(color)}"/>` +
    `<rect width="${width}" height="${HEIGHT}" fill="url(#s)"/></g>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110">` +
    text(label, labelWidth / 2, labelText) +
    text(message, labelWidth + messageWidth / 2, messageText) +
    `</g></svg>`
  );
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for XML content and attribute values; control characters XML 1.0 forbids are dropped. */
function escapeXml(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}
