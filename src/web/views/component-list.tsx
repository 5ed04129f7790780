import { raw } from 'hono/html';
import type { UptimeDisplay } from '../../domain/pages/page-branding.js';
import type { ComponentRowView, StructureItemFigures, StructureItemView } from './models/page-view.js';
import { escapeHtml } from '../../services/escape-html.js';
import { statusLabelHtml } from './status-label.js';
import { uptimeBarHtml } from './uptime-bar.js';

/*
 * The component list is most of a big page (100 rows, 9,000 days), so it is built as one string rather
 * than as JSX elements, which cost a few microseconds each to render. It prints exactly what the JSX of
 * `StatusLabel` and friends would. The status page renderer (public/status-page-renderer.ts) keeps
 * each row's markup and writes the list from the same pieces: a group's head, its rows, its end.
 */

const description = (text: string | null): string => (text ? `<p class="desc">${escapeHtml(text)}</p>` : '');

/** One component: name, status and, when shown, its 90-day bar. */
export function componentRowHtml(row: ComponentRowView): string {
  return (
    `<li class="row"><div class="row-head"><span class="name">${escapeHtml(row.name)}</span>${statusLabelHtml(row.status, row.statusLabel)}</div>` +
    `${description(row.description)}${row.history ? uptimeBarHtml(row.name, row.history) : ''}</li>`
  );
}

/** What a group's head shows (a group item, of views or of figures). */
export type GroupHead = Omit<Extract<StructureItemView | StructureItemFigures, { kind: 'group' }>, 'components'> & {
  components: readonly unknown[];
};

const CHEVRON = '<svg class="chev" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M6 3.5 10.5 8 6 12.5"></path></svg>';

/** A group folds away behind its worst status; it starts open when something in it is wrong. Its rows follow. */
export function groupHeadHtml(group: GroupHead): string {
  const count = group.components.length;
  return (
    `<li class="row group"><details${group.status !== 'operational' ? ' open=""' : ''}><summary><span class="row-head">` +
    `<span class="name">${CHEVRON}${escapeHtml(group.name)}<span class="count">${count} ${count === 1 ? 'component' : 'components'}</span></span>` +
    `<span class="group-meta">${group.uptimeText ? `<span class="pct">${escapeHtml(group.uptimeText)} uptime</span>` : ''}` +
    `${statusLabelHtml(group.status, group.statusLabel)}</span></span></summary>${description(group.description)}<ul class="rows members">`
  );
}

export const GROUP_END_HTML = '</ul></details></li>';
/** The list's start: with `bars_only` its class hides the rows' uptime figures (the stylesheet), keeping each row's markup as it is. */
export const listStartHtml = (display: UptimeDisplay): string =>
  display === 'bars_only' ? '<ul class="card rows bars-only">' : '<ul class="card rows">';
export const LIST_END_HTML = '</ul>';

/** The page's structure: components and groups in page order. */
export function ComponentList({ items, uptimeDisplay }: { items: StructureItemView[]; uptimeDisplay: UptimeDisplay }) {
  let html = listStartHtml(uptimeDisplay);
  for (const item of items) {
    if (item.kind === 'component') {
      html += componentRowHtml(item.component);
      continue;
    }
    html += groupHeadHtml(item);
    for (const row of item.components) html += componentRowHtml(row);
    html += GROUP_END_HTML;
  }
  return raw(`${html}${LIST_END_HTML}`);
}
