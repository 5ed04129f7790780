import { raw } from 'hono/html';
import type { DayState, DayView, UptimeView } from '../../domain/page-view.js';
import { escapeHtml } from './format.js';

// A page of 100 components carries 9,000 days, so a day's markup is kept terse: operational days have
// no class, and the stylesheet reaches the parts by element (`b` date, `i` hidden separator, `small`
// uptime), none of which assistive technology announces.
const STATE_CLASS: Record<DayState, string> = {
  no_data: ' class="nd"',
  operational: '',
  under_maintenance: ' class="mt"',
  degraded_performance: ' class="dg"',
  partial_outage: ' class="po"',
  full_outage: ' class="fo"',
};

/**
 * One day: a focusable list item whose text is the day's label, shown as a tooltip on hover and focus.
 * The visually hidden separators make the text read exactly as `day.label` ("12 March 2026: Partial
 * outage — Elevated API errors; 99.20% uptime").
 */
function dayHtml(day: DayView): string {
  let html = `<li${STATE_CLASS[day.state]} tabindex="0"><span><b>${day.dateLabel}</b><i>: </i><span>${day.stateLabel}</span>`;
  if (day.incidents.length > 0) {
    html += '<i> — </i>';
    day.incidents.forEach((incident, index) => {
      if (index > 0) html += '<i>, </i>';
      html += `<span class="ti">${escapeHtml(incident.name)}</span>`;
    });
  }
  if (day.alsoMaintenance) html += '<i>; </i><span class="tm">maintenance</span>';
  if (day.uptimeText !== null) html += `<i>; </i><small>${day.uptimeText} uptime</small>`;
  return `${html}</span></li>`;
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
