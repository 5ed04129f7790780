/** True when `error` is a unique-constraint violation from SQLite or PostgreSQL. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const { code } = error as { code: unknown };
  // better-sqlite3 reports SQLITE_CONSTRAINT_UNIQUE; pg reports SQLSTATE 23505 (unique_violation).
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}
