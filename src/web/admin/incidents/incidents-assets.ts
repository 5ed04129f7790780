import { hashedAsset } from '../../hashed-assets.js';

/** The incident screens' styles (added to the dashboard's stylesheet in admin/assets.ts). */
export const INCIDENTS_CSS = `
.admin .live-part { display: grid; gap: 1.5rem; }
.admin .card-head { display: flex; justify-content: space-between; align-items: center; gap: 1rem; flex-wrap: wrap; }
.admin a.link-button { display: inline-block; border-radius: 8px; padding: 0.5rem 0.75rem; border: 1px solid var(--border-strong); text-decoration: none; color: var(--text); font-weight: 500; }
.admin a.link-button.primary { background: var(--link); border-color: var(--link); color: var(--surface); font-weight: 600; }
.admin a.link-button.danger { color: var(--t-fo); }
.admin a:focus-visible, .admin textarea:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.admin textarea {
  font: inherit; padding: 0.5rem 0.625rem; border: 1px solid var(--border-strong); border-radius: 8px;
  background: var(--surface); color: var(--text); width: 100%; box-sizing: border-box; resize: vertical;
}
.admin .field input[type="text"], .admin .field input[type="search"] { max-width: 40rem; }
.admin .actions { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; margin-top: 1.25rem; }
.admin .pager { display: flex; gap: 1rem; margin-top: 1rem; }
.admin .facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin-top: 0.75rem; }
.admin .facts dt { color: var(--text-3); }
.admin .timeline { list-style: none; padding: 0; margin-top: 0.75rem; display: grid; gap: 1rem; }
.admin .timeline li { border-left: 3px solid var(--border-strong); padding-left: 0.875rem; }
.admin .update-message { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.25rem 0; }
.admin .impact-grid { border: 1px solid var(--border); border-radius: 8px; padding: 0.75rem 1rem 1rem; margin-top: 1.25rem; }
.admin .impact-grid legend { font-weight: 600; padding: 0 0.25rem; }
.admin .grid-section h3 { font-size: 0.9375rem; margin-top: 1rem; color: var(--text-2); }
.admin .grid-row { display: flex; justify-content: space-between; align-items: center; gap: 1rem; padding: 0.375rem 0; border-bottom: 1px solid var(--border); }
.admin .grid-row[hidden], .admin .grid-section[hidden] { display: none; }
.admin .template-list { list-style: none; padding: 0; margin-top: 0.75rem; display: grid; gap: 0.5rem; }
@media (max-width: 640px) {
  .admin .grid-row { flex-direction: column; align-items: stretch; gap: 0.25rem; }
  .admin .facts { grid-template-columns: 1fr; }
}
`.trim();

/**
 * The incident screens' one script (progressive enhancement; everything works without it): the
 * grid's filter box, and on an incident's screen the live timeline, which listens to `/events` and
 * swaps in a fresh summary and timeline when the incident changes, saying so, without touching the
 * forms (what was typed stays).
 */
const INCIDENTS_JS = `(function () {
  'use strict';
  var filter = document.querySelector('[data-grid-filter]');
  if (filter) {
    filter.parentNode.hidden = false;
    filter.addEventListener('input', function () {
      var term = filter.value.trim().toLowerCase();
      document.querySelectorAll('[data-grid-section]').forEach(function (section) {
        var shown = 0;
        section.querySelectorAll('.grid-row').forEach(function (row) {
          var match = term === '' || row.getAttribute('data-name').indexOf(term) !== -1;
          row.hidden = !match;
          if (match) shown += 1;
        });
        section.hidden = shown === 0;
      });
    });
  }
  var live = document.querySelector('[data-live-incident]');
  if (!live || !window.EventSource || !window.fetch) return;
  var notice = document.getElementById('live-notice');
  var source = new EventSource(live.getAttribute('data-events'));
  var fetching = false;
  var again = false;
  function refresh() {
    if (fetching) { again = true; return; }
    fetching = true;
    fetch(live.getAttribute('data-timeline'), { credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null) live.innerHTML = html; }, function () {})
      .then(function () {
        notice.hidden = false;
        fetching = false;
        if (again) { again = false; refresh(); }
      });
  }
  source.addEventListener('incident', function (event) {
    var data = JSON.parse(event.data);
    if (data.deleted) {
      notice.textContent = 'This incident has been deleted by someone else.';
      notice.hidden = false;
      source.close();
      return;
    }
    refresh();
  });
  window.addEventListener('pagehide', function () { source.close(); });
})();
`;

export const INCIDENTS_SCRIPT = hashedAsset('admin-incidents', 'js', INCIDENTS_JS);
