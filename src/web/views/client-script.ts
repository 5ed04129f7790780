/**
 * The one script of the public pages, served as a content-hashed asset (no inline script, for a
 * strict CSP). Pages work without it; it only (1) rewrites `<time>` into the viewer's zone and
 * (2) makes each uptime bar one tab stop whose days are walked with the arrow keys.
 * Plain ES2017 in a string: it is shipped as written, never compiled.
 */
export const CLIENT_SCRIPT = `(function () {
  'use strict';
  var FORMATS = {
    datetime: { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
    date: { day: 'numeric', month: 'long', year: 'numeric' },
    time: { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }
  };
  // The page is in English: English readers get their own conventions, everyone else British ones.
  var locale = /^en\\b/i.test(navigator.language || '') ? navigator.language : 'en-GB';

  function localiseTimes() {
    var formatters = {};
    var formatter = function (format) {
      return formatters[format] || (formatters[format] = new Intl.DateTimeFormat(locale, FORMATS[format]));
    };
    document.querySelectorAll('time[data-format]').forEach(function (el) {
      var format = el.getAttribute('data-format');
      var at = new Date(el.getAttribute('datetime'));
      if (!FORMATS[format] || isNaN(at.getTime())) return;
      // The end of a range shows only its time when it is on the start's day, here too.
      var dayOf = el.getAttribute('data-day-of');
      if (dayOf && formatter('date').format(new Date(dayOf)) !== formatter('date').format(at)) format = 'datetime';
      el.textContent = formatter(format).format(at);
    });
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return;
    document.querySelectorAll('[data-zone]').forEach(function (el) {
      el.textContent = 'your time zone (' + zone.replace(/_/g, ' ') + ')';
    });
  }

  var KEYS = { ArrowLeft: -1, ArrowRight: 1, Home: -Infinity, End: Infinity };

  function roveBar(bar) {
    var days = bar.children;
    if (!days.length) return;
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
    localiseTimes();
    document.querySelectorAll('ol.bar').forEach(roveBar);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
`;
