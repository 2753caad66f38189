/**
 * The SQLite implementation of `Store` (better-sqlite3): one file, WAL journal so a report or the
 * live view reads while an import writes, synchronous=NORMAL (durable at checkpoints, never corrupt),
 * migrations applied when a writing command opens it. Every statement is prepared and parameterized.
 *
 * Reading commands open it read-only (SQLite's read-only mode): nothing is written, no migration
 * runs, so a store the user cannot write (a read-only file, a copy on a share) can be read. In WAL
 * mode SQLite reads through a shared-memory index beside the file; where it cannot make one (a folder
 * the user cannot write), the store (and its -wal, if any) is read from a private copy in the system's
 * temporary folder, removed on close (the copy takes time in proportion to the size). A store on an older schema
 * is refused read-only (exit 2: `wfm db migrate` upgrades it); a store missing a table of its
 * schema, or a column a statement needs, is damaged (exit 2 naming it), in either mode.
 */
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ExitCode, WfmError } from '../errors.js';
import type { PendingCall } from '../cdr/assembler.js';
import type { AgentEvent, AgentEventKind, CallRecord, Outcome, VolumeRecord } from '../cdr/types.js';
import { BUCKET_COLUMNS, bucketStart, bucketSums, bucketsMigration, LEGACY_SQLITE, sqliteSitesMigration, tablesAt } from './migrations.js';
import { columnNames, createSchema, SCHEMA_VERSION, table, TABLES } from './schema.js';
import {
  StoreBusyError,
  type AuditEntry,
  type AuditQuery,
  type AuditRow,
  type CallQuery,
  type ForecastSnapshot,
  type ForecastSummary,
  type ImportRun,
  type RosterSnapshot,
  type RosterSummary,
  type SaveResult,
  type SiteRecord,
  type Store,
  type StoreStatus,
} from './store.js';
import { listForecasts, listRosters, loadForecast, loadRoster, prepareSnapshots, saveForecast, saveRoster } from './sqlite-snapshots.js';
import { agentCallTotals, callCells, prepareAggregates } from './sqlite-aggregates.js';
import { forecastSaved, importRecorded, rosterSaved } from './snapshot-records.js';
import * as people from './sqlite-people.js';
import type { AgentCallQuery, AgentCallTotal, CallBucket, CallCell, CallCellQuery } from '../report/cells.js';
import type { AgentRecord, ExamRecord, SkillRequirement, TrainingRecord } from '../people/types.js';

/** Rows per multi-row INSERT (13 parameters each; SQLite allows 32766). */
const CHUNK = 64;
const DAY_MS = 86_400_000;

/**
 * How long one statement waits for another connection's write lock before giving up (ms). Short, so
 * that the application can show that it waits and decide how long (src/app/store.ts retries).
 */
const BUSY_TIMEOUT_MS = 1000;

const codeOf = (err: unknown): string => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

/** SQLITE_BUSY (and its extended codes) as StoreBusyError; anything else unchanged. */
function busy(path: string, err: unknown): unknown {
  return codeOf(err).startsWith('SQLITE_BUSY') ? new StoreBusyError(path) : err;
}

/** A statement that names a table or column the store lacks: the store is damaged (exit 2); anything else unchanged. */
function damaged(path: string, err: unknown): unknown {
  const message = (err as Error | null)?.message ?? '';
  if (err instanceof WfmError || !/^no such (table|column)|has no column named/.test(message)) return err;
  return new WfmError(ExitCode.usage, { key: 'store.damagedSchema', params: { path, message } }, `the store ${path} is damaged: ${message}`);
}

const cannotOpen = (path: string, code: string) => new WfmError(ExitCode.usage, { key: 'store.cannotOpen', params: { path, code } }, `cannot open ${path}: ${code}`);
const readOnly = (path: string, code: string) => new WfmError(ExitCode.usage, { key: 'store.readOnly', params: { path, code } }, `the store ${path} is read-only: ${code}`);

/** Errors of a read-only open that needs a shared-memory index it cannot make beside the file. */
const NEEDS_PRIVATE_COPY = /^SQLITE_(READONLY|CANTOPEN|IOERR_SHM)/;

/** Open the store at `path`: for writing (created when absent, its schema brought up to date), or read-only. */
export function openSqliteStore(path: string, options: { readonly?: boolean } = {}): Store {
  return options.readonly ? openReadOnly(path) : openWritable(path);
}

function openWritable(path: string): Store {
  if (existsSync(path)) {
    // SQLite would open a file it may not write read-only without saying so, and fail at the first write
    try {
      accessSync(path, constants.W_OK);
    } catch (err) {
      throw readOnly(path, codeOf(err) || 'EACCES');
    }
  }
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (err) {
    throw cannotOpen(path, codeOf(err) || (err as Error).message);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    connectionPragmas(db);
    migrate(db, path);
    checkTables(db, path, SCHEMA_VERSION);
    return new SqliteStore(db, path);
  } catch (err) {
    db.close();
    throw openFailure(path, err);
  }
}

function openReadOnly(path: string): Store {
  let db: Database.Database;
  let copyDir: string | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw cannotOpen(path, codeOf(err) || (err as Error).message);
  }
  try {
    try {
      // the first read opens the WAL index
      db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
    } catch (err) {
      if (!NEEDS_PRIVATE_COPY.test(codeOf(err))) throw err;
      db.close();
      copyDir = mkdtempSync(join(tmpdir(), 'wfm-store-'));
      const copy = join(copyDir, 'store.db');
      copyFileSync(path, copy);
      if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
      db = new Database(copy, { readonly: true, fileMustExist: true });
      db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
    }
    connectionPragmas(db);
    const version = schemaVersion(db, path);
    if (version < SCHEMA_VERSION) {
      throw new WfmError(
        ExitCode.usage,
        { key: 'store.needsUpgrade', params: { path, version, needed: SCHEMA_VERSION } },
        `${path} has schema version ${version}; wfm db migrate upgrades it to ${SCHEMA_VERSION}`,
      );
    }
    checkTables(db, path, version);
    return new SqliteStore(db, path, copyDir);
  } catch (err) {
    db.close();
    if (copyDir) rmSync(copyDir, { recursive: true, force: true });
    throw openFailure(path, err);
  }
}

/** Settings of one connection (none writes to the file). */
function connectionPragmas(db: Database.Database): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // 8 MB page cache (the build's default is 16 MB): imports and reports scan in key order, and a
  // 1,000,000-line import then peaks at ~192 MB RSS instead of ~203 MB (bench/import)
  db.pragma('cache_size = -8000');
  db.pragma('foreign_keys = ON');
}

/** An error while opening as the caller should see it: busy (retried), read-only, damaged, or exit 2 "cannot open". */
function openFailure(path: string, err: unknown): unknown {
  if (err instanceof WfmError) return err;
  const b = busy(path, err);
  if (b instanceof StoreBusyError) return b;
  const d = damaged(path, err);
  if (d instanceof WfmError) return d;
  const code = codeOf(err);
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return readOnly(path, code);
  return cannotOpen(path, (err as Error)?.message ?? String(err));
}

/** The schema version; exit 2 when it is newer than this wfm's. */
function schemaVersion(db: Database.Database, path: string): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new WfmError(
      ExitCode.usage,
      { key: 'store.tooNew', params: { path, version: current, supported: SCHEMA_VERSION } },
      `${path} has schema version ${current}, newer than this wfm (${SCHEMA_VERSION})`,
    );
  }
  return current;
}

/**
 * Bring the schema to SCHEMA_VERSION: an empty file gets it from src/store/schema.ts; an older store
 * runs the legacy SQLite migrations (1-5) and then the sites migration (6), each in one immediate
 * transaction (foreign keys off while tables are rebuilt, checked before commit). A migration writes
 * its audit row.
 */
function migrate(db: Database.Database, path: string): void {
  if (schemaVersion(db, path) === SCHEMA_VERSION) return;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      // read again under the write lock: another process (two cron imports at 02:00 on a new or an
      // older store) may have migrated between the look above and this transaction
      const from = schemaVersion(db, path);
      if (from === SCHEMA_VERSION) return;
      const fresh = from === 0 && (db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'table'`).pluck().get() as number) === 0;
      if (fresh) for (const sql of createSchema('sqlite')) db.exec(sql);
      else {
        for (let v = from; v < LEGACY_SQLITE.length; v++) db.exec(LEGACY_SQLITE[v]);
        if (from <= 5) for (const sql of sqliteSitesMigration()) db.exec(sql);
        for (const sql of bucketsMigration('sqlite', from)) db.exec(sql);
        const broken = db.prepare('PRAGMA foreign_key_check').all();
        if (broken.length) throw new Error(`foreign key check failed after the migration: ${JSON.stringify(broken[0])}`);
      }
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
      db.prepare(`INSERT INTO audit (at_ms, user_name, action, site, detail) VALUES (?, ?, 'db.migrate', NULL, ?)`).run(
        Date.now(),
        osUser(),
        JSON.stringify({ from, to: SCHEMA_VERSION }),
      );
    }).immediate();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

/** The OS user, who changes to a SQLite store are recorded under. */
export function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/** Every table of schema `version` must be there: exit 2 naming the store and the missing ones. */
function checkTables(db: Database.Database, path: string, version: number): void {
  const present = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
  const missing = tablesAt(version).filter((t) => !present.has(t));
  if (missing.length) {
    throw new WfmError(ExitCode.usage, { key: 'store.damaged', params: { path, tables: missing.join(', ') } }, `the store ${path} is damaged: ${missing.join(', ')} missing`);
  }
}

/** Rows per page of `callsInRange` and `dumpTable`. */
const PAGE = 5000;

class SqliteStore implements Store {
  readonly backend = 'sqlite' as const;
  readonly version: number;
  readonly user = osUser();
  private readonly st;
  private knownQueues = new Set<string>();

  /** `copyDir`: the private folder of a read-only copy (removed on close). */
  constructor(
    private readonly db: Database.Database,
    readonly path: string,
    private readonly copyDir?: string,
  ) {
    this.version = db.pragma('user_version', { simple: true }) as number;
    const callColumns = '(site, queue, entered_ms, call_id, tz, outcome, wait_s, agent, talk_s, wrap_s, ring_no_answers, transfer, source)';
    const callValues = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
    this.st = this.prepared(() => ({
      // new rows take one statement; a re-imported row (conflict) is then updated in place
      insertCall: db.prepare(`INSERT INTO calls ${callColumns} VALUES ${callValues} ON CONFLICT (site, queue, entered_ms, call_id) DO NOTHING`),
      insertCalls: db.prepare(
        `INSERT INTO calls ${callColumns} VALUES ${Array.from({ length: CHUNK }, () => callValues).join(', ')}
         ON CONFLICT (site, queue, entered_ms, call_id) DO NOTHING`,
      ),
      updateCall: db.prepare(
        `UPDATE calls SET tz = ?, outcome = ?, wait_s = ?, agent = ?, talk_s = ?, wrap_s = ?, ring_no_answers = ?, transfer = ?, source = ?
         WHERE site = ? AND queue = ? AND entered_ms = ? AND call_id = ?`,
      ),
      // the quarter-hour buckets of one (site, queue) over [from, to): rebuilt from the calls there
      deleteBuckets: db.prepare(`DELETE FROM call_buckets WHERE site = ? AND queue = ? AND start_ms >= ? AND start_ms < ?`),
      fillBuckets: db.prepare(
        `INSERT INTO call_buckets (${BUCKET_COLUMNS})
         SELECT site, queue, ${bucketSums('sqlite', '')}
           FROM calls WHERE site = ? AND queue = ? AND entered_ms >= ? AND entered_ms < ?
          GROUP BY ${bucketStart('')}`,
      ),
      buckets: db
        .prepare(`SELECT queue, start_ms, offered, answered, handle_s, talked, talked_handle_s FROM call_buckets WHERE site = ? AND start_ms >= ? AND start_ms < ? ORDER BY start_ms, queue`)
        .raw(),
      hasCall: db.prepare(`SELECT 1 FROM calls WHERE site = ? AND queue = ? AND entered_ms BETWEEN ? AND ? AND call_id = ? LIMIT 1`).pluck(),
      addQueue: db.prepare(`INSERT OR IGNORE INTO queues (site, name) VALUES (?, ?)`),
      allQueues: db.prepare(`SELECT site, name FROM queues`).raw(),
      queues: db.prepare(`SELECT name FROM queues WHERE site = ? ORDER BY name`).pluck(),
      sites: db.prepare(`SELECT name, tz FROM sites ORDER BY name`).raw(),
      saveSite: db.prepare(`INSERT INTO sites (name, tz) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET tz = excluded.tz WHERE sites.tz <> excluded.tz`),
      insertAgentEvent: db.prepare(
        `INSERT INTO agent_events (site, agent, queue, kind, time_ms, reason, tz) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (site, agent, queue, kind, time_ms) DO NOTHING`,
      ),
      upsertVolume: db.prepare(
        `INSERT INTO volumes (site, queue, interval_start_ms, tz, interval_minutes, offered, answered, abandoned, answered_within, aht_s, asa_s)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (site, queue, interval_start_ms) DO UPDATE SET
           tz = excluded.tz, interval_minutes = excluded.interval_minutes, offered = excluded.offered,
           answered = excluded.answered, abandoned = excluded.abandoned, answered_within = excluded.answered_within,
           aht_s = excluded.aht_s, asa_s = excluded.asa_s`,
      ),
      volumeExists: db.prepare(`SELECT 1 FROM volumes WHERE site = ? AND queue = ? AND interval_start_ms = ?`).pluck(),
      pending: db.prepare(`SELECT state FROM pending_calls WHERE site = ? AND source = ? ORDER BY seq`).pluck(),
      deletePending: db.prepare(`DELETE FROM pending_calls WHERE site = ? AND source = ?`),
      insertPending: db.prepare(`INSERT INTO pending_calls (site, source, seq, queue, call_id, state) VALUES (?, ?, ?, ?, ?, ?)`),
      callsInQueue: db
        .prepare(
          `SELECT queue, call_id, entered_ms, outcome, wait_s, agent, talk_s, wrap_s, ring_no_answers, transfer, source
           FROM calls WHERE site = ? AND queue = ? AND entered_ms >= ? AND entered_ms < ? ORDER BY entered_ms, call_id`,
        )
        .raw(),
      agentEvents: db
        .prepare(`SELECT agent, queue, kind, time_ms, reason FROM agent_events WHERE site = ? AND time_ms >= ? AND time_ms < ? ORDER BY time_ms, agent`)
        .raw(),
      volumesInQueue: db
        .prepare(
          `SELECT queue, interval_start_ms, interval_minutes, offered, answered, abandoned, answered_within, aht_s, asa_s
           FROM volumes WHERE site = ? AND queue = ? AND interval_start_ms >= ? AND interval_start_ms < ? ORDER BY interval_start_ms`,
        )
        .raw(),
      recordImport: db.prepare(
        `INSERT INTO imports (site, kind, files, tz, started_ms, finished_ms, lines, accepted, rejected, calls)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      audit: db.prepare(`INSERT INTO audit (at_ms, user_name, action, site, detail) VALUES (?, ?, ?, ?, ?)`),
      auditLog: db
        .prepare(
          `SELECT id, at_ms, user_name, action, site, detail FROM audit
            WHERE at_ms >= $since AND ($site IS NULL OR site = $site) AND ($user IS NULL OR user_name = $user)
            ORDER BY at_ms DESC, id DESC LIMIT $limit`,
        )
        .raw(),
    }));
    for (const [site, q] of this.prepared(() => this.st.allQueues.all() as [string, string][])) this.knownQueues.add(queueKey(site, q));
  }

  /** Prepare (or first run) statements: a table or column the store lacks is exit 2 "damaged". */
  private prepared<T>(make: () => T): T {
    try {
      return make();
    } catch (err) {
      throw damaged(this.path, err);
    }
  }

  /** Run `work` in one immediate transaction (a savepoint inside an open one); busy as StoreBusyError. */
  private write<T>(work: () => T): T {
    try {
      return this.db.transaction(work).immediate();
    } catch (err) {
      throw busy(this.path, err);
    }
  }

  async begin(_lock?: string): Promise<void> {
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      throw busy(this.path, err);
    }
  }
  async commit(): Promise<void> {
    this.rebuildBuckets();
    this.db.exec('COMMIT');
  }
  async rollback(): Promise<void> {
    this.touchedDays.clear();
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    // the queues the rolled-back work recorded are gone with it: note them again when next seen
    this.knownQueues.clear();
  }

  async sites(): Promise<SiteRecord[]> {
    return (this.st.sites.all() as [string, string][]).map(([name, tz]) => ({ name, tz }));
  }

  async saveSite(site: SiteRecord): Promise<void> {
    this.write(() => this.st.saveSite.run(site.name, site.tz));
  }

  private noteQueue(site: string, queue: string): void {
    const key = queueKey(site, queue);
    if (!this.knownQueues.has(key)) {
      this.st.addQueue.run(site, queue);
      this.knownQueues.add(key);
    }
  }

  /** Per site and queue (joined by a NUL), the UTC days (epoch ms / 86,400,000) calls were written on since the last rebuild. */
  private touchedDays = new Map<string, Set<number>>();

  /** Rebuild the call buckets of every (site, queue, UTC day) written since the last rebuild (in the open transaction). */
  private rebuildBuckets(): void {
    for (const [key, days] of this.touchedDays) {
      const [site, queue] = key.split('\u0000') as [string, string];
      for (const d of days) {
        const from = d * DAY_MS;
        this.st.deleteBuckets.run(site, queue, from, from + DAY_MS);
        this.st.fillBuckets.run(site, queue, from, from + DAY_MS);
      }
    }
    this.touchedDays.clear();
  }

  private touch(site: string, batch: readonly CallRecord[]): void {
    let last = '';
    let days: Set<number> | undefined;
    for (const c of batch) {
      if (c.queue !== last || !days) {
        const key = queueKey(site, c.queue);
        days = this.touchedDays.get(key);
        if (!days) this.touchedDays.set(key, (days = new Set()));
        last = c.queue;
      }
      days.add(Math.floor(c.enteredMs / DAY_MS));
    }
  }

  async importCalls(site: string, batch: readonly CallRecord[], tz: string): Promise<number> {
    this.touch(site, batch);
    // outside a transaction every statement commits by itself: the buckets follow at once
    if (!this.db.inTransaction) {
      return this.write(() => {
        const n = this.insertCalls(site, batch, tz);
        this.rebuildBuckets();
        return n;
      });
    }
    return this.insertCalls(site, batch, tz);
  }

  async callBuckets(site: string, q: { fromMs: number; toMs: number; queues?: readonly string[] }): Promise<CallBucket[]> {
    const only = q.queues?.length ? new Set(q.queues) : null;
    const out: CallBucket[] = [];
    for (const r of this.st.buckets.iterate(site, q.fromMs, q.toMs) as IterableIterator<[string, number, number, number, number, number, number]>) {
      if (only && !only.has(r[0])) continue;
      out.push({ queue: r[0], startMs: r[1], offered: r[2], answered: r[3], handleS: r[4], talked: r[5], talkedHandleS: r[6] });
    }
    return out;
  }

  private insertCalls(site: string, batch: readonly CallRecord[], tz: string): number {
    let added = 0;
    const { insertCall, insertCalls, updateCall } = this.st;
    const one = (c: CallRecord) => {
      const r = insertCall.run(site, c.queue, c.enteredMs, c.callId, tz, c.outcome, c.waitS, c.agent, c.talkS, c.wrapS, c.ringNoAnswers, c.transfer, c.source);
      if (r.changes) added++;
      else updateCall.run(tz, c.outcome, c.waitS, c.agent, c.talkS, c.wrapS, c.ringNoAnswers, c.transfer, c.source, site, c.queue, c.enteredMs, c.callId);
    };
    const params: unknown[] = new Array(CHUNK * 13);
    let i = 0;
    for (; i + CHUNK <= batch.length; i += CHUNK) {
      for (let k = 0; k < CHUNK; k++) {
        const c = batch[i + k];
        this.noteQueue(site, c.queue);
        const o = k * 13;
        params[o] = site;
        params[o + 1] = c.queue;
        params[o + 2] = c.enteredMs;
        params[o + 3] = c.callId;
        params[o + 4] = tz;
        params[o + 5] = c.outcome;
        params[o + 6] = c.waitS;
        params[o + 7] = c.agent;
        params[o + 8] = c.talkS;
        params[o + 9] = c.wrapS;
        params[o + 10] = c.ringNoAnswers;
        params[o + 11] = c.transfer;
        params[o + 12] = c.source;
      }
      const r = insertCalls.run(params);
      if (r.changes === CHUNK) added += CHUNK;
      else {
        // some rows were stored before (a re-import): the new ones are in; update every row of the chunk
        added += r.changes;
        for (let k = 0; k < CHUNK; k++) one(batch[i + k]);
      }
    }
    for (; i < batch.length; i++) {
      this.noteQueue(site, batch[i].queue);
      one(batch[i]);
    }
    return added;
  }

  async importAgentEvents(site: string, batch: readonly AgentEvent[], tz: string): Promise<number> {
    let added = 0;
    for (const e of batch) added += this.st.insertAgentEvent.run(site, e.agent, e.queue ?? '', e.kind, e.timeMs, e.reason, tz).changes;
    return added;
  }

  async importVolumes(site: string, batch: readonly VolumeRecord[], tz: string): Promise<number> {
    let added = 0;
    for (const v of batch) {
      this.noteQueue(site, v.queue);
      if (!this.st.volumeExists.get(site, v.queue, v.intervalStartMs)) added++;
      this.st.upsertVolume.run(site, v.queue, v.intervalStartMs, tz, v.intervalMinutes, v.offered, v.answered, v.abandoned, v.answeredWithin, v.ahtS, v.asaS);
    }
    return added;
  }

  async pendingCalls(site: string, source: string): Promise<PendingCall[]> {
    return (this.st.pending.all(site, source) as string[]).map((s) => JSON.parse(s) as PendingCall);
  }

  async replacePendingCalls(site: string, source: string, pending: readonly PendingCall[]): Promise<void> {
    this.st.deletePending.run(site, source);
    pending.forEach((p, i) => this.st.insertPending.run(site, source, i, p.queue, p.callId, JSON.stringify(p)));
  }

  async hasCall(site: string, queue: string, callId: string, fromMs: number, toMs: number): Promise<boolean> {
    return Boolean(this.st.hasCall.get(site, queue, Math.floor(fromMs), Math.ceil(toMs), callId));
  }

  async queues(site: string): Promise<string[]> {
    return this.st.queues.all(site) as string[];
  }

  async *callsInRange(q: CallQuery): AsyncIterable<CallRecord[]> {
    const queues = q.queues && q.queues.length ? [...new Set(q.queues)].sort() : await this.queues(q.site);
    let page: CallRecord[] = [];
    for (const queue of queues) {
      for (const r of this.st.callsInQueue.iterate(q.site, queue, q.fromMs, q.toMs) as IterableIterator<unknown[]>) {
        page.push({
          queue: r[0] as string,
          callId: r[1] as string,
          enteredMs: r[2] as number,
          outcome: r[3] as Outcome,
          waitS: r[4] as number,
          agent: r[5] as string | null,
          talkS: r[6] as number | null,
          wrapS: r[7] as number | null,
          ringNoAnswers: r[8] as number,
          transfer: r[9] as string | null,
          source: r[10] as string,
        });
        if (page.length === PAGE) {
          yield page;
          page = [];
        }
      }
    }
    if (page.length) yield page;
  }

  async agentEventsInRange(site: string, fromMs: number, toMs: number): Promise<AgentEvent[]> {
    return (this.st.agentEvents.all(site, fromMs, toMs) as unknown[][]).map(agentEvent);
  }

  async volumesInRange(q: CallQuery): Promise<VolumeRecord[]> {
    const queues = q.queues && q.queues.length ? [...new Set(q.queues)].sort() : await this.queues(q.site);
    const out: VolumeRecord[] = [];
    for (const queue of queues) {
      for (const r of this.st.volumesInQueue.all(q.site, queue, q.fromMs, q.toMs) as unknown[][]) {
        out.push({
          queue: r[0] as string,
          intervalStartMs: r[1] as number,
          intervalMinutes: r[2] as number | null,
          offered: r[3] as number,
          answered: r[4] as number | null,
          abandoned: r[5] as number | null,
          answeredWithin: r[6] as number | null,
          ahtS: r[7] as number | null,
          asaS: r[8] as number | null,
        });
      }
    }
    return out;
  }

  /** Statements of the report aggregates (prepared on first use). */
  private aggregateSt?: ReturnType<typeof prepareAggregates>;
  private get aggregates() {
    return (this.aggregateSt ??= this.prepared(() => prepareAggregates(this.db)));
  }

  async callCells(site: string, q: CallCellQuery): Promise<CallCell[]> {
    return callCells(this.db, this.aggregates, site, q);
  }

  async agentCallTotals(site: string, q: AgentCallQuery): Promise<AgentCallTotal[]> {
    return agentCallTotals(this.aggregates, site, q);
  }

  /** Statements of the people tables (prepared on first use). */
  private peopleSt?: people.PeopleStatements;
  private get people() {
    return (this.peopleSt ??= this.prepared(() => people.preparePeople(this.db)));
  }

  async importAgents(site: string, batch: readonly AgentRecord[]): Promise<number> {
    return people.importAgents(this.people, site, batch);
  }
  async importExams(site: string, batch: readonly ExamRecord[]): Promise<number> {
    return people.importExams(this.people, site, batch);
  }
  async importTraining(site: string, batch: readonly TrainingRecord[]): Promise<number> {
    return people.importTraining(this.people, site, batch);
  }
  async importSkillRequirements(site: string, batch: readonly SkillRequirement[]): Promise<number> {
    return people.importSkillRequirements(this.people, site, batch);
  }
  async agents(site: string): Promise<AgentRecord[]> {
    return people.agents(this.people, site);
  }
  async exams(site: string, fromDate?: string, toDate?: string): Promise<ExamRecord[]> {
    return people.exams(this.people, site, fromDate, toDate);
  }
  async training(site: string, toDate?: string): Promise<TrainingRecord[]> {
    return people.training(this.people, site, toDate);
  }
  async skillRequirements(site: string): Promise<SkillRequirement[]> {
    return people.skillRequirements(this.people, site);
  }

  /** Statements of the snapshot tables (prepared on first use). */
  private snapshotSt?: ReturnType<typeof prepareSnapshots>;
  private get snapshots() {
    return (this.snapshotSt ??= this.prepared(() => prepareSnapshots(this.db)));
  }

  async saveRoster(site: string, r: RosterSnapshot): Promise<SaveResult> {
    return this.write(() => {
      const result = saveRoster(this.snapshots, site, r, this.user);
      if (result.saved) this.auditNow(rosterSaved(site, r));
      return result;
    });
  }

  async roster(site: string, name: string): Promise<RosterSnapshot | null> {
    return loadRoster(this.snapshots, site, name);
  }

  async listRosters(site?: string): Promise<RosterSummary[]> {
    return listRosters(this.snapshots, site);
  }

  async saveForecast(site: string, f: ForecastSnapshot): Promise<SaveResult> {
    return this.write(() => {
      const result = saveForecast(this.snapshots, site, f, this.user);
      if (result.saved) this.auditNow(forecastSaved(site, f));
      return result;
    });
  }

  async forecast(site: string, name: string): Promise<ForecastSnapshot | null> {
    return loadForecast(this.snapshots, site, name);
  }

  async listForecasts(site?: string): Promise<ForecastSummary[]> {
    return listForecasts(this.snapshots, site);
  }

  async recordImport(site: string, run: ImportRun): Promise<void> {
    this.st.recordImport.run(site, run.kind, JSON.stringify(run.files), run.tz, run.startedMs, run.finishedMs, run.lines, run.accepted, run.rejected, run.calls);
    this.auditNow(importRecorded(site, run));
  }

  private auditNow(entry: AuditEntry): void {
    this.st.audit.run(Date.now(), this.user, entry.action, entry.site, JSON.stringify(entry.detail));
  }

  async audit(entry: AuditEntry): Promise<void> {
    this.auditNow(entry);
  }

  async auditLog(q: AuditQuery): Promise<AuditRow[]> {
    return (this.st.auditLog.all({ since: q.sinceMs ?? -Number.MAX_SAFE_INTEGER, site: q.site ?? null, user: q.user ?? null, limit: q.limit ?? -1 }) as unknown[][]).map((r) => ({
      id: r[0] as number,
      atMs: r[1] as number,
      user: r[2] as string,
      action: r[3] as string,
      site: r[4] as string | null,
      detail: JSON.parse(r[5] as string) as Record<string, unknown>,
    }));
  }

  async status(): Promise<StoreStatus> {
    const rows: Record<string, number> = {};
    for (const t of TABLES) rows[t.name] = this.db.prepare(`SELECT count(*) FROM ${t.name}`).pluck().get() as number;
    return { backend: 'sqlite', location: this.path, version: this.version, user: this.user, sites: await this.sites(), rows };
  }

  async isEmpty(): Promise<boolean> {
    // the audit log of the migration that created the store does not count
    return TABLES.every((t) => t.name === 'audit' || this.db.prepare(`SELECT 1 FROM ${t.name} LIMIT 1`).pluck().get() === undefined);
  }

  async beginSnapshot(): Promise<void> {
    this.db.exec('BEGIN');
    // a deferred transaction takes its snapshot at the first read
    this.db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
  }

  async *dumpTable(name: string): AsyncIterable<unknown[][]> {
    const t = table(name);
    let page: unknown[][] = [];
    for (const r of this.db.prepare(`SELECT ${columnNames(t).join(', ')} FROM ${t.name} ORDER BY ${t.order.join(', ')}`).raw().iterate() as IterableIterator<unknown[]>) {
      page.push(r);
      if (page.length === PAGE) {
        yield page;
        page = [];
      }
    }
    if (page.length) yield page;
  }

  async loadTable(name: string, rows: readonly unknown[][]): Promise<void> {
    const t = table(name);
    const all = columnNames(t);
    // a generated id is not kept: the rows are numbered after the table's own, in the order given
    const keep = all.map((c, i) => (c === t.identity ? -1 : i)).filter((i) => i >= 0);
    const cols = keep.map((i) => all[i]);
    const insert = this.db.prepare(`INSERT INTO ${t.name} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    for (const r of rows) insert.run(keep.map((i) => r[i]));
    if (t.name === 'queues') for (const r of rows) this.knownQueues.add(queueKey(r[0] as string, r[1] as string));
  }

  async close(): Promise<void> {
    try {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.db.close();
    } finally {
      if (this.copyDir) rmSync(this.copyDir, { recursive: true, force: true });
    }
  }
}

const queueKey = (site: string, queue: string) => `${site}\u0000${queue}`;

function agentEvent(r: unknown[]): AgentEvent {
  return {
    agent: r[0] as string,
    queue: (r[1] as string) === '' ? null : (r[1] as string),
    kind: r[2] as AgentEventKind,
    timeMs: r[3] as number,
    reason: (r[4] as string | null) ?? null,
  };
}

/** `wfm db migrate` on a SQLite file: create it or bring its schema up to date. */
export function migrateSqliteStore(path: string): { from: number; to: number } {
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (err) {
    throw cannotOpen(path, codeOf(err) || (err as Error).message);
  }
  try {
    db.pragma('journal_mode = WAL');
    connectionPragmas(db);
    const from = schemaVersion(db, path);
    migrate(db, path);
    checkTables(db, path, SCHEMA_VERSION);
    return { from, to: SCHEMA_VERSION };
  } catch (err) {
    throw openFailure(path, err);
  } finally {
    db.close();
  }
}
