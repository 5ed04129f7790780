/**
 * The one script of the public pages, served as a content-hashed asset (no inline script, for a
 * strict CSP). Pages work without it; it only moves each uptime bar's one tab stop from the bar onto
 * its days, which are then walked with the arrow keys. Times stay in the page's zone, as the day bars
 * do (the footer names it), so that an incident and the day it coloured always agree.
 * Plain ES2017 in a string: it is shipped as written, never compiled.
 */
export const CLIENT_SCRIPT = `(function () {
  'use strict';
  var KEYS = { ArrowLeft: -1, ArrowRight: 1, Home: -Infinity, End: Infinity };

  function roveBar(bar) {
    var days = bar.children;
    if (!days.length) return;
    bar.removeAttribute('tabindex');
    for (var i = 0; i < days.length; i++) days[i].tabIndex = -1;
    days[days.length - 1].tabIndex = 0;
    bar.addEventListener('focusin', function (event) {
      for (var j = 0; j < days.length; j++) days[j].tabIndex = days[j] === event.target ? 0 : -1;
    });
    bar.addEventListener('keydown', function (event) {
      var step = KEYS[event.key];
      if (step === undefined) return;
      // Days hidden on narrow screens are skipped.
      var visible = Array.prototype.filter.call(days, function (day) { return day.offsetParent !== null; });
      var at = visible.indexOf(document.activeElement);
      if (at < 0) return;
      event.preventDefault();
      var next = Math.max(0, Math.min(visible.length - 1, at + step));
      visible[next].focus();
    });
  }

  function start() {
    document.querySelectorAll('ol.bar').forEach(roveBar);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
`;
