import { raw } from 'hono/html';
import type { DayState, DayView, UptimeView } from '../../domain/page-view.js';
import { escapeHtml } from './format.js';

// A page of 100 components carries 9,000 days, so a day is as small as its label allows (~80 bytes):
// operational days have no class, and the label's text appears once, as the day's own text:
// `<li tabindex="0"><span><b>12 March 2026:</b> Partial outage — API errors; 99.20% uptime</span></li>`.
// The <span> is the tooltip shown on hover and focus; <b> sets the date apart.
const STATE_CLASS: Record<DayState, string> = {
  no_data: ' class="nd"',
  operational: '',
  under_maintenance: ' class="mt"',
  degraded_performance: ' class="dg"',
  partial_outage: ' class="po"',
  full_outage: ' class="fo"',
};

// Written as references so that the page stays a one-byte (Latin-1) string, which V8 turns into bytes
// several times faster than a two-byte one; the text a browser reads is the same.
const EM_DASH = /\u2014/g;

/** One day: a focusable list item whose text is exactly `day.label`. */
function dayHtml(day: DayView): string {
  const date = day.dateLabel;
  // The label always starts with "<date>:"; the rest follows the bold date as plain text.
  const rest = escapeHtml(day.label.slice(date.length + 1)).replace(EM_DASH, '&#8212;');
  return `<li${STATE_CLASS[day.state]} tabindex="0"><span><b>${escapeHtml(date)}:</b>${rest}</span></li>`;
}

// The view model shares the objects of days that read the same across components ("20 March 2026:
// Operational; 100% uptime"), so their markup is built once per object.
const dayMarkup = new WeakMap<DayView, string>();

function cachedDayHtml(day: DayView): string {
  let html = dayMarkup.get(day);
  if (html === undefined) {
    html = dayHtml(day);
    dayMarkup.set(day, html);
  }
  return html;
}

/**
 * The 90-day bar and its legend, built as one string (the hot path of a re-render).
 * Narrow screens show the last 30 days (see the stylesheet), hence the two "days ago" labels.
 */
export function UptimeBar({ name, history }: { name: string; history: UptimeView }) {
  const count = history.days.length;
  let html = `<div class="uptime"><ol class="bar" aria-label="${escapeHtml(name)}, last ${count} days">`;
  for (const day of history.days) html += cachedDayHtml(day);
  html +=
    `</ol><div class="legend" aria-hidden="true"><span><span class="l90">${count} days ago</span><span class="l30">30 days ago</span></span>` +
    `<span class="pct">${history.uptimeText === null ? 'No data yet' : `${history.uptimeText} uptime`}</span><span>Today</span></div>` +
    (history.uptimeText === null ? '' : `<p class="vh">${history.uptimeText} uptime over the last ${count} days</p>`) +
    '</div>';
  return raw(html);
}
