import type { DerivedPage } from '../../../domain/pages/derived-page.js';
import type { IncidentArchive } from '../../../services/live-state/incident-archive.js';
import type { Rendered } from '../../render-cache.js';
import type { ViewScope } from '../../views/models/view-scope.js';
import { type StatuspageEndpoint, buildStatuspageDocument } from './statuspage-documents.js';
import type { PageLinks } from '../../../services/statuspage/statuspage-presenters.js';
import { presentShownPage } from './statuspage-presenters.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * One v2 document of `shown` at `now`, as the render caches keep it. The 50-most-recent lists read
 * what the live state lacks through the incident archive (cached per revision, as history months are).
 */
export async function renderStatuspageDocument(
  archive: IncidentArchive,
  shown: DerivedPage,
  endpoint: StatuspageEndpoint,
  now: Date,
  linksOf: (scope: ViewScope) => PageLinks,
): Promise<Rendered> {
  const page = presentShownPage(shown, now, linksOf);
  const { componentIds } = page.scope;
  const document = await buildStatuspageDocument(endpoint, page, {
    incidents: (limit) => archive.recentIncidentsOn(shown.snapshot, componentIds, limit),
    maintenances: (limit) => archive.recentMaintenancesOn(shown.snapshot, componentIds, limit),
  });
  return { contentType: JSON_TYPE, body: JSON.stringify(document) };
}
