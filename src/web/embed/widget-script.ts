/**
 * The status widget other sites embed (README, "Badges and embeds"):
 * `<script src="https://status.example.com/embed/status.js" data-page="acme" async></script>`.
 * It puts a pill ("All Systems Operational", a coloured dot, a link to the page) in a shadow root just
 * after its own script tag, read from the page's `/api/v2/status.json` (CORS `*`), and reads it again
 * every minute while the tab is visible and whenever the tab comes back. `data-url` names the page by
 * its address instead (`data-url="https://status.example.com/acme"`), and `data-page="regions/eu"` names a
 * sub-page; with neither, the default page.
 *
 * It must never break its host: everything runs inside try/catch, a failed read shows "Status
 * unavailable", and the styles live in the shadow root (a constructed sheet where the browser has
 * them, which a host's CSP does not block). Plain ES2017 in a string, shipped as written, never compiled.
 */
export const WIDGET_SCRIPT = `(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.parentNode) return;
  var COLORS = { none: '#1a7f37', minor: '#bf8700', major: '#d1570f', critical: '#cf222e', maintenance: '#0969da' };
  var CSS = ':host{display:inline-block;vertical-align:middle}' +
    'a{display:inline-flex;align-items:center;gap:.5em;padding:.25em .75em;border:1px solid #d0d7de;border-radius:999px;' +
    'background:#fff;color:#1f2328;font:500 13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-decoration:none}' +
    'a[hidden]{display:none}a[href]:hover{border-color:#8c959f}a:focus-visible{outline:2px solid #0969da;outline-offset:2px}' +
    '.dot{width:.6em;height:.6em;border-radius:50%;background:#8c959f;flex:none}' +
    '@media (prefers-color-scheme:dark){a{background:#0d1117;color:#e6edf3;border-color:#30363d}}';

  function pageBase() {
    var url = script.getAttribute('data-url');
    if (url) return new URL(url, location.href).href.replace(/\\/+$/, '');
    var page = script.getAttribute('data-page');
    // A sub-page as "parent/sub": each segment escaped, the slash kept.
    return new URL(script.src).origin + (page ? '/' + page.split('/').map(encodeURIComponent).join('/') : '');
  }

  try {
    var base = pageBase();
    if (!/^https?:/.test(base)) return;
    var host = document.createElement('span');
    host.className = 'beacon-status';
    script.parentNode.insertBefore(host, script.nextSibling);
    var root = host.attachShadow({ mode: 'open' });
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      var style = document.createElement('style');
      style.textContent = CSS;
      root.appendChild(style);
    }
    var link = document.createElement('a');
    var dot = document.createElement('span');
    var text = document.createElement('span');
    dot.className = 'dot';
    dot.setAttribute('aria-hidden', 'true');
    link.appendChild(dot);
    link.appendChild(text);
    link.hidden = true;
    root.appendChild(link);
  } catch (error) {
    return;
  }

  function show(data) {
    var indicator = data && data.status && data.status.indicator;
    var description = data && data.status && data.status.description;
    if (typeof description !== 'string' || !COLORS[indicator]) throw new Error('not a status document');
    var url = data.page && data.page.url;
    if (typeof url === 'string' && /^https?:\\/\\//.test(url)) link.href = url;
    else link.href = base;
    // The name says whose status it is; it holds the visible text, as a label must.
    var label = (data.page && typeof data.page.name === 'string' ? data.page.name + ' status: ' : '') + description;
    link.title = label;
    link.setAttribute('aria-label', label);
    dot.style.background = COLORS[indicator];
    text.textContent = description;
    link.hidden = false;
  }

  function fail() {
    link.removeAttribute('href');
    link.removeAttribute('title');
    link.removeAttribute('aria-label');
    dot.style.background = '';
    text.textContent = 'Status unavailable';
    link.hidden = false;
  }

  var reading = false;
  function refresh() {
    if (reading || document.visibilityState === 'hidden' || typeof fetch !== 'function') return;
    reading = true;
    // no-cache: revalidated (a 304 when nothing changed) rather than read from the HTTP cache, which may hold it 10 s.
    fetch(base + '/api/v2/status.json', { credentials: 'omit', cache: 'no-cache' })
      .then(function (response) {
        if (!response.ok) throw new Error('status ' + response.status);
        return response.json();
      })
      .then(show)
      .catch(fail)
      .then(function () { reading = false; });
  }

  refresh();
  setInterval(refresh, 60000);
  document.addEventListener('visibilitychange', refresh);
})();
`;
