/**
 * A throwaway PostgreSQL cluster for tests and benches: `initdb` into a fresh temp folder, a server
 * on a free loopback port (and a unix socket inside that folder), settings for speed over safety,
 * and everything removed again on stop() or when this process ends.
 *
 *   const pg = await startPgServer();      // about 1 s: initdb + start
 *   const url = await pg.createDatabase(); // postgresql://wfm_admin@127.0.0.1:PORT/wfm_1_ab12cd
 *   ...
 *   await pg.stop();
 *
 * Binaries: WFM_PG_BINDIR, else `pg_config --bindir`, else the highest /usr/lib/postgresql/N/bin,
 * each taken only when initdb, pg_ctl and postgres are there (Debian's libpq-dev ships a pg_config
 * without the server). The server never runs as root: as root, initdb, pg_ctl and postgres run as
 * `postgres` (else `nobody`) through `runuser -u USER --` (else with that user's ids), the folder
 * chowned to that user. Their environment is reduced to PATH and the C locale, so PG* variables of
 * the caller cannot redirect them.
 *
 * Authentication (pg_hba.conf): the superuser `wfm_admin` is trusted on the unix socket and on
 * 127.0.0.1; every other role logs in with a password (scram-sha-256), so createLoginRole's roles
 * really are checked (a wrong password fails as it would on a real server).
 *
 * Cleanup: stop() (fast shutdown, folder removed); on this process's exit or SIGINT/SIGTERM/SIGHUP
 * the same happens synchronously; and a small watchdog shell (detached) does it if this process
 * dies without running any handler (SIGKILL).
 */
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The superuser initdb creates (trusted on loopback and the socket). */
export const PG_SUPERUSER = 'wfm_admin';
const HOST = '127.0.0.1';
const SERVER_BINARIES = ['initdb', 'pg_ctl', 'postgres'];

export interface PgServer {
  /** Superuser URL of the `postgres` database: postgresql://wfm_admin@127.0.0.1:PORT/postgres */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The folder holding the unix socket (.s.PGSQL.PORT); connect with host=<socketDir>. */
  readonly socketDir: string;
  /** The temp folder (data directory, socket, server.log); removed by stop(). */
  readonly dir: string;
  /** `SHOW server_version`, e.g. "15.18 (Debian 15.18-0+deb12u1)". */
  readonly version: string;
  /** A URL on this server: the superuser and `postgres` unless given (password percent-encoded). */
  urlFor(opts?: { user?: string; password?: string; database?: string }): string;
  /** Creates an empty database (UTF8, collation C, from template0) and returns its superuser URL. */
  createDatabase(name?: string): Promise<string>;
  /** Creates a role that can log in with this password (checked: scram-sha-256). */
  createLoginRole(name: string, password: string): Promise<void>;
  /** Fast shutdown, then the folder is removed. Idempotent. */
  stop(): Promise<void>;
  /** Immediate shutdown: every connection is cut mid-work, no checkpoint (restart() recovers). */
  crash(): Promise<void>;
  /** Starts the server again on the same data directory and port (after crash() or a stop of the server alone). */
  restart(): Promise<void>;
  /** The last lines of the server's log, for diagnostics. */
  logTail(lines?: number): string;
}

export interface PgServerOptions {
  /** Extra or overriding postgresql.conf settings, e.g. { shared_buffers: '1GB' } for a bench. */
  settings?: Record<string, string | number>;
}

// ---------------------------------------------------------------------------------------------
// Finding the binaries

const hasServer = (dir: string) => SERVER_BINARIES.every((b) => existsSync(join(dir, b)));

/** Where initdb, pg_ctl and postgres are, or why none were found (a sentence for a skip or an error). */
export function findPgBinDir(env: NodeJS.ProcessEnv = process.env): { dir: string } | { reason: string } {
  const tried: string[] = [];
  const explicit = env.WFM_PG_BINDIR;
  if (explicit) {
    if (hasServer(explicit)) return { dir: explicit };
    return { reason: `WFM_PG_BINDIR=${explicit} does not hold ${SERVER_BINARIES.join(', ')}` };
  }
  const cfg = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (cfg.status === 0 && cfg.stdout.trim()) {
    const dir = cfg.stdout.trim();
    if (hasServer(dir)) return { dir };
    tried.push(`pg_config --bindir gave ${dir}, which lacks the server`);
  } else {
    tried.push('no pg_config on PATH');
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+(\.\d+)?$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const v of versions) {
    const dir = join(root, v, 'bin');
    if (hasServer(dir)) return { dir };
  }
  tried.push(versions.length ? `${root}/{${versions.join(',')}}/bin lack the server` : `no ${root}/*/bin`);
  return {
    reason:
      `no PostgreSQL server binaries (${SERVER_BINARIES.join(', ')}): ${tried.join('; ')}. ` +
      `Install Debian's postgresql package (apt-get install postgresql), set WFM_PG_BINDIR, ` +
      `or point WFM_TEST_PG at a running server's superuser URL`,
  };
}

// ---------------------------------------------------------------------------------------------
// Running as the server's user

interface RunAs {
  name: string;
  uid: number;
  gid: number;
  runuser: string | null;
}

function idOf(name: string, flag: '-u' | '-g'): number | null {
  const r = spawnSync('id', [flag, name], { encoding: 'utf8' });
  return r.status === 0 && /^\d+$/.test(r.stdout.trim()) ? Number(r.stdout.trim()) : null;
}

/** null when this process is not root (the server then runs as this user). */
function serverUser(): RunAs | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const uid = idOf(name, '-u');
    const gid = idOf(name, '-g');
    if (uid !== null && gid !== null && uid !== 0) {
      const runuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser', '/bin/runuser'].find((p) => existsSync(p)) ?? null;
      return { name, uid, gid, runuser };
    }
  }
  throw new Error('running as root, and neither a "postgres" nor a "nobody" user exists to run the PostgreSQL server as (it refuses root)');
}

/** Command line and spawn options that run `file args` as the server's user. */
function asUser(user: RunAs | null, file: string, args: string[]): { file: string; args: string[]; opts: SpawnOptions } {
  // A clean environment: PGPORT, PGDATA, LC_* etc. of the caller must not reach initdb/pg_ctl/postgres
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' };
  if (!user) return { file, args, opts: { env } };
  if (user.runuser) return { file: user.runuser, args: ['-u', user.name, '--', file, ...args], opts: { env } };
  return { file, args, opts: { env, uid: user.uid, gid: user.gid } };
}

interface Ran {
  code: number | null;
  out: string;
}

/** Runs a command to its end (output collected, stdin closed), with a time limit. */
function run(cmd: { file: string; args: string[]; opts: SpawnOptions }, timeoutMs = 60_000): Promise<Ran> {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(cmd.file, cmd.args, { ...cmd.opts, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: null, out: out + String(e) });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/** A port nobody listens on at this moment (the server may still lose a race for it: start retries). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, HOST, () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Cleanup when this process ends

const live = new Set<Cluster>();
let hooked = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const c of live) c.removeSync();
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const handler = () => {
      for (const c of live) c.removeSync();
      process.off(sig, handler);
      // others listening decide what happens next; alone, end as the signal would have ended us
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    };
    process.on(sig, handler);
  }
}

// ---------------------------------------------------------------------------------------------
// The cluster

const quoteConf = (v: string | number) => (typeof v === 'number' ? String(v) : `'${v.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`);
const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

let dbCounter = 0;

class Cluster implements PgServer {
  readonly host = HOST;
  readonly socketDir: string;
  version = '';
  private stopped = false;
  private watchdog: number | undefined;

  port = 0;

  constructor(
    readonly dir: string,
    private readonly bin: string,
    private readonly user: RunAs | null,
  ) {
    this.socketDir = dir;
  }

  get url(): string {
    return this.urlFor();
  }

  private get data(): string {
    return join(this.dir, 'data');
  }

  private pgCtl(args: string[]) {
    return asUser(this.user, join(this.bin, 'pg_ctl'), [...args, '-D', this.data]);
  }

  urlFor(opts: { user?: string; password?: string; database?: string } = {}): string {
    const user = encodeURIComponent(opts.user ?? PG_SUPERUSER);
    const pass = opts.password === undefined ? '' : `:${encodeURIComponent(opts.password)}`;
    return `postgresql://${user}${pass}@${HOST}:${this.port}/${encodeURIComponent(opts.database ?? 'postgres')}`;
  }

  logTail(lines = 30): string {
    try {
      return readFileSync(join(this.dir, 'server.log'), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no server.log)';
    }
  }

  /** pg_ctl start -w; resolves when the server accepts connections. */
  async startServer(): Promise<Ran> {
    return run(this.pgCtl(['start', '-w', '-t', '60', '-s', '-l', join(this.dir, 'server.log')]), 90_000);
  }

  async restart(): Promise<void> {
    this.assertLive();
    const r = await this.startServer();
    if (r.code !== 0) throw new Error(`PostgreSQL did not restart (pg_ctl exit ${r.code}): ${r.out.trim()}\n${this.logTail()}`);
  }

  async crash(): Promise<void> {
    this.assertLive();
    const r = await run(this.pgCtl(['stop', '-w', '-t', '60', '-s', '-m', 'immediate']));
    if (r.code !== 0) throw new Error(`PostgreSQL did not stop (pg_ctl exit ${r.code}): ${r.out.trim()}`);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    // "not running" (after crash()) is fine: the folder goes either way
    await run(this.pgCtl(['stop', '-w', '-t', '60', '-s', '-m', 'fast']));
    this.forget();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** At exit: immediate stop and removal, synchronously. */
  removeSync(): void {
    if (this.stopped) return;
    const c = this.pgCtl(['stop', '-w', '-t', '20', '-s', '-m', 'immediate']);
    spawnSync(c.file, c.args, { ...c.opts, stdio: 'ignore', timeout: 30_000 });
    this.forget();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private forget(): void {
    this.stopped = true;
    live.delete(this);
    if (this.watchdog !== undefined) {
      try {
        process.kill(this.watchdog, 'SIGKILL');
      } catch {
        /* already gone */
      }
      this.watchdog = undefined;
    }
  }

  private assertLive(): void {
    if (this.stopped) throw new Error('this PostgreSQL test server was stopped');
  }

  /** A detached shell that stops the server and removes the folder once this process is gone. */
  startWatchdog(): void {
    const c = this.pgCtl(['stop', '-w', '-t', '20', '-s', '-m', 'immediate']);
    const script = 'p=$1; d=$2; shift 2; while kill -0 "$p" 2>/dev/null; do sleep 1; done; "$@" >/dev/null 2>&1; rm -rf "$d"';
    const child = spawn('/bin/sh', ['-c', script, 'wfm-pg-watchdog', String(process.pid), this.dir, c.file, ...c.args], {
      detached: true,
      stdio: 'ignore',
      env: c.opts.env,
    });
    child.on('error', () => {
      /* no watchdog: the exit handlers still clean up */
    });
    child.unref();
    this.watchdog = child.pid;
  }

  private async admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
    this.assertLive();
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  async createDatabase(name?: string): Promise<string> {
    const db = name ?? `wfm_${++dbCounter}_${Math.random().toString(36).slice(2, 8)}`;
    if (!IDENT.test(db)) throw new Error(`database name ${JSON.stringify(db)}: use lower-case letters, digits and _ (at most 63)`);
    await this.admin((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(db)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`));
    return this.urlFor({ database: db });
  }

  async createLoginRole(name: string, password: string): Promise<void> {
    if (!IDENT.test(name)) throw new Error(`role name ${JSON.stringify(name)}: use lower-case letters, digits and _ (at most 63)`);
    await this.admin((c) => c.query(`CREATE ROLE ${c.escapeIdentifier(name)} LOGIN PASSWORD ${c.escapeLiteral(password)}`));
  }

  async readVersion(): Promise<void> {
    this.version = await this.admin(async (c) => String((await c.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version));
  }

  register(): void {
    live.add(this);
    hookExit();
  }
}

const HBA = `# throwaway test cluster (test/helpers/pg-server.ts): the superuser is trusted, every other role
# logs in with its password
local   all   ${PG_SUPERUSER}                   trust
host    all   ${PG_SUPERUSER}   127.0.0.1/32    trust
local   all   all                              scram-sha-256
host    all   all               127.0.0.1/32    scram-sha-256
`;

function settings(port: number, socketDir: string, extra: Record<string, string | number>): string {
  const all: Record<string, string | number> = {
    listen_addresses: HOST,
    port,
    unix_socket_directories: socketDir,
    // a throwaway cluster: nothing survives an operating-system crash (fsync, full_page_writes off),
    // but every commit survives crash(), a crash of the server alone: the WAL is written to the OS
    // at commit. synchronous_commit=off would gain nothing here (with fsync off the commit's flush
    // is a no-op; 3000 single-row commits took 0.95 s with it, 0.83 s without) and lost 7 of 8
    // commits made just before crash(), even a CREATE TABLE.
    fsync: 'off',
    full_page_writes: 'off',
    synchronous_commit: 'on',
    // concurrent test files, each with pools and child processes
    max_connections: 200,
    timezone: 'UTC',
    log_timezone: 'UTC',
    logging_collector: 'off',
    log_line_prefix: '%m [%p] %q%u@%d ',
    ...extra,
  };
  return '\n# test/helpers/pg-server.ts\n' + Object.entries(all).map(([k, v]) => `${k} = ${quoteConf(v)}`).join('\n') + '\n';
}

/** Starts a throwaway cluster (see the file's head). Throws with the reason when it cannot. */
export async function startPgServer(options: PgServerOptions = {}): Promise<PgServer> {
  const found = findPgBinDir();
  if ('reason' in found) throw new Error(found.reason);
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'wfm-pg-'));
  let cluster: Cluster | undefined;
  try {
    if (user) chownSync(dir, user.uid, user.gid);
    const data = join(dir, 'data');
    const init = await run(
      asUser(user, join(found.dir, 'initdb'), ['-D', data, '-U', PG_SUPERUSER, '-E', 'UTF8', '--locale=C', '-A', 'trust', '--no-sync']),
      120_000,
    );
    if (init.code !== 0) {
      const hint = /Permission denied/.test(init.out) ? ` (the ${user?.name ?? 'server'} user must reach ${tmpdir()}: set TMPDIR to a folder it can enter)` : '';
      throw new Error(`initdb failed (exit ${init.code})${hint}: ${init.out.trim()}`);
    }
    // existing files keep their owner (the server's user) when written in place
    writeFileSync(join(data, 'pg_hba.conf'), HBA);
    const conf = join(data, 'postgresql.conf');
    const base = readFileSync(conf, 'utf8');
    cluster = new Cluster(dir, found.dir, user);
    cluster.register(); // from here on, exit handlers and the watchdog stop and remove it
    cluster.startWatchdog();
    let started = false;
    for (let attempt = 0; attempt < 5 && !started; attempt++) {
      cluster.port = await freePort();
      writeFileSync(conf, base + settings(cluster.port, dir, options.settings ?? {}));
      const r = await cluster.startServer();
      started = r.code === 0;
      const log = cluster.logTail();
      // another process may take the port between our probe and the server's bind: then try another
      if (!started && !/could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(log + r.out)) {
        throw new Error(`PostgreSQL did not start (pg_ctl exit ${r.code}): ${r.out.trim()}\n${log}`);
      }
    }
    if (!started) throw new Error(`PostgreSQL did not start: its port was taken 5 times\n${cluster.logTail()}`);
    await cluster.readVersion();
    return cluster;
  } catch (e) {
    if (cluster) cluster.removeSync();
    else rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
