/**
 * PostgreSQL store addresses: `postgres://` and `postgresql://` URLs. (Minimal for now: the full
 * libpq-style parser arrives from the branch pg-infra with the same exports, and replaces this file.)
 */

/** Whether a store location is a PostgreSQL URL rather than a SQLite file path. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL with its password shown as `***` (for messages and logs). */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/?#@]*):[^@/?#]*@/i, '$1:***@').replace(/([?&]password=)[^&]*/gi, '$1***');
}

/** A node-postgres ClientConfig (assignable to pg's), holding only what the URL said. */
export interface PgConnectionConfig {
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  ssl?: boolean | { rejectUnauthorized: boolean };
  application_name?: string;
}

/** The URL as a client configuration (host, port, user, password, database, sslmode); a plain Error when it cannot be read. */
export function parsePostgresUrl(url: string): PgConnectionConfig {
  let u: URL;
  try {
    u = new URL(url.replace(/^postgres(ql)?:/i, 'http:'));
  } catch {
    throw new Error(`cannot read the PostgreSQL URL ${redactUrl(url)}`);
  }
  const cfg: PgConnectionConfig = {};
  if (u.hostname) cfg.host = decodeURIComponent(u.hostname.replace(/^\[|\]$/g, ''));
  if (u.port) cfg.port = Number(u.port);
  if (u.username) cfg.user = decodeURIComponent(u.username);
  if (u.password) cfg.password = decodeURIComponent(u.password);
  const db = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (db) cfg.database = db;
  const host = u.searchParams.get('host');
  if (host) cfg.host = host;
  const password = u.searchParams.get('password');
  if (password) cfg.password = password;
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode) cfg.ssl = sslmode === 'disable' || sslmode === 'allow' ? false : { rejectUnauthorized: sslmode.startsWith('verify') };
  return cfg;
}

/** `text` with the URL shown redacted and its password, in any form, as ***. */
export function redactSecrets(text: string, url: string): string {
  let out = text.split(url).join(redactUrl(url));
  let password: string | undefined;
  try {
    password = parsePostgresUrl(url).password;
  } catch {
    password = undefined;
  }
  if (password) for (const form of new Set([password, encodeURIComponent(password)])) out = out.split(form).join('***');
  return out;
}
