import { randomBytes } from 'node:crypto';
import { raw } from 'hono/html';
import { ByteLru } from '../../domain/byte-lru.js';
import type { CacheBounds } from '../../domain/cache-bounds.js';
import type { ImpactInterval, Incident } from '../../domain/status/incident.js';
import { impactIntervals } from '../../domain/history/impact-intervals.js';
import { incidentComponentIds } from '../../domain/status/incident-status.js';
import { incidentView } from '../views/models/incident-view.js';
import type { Maintenance } from '../../domain/status/maintenance.js';
import type { Page } from '../../domain/pages/page.js';
import type { OnPageMemo } from '../../domain/pages/page-scope.js';
import type { ViewScope } from '../views/models/view-scope.js';
import { type ComponentRowFigures, buildStatusPageParts, componentRowView } from '../views/models/page-view.js';
import { formatUptime } from '../views/models/uptime-text.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { GROUP_END_HTML, LIST_END_HTML, componentRowHtml, groupHeadHtml, listStartHtml } from '../views/component-list.js';
import { type IncidentCardVariant, incidentCardHtml } from '../views/incident-card.js';
import type { StatusPageSlots } from '../views/status-page.js';
import { type RenderOptions, renderStatusPageShell } from './render.js';

/** Pages (sets of components) whose on-page answers are remembered; each memo is weak, so it holds at most a flag per live incident. */
const ON_PAGE_MEMOS = 64;

// Unguessable, so no text on a page can pose as it (everything else on the page is escaped anyway).
const LIST_MARKER = `\u0001list-${randomBytes(12).toString('hex')}\u0001`;

/**
 * Status pages as UTF-8 bytes in chunks, byte for byte what `renderStatusPage` makes, with each component row's
 * markup (a row with its 90-day bar: most of a big page) and each incident card kept between renders. A row is kept under a
 * key that spells out everything its markup shows: the component's name, description and status, and
 * its bar's figures as the bar prints them (the days, which of them were observed, each notable day's
 * impact, maintenance, uptime text and incident names, the overall uptime text). So after a write only
 * the rows that now read differently are rendered again, wherever the write came from; a row whose
 * figures moved with the clock (today's uptime under an open incident) gets a new key when, and only
 * when, its text changes; a new day is a new key for every row. Nothing needs emptying: keys that no
 * longer occur fall out, least recently used first, within the byte bound.
 *
 * An incident card is kept under the incident's id, the page's zone and base path and the names of its
 * components on the page, and serves only the very incident object it was made from (the live state
 * replaces an incident's object whenever it changes, and keeps it otherwise).
 *
 * The figures themselves are worked out on every render (arithmetic over the page's incidents); only
 * building the views and markup of unchanged rows and cards is saved, and rows' bytes are sent as they
 * are: the page is a list of chunks (`render`), never joined.
 *
 * @example const chunks = renderer.render(shown.snapshot, shown.page, now, { publicUrl })
 */
export class StatusPageRenderer {
  readonly #kept: ByteLru<string, Kept>;
  // Per set of page components: which incidents and maintenance windows touch it (see OnPageMemo).
  readonly #onPage = new ByteLru<string, WeakMap<Incident | Maintenance, boolean>>({ maxEntries: ON_PAGE_MEMOS, maxBytes: Infinity });
  readonly #memoFor = (componentIds: readonly string[]): OnPageMemo => {
    const key = componentIds.join(' ');
    let memo = this.#onPage.get(key);
    if (memo === undefined) {
      memo = new WeakMap();
      this.#onPage.set(key, memo, 0);
    }
    return memo;
  };

  // An incident never changes once loaded (a change is a new object), so neither do its intervals; a
  // re-render after a write works out only the changed incident's. Weak: they go with the incident.
  readonly #intervals = new WeakMap<Incident, readonly ImpactInterval[]>();
  readonly #intervalsOf = (incident: Incident): readonly ImpactInterval[] => {
    let intervals = this.#intervals.get(incident);
    if (intervals === undefined) {
      intervals = impactIntervals(incident);
      this.#intervals.set(incident, intervals);
    }
    return intervals;
  };

  constructor(bounds: CacheBounds) {
    this.#kept = new ByteLru(bounds);
  }

  #reused = 0;
  #made = 0;

  /** Rows and cards kept now, and how many were reused and made so far: for tests. */
  get stats(): { kept: number; reused: number; made: number } {
    return { kept: this.#kept.size, reused: this.#reused, made: this.#made };
  }

  /**
   * The page as chunks to send one after another: the markup around the list, each kept row's bytes as
   * they are, and the group markup between them. Not joined: a big page's joined copy (a megabyte per
   * render after every write) is what set off the garbage collector's major cycles (docs/performance.md).
   * The chunks are never written to, so entries may share them.
   */
  render(snapshot: Snapshot, page: Page, now: Date, options: RenderOptions): Buffer[] {
    const { frame, structure, incidentNames, openIncidents, recentIncidents, scope } = buildStatusPageParts(
      snapshot,
      page,
      now,
      this.#memoFor,
      this.#intervalsOf,
    );
    const slots: StatusPageSlots = {
      componentList: structure.length > 0 ? raw(LIST_MARKER) : null,
      openIncidents: openIncidents.map((incident) => raw(this.#card(incident, scope, 'active'))),
      recentIncidents: recentIncidents.map((incident) => raw(this.#card(incident, scope, 'timeline'))),
    };
    const html = renderStatusPageShell(frame, slots, options);
    const at = html.indexOf(LIST_MARKER);
    if (at < 0) return [Buffer.from(html, 'utf8')];

    const chunks = new ChunkList(html.slice(0, at) + listStartHtml(frame.page.uptimeDisplay));
    for (const item of structure) {
      if (item.kind === 'component') {
        chunks.addBytes(this.#row(item.component, incidentNames));
        continue;
      }
      chunks.addText(groupHeadHtml(item));
      for (const row of item.components) chunks.addBytes(this.#row(row, incidentNames));
      chunks.addText(GROUP_END_HTML);
    }
    chunks.addText(LIST_END_HTML + html.slice(at + LIST_MARKER.length));
    return chunks.finish();
  }

  #row(row: ComponentRowFigures, incidentNames: ReadonlyMap<string, string>): Buffer {
    const key = rowKey(row, incidentNames);
    const kept = this.#kept.get(key);
    if (kept?.kind === 'row') {
      this.#reused++;
      return kept.bytes;
    }
    this.#made++;
    const bytes = Buffer.from(componentRowHtml(componentRowView(row, incidentNames)), 'utf8');
    // The key is a string on the heap (up to two bytes a character).
    this.#kept.set(key, { kind: 'row', bytes }, bytes.length + 2 * key.length);
    return bytes;
  }

  #card(incident: Incident, scope: ViewScope, variant: IncidentCardVariant): string {
    const key = cardKey(incident, scope, variant);
    const kept = this.#kept.get(key);
    // Incidents never change once loaded (a change is a new object), so the same object prints the same card.
    if (kept?.kind === 'card' && kept.incident === incident) {
      this.#reused++;
      return kept.html;
    }
    this.#made++;
    const html = incidentCardHtml(incidentView(incident, scope), scope.header.timeZone, variant);
    this.#kept.set(key, { kind: 'card', incident, html }, 2 * (html.length + key.length));
    return html;
  }
}

/** A row's bytes, or an incident card's markup with the incident it was made from. */
type Kept = { kind: 'row'; bytes: Buffer } | { kind: 'card'; incident: Incident; html: string };

/** A text of any content, unambiguously: its length, then itself. */
const field = (text: string): string => `${text.length}:${text}`;
const uptimeField = (ratio: number | null): string => {
  const text = formatUptime(ratio);
  return text === null ? '-' : field(text);
};

/**
 * Everything a row's markup is made from (`componentRowView` then `componentRowHtml`), as one string.
 * Day views and labels are built from these figures alone: the grid's days (its first day and length),
 * the observed days, the printed overall and recent (narrow screens') uptimes, and per notable day its impact rank, maintenance, uptime as printed and the names
 * of its incidents. Uptimes go in as printed, not as ratios, which move with the clock.
 */
function rowKey(row: ComponentRowFigures, incidentNames: ReadonlyMap<string, string>): string {
  let key = `${field(row.id)}${field(row.name)}${row.description === null ? '-' : field(row.description)}${field(row.status)}${field(row.statusLabel)}`;
  const history = row.history;
  if (history === null) return `${key}!`;
  const { grid, observedFrom, observedTo, notableDays, uptime, recentUptime } = history;
  key += `|${field(grid.keys[0] ?? '')}${grid.keys.length},${observedFrom},${observedTo},${uptimeField(uptime)}${uptimeField(recentUptime)}`;
  for (const day of notableDays) {
    key += `|${day.index},${day.worstRank},${day.hadMaintenance ? 1 : 0},${uptimeField(day.uptime)}`;
    for (const id of day.incidentIds) {
      const name = incidentNames.get(id);
      if (name !== undefined) key += field(name);
    }
  }
  return key;
}

/**
 * Everything an incident card is made from besides the incident itself (`incidentView`, then
 * `incidentCardHtml`): the variant, the page's zone and base path, and which of the components the
 * incident names are on the page, with their names.
 */
function cardKey(incident: Incident, scope: ViewScope, variant: IncidentCardVariant): string {
  let key = `${variant}|${field(scope.header.timeZone)}${field(scope.header.basePath)}${field(incident.id)}`;
  for (const id of incidentComponentIds(incident)) {
    const name = scope.onPage.has(id) ? scope.names.get(id) : undefined;
    key += name === undefined ? '-' : field(name);
  }
  return key;
}

/** Chunks of a page: text between byte chunks is gathered and encoded once, as one chunk. */
class ChunkList {
  readonly #chunks: Buffer[] = [];
  #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  addText(text: string): void {
    this.#text += text;
  }

  addBytes(bytes: Buffer): void {
    this.#flushText();
    this.#chunks.push(bytes);
  }

  finish(): Buffer[] {
    this.#flushText();
    return this.#chunks;
  }

  #flushText(): void {
    if (this.#text !== '') this.#chunks.push(Buffer.from(this.#text, 'utf8'));
    this.#text = '';
  }
}
