/** Bounds of a cache: whichever is reached first evicts. Bytes are approximate (see each cache). */
export interface CacheBounds {
  maxEntries: number;
  maxBytes: number;
}

export const MEGABYTE = 1024 * 1024;

/** The configurable caches, by name; `beacon serve` reads their byte bounds from the environment. */
export interface CacheSettings {
  /** Public pages' responses (BEACON_RENDER_CACHE_MB). */
  renderCache: CacheBounds;
  /** Signed-in customer pages' responses (BEACON_CUSTOMER_RENDER_CACHE_MB). */
  customerRenderCache: CacheBounds;
  /** The fast path's public responses (BEACON_HOT_RESPONSES_MB). */
  hotResponses: CacheBounds;
  /** The fast path's signed-in customer pages (BEACON_HOT_RESPONSES_MB). */
  hotCustomerPages: CacheBounds;
  /** Sessions and presented tokens (BEACON_SESSION_CACHE_ENTRIES, BEACON_SESSION_CACHE_MB). */
  sessionCache: CacheBounds;
  /** SQLite's compiled statements (BEACON_STATEMENT_CACHE_MB). */
  statementCache: CacheBounds;
  /** Old incidents and history months read from the store, for the current revision (BEACON_ARCHIVE_CACHE_MB). */
  incidentArchive: CacheBounds;
  /** The markup of status pages' component rows, by what each row shows (BEACON_ROW_CACHE_MB). */
  statusPageRows: CacheBounds;
}

/**
 * Every cache's default bounds, in one place. Sized so that the demo plus 1,000 customer pages
 * serves in under 150 MB of resident memory (`npm run bench:memory`). Process-wide memos of small
 * fixed-size values are bounded by count alone and not configurable: the day grid (64 zones ×
 * lengths), day views and date labels (20,000 each), formatted instants (10,000), parsed
 * Accept-Encoding headers (256) and Intl formatters (256 each in services/time-zone-formatters.ts
 * and web/views/format.ts); together a few megabytes at most. The domain itself keeps none.
 */
export const DEFAULT_CACHE_SETTINGS: Readonly<CacheSettings> = {
  renderCache: { maxEntries: 2000, maxBytes: 24 * MEGABYTE },
  customerRenderCache: { maxEntries: 2000, maxBytes: 16 * MEGABYTE },
  hotResponses: { maxEntries: 64, maxBytes: 8 * MEGABYTE },
  hotCustomerPages: { maxEntries: 1024, maxBytes: 8 * MEGABYTE },
  sessionCache: { maxEntries: 50_000, maxBytes: 16 * MEGABYTE },
  statementCache: { maxEntries: 512, maxBytes: 4 * MEGABYTE },
  incidentArchive: { maxEntries: 256, maxBytes: 8 * MEGABYTE },
  // A row with its 90-day bar is about 10 kB: 8 MB holds a few big pages' worth.
  statusPageRows: { maxEntries: 20_000, maxBytes: 8 * MEGABYTE },
};

/**
 * Logos' responses by the SHA-256 of their bytes (web/public/logo-responses.ts): a logo is at most
 * 256 KiB (`LOGO_MAX_BYTES`), so 4 MiB holds at least 16 pages' logos. Not configurable.
 */
export const LOGO_RESPONSES_BOUNDS: Readonly<CacheBounds> = { maxEntries: 256, maxBytes: 4 * MEGABYTE };
