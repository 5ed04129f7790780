import { raw } from 'hono/html';
import type { DayState, DayView, UptimeView } from '../../domain/page-view.js';
import { escapeHtml } from './format.js';

// Short class names: a page of 100 components carries 9,000 days.
const STATE_CLASS: Record<DayState, string> = {
  no_data: 'nd',
  operational: 'ok',
  under_maintenance: 'mt',
  degraded_performance: 'dg',
  partial_outage: 'po',
  full_outage: 'fo',
};

/**
 * One day: a focusable list item whose text is the day's label, shown as a tooltip on hover and focus.
 * The visually hidden separators make the text read exactly as `day.label` ("12 March 2026: Partial
 * outage — Elevated API errors; 99.20% uptime").
 */
function dayHtml(day: DayView): string {
  let html = `<li class="d ${STATE_CLASS[day.state]}" tabindex="0"><span class="tip"><b>${day.dateLabel}</b><span class="vh">: </span><span class="tl">${day.stateLabel}</span>`;
  if (day.incidents.length > 0) {
    html += '<span class="vh"> — </span>';
    day.incidents.forEach((incident, index) => {
      if (index > 0) html += '<span class="vh">, </span>';
      html += `<span class="ti">${escapeHtml(incident.name)}</span>`;
    });
  }
  if (day.alsoMaintenance) html += '<span class="vh">; </span><span class="tm">maintenance</span>';
  if (day.uptimeText !== null) html += `<span class="vh">; </span><span class="tu">${day.uptimeText} uptime</span>`;
  return `${html}</span></li>`;
}

/**
 * The 90-day bar and its legend, built as one string (the hot path of a re-render).
 * Narrow screens show the last 30 days (see the stylesheet), hence the two "days ago" labels.
 */
export function UptimeBar({ name, history }: { name: string; history: UptimeView }) {
  let html = `<div class="uptime"><ol class="bar" aria-label="${escapeHtml(name)}, last ${history.days.length} days">`;
  for (const day of history.days) html += dayHtml(day);
  html +=
    `</ol><div class="legend" aria-hidden="true"><span><span class="l90">${history.days.length} days ago</span><span class="l30">30 days ago</span></span>` +
    `<span class="pct">${history.uptimeText === null ? 'No data yet' : `${history.uptimeText} uptime`}</span><span>Today</span></div>` +
    (history.uptimeText === null ? '' : `<p class="vh">${history.uptimeText} uptime over the last ${history.days.length} days</p>`) +
    '</div>';
  return raw(html);
}
