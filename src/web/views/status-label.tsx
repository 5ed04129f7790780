import { raw } from 'hono/html';
import type { ComponentStatus } from '../../domain/status/component.js';
import { escapeHtml } from '../../services/escape-html.js';
import { statusIconSvg } from './icons.js';

// A handful of (status, label) pairs, each with an SVG: built once.
const labels = new Map<string, string>();

/** A status in words with its icon, in the status colour, as HTML (for views built as strings). */
export function statusLabelHtml(status: ComponentStatus, label: string): string {
  const key = `${status}\0${label}`;
  let html = labels.get(key);
  if (html === undefined) {
    html = `<span class="status st-${status}">${statusIconSvg(status)}<span>${escapeHtml(label)}</span></span>`;
    if (labels.size >= 64) labels.clear();
    labels.set(key, html);
  }
  return html;
}

/** A status in words with its icon, in the status colour. */
export function StatusLabel({ status, label }: { status: ComponentStatus; label: string }) {
  return raw(statusLabelHtml(status, label));
}
