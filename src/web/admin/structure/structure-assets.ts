import { hashedAsset } from '../../hashed-assets.js';

/** The Components and Pages screens' styles (added to the dashboard's stylesheet in ../assets.ts). */
export const STRUCTURE_CSS = `
.admin .tabs { display: flex; gap: 0.25rem; flex-wrap: wrap; margin-top: 0.5rem; }
.admin .tabs a { padding: 0.375rem 0.75rem; border-radius: 8px; color: var(--text-2); font-weight: 500; }
.admin .tabs a[aria-current="page"] { background: var(--surface-2); color: var(--text); }
.admin textarea, .admin .field select {
  font: inherit; padding: 0.5rem 0.625rem; border: 1px solid var(--border-strong); border-radius: 8px;
  background: var(--surface); color: var(--text); max-width: 100%;
}
.admin textarea:focus-visible, .admin a:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.admin .field input[type="text"], .admin .field input[type="search"], .admin textarea { width: 100%; max-width: 36rem; }
.admin .spaced { margin-top: 1rem; }
.admin ol.ordered { list-style: none; padding: 0; margin-top: 0.75rem; display: grid; gap: 0.5rem; }
.admin ol.ordered li {
  display: flex; justify-content: space-between; align-items: center; gap: 0.75rem; flex-wrap: wrap;
  padding: 0.5rem 0.75rem; border: 1px solid var(--border); border-radius: 8px; background: var(--surface);
}
.admin ol.ordered li[draggable="true"] { cursor: grab; }
.admin ol.ordered li.dragging { opacity: 0.5; }
.admin ol.ordered li.drop-target { border-color: var(--focus); }
.admin .ordered-label { display: inline-flex; align-items: center; gap: 0.5rem; overflow-wrap: anywhere; }
.admin .ordered-actions { display: inline-flex; gap: 0.375rem; flex-wrap: wrap; }
.admin .grip { width: 0.75rem; height: 1rem; border-left: 3px dotted var(--text-3); border-right: 3px dotted var(--text-3); }
.admin ul.picks { list-style: none; padding: 0; margin-top: 0.75rem; display: grid; gap: 0.375rem; }
.admin dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin-top: 0.75rem; }
.admin dl.facts dt { color: var(--text-3); }
.admin img.page-logo { display: block; max-height: 4rem; max-width: 16rem; width: auto; margin-block: 0.75rem; }
`.trim();

/**
 * Dragging rows of an ordered list (progressive enhancement: every move is also a button and a
 * POST). A drop fills the list's hidden move form with the item and its new position and submits
 * it, so the server does the move exactly as for the buttons. Plain ES5, shipped as written.
 */
const REORDER_JS = `(function () {
  'use strict';
  var lists = document.querySelectorAll('ol[data-reorder]');
  Array.prototype.forEach.call(lists, function (list) {
    var form = list.nextElementSibling;
    if (!form || !form.hasAttribute('data-move')) return;
    var dragged = null;
    var rows = function () { return Array.prototype.slice.call(list.children); };
    list.addEventListener('dragstart', function (event) {
      var row = event.target.closest ? event.target.closest('li') : null;
      if (!row) return;
      dragged = row;
      row.classList.add('dragging');
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', row.getAttribute('data-key'));
    });
    list.addEventListener('dragend', function () {
      if (dragged) dragged.classList.remove('dragging');
      rows().forEach(function (row) { row.classList.remove('drop-target'); });
      dragged = null;
    });
    list.addEventListener('dragover', function (event) {
      var row = event.target.closest ? event.target.closest('li') : null;
      if (!dragged || !row) return;
      event.preventDefault();
      rows().forEach(function (other) { other.classList.toggle('drop-target', other === row); });
    });
    list.addEventListener('drop', function (event) {
      var row = event.target.closest ? event.target.closest('li') : null;
      if (!dragged || !row) return;
      event.preventDefault();
      var to = rows().indexOf(row);
      if (to < 0 || row === dragged) return;
      // By selector: \`form.elements.item\` is the collection's item() method, not the field.
      form.querySelector('input[name="item"]').value = dragged.getAttribute('data-key');
      form.querySelector('input[name="to"]').value = String(to);
      form.submit();
    });
  });
})();
`;

export const REORDER_SCRIPT = hashedAsset('admin-reorder', 'js', REORDER_JS);
