import { expect, it } from 'vitest';
import { contrastRatio } from '../../../domain/pages/contrast.js';
import { BRAND_BACKGROUNDS, brandCss, brandShades } from './brand.js';
import { TOKENS_CSS } from './tokens.js';

it('names the backgrounds tokens.ts sets, in each scheme', () => {
  const [light = '', dark = ''] = TOKENS_CSS.split('@media (prefers-color-scheme: dark)');
  const valuesOf = (css: string) => new Set([...css.matchAll(/--(?:bg|surface|surface-2|tint-[a-z]+): (#[0-9a-f]{6})/g)].map((m) => m[1]));
  expect([...BRAND_BACKGROUNDS.light.links].sort()).toEqual([...valuesOf(light)].sort());
  expect([...BRAND_BACKGROUNDS.dark.links].sort()).toEqual([...valuesOf(dark)].sort());
});

it.each(['#ffcc00', '#000000', '#ffffff', '#1d4ed8', '#7aa7ff', '#ff0000'])(
  'gives %s links at 4.5:1 and a bar at 3:1 in both schemes',
  (hex) => {
    const shades = brandShades(hex);
    for (const scheme of ['light', 'dark'] as const) {
      for (const background of BRAND_BACKGROUNDS[scheme].links)
        expect(contrastRatio(shades[scheme].link, background)).toBeGreaterThanOrEqual(4.5);
      for (const background of BRAND_BACKGROUNDS[scheme].page)
        expect(contrastRatio(shades[scheme].bar, background)).toBeGreaterThanOrEqual(3);
    }
    expect(brandCss(hex)).toBe(brandCss(hex));
  },
);
