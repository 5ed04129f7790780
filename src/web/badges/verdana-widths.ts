/**
 * Advance widths in pixels of Verdana at 11px, the font of shields.io's flat badges, for code points
 * 32–126 and 160–255 (from the MIT-licensed `anafanafo` tables shields.io uses). A badge's text is
 * laid out from these, so it fits whether or not the viewer has Verdana.
 */
const ASCII = [
  3.87, 4.33, 5.05, 9, 6.99, 11.84, 7.99, 2.95, 5, 5, 6.99, 9, 4, 5, 4, 5, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 5, 5,
  9, 9, 9, 6, 11, 7.52, 7.54, 7.68, 8.48, 6.96, 6.32, 8.53, 8.27, 4.63, 5, 7.62, 6.12, 9.27, 8.23, 8.66, 6.63, 8.66, 7.65, 7.52, 6.78, 8.05,
  7.52, 10.88, 7.54, 6.77, 7.54, 5, 5, 5, 9, 6.99, 6.99, 6.61, 6.85, 5.73, 6.85, 6.55, 3.87, 6.85, 6.96, 3.02, 3.79, 6.51, 3.02, 10.7, 6.96,
  6.68, 6.85, 6.85, 4.69, 5.73, 4.33, 6.96, 6.51, 9, 6.51, 6.51, 5.78, 6.98, 5, 6.98, 9,
];
const LATIN_1 = [
  3.87, 4.33, 6.99, 6.99, 6.99, 6.99, 5, 6.99, 6.99, 11, 6, 7.09, 9, 0, 11, 6.99, 5.96, 9, 5.96, 5.96, 6.99, 7.06, 6.99, 4, 6.99, 5.96, 6,
  7.09, 11, 11, 11, 6, 7.52, 7.52, 7.52, 7.52, 7.52, 7.52, 10.83, 7.68, 6.96, 6.96, 6.96, 6.96, 4.63, 4.63, 4.63, 4.63, 8.53, 8.23, 8.66,
  8.66, 8.66, 8.66, 8.66, 9, 8.66, 8.05, 8.05, 8.05, 8.05, 6.77, 6.66, 6.82, 6.61, 6.61, 6.61, 6.61, 6.61, 6.61, 10.51, 5.73, 6.55, 6.55,
  6.55, 6.55, 3.02, 3.02, 3.02, 3.02, 6.73, 6.96, 6.68, 6.68, 6.68, 6.68, 6.68, 9, 6.68, 6.96, 6.96, 6.96, 6.96, 6.51, 6.85, 6.51,
];
/** Any other character is taken to be as wide as "m", as shields.io guesses: too wide beats clipped. */
const GUESS = 10.7;

/** The width `text` takes in Verdana 11px, e.g. `textWidth('operational')` is 62. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    width += (code >= 32 && code <= 126 ? ASCII[code - 32] : code >= 160 && code <= 255 ? LATIN_1[code - 160] : undefined) ?? GUESS;
  }
  // To the table's precision: 62.00000000001 must not round up to a pixel more.
  return Math.round(width * 100) / 100;
}
