import type { Incident } from '../../domain/status/incident.js';
import type { Maintenance } from '../../domain/status/maintenance.js';
import type { Queryable } from '../transaction.js';
import { withUpdates } from './incidents.js';
import { withDetails } from './maintenances.js';

/**
 * The latest `limit` incidents any of whose updates names one of `componentIds` (even to clear it),
 * newest first (creation time, then id), through the `incident_update_impacts_component` index:
 * what a page's list of recent incidents holds beyond the live state.
 */
export async function listRecentIncidentsOn(db: Queryable, componentIds: readonly string[], limit: number): Promise<Incident[]> {
  if (componentIds.length === 0 || limit <= 0) return [];
  const rows = await db
    .selectFrom('incidents')
    .selectAll()
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('incident_updates')
        .innerJoin('incident_update_impacts', 'incident_update_impacts.update_id', 'incident_updates.id')
        .select('incident_updates.incident_id')
        .where('incident_update_impacts.component_id', 'in', componentIds),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return withUpdates(db, rows);
}

/** The latest `limit` maintenance windows on any of `componentIds`, latest scheduled start first (then id), cancelled ones included. */
export async function listRecentMaintenancesOn(db: Queryable, componentIds: readonly string[], limit: number): Promise<Maintenance[]> {
  if (componentIds.length === 0 || limit <= 0) return [];
  const rows = await db
    .selectFrom('maintenances')
    .selectAll()
    .where('id', 'in', (eb) => eb.selectFrom('maintenance_components').select('maintenance_id').where('component_id', 'in', componentIds))
    .orderBy('scheduled_start', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return withDetails(db, rows);
}
