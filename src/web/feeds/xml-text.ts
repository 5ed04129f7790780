/**
 * Characters XML 1.0 forbids anywhere (C0 controls but tab, LF and CR; lone surrogates; U+FFFE/FFFF):
 * an entity cannot carry them either, so they are dropped. The `u` flag makes a lone surrogate one match.
 */
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** `text` as XML character data or an attribute value: escaped, and without the characters XML cannot hold. */
export function xmlText(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}
