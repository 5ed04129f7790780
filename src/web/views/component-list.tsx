import { raw } from 'hono/html';
import type { ComponentRowView, StructureItemView } from '../../domain/page-view.js';
import { escapeHtml } from './format.js';
import { statusLabelHtml } from './status-label.js';
import { uptimeBarHtml } from './uptime-bar.js';

/*
 * The component list is most of a big page (100 rows, 9,000 days), so it is built as one string rather
 * than as JSX elements, which cost a few microseconds each to render. It prints exactly what the JSX of
 * `StatusLabel` and friends would.
 */

const description = (text: string | null): string => (text ? `<p class="desc">${escapeHtml(text)}</p>` : '');

function componentRowHtml(row: ComponentRowView): string {
  return (
    `<li class="row"><div class="row-head"><span class="name">${escapeHtml(row.name)}</span>${statusLabelHtml(row.status, row.statusLabel)}</div>` +
    `${description(row.description)}${row.history ? uptimeBarHtml(row.name, row.history) : ''}</li>`
  );
}

type GroupItem = Extract<StructureItemView, { kind: 'group' }>;

const CHEVRON = '<svg class="chev" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M6 3.5 10.5 8 6 12.5"></path></svg>';

/** A group folds away behind its worst status; it starts open when something in it is wrong. */
function groupRowHtml(group: GroupItem): string {
  const count = group.components.length;
  let html =
    `<li class="row group"><details${group.status !== 'operational' ? ' open=""' : ''}><summary><span class="row-head">` +
    `<span class="name">${CHEVRON}${escapeHtml(group.name)}<span class="count">${count} ${count === 1 ? 'component' : 'components'}</span></span>` +
    `<span class="group-meta">${group.uptimeText ? `<span class="pct">${escapeHtml(group.uptimeText)} uptime</span>` : ''}` +
    `${statusLabelHtml(group.status, group.statusLabel)}</span></span></summary>${description(group.description)}<ul class="rows members">`;
  for (const row of group.components) html += componentRowHtml(row);
  return `${html}</ul></details></li>`;
}

/** The page's structure: components and groups in page order. */
export function ComponentList({ items }: { items: StructureItemView[] }) {
  let html = '<ul class="card rows">';
  for (const item of items) html += item.kind === 'component' ? componentRowHtml(item.component) : groupRowHtml(item);
  return raw(`${html}</ul>`);
}
