import type { ColumnType } from 'kysely';

/**
 * Row types of every table, as Kysely sees them. Timestamps are ISO-8601 UTC text
 * (`2025-03-04T10:15:30.123Z`) and booleans are 0/1 integers on both engines, so one
 * set of queries and one codec serve SQLite and PostgreSQL alike.
 */
export interface Tables {
  meta_revision: { id: number; value: number };
  /** Which rows each revision touched (migration 0005): other processes apply the delta instead of reloading. */
  change_log: { revision: number; kind: string; entity_id: string };
  components: {
    id: string;
    name: string;
    description: string | null;
    created_at: string;
    updated_at: string;
    /** Migration 0011: when staff archived it (it then leaves every page); null while in use. */
    archived_at: string | null;
  };
  component_groups: {
    id: string;
    name: string;
    description: string | null;
    created_at: string;
    updated_at: string;
    /** Migration 0011: as `components.archived_at`. */
    archived_at: string | null;
  };
  component_group_members: { group_id: string; component_id: string; position: number };
  pages: {
    id: string;
    slug: string;
    name: string;
    description: string | null;
    time_zone: string;
    is_default: number;
    kind: string;
    created_at: string;
    updated_at: string;
    /** Binding of `parent` and `customer_set` pages (migration 0004); null on standalone pages. */
    catalog_type_id: string | null;
    allowlist_attribute_id: string | null;
    component_attribute_id: string | null;
    /** Branding (migration 0013): null for none; `uptime_display` one of `UPTIME_DISPLAYS`. */
    support_url: string | null;
    brand_color: string | null;
    uptime_display: ColumnType<string, string | undefined, string>;
    /** The logo's SHA-256 (hex) and type, both null without one; its bytes are in `page_logos`. */
    logo_sha256: string | null;
    logo_content_type: string | null;
  };
  /** A page's logo bytes (migration 0013), base64; one per page, gone with it. */
  page_logos: { page_id: string; sha256: string; content_type: string; data_base64: string; created_at: string };
  page_items: {
    page_id: string;
    position: number;
    kind: string;
    component_id: string | null;
    group_id: string | null;
    show_uptime: number;
  };
  incidents: {
    id: string;
    name: string;
    created_at: string;
    updated_at: string;
    /** The span of the timeline (migration 0005), kept by the store on every write: first update's display time. */
    started_at: string | null;
    /** The latest update's display time when it resolves, else null. */
    resolved_at: string | null;
    /** Raised by one on every write to the incident (migration 0008): what a stale edit is told apart by. */
    version: ColumnType<number, number | undefined, number>;
  };
  incident_updates: {
    id: string;
    incident_id: string;
    status: string;
    message: string;
    display_at: string;
    created_at: string;
  };
  incident_update_impacts: { update_id: string; component_id: string; impact: string | null };
  maintenances: {
    id: string;
    name: string;
    description: string | null;
    scheduled_start: string;
    scheduled_end: string;
    completed_at: string | null;
    cancelled_at: string | null;
    created_at: string;
    updated_at: string;
  };
  maintenance_components: { maintenance_id: string; component_id: string };
  maintenance_updates: { id: string; maintenance_id: string; message: string; created_at: string };
  api_keys: {
    id: string;
    name: string;
    token_hash: string;
    created_at: string;
    last_used_at: string | null;
    revoked_at: string | null;
    /** Migration 0007: `admin`, `responder` or `viewer` (STF-4); `admin` when not given. */
    role: ColumnType<string, string | undefined, string>;
    /** JSON array of resources the key is narrowed to, or null for all. */
    scope: ColumnType<string | null, string | null | undefined, string | null>;
    /** The token's first characters (null for keys made before 0007). */
    prefix: ColumnType<string | null, string | null | undefined, string | null>;
  };
  idempotency_keys: {
    api_key_id: string;
    key: string;
    request_hash: string;
    status: number;
    body: string;
    created_at: string;
  };
}

/**
 * Catalog and audit tables (migration 0002), merged into `Tables` by declaration merging. JSON
 * columns hold text, parsed by their store module.
 */
export interface Tables {
  catalog_types: {
    id: string;
    name: string;
    description: string | null;
    /** JSON: the ordered attribute list, each `{ id, name, kind, isList, targetTypeId? }`. */
    attributes: string;
    created_at: string;
    updated_at: string;
  };
  catalog_entries: {
    id: string;
    type_id: string;
    name: string;
    external_id: string;
    /** JSON: string[]. */
    aliases: string;
    rank: number;
    /** JSON: attribute id → stored value (scalar or list). */
    values: string;
    slug: string;
    source_kind: string;
    sync_key: string | null;
    created_at: string;
    updated_at: string;
  };
  /** What each entry can be found by (domain/catalog/catalog-search.ts), written with the entry. */
  catalog_entry_search: { entry_id: string; type_id: string; text: string };
  /** Append-only (LOG-1): the store exposes inserts and reads, never updates or deletes. */
  audit_log: {
    id: string;
    at: string;
    actor: string;
    action: string;
    subject_type: string;
    subject_id: string;
    page_id: string | null;
    /** JSON object. */
    details: string;
    /** Migration 0010: the (lower-case) address the event is about, when there is one: what the audit screen filters by. */
    address: string | null;
  };
}

/**
 * Customer page sign-in and the outbox (migration 0003). Every secret column holds an HMAC keyed by
 * the server secret, never the secret itself (security.md TOK-2, SES-1, RED-3).
 */
export interface Tables {
  sign_in_tokens: {
    token_hash: string;
    /** Non-secret handle for audit events. */
    id: string;
    customer_page_id: string;
    /** Canonical address (DOM-1). */
    email: string;
    code_hash: string;
    code_attempts: number;
    pending_hash: string;
    next_path: string | null;
    created_at: string;
    expires_at: string;
    used_at: string | null;
    voided_at: string | null;
  };
  sessions: {
    id_hash: string;
    /** Non-secret handle for staff tools and audit events. */
    id: string;
    customer_page_id: string;
    email: string;
    domain: string;
    created_at: string;
    last_seen_at: string;
    idle_expires_at: string;
    absolute_expires_at: string;
  };
  /** REQ-4: per key, the hits let through within its sliding window (JSON array of ISO instants). */
  rate_limits: { key: string; hits: string; touched_at: string };
  outbox: {
    id: string;
    kind: string;
    /** JSON; secrets inside are sealed with a key derived from the server secret. */
    payload: string;
    created_at: string;
    attempts: number;
    next_attempt_at: string;
    claimed_by: string | null;
    claimed_until: string | null;
    sent_at: string | null;
    failed_at: string | null;
    last_error: string | null;
    /** Migration 0015: unique when set; a message queued twice under one key is queued once. */
    dedupe_key: ColumnType<string | null, string | null | undefined, string | null>;
  };
}

/** Pages generated from the catalog (migration 0004); the binding itself lives on `pages`. */
export interface Tables {
  sub_page_settings: { page_id: string; entry_id: string; disabled: number };
  customer_pages: {
    id: string;
    page_id: string;
    entry_id: string;
    /** ≥128 random bits, base64url: the unlisted `/c/<token>` URL. Not a credential (sign-in is). */
    url_token: string;
    created_at: string;
    rotated_at: string | null;
  };
}

/** Staff and their sessions (migration 0007); staff sign-in links live in `sign_in_tokens`. */
export interface Tables {
  staff: { id: string; email: string; role: string; created_at: string };
  staff_sessions: {
    id_hash: string;
    id: string;
    staff_id: string;
    device: string;
    created_at: string;
    last_seen_at: string;
    idle_expires_at: string;
    absolute_expires_at: string;
  };
}

/** Saved starting points for declaring an incident (migration 0008). */
export interface Tables {
  incident_templates: { id: string; name: string; message: string; impacts: string; created_at: string };
}

/** Personal read tokens (migration 0014): only the HMAC of the token is kept (TOK-2). */
export interface Tables {
  read_tokens: {
    token_hash: string;
    /** Non-secret handle for lists, revocation and audit events. */
    id: string;
    customer_page_id: string;
    email: string;
    domain: string;
    name: string;
    /** The token's recognisable start (`bcn_rt_` and four characters), for lists. */
    prefix: string;
    created_at: string;
    last_used_at: string | null;
  };
}

/** Email subscriptions (migration 0015); secret columns hold HMACs keyed by the server secret (SUB-2). */
export interface Tables {
  email_subscriptions: {
    id: string;
    /** `page:<pageId>`, `sub:<pageId>/<entryId>` or `customer:<customerPageId>`. */
    scope: string;
    /** Canonical address (DOM-1). */
    email: string;
    domain: string;
    /** JSON array of component ids; null for the whole page. */
    component_ids: string | null;
    /** `pending`, `confirmed` or `unsubscribed`. */
    state: string;
    consent_source: string;
    consent_at: string | null;
    created_at: string;
    updated_at: string;
    confirmed_at: string | null;
    unsubscribed_at: string | null;
  };
  subscription_tokens: {
    token_hash: string;
    id: string;
    subscription_id: string;
    /** `confirm` or `manage`. */
    purpose: string;
    code_hash: string | null;
    code_attempts: ColumnType<number, number | undefined, number>;
    created_at: string;
    expires_at: string;
    used_at: string | null;
  };
  email_quarantine: { email: string; reason: string; quarantined_at: string };
  /** `mail_detail`: `full` or `notice`; a page without a row is `full`. */
  subscription_page_settings: { page_id: string; mail_detail: string; updated_at: string };
}

/** Outgoing webhooks (migration 0016); secrets are sealed under the server secret, tokens kept as HMACs. */
export interface Tables {
  webhook_endpoints: {
    id: string;
    /** `page:<pageId>`, `sub:<pageId>/<entryId>` or `customer:<customerPageId>`. */
    scope: string;
    url: string;
    /** `beacon`, `statuspage`, `slack`, `discord` or `teams`. */
    format: string;
    secret_sealed: string;
    previous_secret_sealed: string | null;
    previous_secret_until: string | null;
    /** `active` or `disabled`. */
    state: string;
    disabled_reason: string | null;
    created_by: string;
    created_at: string;
    updated_at: string;
  };
  webhook_deliveries: {
    id: string;
    endpoint_id: string;
    message_id: string;
    event_type: string;
    attempt: number;
    at: string;
    /** `sent`, `failed` or `disabled` (410 Gone). */
    outcome: string;
    status_code: number | null;
    duration_ms: number;
    error: string | null;
    response_excerpt: string | null;
  };
}
