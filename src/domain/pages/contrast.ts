/**
 * WCAG 2 contrast between `#rrggbb` colours, and the nearest shade of a colour that reaches a ratio.
 * Pure arithmetic: which colours count as backgrounds is the caller's business.
 */

type Rgb = readonly [number, number, number];

const parseHex = (hex: string): Rgb => [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16)) as unknown as Rgb;
const toHex = (rgb: Rgb): string => `#${rgb.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;

const linear = (channel: number): number => {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** WCAG relative luminance, 0 (black) to 1 (white). */
function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map(linear) as unknown as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * `hex` itself when it reaches `minRatio` against every one of `backgrounds`, else the first shade of
 * it, mixed toward black (`toward: 'black'`) or white in steps of 1/64, that does: the hue stays, the
 * lightness moves only as far as it must. Black or white, at worst.
 *
 * @example readableShade('#7aa7ff', ['#ffffff'], 4.5, 'black') // a darker blue
 */
export function readableShade(hex: string, backgrounds: readonly string[], minRatio: number, toward: 'black' | 'white'): string {
  const base = parseHex(hex);
  const end = toward === 'black' ? 0 : 255;
  for (let step = 0; step <= 64; step++) {
    const mix = step / 64;
    const shade = toHex(base.map((channel) => channel + (end - channel) * mix) as unknown as Rgb);
    if (backgrounds.every((background) => contrastRatio(shade, background) >= minRatio)) return shade;
  }
  return toward === 'black' ? '#000000' : '#ffffff';
}
