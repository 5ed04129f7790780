/**
 * One line of the append-only audit log (security.md LOG-1): who did what to which subject, when.
 * `details` holds the specifics (before/after, the reason of an override) as plain JSON values.
 */
export interface AuditEvent {
  id: string;
  at: Date;
  /** `api-key:<id>`, `cli`, `system`, or later `staff:<id>`. */
  actor: string;
  /** `<subject>.<verb>`, e.g. `catalog_entry.updated`, `catalog_entry.domain_override`. */
  action: string;
  subjectType: string;
  subjectId: string;
  /** The page concerned, for events about one page (sign-in, sessions); null otherwise. */
  pageId: string | null;
  details: Record<string, unknown>;
}

/** The actor of a request authenticated with an API key. */
export const apiKeyActor = (apiKeyId: string): string => `api-key:${apiKeyId}`;
/** The actor of a command run on the server's command line. */
export const CLI_ACTOR = 'cli';
/** The actor of changes Beacon makes on its own (clock-driven, cleanup). */
export const SYSTEM_ACTOR = 'system';
