/** Recognises database errors that callers turn into their own errors. */

/**
 * Tells whether `err` is a primary-key or unique-constraint violation, as
 * SQLite (`SQLITE_CONSTRAINT_PRIMARYKEY`, `SQLITE_CONSTRAINT_UNIQUE`) or
 * PostgreSQL (SQLSTATE `23505`) reports it.
 */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === '23505';
}
