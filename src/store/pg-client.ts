/**
 * One connection to a PostgreSQL store and the one place its errors become wfm's: a `pg.Client`
 * configured from the store's URL (libpq style, src/store/pg-url.ts), 64-bit integers read as JS
 * numbers (a per-client type parser: the driver's global parsers are never touched), queries in
 * array row mode, and COPY FROM STDIN for bulk rows (pg-copy-streams, text format).
 *
 * The password comes from the URL, else PGPASSWORD, else the matching line of ~/.pgpass (PGPASSFILE),
 * looked up here when the server asks for one (node-postgres's own ~/.pgpass support prints a
 * deprecation warning). It never appears in a message: every error text passes through
 * `redactSecrets` with the URL, and the store is shown by its redacted URL.
 *
 * Errors, by SQLSTATE or socket error:
 * - 40P01 deadlock, 40001 serialization failure: StoreConflictError (the run is retried whole);
 * - 42501 insufficient privilege: exit 2 naming the group role the table needs (src/store/roles.ts);
 * - 25006 a write in a store opened for reading: exit 2;
 * - 28P01, 28000, a missing password: exit 2, the login was refused; 3D000: exit 2, no such database;
 * - refused, unreachable, reset, timed out, 57P01-57P03 (shut down, crashed, starting), 08xxx, a
 *   connection that ended mid-run: exit 4 (`ExitCode.unavailable`): nothing of the run was kept;
 * - the server giving up on the run: 57014 (statement_timeout, a cancel), 55P03 (lock_timeout,
 *   NOWAIT), 25P03 (idle_in_transaction_session_timeout), class 53 (out of memory, disk full, too
 *   many connections): exit 4 too, with the server's reason and the SQLSTATE (nothing was kept);
 * - anything else: an Error with the password removed from its message (a bug: exit 1).
 */
import { readFileSync, statSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ExitCode, UsageError, WfmError, type Message } from '../errors.js';
import { parsePostgresUrl, redactSecrets, redactUrl, type PgConnectionConfig } from './pg-url.js';
import { deniedWrite } from './roles.js';
import { StoreConflictError } from './store.js';

/** What a statement touches, for the message of a refused one. */
export interface Touches {
  /** The table it writes (the group role it needs comes from its `writer` in schema.ts). */
  writes?: string;
  /** The table it reads. */
  reads?: string;
  /** A statement of `wfm db migrate`. */
  migrate?: boolean;
}

const INT8_OID = 20;
/** bigint columns are epoch milliseconds and counts, all below 2^53: read as numbers. */
const parseInt8 = (text: string) => Number(text);
const TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

const CONFLICT = new Set(['40P01', '40001']);
const LOGIN = new Set(['28P01', '28000']);
const UNAVAILABLE_SQLSTATE = /^(57P0[123]|08...|53300)$/;
/** The server gave up on the run (a timeout, a lock not had, resources): the connection may live on. */
const GAVE_UP_SQLSTATE = /^(57014|55P03|25P03|53...)$/;
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
const LOST = /Connection terminated|connection error and is not queryable|not queryable|timeout expired|Connection ended/i;
const NO_PASSWORD = /client password must be a string|password must be a string|no password/i;

const codeOf = (err: unknown): string => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

/** A store's connection settings: what the URL says, a password source, our type parsers. */
export function clientConfig(url: string): pg.ClientConfig {
  let cfg: PgConnectionConfig;
  try {
    cfg = parsePostgresUrl(url);
  } catch (err) {
    throw new UsageError({ key: 'store.pg.badUrl', params: { message: redactSecrets((err as Error).message, url) } });
  }
  return {
    ...cfg,
    application_name: cfg.application_name ?? 'wfm',
    types: TYPES,
    // asked only when the server wants a password: PGPASSWORD, else ~/.pgpass (libpq's order)
    password: cfg.password ?? (async (p: { host?: string; port?: number; database?: string; user?: string }) => process.env.PGPASSWORD ?? pgpassLookup(p)),
  } as pg.ClientConfig;
}

/**
 * The password of the first ~/.pgpass line (or PGPASSFILE) matching host, port, database and user
 * (`*` matches anything; `\:` and `\\` are escapes); none when the file is absent or readable by
 * others (libpq ignores it then). A socket folder matches `localhost`, as in libpq.
 */
export function pgpassLookup(p: { host?: string; port?: number; database?: string; user?: string }, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env.PGPASSFILE ?? join(env.HOME ?? homedir(), '.pgpass');
  let text: string;
  try {
    const st = statSync(file);
    if (!st.isFile() || (process.platform !== 'win32' && (st.mode & 0o077) !== 0)) return undefined;
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const host = !p.host || p.host.startsWith('/') ? 'localhost' : p.host;
  const user = p.user ?? env.PGUSER ?? safeUser();
  const want = [host, String(p.port ?? 5432), p.database ?? user, user];
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const fields: string[] = [];
    let cur = '';
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (ch === '\\' && i + 1 < line.length) cur += line[++i];
      else if (ch === ':' && fields.length < 4) {
        fields.push(cur);
        cur = '';
      } else cur += ch;
    }
    fields.push(cur);
    if (fields.length < 5) continue;
    if (want.every((w, i) => fields[i] === '*' || fields[i] === w)) return fields[4];
  }
  return undefined;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

/** Text of a COPY ... FROM STDIN (text format) field: NULL as \N; backslash, tab, newline, CR escaped. */
function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s;
}

/** Rows as COPY text, in chunks of about 1 MB. */
function* copyText(rows: Iterable<readonly unknown[]>): Generator<string> {
  let chunk = '';
  for (const r of rows) {
    let line = '';
    for (let i = 0; i < r.length; i++) line += (i ? '\t' : '') + copyField(r[i]);
    chunk += line + '\n';
    if (chunk.length >= 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** A connection of a PostgreSQL store: queries, COPY, transactions state, errors as wfm's. */
export class PgConnection {
  /** The store as shown to people: the URL without its password. */
  readonly shown: string;
  /** The user changes are recorded under (current_user), once known. */
  user = '';
  /** Why the connection ended under us (the server went away), if it did. */
  private lost: Error | null = null;

  private constructor(
    private readonly client: pg.Client,
    private readonly url: string,
  ) {
    this.shown = redactUrl(url);
    // an idle connection that breaks is reported on the next query (without a listener it would end the process)
    client.on('error', (err) => {
      this.lost ??= err;
    });
    client.on('end', () => {
      this.lost ??= new Error('Connection terminated');
    });
  }

  /** Connect to the store at `url`; exit 2 or 4 saying why not. */
  static async connect(url: string): Promise<PgConnection> {
    const client = new pg.Client(clientConfig(url));
    const conn = new PgConnection(client, url);
    try {
      await client.connect();
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw conn.failure(err, {}, true);
    }
    return conn;
  }

  /** Whether the connection is gone (the server shut down or crashed). */
  get broken(): boolean {
    return this.lost !== null;
  }

  /** Run one statement; rows as arrays. */
  async query(text: string, values: readonly unknown[] = [], touches: Touches = {}): Promise<unknown[][]> {
    if (this.lost) throw this.failure(this.lost, touches);
    try {
      const r = await this.client.query({ text, values: values as unknown[], rowMode: 'array' });
      return r.rows as unknown[][];
    } catch (err) {
      throw this.failure(err, touches);
    }
  }

  /** Run statements without parameters in one round trip (simple protocol); returns the command tags. */
  async exec(text: string, touches: Touches = {}): Promise<string[]> {
    if (this.lost) throw this.failure(this.lost, touches);
    try {
      const r = (await this.client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
      return (Array.isArray(r) ? r : [r]).map((x) => x.command);
    } catch (err) {
      throw this.failure(err, touches);
    }
  }

  /** COPY `rows` into `target` (a table with its column list) through COPY FROM STDIN. */
  async copyIn(target: string, rows: Iterable<readonly unknown[]>, touches: Touches = {}): Promise<void> {
    if (this.lost) throw this.failure(this.lost, touches);
    try {
      const stream = this.client.query(copyFrom(`COPY ${target} FROM STDIN`));
      await pipeline(Readable.from(copyText(rows)), stream);
    } catch (err) {
      throw this.failure(err, touches);
    }
  }

  /** End the connection (quietly when it is already gone). */
  async close(): Promise<void> {
    if (this.lost) {
      await Promise.race([this.client.end().catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())]);
      return;
    }
    await this.client.end().catch(() => undefined);
  }

  /** An error of the driver or the server as the caller should see it (never holding the password). */
  failure(err: unknown, touches: Touches, connecting = false): unknown {
    if (err instanceof WfmError || err instanceof StoreConflictError) return err;
    const code = codeOf(err);
    const reason = this.scrub(String((err as Error | null)?.message ?? err));
    const path = this.shown;
    const user = this.user || this.configuredUser();
    const usage = (msg: Message, english: string) => new UsageError(msg, english);
    if (CONFLICT.has(code)) return new StoreConflictError(path, reason);
    if (code === '42501') {
      if (touches.migrate) return usage({ key: 'store.pg.migrateDenied', params: { path, user, reason } }, `wfm db migrate may not change ${path}: ${reason}`);
      if (touches.writes) return deniedWrite(path, user, touches.writes);
      return usage({ key: 'store.pg.deniedRead', params: { path, user, table: touches.reads ?? '?' } }, `${user} may not read ${path}`);
    }
    if (code === '25006') return usage({ key: 'store.pg.readOnly', params: { path, reason } }, `${path} was opened for reading`);
    if (LOGIN.has(code) || NO_PASSWORD.test(reason)) {
      const why = NO_PASSWORD.test(reason) ? 'the server asks for a password and none was given' : reason;
      return usage({ key: 'store.pg.login', params: { path, reason: why } }, `${path}: login refused: ${why}`);
    }
    if (code === '3D000') {
      const database = (this.client as unknown as { database?: string }).database ?? '?';
      return usage({ key: 'store.pg.noDatabase', params: { path, database } }, `${path}: no database ${database}`);
    }
    if (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code) || LOST.test(reason) || (this.lost && !connecting)) {
      this.lost ??= err instanceof Error ? err : new Error(reason);
      const why = code && !reason.includes(code) ? `${reason} (${code})` : reason;
      return new WfmError(ExitCode.unavailable, { key: 'store.pg.unavailable', params: { path, reason: why } }, `${path} is unavailable: ${why}`);
    }
    if (GAVE_UP_SQLSTATE.test(code)) {
      // idle_in_transaction_session_timeout ends the session too
      if (code === '25P03') this.lost ??= err instanceof Error ? err : new Error(reason);
      return this.gaveUp(reason.includes(code) ? reason : `${reason} (${code})`);
    }
    if (connecting) return usage({ key: 'store.cannotOpen', params: { path, code: code ? `${reason} (${code})` : reason } }, `cannot open ${path}: ${reason}`);
    const e = new Error(`${path}: ${reason}${code ? ` (SQLSTATE ${code})` : ''}`);
    (e as Error & { code?: string }).code = code;
    return e;
  }

  /** Exit 4: the server stopped the run (`why`: the server's reason with the SQLSTATE, already scrubbed). */
  gaveUp(why: string): WfmError {
    const path = this.shown;
    return new WfmError(ExitCode.unavailable, { key: 'store.pg.gaveUp', params: { path, reason: why } }, `${path} stopped the run: ${why}`);
  }

  /** `text` without the password in any form. */
  scrub(text: string): string {
    let out = redactSecrets(text, this.url);
    const pw = (this.client as unknown as { password?: unknown }).password;
    if (typeof pw === 'string' && pw.length > 0) out = out.split(pw).join('***');
    return out;
  }

  private configuredUser(): string {
    return (this.client as unknown as { user?: string }).user ?? '?';
  }
}
