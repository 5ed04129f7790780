import type { Component, Group } from './component.js';
import type { Incident } from './incident.js';
import type { Maintenance } from './maintenance.js';
import type { Page } from './page.js';

/** Everything the read side needs, loaded in one go and kept in memory until the revision changes. */
export interface Snapshot {
  revision: number;
  loadedAt: Date;
  components: Map<string, Component>;
  groups: Map<string, Group>;
  pages: Map<string, Page>;
  incidents: Incident[];
  maintenances: Maintenance[];
}
