/**
 * PostgreSQL store addresses: `postgres://` and `postgresql://` URLs read the way libpq reads them,
 * into a node-postgres client configuration, and their passwords kept out of everything printed.
 * Pure: no I/O, no environment.
 *
 *   postgresql://[user[:password]@][host][:port][/database][?param=value&...]
 *
 * - host: a name, an IPv4 address, an IPv6 address in brackets ([::1]), or a unix socket folder
 *   percent-encoded (%2Fvar%2Frun%2Fpostgresql) or given as `?host=/var/run/postgresql`. One host
 *   only (node-postgres does not try a list). No host: node-postgres's default (PGHOST, else
 *   localhost), where libpq would take its compiled-in socket folder.
 * - user, password and database are percent-decoded. An empty part counts as absent.
 * - parameters (a later one wins, also over the same part before the `?`): host, port, dbname, user,
 *   password, sslmode, application_name, connect_timeout (seconds). Any other is an error, so a
 *   misspelt or unsupported security setting (sslrootcert, ...) is never ignored silently.
 * - password: only from the URL. Without one the configuration has no `password` key, and
 *   node-postgres takes PGPASSWORD, else the ~/.pgpass entry (PGPASSFILE) itself.
 * - sslmode, for node-postgres, which connects exactly once (libpq's allow and prefer try twice):
 *     disable, allow        ssl: false
 *     prefer, require       TLS, the certificate not checked    ({ rejectUnauthorized: false })
 *     verify-ca             TLS, the chain checked (Node's CA store), not the host name
 *     verify-full           TLS, the chain and the host name checked
 *     (absent)              no `ssl` key: node-postgres's default (PGSSLMODE as it reads it, else none)
 *   Over a unix socket there is no TLS (as in libpq): ssl is false whatever sslmode says.
 *   Node's CA store stands in for libpq's ~/.postgresql/root.crt.
 *
 * Errors are plain Errors whose message names what is wrong and quotes the URL redacted.
 */
import { redactUrl } from '../format.js';

export type SslMode = 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
export const SSL_MODES: readonly SslMode[] = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

/** TLS options as node-postgres takes them (a subset of tls.ConnectionOptions). */
export interface PgSsl {
  rejectUnauthorized: boolean;
  checkServerIdentity?: () => undefined;
}

/** A node-postgres ClientConfig (assignable to pg's), holding only what the URL said. */
export interface PgConnectionConfig {
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  ssl?: boolean | PgSsl;
  application_name?: string;
  connectionTimeoutMillis?: number;
}

const PARAMS = ['host', 'port', 'dbname', 'user', 'password', 'sslmode', 'application_name', 'connect_timeout'] as const;
type Param = (typeof PARAMS)[number];

const SCHEME = /^postgres(?:ql)?:\/\//i;

/** Whether a store address is a PostgreSQL URL (else it is a SQLite file path). */
export function isPostgresUrl(address: string): boolean {
  return SCHEME.test(address);
}

/** The URL with its password shown as ***: postgresql://wfm:***@db.example/wfm (src/format.ts, where every printed message parameter passes through it). */
export { redactUrl };

/** The password as written, decoded and re-encoded: the forms in which it may appear in a message. */
function formsOf(raw: string | undefined, into: Set<string>): void {
  if (!raw) return;
  into.add(raw);
  const decoded = tryDecode(raw);
  if (decoded) {
    into.add(decoded);
    into.add(encodeURIComponent(decoded));
  }
}

/**
 * What may be the password, found without parsing (so also in a malformed URL): the text between the
 * first ':' and the last '@' after the scheme, and every password= parameter.
 */
function rawSecrets(url: string): Set<string> {
  const found = new Set<string>();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  if (scheme) {
    const rest = url.slice(scheme[0].length);
    const at = rest.lastIndexOf('@');
    const colon = at >= 0 ? rest.slice(0, at).indexOf(':') : -1;
    if (colon >= 0) formsOf(rest.slice(colon + 1, at), found);
    for (const m of rest.matchAll(/[?&]password=([^&]*)/gi)) formsOf(m[1], found);
  }
  return found;
}

/** Every form in which the URL's password may appear in a message (longest first). */
function secretsOf(url: string): string[] {
  const found = rawSecrets(url);
  try {
    formsOf(parsePostgresUrl(url).password, found);
  } catch {
    /* a malformed URL: the raw forms */
  }
  return [...found].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

/**
 * `text` (an error message, a log line) with the URL's password removed: the URL itself is shown
 * redacted, and the password in any form (as written, decoded, percent-encoded) becomes ***, however
 * short it is.
 */
export function redactSecrets(text: string, url: string): string {
  let out = url ? text.split(url).join(redactUrl(url)) : text;
  for (const secret of secretsOf(url)) out = out.split(secret).join('***');
  return out;
}

function tryDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** Parses a postgres:// or postgresql:// URL (see the file's head); throws a plain Error saying what is wrong. */
export function parsePostgresUrl(url: string): PgConnectionConfig {
  const shown = redactUrl(url);
  const fail = (what: string): never => {
    throw new Error(`${what} in the PostgreSQL URL ${shown}`);
  };
  // A value is quoted in an error only when it cannot be a piece of the password: a password holding
  // an unencoded / ? or # is split into the wrong parts, and the part it lands in must not show it.
  const risky = [...rawSecrets(url)];
  const quote = (v: string) => (risky.some((s) => s.includes(v) || v.includes(s)) ? '"***"' : JSON.stringify(v));
  if (!SCHEME.test(url)) throw new Error(`not a PostgreSQL URL (postgres:// or postgresql://): ${shown}`);
  if (/[\p{Cc}\u2028\u2029]/u.test(url)) fail('a control character (a line break, a tab...)');
  const body = url.replace(SCHEME, '');
  const q = body.indexOf('?');
  const beforeQuery = q >= 0 ? body.slice(0, q) : body;
  const query = q >= 0 ? body.slice(q + 1) : '';
  const slash = beforeQuery.indexOf('/');
  const authority = slash >= 0 ? beforeQuery.slice(0, slash) : beforeQuery;
  const path = slash >= 0 ? beforeQuery.slice(slash + 1) : '';
  // an @ after the host part is a password or user holding an unencoded / (or a database name with @)
  if (path.includes('@')) fail('an "@" after the host (percent-encode a / in the password as %2F, an @ in a database name as %40)');

  const decode = (raw: string, part: string): string => {
    const d = tryDecode(raw);
    return d === null ? fail(`bad percent-encoding in the ${part}`) : d;
  };

  const cfg: PgConnectionConfig = {};
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : '';
  const hostport = at >= 0 ? authority.slice(at + 1) : authority;
  if (at >= 0) {
    const colon = userinfo.indexOf(':');
    const user = decode(colon >= 0 ? userinfo.slice(0, colon) : userinfo, 'user name');
    if (user) cfg.user = user;
    if (colon >= 0) {
      const password = decode(userinfo.slice(colon + 1), 'password');
      if (password) cfg.password = password;
    }
  }

  const setPort = (raw: string) => {
    if (raw === '') return;
    if (!/^\d{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) fail(`bad port ${quote(raw)} (a number from 1 to 65535)`);
    cfg.port = Number(raw);
  };
  const setHost = (h: string) => {
    if (h.includes(',')) fail('several hosts (one host only: node-postgres does not try a list)');
    if (h) cfg.host = h;
  };

  if (hostport) {
    const v6 = /^\[([^\]]*)\](?::(.*))?$/.exec(hostport);
    if (v6) {
      if (!v6[1]) fail('an empty IPv6 address');
      setHost(decode(v6[1], 'host'));
      setPort(v6[2] ?? '');
    } else {
      if (hostport.startsWith('[')) fail('an unclosed [ in the host');
      const colons = hostport.split(':').length - 1;
      if (colons > 1 && !hostport.includes(',')) fail('an IPv6 address without brackets (write [::1])');
      const colon = hostport.lastIndexOf(':');
      setHost(decode(colon >= 0 ? hostport.slice(0, colon) : hostport, 'host'));
      if (colon >= 0) setPort(hostport.slice(colon + 1));
    }
  }

  const database = decode(path, 'database name');
  if (database) cfg.database = database;

  let sslmode: SslMode | undefined;
  for (const pair of query ? query.split('&') : []) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq < 0) fail(`a parameter without a value (${quote(pair)}; a password holding ? or # must be percent-encoded: %3F, %23)`);
    const key = decode(pair.slice(0, eq), 'parameter name');
    const isPassword = key === 'password';
    const value = decode(pair.slice(eq + 1), isPassword ? 'password' : `parameter ${key}`);
    if (!(PARAMS as readonly string[]).includes(key)) {
      fail(`unknown parameter ${quote(key)} (wfm understands ${PARAMS.join(', ')}${key === 'ssl' ? '; for TLS write sslmode=require' : ''})`);
    }
    switch (key as Param) {
      case 'host':
        if (value) setHost(value);
        else delete cfg.host;
        break;
      case 'port':
        if (value) setPort(value);
        else delete cfg.port;
        break;
      case 'dbname':
        if (value) cfg.database = value;
        else delete cfg.database;
        break;
      case 'user':
        if (value) cfg.user = value;
        else delete cfg.user;
        break;
      case 'password':
        if (value) cfg.password = value;
        else delete cfg.password;
        break;
      case 'application_name':
        cfg.application_name = value;
        break;
      case 'connect_timeout':
        if (!/^\d{1,9}$/.test(value)) fail(`bad connect_timeout ${quote(value)} (whole seconds)`);
        if (Number(value) > 0) cfg.connectionTimeoutMillis = Number(value) * 1000;
        else delete cfg.connectionTimeoutMillis;
        break;
      case 'sslmode':
        if (!(SSL_MODES as readonly string[]).includes(value)) fail(`unknown sslmode ${quote(value)} (one of ${SSL_MODES.join(', ')})`);
        sslmode = value as SslMode;
        break;
    }
  }

  if (sslmode) cfg.ssl = cfg.host?.startsWith('/') ? false : sslFor(sslmode);
  return cfg;
}

function sslFor(mode: SslMode): boolean | PgSsl {
  switch (mode) {
    case 'disable':
    case 'allow':
      return false;
    case 'prefer':
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      return { rejectUnauthorized: true, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { rejectUnauthorized: true };
  }
}
