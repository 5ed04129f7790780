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

/**
 * One day: a focusable list item whose text is exactly `day.label` ("12 March 2026: Partial outage —
 * API errors; 99.20% uptime"), built from the label's parts: the label itself holds an em dash, which
 * would make this markup, and with it the whole page, a two-byte string that V8 turns into bytes
 * several times slower. The dash is written as a character reference instead; browsers read the same.
 */
function dayHtml(day: DayView): string {
  // The sentence sits in its own element inside the tooltip, so every text of the tooltip lies wholly
  // on the tooltip's background and contrast checkers (axe) can verify it.
  let html = `<li${STATE_CLASS[day.state]} tabindex="0"><span><b>${escapeHtml(day.dateLabel)}:</b><span> ${escapeHtml(day.stateLabel)}`;
  day.incidents.forEach((incident, index) => {
    html += `${index === 0 ? ' &#8212; ' : ', '}${escapeHtml(incident.name)}`;
  });
  if (day.alsoMaintenance) html += '; maintenance';
  if (day.uptimeText !== null) html += `; ${day.uptimeText} uptime`;
  return `${html}</span></span></li>`;
}

// The view model shares the objects of days that read the same across components ("20 March 2026:
// Operational; 100% uptime"), so their markup is built once per object, and their bytes too.
const dayMarkup = new WeakMap<DayView, string>();
const dayBytes = new WeakMap<DayView, Buffer>();

function cachedDayHtml(day: DayView): string {
  let html = dayMarkup.get(day);
  if (html === undefined) {
    html = dayHtml(day);
    dayMarkup.set(day, html);
  }
  return html;
}

function cachedDayBytes(day: DayView): Buffer {
  let bytes = dayBytes.get(day);
  if (bytes === undefined) {
    bytes = Buffer.from(cachedDayHtml(day), 'utf8');
    dayBytes.set(day, bytes);
  }
  return bytes;
}

/**
 * Where bars go while a page is rendered straight to bytes (see `renderStatusPageBytes`): each bar is
 * assembled from its days' cached bytes, and the page's HTML holds the marker `add` returns instead.
 * A big page is mostly bars, and joining 9,000 day strings into one string and then encoding it cost
 * more than the rest of the render.
 */
export interface BarSink {
  /** Takes a bar as the pieces of its bytes, in order; answers the marker that stands for them. */
  add(pieces: Buffer[]): string;
}

let sink: BarSink | undefined;

/** Runs a (synchronous) render with its bars going to `barSink`. */
export function renderingBarsTo<T>(barSink: BarSink, render: () => T): T {
  const previous = sink;
  sink = barSink;
  try {
    return render();
  } finally {
    sink = previous;
  }
}

/**
 * The 90-day bar and its legend as HTML (the hot path of a re-render), or the marker of its bytes
 * while a page renders to bytes. Narrow screens show the last 30 days (see the stylesheet), hence
 * the two "days ago" labels.
 */
export function uptimeBarHtml(name: string, history: UptimeView): string {
  const count = history.days.length;
  const open = `<div class="uptime"><ol class="bar" aria-label="${escapeHtml(name)}, last ${count} days">`;
  const close =
    `</ol><div class="legend" aria-hidden="true"><span><span class="l90">${count} days ago</span><span class="l30">30 days ago</span></span>` +
    `<span class="pct">${history.uptimeText === null ? 'No data yet' : `${history.uptimeText} uptime`}</span><span>Today</span></div>` +
    (history.uptimeText === null ? '' : `<p class="vh">${history.uptimeText} uptime over the last ${count} days</p>`) +
    '</div>';
  if (sink !== undefined) {
    const parts = new Array<Buffer>(count + 2);
    parts[0] = Buffer.from(open, 'utf8');
    for (let i = 0; i < count; i++) parts[i + 1] = cachedDayBytes(history.days[i]!);
    parts[count + 1] = Buffer.from(close, 'utf8');
    return sink.add(parts);
  }
  let html = open;
  for (const day of history.days) html += cachedDayHtml(day);
  return html + close;
}
