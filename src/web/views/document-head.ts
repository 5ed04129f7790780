import { escapeHtml } from '../../services/escape-html.js';

/** One element of a document's head, in the order given. */
export type HeadElement =
  | { tag: 'meta' | 'link'; attributes: Readonly<Record<string, string>> }
  | { tag: 'title'; text: string }
  | { tag: 'script'; attributes: Readonly<Record<string, string | true>> };

/**
 * A document's `<head>` as HTML, written as hono/jsx writes these elements (`<meta …/>`,
 * `defer=""`). Built as a string because hono/jsx renders `<head>` and its metadata elements through
 * its render context, which runs in an AsyncLocalStorage and so turns Node's async hooks on for the
 * whole process (see render-sync.ts).
 *
 * @example headHtml([{ tag: 'meta', attributes: { charset: 'utf-8' } }, { tag: 'title', text: 'Acme status' }])
 */
export function headHtml(elements: readonly HeadElement[]): string {
  let html = '<head>';
  for (const element of elements) {
    if (element.tag === 'title') html += `<title>${escapeHtml(element.text)}</title>`;
    else if (element.tag === 'script') html += `<script${attributesHtml(element.attributes)}></script>`;
    else html += `<${element.tag}${attributesHtml(element.attributes)}/>`;
  }
  return `${html}</head>`;
}

function attributesHtml(attributes: Readonly<Record<string, string | true>>): string {
  let html = '';
  for (const name in attributes) {
    const value = attributes[name]!;
    html += ` ${name}="${value === true ? '' : escapeHtml(value)}"`;
  }
  return html;
}
