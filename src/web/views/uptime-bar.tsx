import type { DayState, DayView, UptimeView } from './models/page-view.js';
import { sharedDayRun } from './models/day-views.js';
import { escapeHtml } from '../../services/escape-html.js';

// A page of 100 components carries 9,000 days, so a day is as small as its label allows (~70 bytes):
// operational days have no class, and the label's text appears once, as the day's own text:
// `<li><span><b>12 March 2026:</b> Partial outage — API errors; 99.20% uptime</span></li>`.
// The <span> is the tooltip shown on hover and focus; <b> sets the date apart. Days are no tab stops:
// the bar is one; the client script moves that stop onto the days, walked with the arrow keys.
const STATE_CLASS: Record<DayState, string> = {
  no_data: ' class="nd"',
  operational: '',
  under_maintenance: ' class="mt"',
  degraded_performance: ' class="dg"',
  partial_outage: ' class="po"',
  full_outage: ' class="fo"',
};

/**
 * One day: a list item whose text is exactly `day.label` ("12 March 2026: Partial outage —
 * API errors; 99.20% uptime"), built from the label's parts: the label itself holds an em dash, which
 * would make this markup, and with it the whole page, a two-byte string that V8 turns into bytes
 * several times slower. The dash is written as a character reference instead; browsers read the same.
 */
function dayHtml(day: DayView): string {
  // The sentence sits in its own element inside the tooltip, so every text of the tooltip lies wholly
  // on the tooltip's background and contrast checkers (axe) can verify it.
  let html = `<li${STATE_CLASS[day.state]}><span><b>${escapeHtml(day.dateLabel)}:</b><span> ${escapeHtml(day.stateLabel)}`;
  day.incidents.forEach((incident, index) => {
    html += `${index === 0 ? ' &#8212; ' : ', '}${escapeHtml(incident.name)}`;
  });
  if (day.alsoMaintenance) html += '; maintenance';
  if (day.uptimeText !== null) html += `; ${day.uptimeText} uptime`;
  return `${html}</span></span></li>`;
}

// The view model shares the objects of days that read the same across components ("20 March 2026:
// Operational; 100% uptime"), so their markup is built once per object. Days with incidents or extra
// maintenance are new objects on every build: caching them would only fill the map.
const dayMarkup = new WeakMap<DayView, string>();

function cachedDayHtml(day: DayView): string {
  if (day.incidents.length > 0 || day.alsoMaintenance) return dayHtml(day);
  let html = dayMarkup.get(day);
  if (html === undefined) {
    html = dayHtml(day);
    dayMarkup.set(day, html);
  }
  return html;
}

/**
 * The markup of a whole list of shared days (a grid's operational or no-data days, see `sharedDayRun`),
 * with where each day starts: a stretch of such days in a bar is one slice of it instead of one piece per day.
 */
interface RunMarkup {
  html: string;
  /** `days.length + 1` offsets into `html`. */
  charOffsets: Uint32Array;
}
const runMarkup = new WeakMap<readonly DayView[], RunMarkup>();

function markupOfRun(days: readonly DayView[]): RunMarkup {
  let markup = runMarkup.get(days);
  if (markup === undefined) {
    const charOffsets = new Uint32Array(days.length + 1);
    let html = '';
    days.forEach((day, index) => {
      html += dayHtml(day);
      charOffsets[index + 1] = html.length;
    });
    markup = { html, charOffsets };
    runMarkup.set(days, markup);
  }
  return markup;
}

/**
 * Walks a bar's days in order: `stretch` gets each run of days that lie side by side in one shared
 * list (as that list's markup and the range of its days), `single` every other day.
 */
function visitDays(
  days: readonly DayView[],
  stretch: (markup: RunMarkup, from: number, to: number) => void,
  single: (day: DayView) => void,
): void {
  let index = 0;
  while (index < days.length) {
    const day = days[index]!;
    const run = sharedDayRun(day);
    if (run === undefined) {
      single(day);
      index++;
      continue;
    }
    const { days: list, index: from } = run;
    let to = from + 1;
    index++;
    while (index < days.length && to < list.length && list[to] === days[index]) {
      to++;
      index++;
    }
    stretch(markupOfRun(list), from, to);
  }
}

const pctText = (uptimeText: string | null): string => (uptimeText === null ? 'No data yet' : `${uptimeText} uptime`);

/**
 * The 90-day bar and its legend as HTML. Narrow screens show the last 30 days (see the stylesheet),
 * hence two "days ago" labels and two figures: at every width the figure is that of the days shown.
 * The bar is one tab stop (without scripts, focusing it shows today's tooltip).
 */
export function uptimeBarHtml(name: string, history: UptimeView): string {
  const count = history.days.length;
  const { recent } = history;
  const open = `<div class="uptime"><ol class="bar" tabindex="0" aria-label="${escapeHtml(name)}, last ${count} days">`;
  const close =
    `</ol><div class="legend" aria-hidden="true"><span><span class="l90">${count} days ago</span><span class="l30">${recent.days} days ago</span></span>` +
    `<span class="pct"><span class="l90">${pctText(history.uptimeText)}</span><span class="l30">${pctText(recent.uptimeText)}</span></span><span>Today</span></div>` +
    (history.uptimeText === null
      ? ''
      : `<p class="vh">${history.uptimeText} uptime over the last ${count} days${recent.uptimeText === null ? '' : `, ${recent.uptimeText} over the last ${recent.days}`}</p>`) +
    '</div>';
  let html = open;
  visitDays(
    history.days,
    (markup, from, to) => {
      html += markup.html.slice(markup.charOffsets[from], markup.charOffsets[to]);
    },
    (day) => {
      html += cachedDayHtml(day);
    },
  );
  return html + close;
}
