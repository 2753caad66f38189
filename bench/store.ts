/**
 * Store benchmark (issue 16): SQLite and PostgreSQL side by side.
 *
 *   (a) `wfm import queue-log` of one seeded 1,000,000-line queue_log (bench/import.mjs's generator:
 *       a month, four queues, 50 agents) into a new store of each backend, as a process; seconds and
 *       the ratio PostgreSQL / SQLite. Target: <= 1.5.
 *   (b) 10,000,000 calls (a year, four queues, 200 agents, fractional waits): the first 100,000
 *       through Store.importCalls, the rest appended in bulk (see load); then `report sla` for a month at 30-minute intervals
 *       and `report daily` for a day, through the use-cases (slaReport, dayFigures in
 *       src/app/reports.ts): the first (cold) run, then the median of 5. Target: under 1 s each. The
 *       two backends' answers are compared (they must be identical).
 *
 * PostgreSQL: WFM_BENCH_PG=<superuser URL> (databases are created there and dropped), else a
 * throwaway cluster (test/helpers/pg-server.ts) with durable settings (fsync and full-page writes on,
 * as a real server; shared_buffers 512 MB). The PostgreSQL plan of the month's cells is printed.
 *
 *   npm run bench:store                      (builds, then: vite-node bench/store.ts)
 *   npx vite-node bench/store.ts [--lines 1000000] [--calls 10000000] [--skip-import] [--skip-reports] [--pg-only]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { NO_CONFIG, resolveGlobals } from '../src/app/config.js';
import { dayFigures, slaReport } from '../src/app/reports.js';
import { NO_PROGRESS, type Session } from '../src/app/session.js';
import type { CallRecord } from '../src/cdr/types.js';
import { migrateStore, openStore, redactUrl } from '../src/store/index.js';
import { PgConnection } from '../src/store/pg-client.js';
import { WORK_MEM } from '../src/store/postgres.js';
import { cellsSql } from '../src/store/postgres-aggregates.js';
import { startPgServer, type PgServer } from '../test/helpers/pg-server.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin', 'wfm.js');
const ZONE = 'Asia/Shanghai';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}
const flag = (name: string) => process.argv.includes(`--${name}`);
const LINES = arg('lines', 1_000_000);
const CALLS = arg('calls', 10_000_000);
/** PostgreSQL alone (tuning runs): no SQLite store, no comparison. */
const PG_ONLY = flag('pg-only');

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A PostgreSQL server: WFM_BENCH_PG's, or a throwaway cluster. */
async function postgres(): Promise<{ admin: string; database(): Promise<string>; stop(): Promise<void>; what: string }> {
  const external = process.env.WFM_BENCH_PG;
  const made: string[] = [];
  const sql = async (url: string, text: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query(text)).rows as Record<string, unknown>[];
    } finally {
      await c.end();
    }
  };
  let server: PgServer | undefined;
  let admin: string;
  if (external) admin = external;
  else {
    server = await startPgServer({ settings: { fsync: 'on', full_page_writes: 'on', shared_buffers: '512MB', max_wal_size: '8GB', checkpoint_timeout: '30min' } });
    admin = server.url;
  }
  const version = String((await sql(admin, 'SHOW server_version'))[0].server_version);
  return {
    admin,
    what: `${external ? redactUrl(external) : 'a throwaway cluster'} (PostgreSQL ${version})`,
    async database() {
      const name = `wfm_bench_${made.length}_${process.pid}`;
      await sql(admin, `DROP DATABASE IF EXISTS ${name}`);
      await sql(admin, `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
      made.push(name);
      const u = new URL(admin.replace(/^postgres(ql)?:/i, 'http:'));
      u.pathname = `/${name}`;
      return u.toString().replace(/^http:/, 'postgresql:');
    },
    async stop() {
      for (const name of made) await sql(admin, `DROP DATABASE IF EXISTS ${name}`).catch(() => undefined);
      await server?.stop();
    },
  };
}

/** `wfm import queue-log FILE --db DB` as a process: seconds and its JSON summary. */
function wfmImport(file: string, db: string): { s: number; summary: { calls: number; newCalls: number; agentEvents: number } } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, 'import', 'queue-log', file, '--db', db, '--tz', ZONE, '--format', 'json', '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const s = seconds(t0);
  if (r.status !== 0 && r.status !== 3) throw new Error(`wfm import failed (${r.status}): ${r.stderr}`);
  return { s, summary: JSON.parse(r.stdout) };
}

async function importBench(dir: string, server: Awaited<ReturnType<typeof postgres>>): Promise<void> {
  const file = join(dir, 'queue_log');
  const gen = spawnSync(process.execPath, [join(ROOT, 'bench', 'import.mjs'), String(LINES), '1'], { env: { ...process.env, WFM_BENCH_OUT: file }, encoding: 'utf8' });
  if (gen.status !== 0) throw new Error(`bench/import.mjs could not write the log: ${gen.stderr}`);
  console.log(`(a) queue_log: ${LINES.toLocaleString('en')} lines, ${(statSync(file).size / 1e6).toFixed(1)} MB (bench/import.mjs, seed 1)`);
  const lite = wfmImport(file, join(dir, 'import.db'));
  const url = await server.database();
  await migrateStore(url);
  const pgRun = wfmImport(file, url);
  const c = lite.summary;
  console.log(`    SQLite      ${lite.s.toFixed(2)} s  (${c.calls} calls, ${c.agentEvents} agent events)`);
  console.log(`    PostgreSQL  ${pgRun.s.toFixed(2)} s  (${pgRun.summary.calls} calls, ${pgRun.summary.agentEvents} agent events)`);
  console.log(`    ratio PostgreSQL / SQLite: ${(pgRun.s / lite.s).toFixed(2)} (target <= 1.5)`);
  if (c.newCalls !== pgRun.summary.newCalls || c.agentEvents !== pgRun.summary.agentEvents) throw new Error('the two imports stored different counts');
}

/** mulberry32: a small seeded PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const YEAR_START = Date.UTC(2025, 11, 31, 16); // 2026-01-01 00:00 +08:00
const YEAR_MS = 365 * 86_400_000;

/** The calls of the year in batches (the same for both backends). */
function* yearOfCalls(n: number, batch: number): Generator<CallRecord[]> {
  const r = rng(7);
  const exp = (m: number) => -Math.log(1 - r()) * m;
  const queues = ['billing', 'fault', 'complaints', 'vip'];
  let out: CallRecord[] = [];
  for (let i = 0; i < n; i++) {
    const u = r();
    const outcome = u < 0.8 ? 'answered' : u < 0.95 ? 'abandoned' : u < 0.97 ? 'timeout' : u < 0.99 ? 'key' : 'empty';
    const answered = outcome === 'answered';
    out.push({
      queue: queues[i % 4],
      callId: `${i}`,
      enteredMs: YEAR_START + Math.floor((i / n) * YEAR_MS),
      outcome,
      waitS: Math.round(exp(25) * 1000) / 1000,
      agent: answered ? `SIP/8${String(Math.floor(r() * 200)).padStart(3, '0')}` : null,
      talkS: answered ? 10 + Math.round(exp(200)) : null,
      wrapS: answered && i % 3 === 0 ? Math.round(exp(20) * 10) / 10 : null,
      ringNoAnswers: 0,
      transfer: null,
      source: 'bench',
    });
    if (out.length === batch) {
      yield out;
      out = [];
    }
  }
  if (out.length) yield out;
}

/** A call as a row of the calls table (src/store/schema.ts column order). */
const callRow = (c: CallRecord): unknown[] => [
  'default', c.queue, c.enteredMs, c.callId, ZONE, c.outcome, c.waitS, c.agent, c.talkS, c.wrapS, c.ringNoAnswers, c.transfer, c.source,
];
const CALL_COLUMNS = 'site, queue, entered_ms, call_id, tz, outcome, wait_s, agent, talk_s, wrap_s, ring_no_answers, transfer, source';

/**
 * The year's calls into a store: the first batch through Store.importCalls (the site, its queues and
 * the import's bookkeeping as a real import leaves them), the rest appended in bulk (the calls are
 * new, so no upsert is needed): SQLite by one prepared INSERT per row in transactions of 1,000,000,
 * PostgreSQL by the store's COPY path into calls itself, one transaction.
 */
async function load(location: string, label: string): Promise<void> {
  const t0 = process.hrtime.bigint();
  const batches = yearOfCalls(CALLS, 100_000);
  const first = batches.next();
  const store = await openStore(location, { mode: 'write' });
  if (!first.done) await store.importCalls('default', first.value, ZONE);
  await store.saveSite({ name: 'default', tz: ZONE });
  await store.close();
  let done = first.done ? 0 : first.value.length;
  const tick = (n: number) => {
    const before = Math.floor(done / 1_000_000);
    done += n;
    if (Math.floor(done / 1_000_000) > before) process.stdout.write(`    ${label}: ${(done / 1e6).toFixed(1)} M calls, ${seconds(t0).toFixed(0)} s\r`);
  };
  if (location.startsWith('postgres')) {
    const db = await PgConnection.connect(location);
    try {
      await db.exec('BEGIN');
      for (const batch of batches) {
        await db.copyIn(`calls (${CALL_COLUMNS})`, batch.map(callRow), { writes: 'calls' });
        tick(batch.length);
      }
      await db.exec('COMMIT');
    } finally {
      await db.close();
    }
  } else {
    const db = new Database(location);
    try {
      db.pragma('synchronous = NORMAL');
      db.pragma('cache_size = -262144');
      const insert = db.prepare(`INSERT INTO calls (${CALL_COLUMNS}) VALUES (${CALL_COLUMNS.split(', ').map(() => '?').join(', ')})`);
      const append = db.transaction((rows: CallRecord[][]) => {
        for (const batch of rows) for (const c of batch) insert.run(callRow(c));
      });
      let pending: CallRecord[][] = [];
      for (const batch of batches) {
        pending.push(batch);
        if (pending.length === 10) {
          append(pending);
          tick(pending.reduce((a, x) => a + x.length, 0));
          pending = [];
        }
      }
      if (pending.length) append(pending);
    } finally {
      db.close();
    }
  }
  console.log(`    ${label}: ${CALLS.toLocaleString('en')} calls stored in ${seconds(t0).toFixed(1)} s`.padEnd(70));
}

function session(db: string, cwd: string): Session {
  return {
    cwd,
    db,
    tz: ZONE,
    lang: 'en',
    config: NO_CONFIG,
    settings: resolveGlobals({ db, tz: ZONE, lang: 'en' }, {}, NO_CONFIG, ZONE),
    env: {},
    now: () => new Date(YEAR_START + YEAR_MS),
    startedMs: performance.now(),
    progress: NO_PROGRESS,
    note: () => undefined,
    warn: () => undefined,
  };
}

/** The two reports on one store: the first run and the median of 5; their answers. */
async function reports(s: Session): Promise<{ sla: number[]; daily: number[]; answers: unknown[] }> {
  const month = () => slaReport({ from: { date: '2026-03-01' }, to: { date: '2026-03-31' }, interval: 30, by: 'queue' }, s);
  const day = () => dayFigures({ period: { date: '2026-03-17' }, yesterday: true, interval: 30, shortBy: 1, overBy: 2, outlierZ: 3.5, within: 30, latestForecast: true }, s);
  const time = async <T>(f: () => Promise<T>): Promise<[number, T]> => {
    const t0 = process.hrtime.bigint();
    const v = await f();
    return [seconds(t0), v];
  };
  const sla: number[] = [];
  const daily: number[] = [];
  const answers: unknown[] = [];
  for (let i = 0; i < 6; i++) {
    const [a, slaAnswer] = await time(month);
    const [b, dayAnswer] = await time(day);
    sla.push(a);
    daily.push(b);
    if (i === 0) answers.push(slaAnswer, dayAnswer);
  }
  return { sla, daily, answers };
}

async function explainMonth(url: string): Promise<void> {
  // as the store runs it: its session's work_mem (src/store/postgres.ts)
  const db = await PgConnection.connect(url);
  try {
    await db.exec(`SET work_mem = '${WORK_MEM}'`);
    const from = Date.UTC(2026, 1, 28, 16);
    // the statement of callCells (src/store/postgres-aggregates.ts): $5 the SL threshold, $6 short abandon
    // Asia/Shanghai has no DST: an evenly spaced grid, 1,488 half-hours
    const r = await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${cellsSql(true)}`, ['default', from, from, from + 31 * 86_400_000, 20, 5, ['billing', 'complaints', 'fault', 'vip'], 1_800_000, 31 * 48 - 1]);
    console.log("    PostgreSQL plan of the month's cells:");
    for (const [line] of r as string[][]) console.log(`      ${line}`);
  } finally {
    await db.close();
  }
}

async function vacuum(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = process.hrtime.bigint();
  await c.query('VACUUM (ANALYZE) calls');
  await c.end();
  return seconds(t0);
}

async function reportBench(dir: string, server: Awaited<ReturnType<typeof postgres>>): Promise<void> {
  console.log(`(b) ${CALLS.toLocaleString('en')} calls over 2026 (${Math.round(CALLS / 365).toLocaleString('en')} a day), 4 queues, 200 agents`);
  const litePath = join(dir, 'year.db');
  if (!PG_ONLY) await load(litePath, 'SQLite');
  const url = await server.database();
  await migrateStore(url);
  await load(url, 'PostgreSQL');

  const show = (label: string, r: { sla: number[]; daily: number[] }) =>
    console.log(
      `    ${label.padEnd(38)} report sla (March, 30 min): first ${r.sla[0].toFixed(3)} s, median ${median(r.sla.slice(1)).toFixed(3)} s;` +
        ` report daily (2026-03-17): first ${r.daily[0].toFixed(3)} s, median ${median(r.daily.slice(1)).toFixed(3)} s`,
    );
  const liteR = PG_ONLY ? undefined : await reports(session(litePath, dir));
  if (liteR) show('SQLite', liteR);
  const pgCold = await reports(session(url, dir));
  show('PostgreSQL, as loaded (no VACUUM)', pgCold);
  console.log(`    VACUUM (ANALYZE) calls: ${(await vacuum(url)).toFixed(1)} s (sets the visibility map: index-only scans read no table pages)`);
  const pgR = await reports(session(url, dir));
  show('PostgreSQL, after VACUUM', pgR);
  console.log('    target: under 1 s each');
  if (liteR) console.log(`    answers identical on both backends: sla ${isDeepStrictEqual(liteR.answers[0], pgR.answers[0])}, daily ${isDeepStrictEqual(liteR.answers[1], pgR.answers[1])}`);
  await explainMonth(url);
}

const dir = mkdtempSync(join(tmpdir(), 'wfm-bench-store-'));
let server: Awaited<ReturnType<typeof postgres>> | undefined;
try {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('build first: npm run build (the import runs bin/wfm.js)');
  server = await postgres();
  console.log(`bench/store on ${cpus().length} cores (load ${loadavg()[0].toFixed(2)}), PostgreSQL: ${server.what}`);
  if (!flag('skip-import')) await importBench(dir, server);
  if (!flag('skip-reports')) await reportBench(dir, server);
} finally {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
}
