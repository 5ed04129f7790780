export const MAINTENANCE_PHASES = ['scheduled', 'in_progress', 'completed', 'cancelled'] as const;
export type MaintenancePhase = (typeof MAINTENANCE_PHASES)[number];

export interface MaintenanceUpdate {
  id: string;
  maintenanceId: string;
  message: string;
  createdAt: Date;
}

/** A scheduled window on some components. Its phase is never stored: it follows from the clock. */
export interface Maintenance {
  id: string;
  name: string;
  description: string | null;
  componentIds: string[];
  scheduledStart: Date;
  scheduledEnd: Date;
  /** Set when staff complete it before `scheduledEnd`. */
  completedAt: Date | null;
  cancelledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** Oldest first. */
  updates: MaintenanceUpdate[];
}
