import type { Impact } from './impact.js';

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** What one update says about one component: an impact, or `null` for "back to none". */
export interface ImpactChange {
  componentId: string;
  impact: Impact | null;
}

export interface IncidentUpdate {
  id: string;
  incidentId: string;
  status: IncidentStatus;
  message: string;
  /** When the update takes effect; may be back-dated before `createdAt`. */
  displayAt: Date;
  createdAt: Date;
  /** Only the components this update changes; others keep their previous impact. */
  impacts: ImpactChange[];
}

export interface Incident {
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
  /** Ordered by `displayAt`, then `createdAt` (oldest first). Never empty. */
  updates: IncidentUpdate[];
}

/** A stretch of time during which one incident held one component at one impact. `end` null = still open. */
export interface ImpactInterval {
  incidentId: string;
  componentId: string;
  impact: Impact;
  start: Date;
  end: Date | null;
}
