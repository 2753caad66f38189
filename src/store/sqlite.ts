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
 * is refused read-only (exit 2: a writing command upgrades it); a store missing a table of its
 * schema, or a column a statement needs, is damaged (exit 2 naming it), in either mode.
 */
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ExitCode, WfmError } from '../errors.js';
import type { PendingCall } from '../cdr/assembler.js';
import type { AgentEvent, AgentEventKind, CallRecord, Outcome, VolumeRecord } from '../cdr/types.js';
import { MIGRATIONS, SCHEMA_VERSION, tablesAt } from './migrations.js';
import { StoreBusyError, type CallQuery, type ForecastSnapshot, type ForecastSummary, type ImportRun, type RosterSnapshot, type RosterSummary, type Store } from './store.js';
import { listForecasts, loadForecast, prepareForecasts, saveForecast } from './forecasts.js';
import { agentCallTotals, callCells, prepareAggregates, type AgentCallQuery, type AgentCallTotal, type CallCell, type CallCellQuery } from './aggregates.js';
import type { AgentRecord, ExamRecord, SkillRequirement, TrainingRecord } from '../people/types.js';

/** Rows per multi-row INSERT (12 parameters each; SQLite allows 32766). */
const CHUNK = 64;

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
        `${path} has schema version ${version}; a writing command upgrades it to ${SCHEMA_VERSION}`,
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

function migrate(db: Database.Database, path: string): void {
  for (let v = schemaVersion(db, path); v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
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

class SqliteStore implements Store {
  readonly version: number;
  private readonly st;
  private knownQueues = new Set<string>();

  /** `copyDir`: the private folder of a read-only copy (removed on close). */
  constructor(
    private readonly db: Database.Database,
    readonly path: string,
    private readonly copyDir?: string,
  ) {
    this.version = db.pragma('user_version', { simple: true }) as number;
    this.st = this.prepared(() => ({
      // new rows take one statement; a re-imported row (conflict) is then updated in place
      insertCall: db.prepare(
        `INSERT INTO calls (queue, entered_ms, call_id, tz, outcome, wait_s, agent, talk_s, wrap_s, ring_no_answers, transfer, source)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (queue, entered_ms, call_id) DO NOTHING`,
      ),
      insertCalls: db.prepare(
        `INSERT INTO calls (queue, entered_ms, call_id, tz, outcome, wait_s, agent, talk_s, wrap_s, ring_no_answers, transfer, source)
         VALUES ${Array.from({ length: CHUNK }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
         ON CONFLICT (queue, entered_ms, call_id) DO NOTHING`,
      ),
      updateCall: db.prepare(
        `UPDATE calls SET tz = ?, outcome = ?, wait_s = ?, agent = ?, talk_s = ?, wrap_s = ?, ring_no_answers = ?, transfer = ?, source = ?
         WHERE queue = ? AND entered_ms = ? AND call_id = ?`,
      ),
      hasCall: db.prepare(`SELECT 1 FROM calls WHERE queue = ? AND entered_ms BETWEEN ? AND ? AND call_id = ? LIMIT 1`).pluck(),
      addQueue: db.prepare(`INSERT OR IGNORE INTO queues (name) VALUES (?)`),
      queues: db.prepare(`SELECT name FROM queues ORDER BY name`).pluck(),
      insertAgentEvent: db.prepare(
        `INSERT INTO agent_events (agent, queue, kind, time_ms, reason, tz) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (agent, queue, kind, time_ms) DO NOTHING`,
      ),
      upsertVolume: db.prepare(
        `INSERT INTO volumes (queue, interval_start_ms, tz, interval_minutes, offered, answered, abandoned, answered_within, aht_s, asa_s)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (queue, interval_start_ms) DO UPDATE SET
           tz = excluded.tz, interval_minutes = excluded.interval_minutes, offered = excluded.offered,
           answered = excluded.answered, abandoned = excluded.abandoned, answered_within = excluded.answered_within,
           aht_s = excluded.aht_s, asa_s = excluded.asa_s`,
      ),
      volumeExists: db.prepare(`SELECT 1 FROM volumes WHERE queue = ? AND interval_start_ms = ?`).pluck(),
      pending: db.prepare(`SELECT state FROM pending_calls WHERE source = ? ORDER BY seq`).pluck(),
      deletePending: db.prepare(`DELETE FROM pending_calls WHERE source = ?`),
      insertPending: db.prepare(`INSERT INTO pending_calls (source, seq, queue, call_id, state) VALUES (?, ?, ?, ?, ?)`),
      callsInQueue: db.prepare(
        `SELECT queue, call_id, entered_ms, outcome, wait_s, agent, talk_s, wrap_s, ring_no_answers, transfer, source
         FROM calls WHERE queue = ? AND entered_ms >= ? AND entered_ms < ? ORDER BY entered_ms`,
      ).raw(),
      agentEvents: db.prepare(
        `SELECT agent, queue, kind, time_ms, reason FROM agent_events WHERE time_ms >= ? AND time_ms < ? ORDER BY time_ms, agent`,
      ).raw(),
      volumesInQueue: db.prepare(
        `SELECT queue, interval_start_ms, interval_minutes, offered, answered, abandoned, answered_within, aht_s, asa_s
         FROM volumes WHERE queue = ? AND interval_start_ms >= ? AND interval_start_ms < ? ORDER BY interval_start_ms`,
      ).raw(),
      recordImport: db.prepare(
        `INSERT INTO imports (kind, files, tz, started_ms, finished_ms, lines, accepted, rejected, calls)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    }));
    for (const q of this.prepared(() => this.st.queues.all() as string[])) this.knownQueues.add(q);
  }

  /** Prepare (or first run) statements: a table or column the store lacks is exit 2 "damaged". */
  private prepared<T>(make: () => T): T {
    try {
      return make();
    } catch (err) {
      throw damaged(this.path, err);
    }
  }

  begin(): void {
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      throw busy(this.path, err);
    }
  }
  commit(): void {
    this.db.exec('COMMIT');
  }
  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  private noteQueue(queue: string): void {
    if (!this.knownQueues.has(queue)) {
      this.st.addQueue.run(queue);
      this.knownQueues.add(queue);
    }
  }

  importCalls(batch: readonly CallRecord[], tz: string): number {
    let added = 0;
    const { insertCall, insertCalls, updateCall } = this.st;
    const one = (c: CallRecord) => {
      const r = insertCall.run(
        c.queue, c.enteredMs, c.callId, tz, c.outcome, c.waitS, c.agent, c.talkS, c.wrapS, c.ringNoAnswers, c.transfer, c.source,
      );
      if (r.changes) added++;
      else {
        updateCall.run(
          tz, c.outcome, c.waitS, c.agent, c.talkS, c.wrapS, c.ringNoAnswers, c.transfer, c.source, c.queue, c.enteredMs, c.callId,
        );
      }
    };
    const params: unknown[] = new Array(CHUNK * 12);
    let i = 0;
    for (; i + CHUNK <= batch.length; i += CHUNK) {
      for (let k = 0; k < CHUNK; k++) {
        const c = batch[i + k];
        this.noteQueue(c.queue);
        const o = k * 12;
        params[o] = c.queue;
        params[o + 1] = c.enteredMs;
        params[o + 2] = c.callId;
        params[o + 3] = tz;
        params[o + 4] = c.outcome;
        params[o + 5] = c.waitS;
        params[o + 6] = c.agent;
        params[o + 7] = c.talkS;
        params[o + 8] = c.wrapS;
        params[o + 9] = c.ringNoAnswers;
        params[o + 10] = c.transfer;
        params[o + 11] = c.source;
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
      this.noteQueue(batch[i].queue);
      one(batch[i]);
    }
    return added;
  }

  importAgentEvents(batch: readonly AgentEvent[], tz: string): number {
    let added = 0;
    for (const e of batch) {
      added += this.st.insertAgentEvent.run(e.agent, e.queue ?? '', e.kind, e.timeMs, e.reason, tz).changes;
    }
    return added;
  }

  importVolumes(batch: readonly VolumeRecord[], tz: string): number {
    let added = 0;
    for (const v of batch) {
      this.noteQueue(v.queue);
      if (!this.st.volumeExists.get(v.queue, v.intervalStartMs)) added++;
      this.st.upsertVolume.run(
        v.queue, v.intervalStartMs, tz, v.intervalMinutes, v.offered, v.answered, v.abandoned, v.answeredWithin, v.ahtS, v.asaS,
      );
    }
    return added;
  }

  pendingCalls(source: string): PendingCall[] {
    return (this.st.pending.all(source) as string[]).map((s) => JSON.parse(s) as PendingCall);
  }

  replacePendingCalls(source: string, pending: readonly PendingCall[]): void {
    this.st.deletePending.run(source);
    pending.forEach((p, i) => this.st.insertPending.run(source, i, p.queue, p.callId, JSON.stringify(p)));
  }

  hasCall(queue: string, callId: string, fromMs: number, toMs: number): boolean {
    return Boolean(this.st.hasCall.get(queue, Math.floor(fromMs), Math.ceil(toMs), callId));
  }

  queues(): string[] {
    return this.st.queues.all() as string[];
  }

  *callsInRange(q: CallQuery): IterableIterator<CallRecord> {
    const queues = q.queues && q.queues.length ? [...q.queues].sort() : this.queues();
    for (const queue of queues) {
      for (const r of this.st.callsInQueue.iterate(queue, q.fromMs, q.toMs) as IterableIterator<unknown[]>) {
        yield {
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
        };
      }
    }
  }

  *agentEventsInRange(fromMs: number, toMs: number): IterableIterator<AgentEvent> {
    for (const r of this.st.agentEvents.iterate(fromMs, toMs) as IterableIterator<unknown[]>) yield agentEvent(r);
  }

  *agentEventsBefore(beforeMs: number, lookbackMs: number): IterableIterator<AgentEvent> {
    yield* this.agentEventsInRange(beforeMs - lookbackMs, beforeMs);
  }

  *volumesInRange(q: CallQuery): IterableIterator<VolumeRecord> {
    const queues = q.queues && q.queues.length ? [...q.queues].sort() : this.queues();
    for (const queue of queues) {
      for (const r of this.st.volumesInQueue.iterate(queue, q.fromMs, q.toMs) as IterableIterator<unknown[]>) {
        yield {
          queue: r[0] as string,
          intervalStartMs: r[1] as number,
          intervalMinutes: r[2] as number | null,
          offered: r[3] as number,
          answered: r[4] as number | null,
          abandoned: r[5] as number | null,
          answeredWithin: r[6] as number | null,
          ahtS: r[7] as number | null,
          asaS: r[8] as number | null,
        };
      }
    }
  }

  /** Statements of the report aggregates (prepared on first use). */
  private aggregateSt?: ReturnType<typeof prepareAggregates>;
  private get aggregates() {
    return (this.aggregateSt ??= this.prepared(() => prepareAggregates(this.db)));
  }

  callCells(q: CallCellQuery): CallCell[] {
    return callCells(this.db, this.aggregates, q);
  }

  agentCallTotals(q: AgentCallQuery): AgentCallTotal[] {
    return agentCallTotals(this.aggregates, q);
  }

  /** Statements of the people tables (prepared on first use). */
  private peopleSt?: ReturnType<typeof preparePeople>;
  private get people() {
    return (this.peopleSt ??= this.prepared(() => preparePeople(this.db)));
  }

  importAgents(batch: readonly AgentRecord[]): number {
    let added = 0;
    const p = this.people;
    for (const a of batch) {
      if (!p.agentExists.get(a.id)) added++;
      p.upsertAgent.run(a.id, a.name, a.team, a.supervisor, a.contract, a.minWeeklyHours, a.maxWeeklyHours, a.hireDate);
      p.deleteSkills.run(a.id);
      for (const sk of a.skills) p.insertSkill.run(a.id, sk.skill, sk.proficiency);
    }
    return added;
  }

  importExams(batch: readonly ExamRecord[]): number {
    let added = 0;
    const p = this.people;
    for (const e of batch) {
      if (p.deleteExam.run(e.agent, e.exam, e.date, e.attempt).changes === 0) added++;
      p.insertExam.run(e.agent, e.exam, e.date, e.attempt, e.score, e.passMark, e.passed === null ? null : e.passed ? 1 : 0);
    }
    return added;
  }

  importTraining(batch: readonly TrainingRecord[]): number {
    let added = 0;
    const p = this.people;
    for (const t of batch) {
      if (!p.trainingExists.get(t.agent, t.course, t.date)) added++;
      p.upsertTraining.run(t.agent, t.course, t.date, t.hours, t.result, t.certificateExpiry);
    }
    return added;
  }

  importSkillRequirements(batch: readonly SkillRequirement[]): number {
    let added = 0;
    const p = this.people;
    for (const r of batch) {
      if (!p.requirementExists.get(r.skill)) added++;
      p.upsertRequirement.run(r.skill, r.exam, r.certificate);
    }
    return added;
  }

  agents(): AgentRecord[] {
    const p = this.people;
    const skills = new Map<string, AgentRecord['skills']>();
    for (const r of p.allSkills.all() as unknown[][]) {
      const list = skills.get(r[0] as string) ?? [];
      list.push({ skill: r[1] as string, proficiency: r[2] as number | null });
      skills.set(r[0] as string, list);
    }
    return (p.allAgents.all() as unknown[][]).map((r) => ({
      id: r[0] as string,
      name: r[1] as string | null,
      team: r[2] as string | null,
      supervisor: r[3] as string | null,
      contract: r[4] as AgentRecord['contract'],
      minWeeklyHours: r[5] as number | null,
      maxWeeklyHours: r[6] as number | null,
      hireDate: r[7] as string | null,
      skills: skills.get(r[0] as string) ?? [],
    }));
  }

  exams(fromDate?: string, toDate?: string): ExamRecord[] {
    return (this.people.exams.all(fromDate ?? '0000-00-00', toDate ?? '9999-99-99') as unknown[][]).map((r) => ({
      agent: r[0] as string,
      exam: r[1] as string,
      date: r[2] as string,
      attempt: r[3] as number | null,
      score: r[4] as number | null,
      passMark: r[5] as number | null,
      passed: r[6] === null ? null : r[6] === 1,
    }));
  }

  training(toDate?: string): TrainingRecord[] {
    return (this.people.training.all(toDate ?? '9999-99-99') as unknown[][]).map((r) => ({
      agent: r[0] as string,
      course: r[1] as string,
      date: r[2] as string,
      hours: r[3] as number | null,
      result: r[4] as string | null,
      certificateExpiry: r[5] as string | null,
    }));
  }

  skillRequirements(): SkillRequirement[] {
    return (this.people.requirements.all() as unknown[][]).map((r) => ({
      skill: r[0] as string,
      exam: r[1] as string | null,
      certificate: r[2] as string | null,
    }));
  }

  /** Statements of the roster tables (prepared on first use). */
  private rosterSt?: ReturnType<typeof prepareRosters>;
  private get rosterStatements() {
    return (this.rosterSt ??= this.prepared(() => prepareRosters(this.db)));
  }

  saveRoster(r: RosterSnapshot): boolean {
    const p = this.rosterStatements;
    const save = this.db.transaction(() => {
      if (p.exists.get(r.name)) return false;
      p.insertRoster.run(r.name, r.createdMs, r.tz, r.startDate, r.days, r.intervalMinutes, r.solver, r.paidHours, r.lowerBound, r.gap, r.understaffed, r.seconds, r.rules);
      r.shifts.forEach((s, i) =>
        p.insertShift.run(r.name, i, s.agent, s.queue, s.template, s.startMs, s.endMs, JSON.stringify(s.breaks.map((b) => [b.startMs, b.endMs, b.paid ? 1 : 0]))),
      );
      for (const c of r.coverage) p.insertCoverage.run(r.name, c.queue, c.intervalStartMs, c.required, c.scheduled);
      return true;
    });
    try {
      return save.immediate();
    } catch (err) {
      throw busy(this.path, err);
    }
  }

  roster(name: string): RosterSnapshot | null {
    const p = this.rosterStatements;
    const h = p.roster.get(name) as unknown[] | undefined;
    if (!h) return null;
    const shifts = (p.shifts.all(name) as unknown[][]).map((r) => ({
      agent: r[0] as string,
      queue: r[1] as string,
      template: r[2] as string,
      startMs: r[3] as number,
      endMs: r[4] as number,
      breaks: (JSON.parse(r[5] as string) as [number, number, number][]).map(([startMs, endMs, paid]) => ({ startMs, endMs, paid: paid === 1 })),
    }));
    const coverage = (p.coverage.all(name) as unknown[][]).map((r) => ({
      queue: r[0] as string,
      intervalStartMs: r[1] as number,
      required: r[2] as number,
      scheduled: r[3] as number,
    }));
    return { ...rosterHead(h), rules: h[12] as string, shifts, coverage };
  }

  listRosters(): RosterSummary[] {
    return (this.rosterStatements.list.all() as unknown[][]).map((h) => ({ ...rosterHead(h), shiftCount: h[13] as number, agentCount: h[14] as number }));
  }

  private forecastSt?: ReturnType<typeof prepareForecasts>;
  private get forecastStatements() {
    return (this.forecastSt ??= this.prepared(() => prepareForecasts(this.db)));
  }

  saveForecast(f: ForecastSnapshot): boolean {
    try {
      return saveForecast(this.db, this.forecastStatements, f);
    } catch (err) {
      throw busy(this.path, err);
    }
  }

  forecast(name: string): ForecastSnapshot | null {
    return loadForecast(this.forecastStatements, name);
  }

  listForecasts(): ForecastSummary[] {
    return listForecasts(this.forecastStatements);
  }

  recordImport(run: ImportRun): void {
    this.st.recordImport.run(
      run.kind, JSON.stringify(run.files), run.tz, run.startedMs, run.finishedMs, run.lines, run.accepted, run.rejected, run.calls,
    );
  }

  close(): void {
    try {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.db.close();
    } finally {
      if (this.copyDir) rmSync(this.copyDir, { recursive: true, force: true });
    }
  }
}

function agentEvent(r: unknown[]): AgentEvent {
  return {
    agent: r[0] as string,
    queue: (r[1] as string) === '' ? null : (r[1] as string),
    kind: r[2] as AgentEventKind,
    timeMs: r[3] as number,
    reason: (r[4] as string | null) ?? null,
  };
}

function preparePeople(db: Database.Database) {
  return {
    agentExists: db.prepare(`SELECT 1 FROM agents WHERE id = ?`).pluck(),
    upsertAgent: db.prepare(
      `INSERT INTO agents (id, name, team, supervisor, contract, min_weekly_hours, max_weekly_hours, hire_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, team = excluded.team, supervisor = excluded.supervisor,
         contract = excluded.contract, min_weekly_hours = excluded.min_weekly_hours,
         max_weekly_hours = excluded.max_weekly_hours, hire_date = excluded.hire_date`,
    ),
    deleteSkills: db.prepare(`DELETE FROM agent_skills WHERE agent = ?`),
    insertSkill: db.prepare(`INSERT OR REPLACE INTO agent_skills (agent, skill, proficiency) VALUES (?, ?, ?)`),
    allAgents: db.prepare(
      `SELECT id, name, team, supervisor, contract, min_weekly_hours, max_weekly_hours, hire_date FROM agents ORDER BY id`,
    ).raw(),
    allSkills: db.prepare(`SELECT agent, skill, proficiency FROM agent_skills ORDER BY agent, skill`).raw(),
    deleteExam: db.prepare(
      `DELETE FROM exams WHERE agent = ? AND exam = ? AND date = ? AND ifnull(attempt, 0) = ifnull(?, 0)`,
    ),
    insertExam: db.prepare(
      `INSERT INTO exams (agent, exam, date, attempt, score, pass_mark, passed) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    exams: db.prepare(
      `SELECT agent, exam, date, attempt, score, pass_mark, passed FROM exams WHERE date >= ? AND date <= ?
       ORDER BY date, agent, exam, ifnull(attempt, 0)`,
    ).raw(),
    trainingExists: db.prepare(`SELECT 1 FROM training WHERE agent = ? AND course = ? AND date = ?`).pluck(),
    upsertTraining: db.prepare(
      `INSERT INTO training (agent, course, date, hours, result, certificate_expiry) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (agent, course, date) DO UPDATE SET hours = excluded.hours, result = excluded.result,
         certificate_expiry = excluded.certificate_expiry`,
    ),
    training: db.prepare(
      `SELECT agent, course, date, hours, result, certificate_expiry FROM training WHERE date <= ? ORDER BY date, agent, course`,
    ).raw(),
    requirementExists: db.prepare(`SELECT 1 FROM skill_requirements WHERE skill = ?`).pluck(),
    upsertRequirement: db.prepare(
      `INSERT INTO skill_requirements (skill, exam, certificate) VALUES (?, ?, ?)
       ON CONFLICT (skill) DO UPDATE SET exam = excluded.exam, certificate = excluded.certificate`,
    ),
    requirements: db.prepare(`SELECT skill, exam, certificate FROM skill_requirements ORDER BY skill`).raw(),
  };
}

const ROSTER_COLUMNS = 'name, created_ms, tz, start_date, days, interval_minutes, solver, paid_hours, lower_bound, gap, understaffed, seconds, rules';

function rosterHead(h: unknown[]): Omit<RosterSnapshot, 'shifts' | 'coverage' | 'rules'> {
  return {
    name: h[0] as string,
    createdMs: h[1] as number,
    tz: h[2] as string,
    startDate: h[3] as string,
    days: h[4] as number,
    intervalMinutes: h[5] as number,
    solver: h[6] as string,
    paidHours: h[7] as number,
    lowerBound: h[8] as number,
    gap: h[9] as number,
    understaffed: h[10] as number,
    seconds: h[11] as number,
  };
}

function prepareRosters(db: Database.Database) {
  return {
    exists: db.prepare(`SELECT 1 FROM rosters WHERE name = ?`).pluck(),
    insertRoster: db.prepare(`INSERT INTO rosters (${ROSTER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertShift: db.prepare(
      `INSERT INTO roster_shifts (roster, seq, agent, queue, template, start_ms, end_ms, breaks) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertCoverage: db.prepare(
      `INSERT INTO roster_coverage (roster, queue, interval_start_ms, required, scheduled) VALUES (?, ?, ?, ?, ?)`,
    ),
    roster: db.prepare(`SELECT ${ROSTER_COLUMNS} FROM rosters WHERE name = ?`).raw(),
    shifts: db.prepare(
      `SELECT agent, queue, template, start_ms, end_ms, breaks FROM roster_shifts WHERE roster = ? ORDER BY start_ms, agent, seq`,
    ).raw(),
    coverage: db.prepare(
      `SELECT queue, interval_start_ms, required, scheduled FROM roster_coverage WHERE roster = ? ORDER BY queue, interval_start_ms`,
    ).raw(),
    list: db.prepare(
      `SELECT ${ROSTER_COLUMNS},
         (SELECT count(*) FROM roster_shifts s WHERE s.roster = r.name),
         (SELECT count(DISTINCT agent) FROM roster_shifts s WHERE s.roster = r.name)
       FROM rosters r ORDER BY created_ms DESC, name`,
    ).raw(),
  };
}
