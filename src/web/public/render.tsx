/**
 * The public pages as HTML strings, ready for the byte cache (see routes.ts). Each renderer builds
 * the view model from the snapshot and renders it synchronously; `null` means "not on this page".
 */
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { DerivedPage } from '../../domain/pages/derived-page.js';
import type { Incident } from '../../domain/status/incident.js';
import type { Page } from '../../domain/pages/page.js';
import {
  type StatusPageFrame,
  buildHistoryView,
  buildIncidentView,
  buildStatusPageView,
  historyMonthBounds,
} from '../views/models/page-view.js';
import type { HistoryStartMemo } from '../../domain/history/history-range.js';
import type { Snapshot } from '../../domain/snapshot.js';
import type { IncidentArchive } from '../../services/live-state/incident-archive.js';
import { type HashedAsset, hashedAsset } from '../hashed-assets.js';
import { CLIENT_SCRIPT } from '../views/client-script.js';
import { HistoryPage } from '../views/history-page.js';
import { IncidentPage } from '../views/incident-page.js';
import type { Assets, CustomerChrome } from '../views/layout.js';
import { ErrorPage } from '../views/error-page.js';
import { NotFoundPage } from '../views/not-found-page.js';
import { StatusPage, type StatusPageSlots, slotsOf } from '../views/status-page.js';
import { STYLESHEET_CSS } from '../views/stylesheet.js';
import { renderSync } from '../views/render-sync.js';
import { timeZones } from '../time-zones.js';

export interface RenderOptions {
  /** The origin viewers use, e.g. `https://status.example.com`, for canonical links. */
  publicUrl: string;
  /** Renders the page as a signed-in customer page (web/customer), with its header and nonces. */
  customer?: CustomerChrome;
}

export const STYLESHEET = hashedAsset('beacon', 'css', STYLESHEET_CSS.trim());
export const SCRIPT = hashedAsset('beacon', 'js', CLIENT_SCRIPT);
/** What the public routes serve under `/assets/`. */
export const PUBLIC_ASSETS: readonly HashedAsset[] = [STYLESHEET, SCRIPT];

const ASSETS: Assets = { stylesheet: STYLESHEET.path, script: SCRIPT.path };

function toHtml(element: JSX.Element): string {
  return `<!DOCTYPE html>${renderSync(element)}`;
}

const absolute = (options: RenderOptions, path: string): string => `${options.publicUrl.replace(/\/+$/, '')}${path}`;

/**
 * The page itself, at `/` for the default page and at `/<slug>`, rendered whole: the reference the
 * status page renderer (status-page-renderer.ts, which keeps rows' markup) must match byte for byte.
 */
export function renderStatusPage(snapshot: Snapshot, page: Page, now: Date, options: RenderOptions): string {
  const view = buildStatusPageView(snapshot, page, now);
  return renderStatusPageShell(view, slotsOf(view), options);
}

/** The page around its slots: the component list and the incident cards, given as markup. */
export function renderStatusPageShell(frame: StatusPageFrame, slots: StatusPageSlots, options: RenderOptions): string {
  return toHtml(
    <StatusPage
      view={frame}
      assets={ASSETS}
      canonical={absolute(options, frame.page.homePath)}
      slots={slots}
      customer={options.customer}
    />,
  );
}

/** `/<slug>/incidents/<id>`, or `null` when there is no such incident or it is not on this page. */
export function renderIncidentPage(
  snapshot: Snapshot,
  page: Page,
  incident: Incident | null,
  now: Date,
  options: RenderOptions,
): string | null {
  const view = buildIncidentView(snapshot, page, incident, now);
  if (view === null) return null;
  return toHtml(<IncidentPage view={view} assets={ASSETS} canonical={absolute(options, view.incident.path)} customer={options.customer} />);
}

/**
 * `/<slug>/history?month=YYYY-MM`, or `null` for a malformed month or one that has not begun.
 * `monthIncidents`: the incidents whose span reaches into the month (see `historyMonthBounds`);
 * `historyStarts` as for `buildHistoryView`.
 */
export function renderHistoryPage(
  snapshot: Snapshot,
  page: Page,
  monthKey: string,
  now: Date,
  options: RenderOptions,
  monthIncidents: readonly Incident[],
  historyStarts?: HistoryStartMemo,
): string | null {
  const view = buildHistoryView(snapshot, page, monthKey, now, monthIncidents, historyStarts);
  if (view === null) return null;
  const canonical = absolute(options, `${view.page.historyPath}?month=${view.month.key}`);
  return toHtml(<HistoryPage view={view} assets={ASSETS} canonical={canonical} customer={options.customer} />);
}

/**
 * `renderHistoryPage` for a page as a route finds it, with the month's incidents read through the
 * archive (the live state holds only recent ones).
 */
export async function renderHistoryPageOf(
  archive: IncidentArchive,
  shown: DerivedPage,
  monthKey: string,
  now: Date,
  options: RenderOptions,
): Promise<string | null> {
  const bounds = historyMonthBounds(shown.page, monthKey, now, timeZones);
  if (bounds === null) return null;
  const monthIncidents = await archive.incidentsOverlapping(shown.snapshot, bounds.start, bounds.end);
  return renderHistoryPage(shown.snapshot, shown.page, monthKey, now, options, monthIncidents, archive.historyStarts(shown.snapshot));
}

/** What error pages call the site when it has no page yet. */
export const DEFAULT_SITE_NAME = 'Status';

/** The one 404 page shared by every unknown URL (it names only the site, so it is cached once per site name). */
export function renderNotFoundPage(_options: RenderOptions, siteName = DEFAULT_SITE_NAME): string {
  return toHtml(<NotFoundPage assets={ASSETS} siteName={siteName} />);
}

/** Any other error on a page path, e.g. a 500 (`heading` and `text` say what happened, never why). */
export function renderErrorPage(
  _options: RenderOptions,
  error: { siteName: string; status: number; heading: string; text: string },
): string {
  return toHtml(<ErrorPage assets={ASSETS} {...error} />);
}
