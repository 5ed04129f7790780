import type { CatalogEntry, CatalogType } from './catalog.js';
import type { Component, Group } from './component.js';
import type { Incident } from './incident.js';
import type { Maintenance } from './maintenance.js';
import type { Page } from './page.js';

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

/** Everything the read side needs, loaded in one go and kept in memory until the revision changes. */
export interface Snapshot {
  revision: number;
  loadedAt: Date;
  components: Map<string, Component>;
  groups: Map<string, Group>;
  pages: Map<string, Page>;
  incidents: Incident[];
  maintenances: Maintenance[];
  // The fields below are always filled by the snapshot loader; optional so hand-built test snapshots need not.
  catalogTypes?: Map<string, CatalogType>;
  /** Every entry, in display order within each type (rank, then name). */
  catalogEntries?: Map<string, CatalogEntry>;
  /** Keyed by `subPageSettingKey(pageId, entryId)`. */
  subPageSettings?: Map<string, SubPageSetting>;
  /** Keyed by URL token. */
  customerPages?: Map<string, CustomerPageRef>;
}

/** The key of `Snapshot.subPageSettings`. */
export const subPageSettingKey = (pageId: string, entryId: string): string => `${pageId}/${entryId}`;
