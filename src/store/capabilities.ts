/** Where SQLite and PostgreSQL differ, this says so; nothing else branches on the engine. */
export interface Capabilities {
  engine: 'sqlite' | 'postgres';
  /** Other processes can share the database and must be told of writes (LISTEN/NOTIFY). */
  isShared: boolean;
  /** `SELECT … FOR UPDATE SKIP LOCKED` is available for claiming outbox rows. */
  supportsSkipLocked: boolean;
  /** The most parameters one statement may bind (SQLite's SQLITE_MAX_VARIABLE_NUMBER, PostgreSQL's protocol limit). */
  maxBindParameters: number;
}

export const SQLITE_CAPABILITIES: Capabilities = {
  engine: 'sqlite',
  isShared: false,
  supportsSkipLocked: false,
  maxBindParameters: 32_766,
};
export const POSTGRES_CAPABILITIES: Capabilities = {
  engine: 'postgres',
  isShared: true,
  supportsSkipLocked: true,
  maxBindParameters: 65_535,
};
