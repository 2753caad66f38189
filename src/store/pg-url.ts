/**
 * PostgreSQL store addresses: `postgres://` and `postgresql://` URLs. (Minimal for now: the full
 * libpq-style parser arrives with the PostgreSQL store.)
 */

/** Whether a store location is a PostgreSQL URL rather than a SQLite file path. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL with its password shown as `***` (for messages and logs). */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/?#@]*):[^@/?#]*@/i, '$1:***@');
}
