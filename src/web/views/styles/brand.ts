import { readableShade } from '../../../domain/pages/contrast.js';

/**
 * The backgrounds a page's links and header bar sit on, per scheme, as tokens.ts sets them (its test
 * keeps the two in step): the page, cards, raised rows and the status tints.
 */
export const BRAND_BACKGROUNDS = {
  light: { page: ['#f5f6f8', '#ffffff'], links: ['#f5f6f8', '#ffffff', '#f2f4f7', '#ecfdf3', '#eff4ff', '#fef7e0', '#fff3ea', '#fef1f1'] },
  dark: { page: ['#0b0f14', '#131a22'], links: ['#0b0f14', '#131a22', '#1a222c', '#0f2a1b', '#13233d', '#2c2408', '#2f1b0c', '#321315'] },
} as const;

/** WCAG 2 AA: text (links) 4.5:1; a graphical object (the header bar) 3:1. */
const TEXT_RATIO = 4.5;
const GRAPHIC_RATIO = 3;

/** What a brand colour becomes in each scheme: the colour itself where it reads, else the nearest shade that does. */
export interface BrandShades {
  light: { link: string; bar: string };
  dark: { link: string; bar: string };
}

/**
 * A brand colour's shades: in light mode darkened, in dark mode lightened, each only as far as it
 * must to reach 4.5:1 (links) or 3:1 (the bar) against every background it sits on. Staff may pick
 * any colour; no viewer gets a link they cannot read.
 *
 * @example brandShades('#ffcc00').light.link // a dark amber
 */
export function brandShades(hex: string): BrandShades {
  return {
    light: {
      link: readableShade(hex, BRAND_BACKGROUNDS.light.links, TEXT_RATIO, 'black'),
      bar: readableShade(hex, BRAND_BACKGROUNDS.light.page, GRAPHIC_RATIO, 'black'),
    },
    dark: {
      link: readableShade(hex, BRAND_BACKGROUNDS.dark.links, TEXT_RATIO, 'white'),
      bar: readableShade(hex, BRAND_BACKGROUNDS.dark.page, GRAPHIC_RATIO, 'white'),
    },
  };
}

/**
 * A page's brand stylesheet: its links and a bar above its header in the brand's shades. Served
 * from our origin as a stylesheet of its own (`style-src 'self'`: no inline styles), the same bytes
 * for the same colour.
 */
export function brandCss(hex: string): string {
  const { light, dark } = brandShades(hex);
  return [
    `:root { --link: ${light.link}; --focus: ${light.link}; --brand: ${light.bar}; }`,
    `@media (prefers-color-scheme: dark) { :root { --link: ${dark.link}; --focus: ${dark.link}; --brand: ${dark.bar}; } }`,
    '.site { border-top: 4px solid var(--brand); }',
  ].join('\n');
}
