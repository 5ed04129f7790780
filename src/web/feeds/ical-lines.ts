/** Writing iCalendar content lines (RFC 5545 §3.1, §3.3.11). */

/** A TEXT value: `\`, `;` and `,` escaped, line breaks as `\n`, other control characters (forbidden in TEXT) dropped. */
export function icalText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

/** `2026-12-07T22:49:06.123Z` → `20261207T224906Z` (a UTC DATE-TIME). */
export const icalTime = (at: Date): string =>
  at
    .toISOString()
    .replace(/\.\d{3}/, '')
    .replace(/[-:]/g, '');

const encoder = new TextEncoder();

/**
 * `lines` joined with CRLF, each folded to at most 75 octets (continuations start with a space) and
 * never inside a UTF-8 sequence, as §3.1 asks.
 */
export function icalDocument(lines: readonly string[]): string {
  let out = '';
  for (const line of lines) {
    let octets = 0;
    let limit = 75;
    for (const char of line) {
      const size = encoder.encode(char).length;
      if (octets + size > limit) {
        out += '\r\n ';
        octets = 0;
        limit = 74; // the leading space is one of the 75
      }
      out += char;
      octets += size;
    }
    out += '\r\n';
  }
  return out;
}
