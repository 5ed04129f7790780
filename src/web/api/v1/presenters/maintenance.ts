import type { Maintenance, MaintenanceUpdate } from '../../../../domain/status/maintenance.js';
import { maintenancePhase } from '../../../../domain/status/maintenance-phase.js';
import type { MaintenanceBody, MaintenanceUpdateBody } from '../status/maintenances-schema.js';

const presentUpdate = (update: MaintenanceUpdate): MaintenanceUpdateBody => ({
  id: update.id,
  maintenance_id: update.maintenanceId,
  message: update.message,
  created_at: update.createdAt.toISOString(),
});

/** Every field explicit; `now` decides the derived `status`. */
export function presentMaintenance(maintenance: Maintenance, now: Date): MaintenanceBody {
  return {
    id: maintenance.id,
    name: maintenance.name,
    description: maintenance.description,
    status: maintenancePhase(maintenance, now),
    component_ids: [...maintenance.componentIds],
    scheduled_start: maintenance.scheduledStart.toISOString(),
    scheduled_end: maintenance.scheduledEnd.toISOString(),
    completed_at: maintenance.completedAt?.toISOString() ?? null,
    cancelled_at: maintenance.cancelledAt?.toISOString() ?? null,
    created_at: maintenance.createdAt.toISOString(),
    updated_at: maintenance.updatedAt.toISOString(),
    updates: maintenance.updates.map(presentUpdate),
  };
}
