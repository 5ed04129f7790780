// Here, the lowest layer that writes HTML (the sign-in mail), so that the mail and the web views share one escaper.
/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  // Most text needs no escape, and testing for one costs half what a replace that finds none does.
  return NEEDS_ESCAPE.test(text) ? text.replace(/[&<>"']/g, (char) => ESCAPES[char]!) : text;
}

const NEEDS_ESCAPE = /[&<>"']/;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
