import { raw } from 'hono/html';
import type { AffectedComponentView, IncidentView, UpdateView } from './models/page-view.js';
import { escapeHtml } from '../../services/escape-html.js';
import { formatDuration } from './format.js';
import { statusLabelHtml } from './status-label.js';
import { timeHtml } from './time.js';

/*
 * Incident cards are built as strings rather than JSX elements: a status page shows two weeks of
 * incidents with every update, and each JSX element costs a few microseconds to render. They print
 * exactly what the equivalent JSX would.
 */

function affectsHtml(components: readonly { name: string }[]): string {
  if (components.length === 0) return '';
  return `<p class="affects"><span class="affects-label">Affects</span> ${escapeHtml(components.map((component) => component.name).join(', '))}</p>`;
}

export function Affects({ components }: { components: readonly { name: string }[] }) {
  return components.length === 0 ? null : raw(affectsHtml(components));
}

/** The incident's worst impact in words and shape, or a neutral note when it had none. */
function impactLabelHtml(incident: IncidentView): string {
  return incident.impact === null
    ? '<span class="status st-none">No component impact</span>'
    : statusLabelHtml(incident.impact, incident.impactLabel);
}

export function ImpactLabel({ incident }: { incident: IncidentView }) {
  return raw(impactLabelHtml(incident));
}

function impactChangesHtml(impacts: readonly AffectedComponentView[]): string {
  let html = '<p class="changes">';
  impacts.forEach((change, index) => {
    html += `${index > 0 ? ', ' : ''}${escapeHtml(change.name)}: ${escapeHtml(change.impactLabel ?? 'Operational')}`;
  });
  return `${html}</p>`;
}

function updateHtml(update: UpdateView, zone: string): string {
  return (
    `<li class="update us-${update.status}"><p class="update-head"><strong class="ps ps-${update.status}">${escapeHtml(update.statusLabel)}</strong>` +
    `${timeHtml(update.at, zone)}</p><p class="msg">${escapeHtml(update.message)}</p>` +
    `${update.impacts.length > 0 ? impactChangesHtml(update.impacts) : ''}</li>`
  );
}

export function Update({ update, zone }: { update: UpdateView; zone: string }) {
  return raw(updateHtml(update, zone));
}

export type IncidentCardVariant = 'active' | 'timeline' | 'summary';

/**
 * An incident as a card: `active` shows the latest update (the status page's open incidents),
 * `timeline` every update (recent incidents), `summary` the latest update of a past one (history).
 */
export function IncidentCard({ incident, zone, variant }: { incident: IncidentView; zone: string; variant: IncidentCardVariant }) {
  return raw(incidentCardHtml(incident, zone, variant));
}

/** `IncidentCard` as an HTML string. */
export function incidentCardHtml(incident: IncidentView, zone: string, variant: IncidentCardVariant): string {
  const titleId = escapeHtml(`incident-${incident.id}`);
  const isFirstWord = incident.startedAt.getTime() === incident.latestUpdate.at.getTime();
  const latestLabel = variant === 'active' ? (isFirstWord ? 'Posted' : 'Updated') : incident.latestUpdate.statusLabel;
  let html =
    `<article class="incident im-${incident.impact ?? 'none'}" aria-labelledby="${titleId}"><div class="incident-head">` +
    `<h3 id="${titleId}"><a href="${escapeHtml(incident.path)}">${escapeHtml(incident.name)}</a></h3>` +
    `<span class="pill ps-${incident.status}">${escapeHtml(incident.statusLabel)}</span></div>` +
    `<div class="incident-sub">${impactLabelHtml(incident)}${affectsHtml(incident.components)}</div>`;
  if (variant === 'timeline') {
    html += '<ol class="updates">';
    for (const update of incident.updates) html += updateHtml(update, zone);
    html += '</ol>';
  } else {
    html +=
      `<div class="latest"><p class="msg">${escapeHtml(incident.latestUpdate.message)}</p>` +
      `<p class="meta">${escapeHtml(latestLabel)} ${timeHtml(incident.latestUpdate.at, zone)}</p></div>`;
  }
  if (!(variant === 'active' && isFirstWord)) {
    html += `<p class="meta span">Started ${timeHtml(incident.startedAt, zone)}`;
    if (incident.resolvedAt) {
      html += ` · Resolved ${timeHtml(incident.resolvedAt, zone)} · lasted ${formatDuration(incident.resolvedAt.getTime() - incident.startedAt.getTime())}`;
    }
    html += '</p>';
  }
  return `${html}</article>`;
}
