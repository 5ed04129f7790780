import type { CatalogEntry, CatalogType } from './catalog/catalog.js';
import type { Component, Group } from './status/component.js';
import type { Incident } from './status/incident.js';
import type { Maintenance } from './status/maintenance.js';
import type { Page } from './pages/page.js';

/** A sub-page switched off by staff: its URL answers 404 and the parent leaves it out. */
export interface SubPageSetting {
  pageId: string;
  entryId: string;
  disabled: boolean;
}

/** One customer page: the entry `entryId` of the set `pageId`, served at `/c/<urlToken>`. */
export interface CustomerPageRef {
  id: string;
  pageId: string;
  entryId: string;
  /** ≥128 random bits, base64url: the unlisted URL. Rotating it replaces it. */
  urlToken: string;
}

/**
 * The live state: what the read side renders now, kept in memory and moved along by each revision's
 * delta. It is bounded: the structure and catalog whole, but of the incidents and maintenance windows
 * only those in the live window (see live-window.ts); older ones are read from the store on demand.
 */
export interface Snapshot {
  revision: number;
  loadedAt: Date;
  components: Map<string, Component>;
  groups: Map<string, Group>;
  pages: Map<string, Page>;
  /** Open incidents and those resolved within the live window, by creation time then id. */
  incidents: Incident[];
  /** Maintenance windows scheduled to end within the live window or later, by scheduled start then id. */
  maintenances: Maintenance[];
  /** When the earliest incident naming each component began, over all history: where history navigation stops. */
  firstIncidentStarts: Map<string, Date>;
  catalogTypes: Map<string, CatalogType>;
  /** Every entry, in display order within each type (rank, then name). */
  catalogEntries: Map<string, CatalogEntry>;
  /** Keyed by `subPageSettingKey(pageId, entryId)`. */
  subPageSettings: Map<string, SubPageSetting>;
  /** Keyed by URL token. */
  customerPages: Map<string, CustomerPageRef>;
}

/** The key of `Snapshot.subPageSettings`. */
export const subPageSettingKey = (pageId: string, entryId: string): string => `${pageId}/${entryId}`;
