import { raw } from 'hono/html';
import type { ComponentStatus } from '../../domain/status/component.js';
import type { StatusIndicator } from '../../domain/status/page-status.js';

/**
 * One shape per status, so status never rests on colour alone: a circle with a tick (operational),
 * a triangle (degraded), a diamond (partial outage), an octagon with a cross (full outage) and a
 * clock (maintenance). Decorative: the status is always written next to them.
 */
const SHAPES: Record<ComponentStatus, string> = {
  operational: '<circle cx="12" cy="12" r="10"/><path class="g" d="M7.5 12.4l3 3 6-6.3"/>',
  degraded_performance:
    '<path d="M10.3 3.2a2 2 0 0 1 3.4 0l8.6 15a2 2 0 0 1-1.7 3H3.4a2 2 0 0 1-1.7-3z"/><path class="g" d="M12 9v4.6M12 17.2v.1"/>',
  partial_outage:
    '<path d="M10.6 2.6a2 2 0 0 1 2.8 0l8 8a2 2 0 0 1 0 2.8l-8 8a2 2 0 0 1-2.8 0l-8-8a2 2 0 0 1 0-2.8z"/><path class="g" d="M12 7.8v5M12 16.3v.1"/>',
  full_outage: '<path d="M8.3 2h7.4L22 8.3v7.4L15.7 22H8.3L2 15.7V8.3z"/><path class="g" d="M8.8 8.8l6.4 6.4M15.2 8.8l-6.4 6.4"/>',
  under_maintenance: '<circle cx="12" cy="12" r="10"/><path class="g" d="M12 6.8V12l3.4 2.2"/>',
};

const STATUS_OF_INDICATOR: Record<StatusIndicator, ComponentStatus> = {
  none: 'operational',
  minor: 'degraded_performance',
  major: 'partial_outage',
  critical: 'full_outage',
  maintenance: 'under_maintenance',
};

export const statusOfIndicator = (indicator: StatusIndicator): ComponentStatus => STATUS_OF_INDICATOR[indicator];

/** The raw SVG of a status icon (also used to build the favicon). */
export function statusIconSvg(status: ComponentStatus, className = 'ic'): string {
  return `<svg class="${className} st-${status}" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${SHAPES[status]}</svg>`;
}

export function StatusIcon({ status, className }: { status: ComponentStatus; className?: string }) {
  return raw(statusIconSvg(status, className));
}

const FAVICON_COLOURS: Record<ComponentStatus, string> = {
  operational: '#16a34a',
  degraded_performance: '#eab308',
  partial_outage: '#ea580c',
  full_outage: '#dc2626',
  under_maintenance: '#2563eb',
};

const favicons = new Map<ComponentStatus, string>();

/** The page's favicon: its overall status icon, as an SVG data URI. */
export function faviconHref(indicator: StatusIndicator): string {
  const status = statusOfIndicator(indicator);
  let href = favicons.get(status);
  if (href === undefined) {
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><g fill="${FAVICON_COLOURS[status]}" stroke="#fff" ` +
      `stroke-width="0">${SHAPES[status].replace(/class="g"/g, 'fill="none" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"')}</g></svg>`;
    href = `data:image/svg+xml,${encodeURIComponent(svg)}`;
    favicons.set(status, href);
  }
  return href;
}

/** The favicon of a document that shows no status (an error page): a grey ring, never a status colour. */
export const NEUTRAL_FAVICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="9" fill="none" stroke="#6b7280" stroke-width="3"/></svg>',
)}`;
