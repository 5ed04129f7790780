import { hashedAsset } from '../../hashed-assets.js';

/** The customer page screens' styles, added to the dashboard's stylesheet (web/admin/assets.ts). */
export const CUSTOMER_PAGES_CSS = `
.admin .url { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
.admin .url input { font: inherit; font-family: var(--mono, ui-monospace, monospace); font-size: 0.8125rem; min-width: 0; width: 100%; flex: 1 1 8rem;
  padding: 0.375rem 0.5rem; border: 1px solid var(--border); border-radius: 6px; background: var(--surface-2); color: var(--text); }
.admin .url button[hidden], .admin .copied:empty { display: none; }
.admin .copied { color: var(--t-ok); font-weight: 600; font-size: 0.875rem; }
.admin .warning { display: block; margin-top: 0.25rem; color: var(--t-fo); font-weight: 600; font-size: 0.875rem; }
.admin .pager { display: flex; gap: 1rem; align-items: center; margin-top: 1rem; flex-wrap: wrap; }
.admin .filters { display: flex; gap: 0.75rem; align-items: flex-end; flex-wrap: wrap; margin-top: 0.75rem; }
.admin .filters .field { margin-top: 0; }
.admin .filters select { font: inherit; }
.admin .actions { display: flex; gap: 0.75rem; flex-wrap: wrap; margin-top: 0.75rem; }
.admin .details { font-family: var(--mono, ui-monospace, monospace); font-size: 0.8125rem; overflow-wrap: anywhere; }
.admin dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.375rem 1rem; margin-top: 0.75rem; }
.admin dl.facts dt { color: var(--text-3); }
@media (max-width: 640px) {
  .admin dl.facts { grid-template-columns: 1fr; }
  .admin .url input { flex-basis: 100%; }
  .admin table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .admin table.stack tr { display: block; padding: 0.5rem 0; border-bottom: 1px solid var(--border); }
  .admin table.stack td, .admin table.stack td:nth-child(3) { display: block; border: 0; padding: 0.125rem 0; }
  .admin table.stack td[data-label]::before { content: attr(data-label) ": "; color: var(--text-3); }
}
`.trim();

/**
 * The copy buttons (progressive enhancement): shown only where the Clipboard API exists; each copies
 * the value of the field its `data-copy` names and says so beside it. Without it the URL is a
 * read-only field whose text is there to select. Plain ES5, shipped as written.
 */
const COPY_URL_JS = `(function () {
  'use strict';
  if (!navigator.clipboard || !navigator.clipboard.writeText) return;
  var buttons = document.querySelectorAll('button[data-copy]');
  Array.prototype.forEach.call(buttons, function (button) {
    var field = document.getElementById(button.getAttribute('data-copy'));
    var status = document.getElementById(button.getAttribute('data-copy') + '-copied');
    if (!field) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) status.textContent = 'Copied';
      }, function () {
        field.select();
        if (status) status.textContent = 'Press Ctrl+C to copy';
      });
    });
  });
})();
`;

export const COPY_URL_SCRIPT = hashedAsset('admin-copy-url', 'js', COPY_URL_JS);
