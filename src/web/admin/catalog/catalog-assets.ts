import { hashedAsset } from '../../hashed-assets.js';

/** The Catalog screens' styles, added to the dashboard's stylesheet (assets.ts). */
export const CATALOG_CSS = `
.admin .catalog-search { display: flex; gap: 0.5rem; align-items: flex-end; flex-wrap: wrap; margin-top: 0.75rem; }
.admin .catalog-search .field { margin-top: 0; flex: 1 1 16rem; }
.admin .pager { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; margin-top: 1rem; }
.admin .badge { display: inline-block; padding: 0.0625rem 0.5rem; border-radius: 999px; background: var(--surface-2); color: var(--text-2); font-size: 0.8125rem; font-weight: 600; }
.admin .entry-form textarea, .admin .schema-form textarea, .admin .entry-form .field input, .admin .schema-form .field input {
  font: inherit; padding: 0.5rem 0.625rem; border: 1px solid var(--border-strong); border-radius: 8px; background: var(--surface); color: var(--text); width: 100%; box-sizing: border-box;
}
.admin .entry-form textarea:focus-visible, .admin .schema-form textarea:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.admin .entry-form .field { max-width: 40rem; }
.admin .verdicts { list-style: none; padding: 0; margin: 0.25rem 0 0; display: grid; gap: 0.375rem; max-width: 40rem; }
.admin .verdict { padding: 0.375rem 0.625rem; border-radius: 8px; background: var(--surface-2); overflow-wrap: anywhere; }
.admin .verdict.ok { color: var(--t-ok); }
.admin .verdict.refused { color: var(--t-fo); }
.admin .verdict .forms { color: var(--text-2); }
.admin .verdict .said { display: block; color: var(--text); }
.admin .verdict label.check { display: inline-flex; gap: 0.375rem; align-items: center; color: var(--text); font-weight: 600; margin-top: 0.25rem; }
.admin .schema-rows { display: grid; gap: 0.75rem; margin-top: 0.75rem; }
.admin .schema-row { display: flex; gap: 0.75rem; flex-wrap: wrap; align-items: flex-end; padding: 0.75rem; border: 1px solid var(--border); border-radius: 8px; }
.admin .schema-row .field { margin-top: 0; }
.admin dl.values { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.5rem 1rem; margin-top: 0.75rem; }
.admin dl.values dt { font-weight: 600; }
.admin dl.values dd { margin: 0; overflow-wrap: anywhere; white-space: pre-line; }
@media (max-width: 640px) {
  .admin dl.values { grid-template-columns: 1fr; }
  .admin .schema-row { flex-direction: column; align-items: stretch; }
}
`.trim();

/**
 * As-you-type vetting of allowlist domains (DOM-8, DOM-10), progressive enhancement only: the form
 * post is vetted on the server whatever this does. For each field marked \`data-domains\`, asks the
 * dashboard's JSON check (GET, no side effect) about each line typed and shows its verdict the way
 * the server renders it, keeping the "Allow anyway" ticks already made. Text goes in with
 * textContent, never as markup. Plain ES5, shipped as written, run under the page's nonce.
 */
const DOMAIN_CHECK_JS = `(function () {
  'use strict';
  var fields = document.querySelectorAll('[data-domains]');
  var cache = {};
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function verdictItem(v, ticked, held) {
    var kept = !v.ok && v.ascii && held[v.ascii];
    var li = el('li', 'verdict ' + (v.ok || kept ? 'ok' : 'refused'));
    li.appendChild(el('strong', 'domain', v.unicode || v.written));
    if (v.ascii && v.ascii !== v.unicode) li.appendChild(el('span', 'forms', ' (' + v.ascii + ')'));
    var said = v.ok ? 'Accepted.' : kept ? 'Kept: already on this entry (' + v.message + ')' : 'Refused: ' + v.message;
    li.appendChild(el('span', 'said', said));
    if (!v.ok && !kept && v.overridable && v.ascii) {
      var label = el('label', 'check');
      var box = document.createElement('input');
      box.type = 'checkbox'; box.name = 'allow'; box.value = v.ascii; box.checked = !!ticked[v.ascii];
      label.appendChild(box);
      label.appendChild(document.createTextNode(' Allow ' + v.ascii + ' anyway'));
      li.appendChild(label);
    }
    return li;
  }
  function check(domain) {
    if (cache[domain]) return cache[domain];
    cache[domain] = fetch('/admin/catalog/domain-check?domain=' + encodeURIComponent(domain), {
      credentials: 'same-origin', headers: { accept: 'application/json' }
    }).then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); });
    cache[domain].catch(function () { delete cache[domain]; });
    return cache[domain];
  }
  Array.prototype.forEach.call(fields, function (field) {
    var list = document.getElementById(field.getAttribute('data-domains'));
    if (!list) return;
    var timer = null;
    var turn = 0;
    var held = {};
    (field.getAttribute('data-held') || '').split(' ').forEach(function (d) { if (d) held[d] = true; });
    function update() {
      var mine = ++turn;
      var seen = {};
      var domains = field.value.split(/\\r?\\n/).map(function (d) { return d.trim(); }).filter(function (d) {
        if (d === '' || seen[d]) return false; seen[d] = true; return true;
      }).slice(0, 100);
      Promise.all(domains.map(check)).then(function (verdicts) {
        if (mine !== turn) return;
        var ticked = {};
        Array.prototype.forEach.call(list.querySelectorAll('input[name="allow"]'), function (box) { if (box.checked) ticked[box.value] = true; });
        while (list.firstChild) list.removeChild(list.firstChild);
        verdicts.forEach(function (v) { list.appendChild(verdictItem(v, ticked, held)); });
      }, function () { /* the server vets the post anyway */ });
    }
    field.addEventListener('input', function () {
      if (timer) clearTimeout(timer);
      timer = setTimeout(update, 200);
    });
  });
})();
`;

export const DOMAIN_CHECK_SCRIPT = hashedAsset('catalog-domains', 'js', DOMAIN_CHECK_JS);
