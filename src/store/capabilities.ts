/** Where SQLite and PostgreSQL differ, this says so; nothing else branches on the engine. */
export interface Capabilities {
  engine: 'sqlite' | 'postgres';
  /** Other processes can share the database and must be told of writes (LISTEN/NOTIFY). */
  isShared: boolean;
  /** `SELECT … FOR UPDATE SKIP LOCKED` is available for claiming outbox rows. */
  supportsSkipLocked: boolean;
}

export const SQLITE_CAPABILITIES: Capabilities = { engine: 'sqlite', isShared: false, supportsSkipLocked: false };
export const POSTGRES_CAPABILITIES: Capabilities = { engine: 'postgres', isShared: true, supportsSkipLocked: true };
