import { hashedAsset } from '../../hashed-assets.js';

/** The maintenance screens' styles (added to the dashboard stylesheet in admin/assets.ts). */
export const MAINTENANCE_CSS = `
.admin .subnav { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: center; margin-top: 0.75rem; }
.admin .subnav a { padding: 0.375rem 0.75rem; border-radius: 8px; border: 1px solid var(--border); text-decoration: none; font-weight: 500; }
.admin .subnav a[aria-current="page"] { background: var(--surface-2); color: var(--text); }
.admin .subnav .spacer { margin-left: auto; }
.admin .zone-form { display: flex; gap: 0.5rem; align-items: flex-end; flex-wrap: wrap; margin-top: 0.75rem; }
.admin .zone-form .field { margin-top: 0; }
.admin .zone-form select { max-width: 16rem; }
.admin .pager { margin-top: 0.75rem; }
.admin .maint-form .field textarea {
  font: inherit; padding: 0.5rem 0.625rem; border: 1px solid var(--border-strong); border-radius: 8px;
  background: var(--surface); color: var(--text); min-height: 6rem; resize: vertical;
}
.admin .maint-form .times { display: flex; gap: 1rem; flex-wrap: wrap; }
.admin .maint-form .times .field { flex: 1 1 14rem; }
.admin .maint-form .zone-note { margin-top: 0.5rem; color: var(--text-2); }
.admin .maint-form .actions { display: flex; gap: 0.75rem; align-items: center; margin-top: 1.25rem; flex-wrap: wrap; }
.admin fieldset.picker { border: 1px solid var(--border); border-radius: 8px; padding: 0.75rem 1rem; margin-top: 1rem; min-width: 0; }
.admin fieldset.picker[aria-invalid="true"] { border-color: var(--t-fo); }
.admin fieldset.picker legend { font-weight: 600; padding: 0 0.25rem; }
.admin .picker-section h3 { font-size: 0.9375rem; margin-top: 0.75rem; }
.admin .picker-section h3 .muted { font-weight: 400; font-size: 0.8125rem; }
.admin .picker-section ul { list-style: none; padding: 0; margin: 0.25rem 0 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.125rem 1rem; }
.admin .picker-section li label { display: flex; gap: 0.5rem; align-items: center; padding: 0.25rem 0; cursor: pointer; }
.admin .picker-section input[type="checkbox"] { width: 1.125rem; height: 1.125rem; flex: none; }
.admin .picker-section[hidden], .admin .picker-section li[hidden] { display: none; }
.admin .picker .field { margin-top: 0.25rem; }
.admin .details { display: grid; grid-template-columns: max-content 1fr; gap: 0.375rem 1rem; margin-top: 0.75rem; }
.admin .details dt { color: var(--text-3); font-weight: 600; }
.admin .details dd { margin: 0; }
.admin .msg { white-space: pre-line; }
.admin .cal { table-layout: fixed; }
.admin .cal th, .admin .cal td { border: 1px solid var(--border); padding: 0.25rem; vertical-align: top; }
.admin .cal th { text-align: center; }
.admin .cal td { height: 5.5rem; }
.admin .cal td.out { background: var(--surface-2); color: var(--text-3); }
.admin .cal .day-number { font-weight: 600; font-size: 0.875rem; }
.admin .cal ul { list-style: none; padding: 0; margin: 0.25rem 0 0; display: grid; gap: 0.125rem; }
.admin .cal li a { display: block; padding: 0.125rem 0.25rem; border-radius: 4px; background: var(--tint-mt); color: var(--t-mt); font-size: 0.75rem; font-weight: 600; overflow-wrap: anywhere; text-decoration: none; }
.admin .cal li a:hover { text-decoration: underline; }
.admin .cal .day-label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.admin .cal-nav { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; margin-top: 0.75rem; flex-wrap: wrap; }
@media (max-width: 640px) {
  .admin .cal, .admin .cal tbody, .admin .cal tr, .admin .cal td { display: block; width: 100%; }
  .admin .cal thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .admin .cal td { height: auto; border-width: 0 0 1px; padding: 0.5rem 0; }
  .admin .cal td.out, .admin .cal td.free { display: none; }
  .admin .cal th:nth-child(3), .admin .cal td:nth-child(3) { display: block; }
  .admin .cal td.out:nth-child(3), .admin .cal td.free:nth-child(3) { display: none; }
  .admin .cal .day-label { position: static; width: auto; height: auto; clip-path: none; font-weight: 600; }
  .admin .cal .day-number { display: none; }
  .admin .details { grid-template-columns: 1fr; }
}
`.trim();

/**
 * The component picker's filter box (progressive enhancement: without the script the box stays
 * hidden and every checkbox is there). Typing hides the components whose name, and whose heading,
 * do not match; ticked ones stay in sight. Plain ES5, shipped as written, run under the page's nonce.
 */
const FILTER_JS = `(function () {
  'use strict';
  var box = document.getElementById('component-filter');
  var wrap = document.getElementById('component-filter-field');
  var count = document.getElementById('component-filter-count');
  if (!box || !wrap) return;
  wrap.hidden = false;
  var sections = document.querySelectorAll('.picker-section');
  function apply() {
    var query = box.value.trim().toLowerCase();
    var shown = 0;
    for (var s = 0; s < sections.length; s++) {
      var section = sections[s];
      var heading = section.querySelector('h3');
      var headingMatches = !query || (heading && heading.textContent.toLowerCase().indexOf(query) !== -1);
      var items = section.querySelectorAll('li');
      var visible = 0;
      for (var i = 0; i < items.length; i++) {
        var item = items[i];
        var ticked = item.querySelector('input:checked') !== null;
        var match = headingMatches || ticked || item.textContent.toLowerCase().indexOf(query) !== -1;
        item.hidden = !match;
        if (match) visible++;
      }
      section.hidden = visible === 0;
      shown += visible;
    }
    if (count) count.textContent = query ? shown + (shown === 1 ? ' component shown' : ' components shown') : '';
  }
  box.addEventListener('input', apply);
})();
`;

export const MAINTENANCE_FILTER_SCRIPT = hashedAsset('maintenance-filter', 'js', FILTER_JS);
