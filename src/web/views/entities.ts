import { raw } from 'hono/html';
import { escapeHtml } from '../../services/escape-html.js';

/*
 * While every character of a page is Latin-1 and every piece it is built from is a one-byte string,
 * V8 keeps the page's HTML one-byte and turns it into bytes several times faster than a two-byte one
 * (a measurable part of a big page's re-render). A single two-byte piece, even a slice of a string that
 * once held an em dash, makes the whole page two-byte. So the templates write the few characters
 * beyond Latin-1 they print as character references; browsers read the same characters.
 */
export const LEFT_ARROW = raw('&#8592;');
export const RIGHT_ARROW = raw('&#8594;');
/** With its spaces, as between the two ends of a time range. */
export const EN_DASH_SPACED = raw(' &#8211; ');

/** `text` escaped as HTML, with characters beyond Latin-1 as references, as a one-byte string: "We’re" → "We&#8217;re". */
export function latin1Html(text: string) {
  let html = '';
  // One character at a time: V8 hands out Latin-1 characters as one-byte strings.
  for (const char of escapeHtml(text)) {
    const code = char.codePointAt(0)!;
    html += code > 0xff ? `&#${code};` : char;
  }
  return raw(html);
}
