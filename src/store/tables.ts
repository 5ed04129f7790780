/**
 * Row types of every table, as Kysely sees them. Timestamps are ISO-8601 UTC text
 * (`2025-03-04T10:15:30.123Z`) and booleans are 0/1 integers on both engines, so one
 * set of queries and one codec serve SQLite and PostgreSQL alike.
 */
export interface Tables {
  meta_revision: { id: number; value: number };
  components: {
    id: string;
    name: string;
    description: string | null;
    created_at: string;
    updated_at: string;
  };
  component_groups: {
    id: string;
    name: string;
    description: string | null;
    created_at: string;
    updated_at: string;
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
  };
  page_items: {
    page_id: string;
    position: number;
    kind: string;
    component_id: string | null;
    group_id: string | null;
    show_uptime: number;
  };
  incidents: { id: string; name: string; created_at: string; updated_at: string };
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
