/**
 * The PostgreSQL implementation of `Store` (node-postgres): the shared store of several planners,
 * sites and cron jobs. One connection per store (src/store/pg-client.ts); the semantics are those of
 * the SQLite store (src/store/sqlite.ts), held to it by the one contract test suite.
 *
 * - Opening never migrates: the schema must be on this wfm's version (src/store/postgres-migrate.ts;
 *   `wfm db migrate` creates it). `read` mode makes every transaction READ ONLY (a write is exit 2)
 *   and a `begin()` a REPEATABLE READ snapshot (a consistent copy source).
 * - Bulk writes (calls, agent events, volumes) COPY a batch into a temporary staging table, then one
 *   INSERT ... SELECT ... ON CONFLICT upserts it in key order (so two sessions writing overlapping
 *   batches lock rows in the same order) and counts the inserted rows (`xmax = 0`: a row this
 *   statement inserted, not one it updated). A key twice in one batch: the last wins (calls,
 *   volumes) or the first (agent events), as in SQLite; an unchanged row is not rewritten.
 * - `begin(lock)`: a transaction-level advisory lock per name; another session holding it for a
 *   second is StoreBusyError (the caller waits with progress, up to --wait). A deadlock or a
 *   serialization failure is StoreConflictError: the caller runs the whole transaction again.
 * - A method called outside a transaction runs in one of its own.
 * - Text sorts byte by byte (the columns are COLLATE "C", src/store/schema.ts), as in SQLite.
 */
import { forecastSaved, importRecorded, rosterSaved } from './snapshot-records.js';
import type { PendingCall } from '../cdr/assembler.js';
import type { AgentEvent, AgentEventKind, CallRecord, Outcome, VolumeRecord } from '../cdr/types.js';
import type { AgentRecord, ExamRecord, SkillRequirement, TrainingRecord } from '../people/types.js';
import type { AgentCallQuery, AgentCallTotal, CallBucket, CallCell, CallCellQuery } from '../report/cells.js';
import { PgConnection } from './pg-client.js';
import { agentCallTotals, callCells, msBound } from './postgres-aggregates.js';
import { checkSchema, migrate } from './postgres-migrate.js';
import { AUDIT_INSERT_COLUMNS } from './roles.js';
import * as people from './postgres-people.js';
import * as snapshots from './postgres-snapshots.js';
import { columnNames, table, TABLES, type TableDef } from './schema.js';
import { BUCKET_COLUMNS, bucketSums } from './migrations.js';
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

/** Rows per page of `callsInRange` and `dumpTable`. */
const PAGE = 5000;
/** How long `begin(lock)` tries for a lock another session holds before StoreBusyError, and how often. */
const LOCK_WAIT_MS = 1000;
const LOCK_POLL_MS = 50;
/** The session's memory for a sort or hash before it spills to disk (each report runs a few, one at a time). */
export const WORK_MEM = '64MB';

/** Open the PostgreSQL store at `url` (exit 2 when it is not on this wfm's schema: run wfm db migrate). */
export async function openPostgresStore(url: string, options: { mode: 'read' | 'write' }): Promise<Store> {
  const db = await PgConnection.connect(url);
  try {
    const version = await checkSchema(db);
    if (options.mode === 'read') await db.exec('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
    // a month of 30-minute cells is some 30,000 groups (queue, interval, outcome): hashed in memory,
    // not spilled to disk as under the default 4 MB (bench/store: 10 M calls, March's cells 1.7 s -> see the commit)
    await db.exec(`SET work_mem = '${WORK_MEM}'`);
    return new PostgresStore(db, options.mode, version);
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** `wfm db migrate` on a PostgreSQL store: create its schema, roles and grants (see src/store/postgres-migrate.ts). */
export async function migratePostgresStore(url: string): Promise<{ from: number; to: number }> {
  const db = await PgConnection.connect(url);
  try {
    return await migrate(db);
  } finally {
    await db.close();
  }
}

/** A staging table: the columns of `of` a batch carries (the rest are constants of the statement), plus its position. */
interface Stage {
  name: string;
  of: TableDef;
  columns: string[];
}

const stageOf = (of: string, omit: readonly string[]): Stage => {
  const t = table(of);
  return { name: `wfm_stage_${t.name}`, of: t, columns: columnNames(t).filter((c) => !omit.includes(c)) };
};

const CALL_STAGE = stageOf('calls', ['site', 'tz']);
const EVENT_STAGE = stageOf('agent_events', ['site', 'tz']);
const VOLUME_STAGE = stageOf('volumes', ['site', 'tz']);

/**
 * INSERT ... SELECT from a staging table into its table, in key order, counting the inserted rows.
 * `fixed`: values of the columns the stage omits ($1 = site, $2 = tz). `keep`: of several staged rows
 * with one key, the `last` (updating a stored row, unless unchanged) or the `first` (a stored row is kept).
 */
function upsertFromStage(s: Stage, keep: 'last' | 'first'): string {
  const t = s.of;
  const cols = columnNames(t);
  const fixed: Record<string, string> = { site: '$1::text', tz: '$2::text' };
  const key = t.primaryKey!;
  const stageKey = key.filter((c) => !(c in fixed));
  const select = cols.map((c) => fixed[c] ?? c).join(', ');
  const rest = cols.filter((c) => !key.includes(c));
  const conflict =
    keep === 'last'
      ? `DO UPDATE SET ${rest.map((c) => `${c} = excluded.${c}`).join(', ')}
         WHERE (${rest.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${rest.map((c) => `excluded.${c}`).join(', ')})`
      : 'DO NOTHING';
  const from =
    keep === 'last'
      ? `SELECT DISTINCT ON (${stageKey.join(', ')}) ${select} FROM ${s.name} ORDER BY ${stageKey.join(', ')}, seq DESC`
      : `SELECT ${select} FROM ${s.name} ORDER BY ${stageKey.join(', ')}, seq`;
  return `WITH up AS (
      INSERT INTO ${t.name} AS t (${cols.join(', ')}) ${from}
      ON CONFLICT (${key.join(', ')}) ${conflict}
      RETURNING xmax = 0 AS added)
    SELECT count(*) FILTER (WHERE added) FROM up`;
}

const UPSERT_CALLS = upsertFromStage(CALL_STAGE, 'last');
const INSERT_EVENTS = upsertFromStage(EVENT_STAGE, 'first');
const UPSERT_VOLUMES = upsertFromStage(VOLUME_STAGE, 'last');

const CALL_COLUMNS = 'queue, call_id, entered_ms, outcome, wait_s, agent, talk_s, wrap_s, ring_no_answers, transfer, source';

function callRecord(r: unknown[]): CallRecord {
  return {
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

const queueKey = (site: string, queue: string) => `${site}\u0000${queue}`;
const DAY_MS = 86_400_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class PostgresStore implements Store {
  readonly backend = 'postgres' as const;
  readonly path: string;
  readonly user: string;
  /** Whether a transaction is open (begin, or one of a method's own). */
  private inTx = false;
  /** Queues known to be stored (committed), and those added by the open transaction. */
  private readonly knownQueues = new Set<string>();
  private txQueues = new Set<string>();
  /** Staging tables of this session, and those created in the open transaction (gone if it rolls back). */
  private readonly stages = new Set<string>();
  private txStages = new Set<string>();

  constructor(
    private readonly db: PgConnection,
    private readonly mode: 'read' | 'write',
    readonly version: number,
  ) {
    this.path = db.shown;
    this.user = db.user;
  }

  // -------------------------------------------------------------------------------------------
  // transactions

  async begin(lock?: string): Promise<void> {
    if (this.inTx) throw new Error('a transaction is already open on this store');
    await this.db.exec(this.mode === 'read' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ' : 'BEGIN');
    this.inTx = true;
    if (lock === undefined) return;
    try {
      const started = Date.now();
      for (;;) {
        const [[got]] = await this.db.query(`SELECT pg_try_advisory_xact_lock(hashtext('wfm'), hashtext($1))`, [lock]);
        if (got) return;
        if (Date.now() - started >= LOCK_WAIT_MS) throw new StoreBusyError(this.path);
        await sleep(LOCK_POLL_MS);
      }
    } catch (err) {
      await this.rollback();
      throw err;
    }
  }

  async commit(): Promise<void> {
    if (!this.inTx) return;
    let tags: string[];
    try {
      await this.rebuildBuckets();
    } catch (err) {
      await this.rollback();
      throw err;
    }
    try {
      tags = await this.db.exec('COMMIT');
    } catch (err) {
      this.endTx(false);
      throw err;
    }
    // COMMIT of a transaction that had failed rolls it back
    const committed = tags[0] !== 'ROLLBACK';
    this.endTx(committed);
    if (!committed) throw this.db.gaveUp('the transaction had failed and the server rolled it back (COMMIT returned ROLLBACK)');
  }

  async rollback(): Promise<void> {
    if (!this.inTx) return;
    try {
      // a connection that is gone has rolled back on the server already
      if (!this.db.broken) await this.db.exec('ROLLBACK');
    } catch {
      /* the server ended the transaction with the connection */
    } finally {
      this.endTx(false);
    }
  }

  private endTx(committed: boolean): void {
    this.inTx = false;
    this.touchedDays.clear();
    if (committed) {
      for (const q of this.txQueues) this.knownQueues.add(q);
      for (const s of this.txStages) this.stages.add(s);
    }
    this.txQueues = new Set();
    this.txStages = new Set();
  }

  /** Run `work` in the open transaction, or in one of its own. */
  private async atomic<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTx) return work();
    await this.begin();
    try {
      const result = await work();
      await this.commit();
      return result;
    } catch (err) {
      await this.rollback();
      throw err;
    }
  }

  // -------------------------------------------------------------------------------------------
  // sites, imports

  async sites(): Promise<SiteRecord[]> {
    return (await this.db.query(`SELECT name, tz FROM sites ORDER BY name`, [], { reads: 'sites' })).map((r) => ({ name: r[0] as string, tz: r[1] as string }));
  }

  async saveSite(site: SiteRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO sites AS s (name, tz) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET tz = excluded.tz WHERE s.tz <> excluded.tz`,
      [site.name, site.tz],
      { writes: 'sites' },
    );
  }

  /** COPY a batch into its staging table (created on first use in this session, emptied before each batch). */
  private async stage(s: Stage, rows: Iterable<unknown[]>): Promise<void> {
    if (this.stages.has(s.name) || this.txStages.has(s.name)) await this.db.exec(`TRUNCATE ${s.name}`);
    else {
      // the columns' types and collations are the table's; `seq` is the row's place in the batch
      await this.db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${s.name} AS SELECT ${s.columns.join(', ')}, 0::bigint AS seq FROM ${s.of.name} WITH NO DATA; TRUNCATE ${s.name}`, {
        reads: s.of.name,
      });
      (this.inTx ? this.txStages : this.stages).add(s.name);
    }
    await this.db.copyIn(`${s.name} (${s.columns.join(', ')}, seq)`, rows);
  }

  /** Record the queues of a batch in `queues` (once per session and queue). */
  private async noteQueues(site: string, queues: Iterable<string>): Promise<void> {
    const fresh = new Set<string>();
    for (const q of queues) {
      const k = queueKey(site, q);
      if (!this.knownQueues.has(k) && !this.txQueues.has(k)) fresh.add(q);
    }
    if (!fresh.size) return;
    const names = [...fresh].sort();
    await this.db.query(`INSERT INTO queues (site, name) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [site, names], { writes: 'queues' });
    for (const q of names) (this.inTx ? this.txQueues : this.knownQueues).add(queueKey(site, q));
  }

  /** Per site and queue (queueKey), the UTC days (epoch ms / 86,400,000) the open transaction wrote calls on. */
  private readonly touchedDays = new Map<string, Set<number>>();

  /**
   * Rebuild the call buckets (src/store/schema.ts) of every (site, queue, UTC day) the open
   * transaction wrote calls on, from the calls there: one DELETE and one INSERT for them all.
   */
  private async rebuildBuckets(): Promise<void> {
    if (!this.touchedDays.size) return;
    const sites: string[] = [];
    const queues: string[] = [];
    const days: number[] = [];
    for (const [key, set] of this.touchedDays) {
      const [site, queue] = key.split('\u0000') as [string, string];
      for (const d of set) {
        sites.push(site);
        queues.push(queue);
        days.push(d * DAY_MS);
      }
    }
    const t = `unnest($1::text[], $2::text[], $3::bigint[]) AS t (site, queue, d)`;
    const w = { writes: 'call_buckets' };
    await this.db.query(`DELETE FROM call_buckets b USING ${t} WHERE b.site = t.site AND b.queue = t.queue AND b.start_ms >= t.d AND b.start_ms < t.d + ${DAY_MS}`, [sites, queues, days], w);
    await this.db.query(
      `INSERT INTO call_buckets (${BUCKET_COLUMNS})
       SELECT c.site, c.queue, ${bucketSums('postgres', 'c.')}
         FROM ${t} JOIN calls c ON c.site = t.site AND c.queue = t.queue AND c.entered_ms >= t.d AND c.entered_ms < t.d + ${DAY_MS}
        GROUP BY 1, 2, 3`,
      [sites, queues, days],
      w,
    );
    this.touchedDays.clear();
  }

  async callBuckets(site: string, q: { fromMs: number; toMs: number; queues?: readonly string[] }): Promise<CallBucket[]> {
    const only = q.queues?.length ? [...new Set(q.queues)] : null;
    const rows = await this.db.query(
      `SELECT queue, start_ms, offered, answered, handle_s, talked, talked_handle_s FROM call_buckets
        WHERE site = $1 AND start_ms >= $2 AND start_ms < $3 AND ($4::text[] IS NULL OR queue = ANY($4::text[])) ORDER BY start_ms, queue`,
      [site, q.fromMs, q.toMs, only],
      { reads: 'call_buckets' },
    );
    return rows.map((r) => ({
      queue: r[0] as string, startMs: Number(r[1]), offered: Number(r[2]), answered: Number(r[3]), handleS: Number(r[4]), talked: Number(r[5]), talkedHandleS: Number(r[6]),
    }));
  }

  async importCalls(site: string, batch: readonly CallRecord[], tz: string): Promise<number> {
    if (!batch.length) return 0;
    return this.atomic(async () => {
      for (const c of batch) {
        const key = queueKey(site, c.queue);
        let set = this.touchedDays.get(key);
        if (!set) this.touchedDays.set(key, (set = new Set()));
        set.add(Math.floor(c.enteredMs / DAY_MS));
      }
      await this.stage(
        CALL_STAGE,
        batch.map((c, i) => [c.queue, c.enteredMs, c.callId, c.outcome, c.waitS, c.agent, c.talkS, c.wrapS, c.ringNoAnswers, c.transfer, c.source, i]),
      );
      const [[added]] = await this.db.query(UPSERT_CALLS, [site, tz], { writes: 'calls' });
      await this.noteQueues(site, batch.map((c) => c.queue));
      return added as number;
    });
  }

  async importAgentEvents(site: string, batch: readonly AgentEvent[], tz: string): Promise<number> {
    if (!batch.length) return 0;
    return this.atomic(async () => {
      await this.stage(EVENT_STAGE, batch.map((e, i) => [e.agent, e.queue ?? '', e.kind, e.timeMs, e.reason, i]));
      const [[added]] = await this.db.query(INSERT_EVENTS, [site, tz], { writes: 'agent_events' });
      return added as number;
    });
  }

  async importVolumes(site: string, batch: readonly VolumeRecord[], tz: string): Promise<number> {
    if (!batch.length) return 0;
    return this.atomic(async () => {
      await this.stage(
        VOLUME_STAGE,
        batch.map((v, i) => [v.queue, v.intervalStartMs, v.intervalMinutes, v.offered, v.answered, v.abandoned, v.answeredWithin, v.ahtS, v.asaS, i]),
      );
      const [[added]] = await this.db.query(UPSERT_VOLUMES, [site, tz], { writes: 'volumes' });
      await this.noteQueues(site, batch.map((v) => v.queue));
      return added as number;
    });
  }

  async pendingCalls(site: string, source: string): Promise<PendingCall[]> {
    const rows = await this.db.query(`SELECT state FROM pending_calls WHERE site = $1 AND source = $2 ORDER BY seq`, [site, source], { reads: 'pending_calls' });
    return rows.map((r) => JSON.parse(r[0] as string) as PendingCall);
  }

  async replacePendingCalls(site: string, source: string, pending: readonly PendingCall[]): Promise<void> {
    await this.atomic(async () => {
      const w = { writes: 'pending_calls' };
      await this.db.query(`DELETE FROM pending_calls WHERE site = $1 AND source = $2`, [site, source], w);
      if (!pending.length) return;
      await this.db.query(
        `INSERT INTO pending_calls (site, source, seq, queue, call_id, state)
         SELECT $1, $2, n - 1, q, c, s FROM unnest($3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS p (q, c, s, n)`,
        [site, source, pending.map((p) => p.queue), pending.map((p) => p.callId), pending.map((p) => JSON.stringify(p))],
        w,
      );
    });
  }

  async hasCall(site: string, queue: string, callId: string, fromMs: number, toMs: number): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM calls WHERE site = $1 AND queue = $2 AND entered_ms BETWEEN $3 AND $4 AND call_id = $5 LIMIT 1`,
      [site, queue, Math.floor(fromMs), Math.ceil(toMs), callId],
      { reads: 'calls' },
    );
    return rows.length > 0;
  }

  // -------------------------------------------------------------------------------------------
  // reads

  async queues(site: string): Promise<string[]> {
    return (await this.db.query(`SELECT name FROM queues WHERE site = $1 ORDER BY name`, [site], { reads: 'queues' })).map((r) => r[0] as string);
  }

  private async queueList(q: CallQuery): Promise<string[]> {
    return q.queues && q.queues.length ? [...new Set(q.queues)].sort() : this.queues(q.site);
  }

  /** Pages of calls read by key (site, queue, entered_ms, call_id) after the last one: each page is one short index range. */
  async *callsInRange(q: CallQuery): AsyncIterable<CallRecord[]> {
    const from = msBound(q.fromMs);
    const to = msBound(q.toMs);
    const touches = { reads: 'calls' };
    let page: CallRecord[] = [];
    for (const queue of await this.queueList(q)) {
      let rows = await this.db.query(
        `SELECT ${CALL_COLUMNS} FROM calls WHERE site = $1 AND queue = $2 AND entered_ms >= $3 AND entered_ms < $4 ORDER BY entered_ms, call_id LIMIT ${PAGE}`,
        [q.site, queue, from, to],
        touches,
      );
      for (;;) {
        for (const r of rows) {
          page.push(callRecord(r));
          if (page.length === PAGE) {
            yield page;
            page = [];
          }
        }
        if (rows.length < PAGE) break;
        const last = rows[rows.length - 1];
        rows = await this.db.query(
          `SELECT ${CALL_COLUMNS} FROM calls WHERE site = $1 AND queue = $2 AND (entered_ms, call_id) > ($3, $4) AND entered_ms < $5
            ORDER BY entered_ms, call_id LIMIT ${PAGE}`,
          [q.site, queue, last[2], last[1], to],
          touches,
        );
      }
    }
    if (page.length) yield page;
  }

  async agentEventsInRange(site: string, fromMs: number, toMs: number): Promise<AgentEvent[]> {
    const rows = await this.db.query(
      `SELECT agent, queue, kind, time_ms, reason FROM agent_events WHERE site = $1 AND time_ms >= $2 AND time_ms < $3 ORDER BY time_ms, agent, queue, kind`,
      [site, msBound(fromMs), msBound(toMs)],
      { reads: 'agent_events' },
    );
    return rows.map((r) => ({
      agent: r[0] as string,
      queue: (r[1] as string) === '' ? null : (r[1] as string),
      kind: r[2] as AgentEventKind,
      timeMs: r[3] as number,
      reason: (r[4] as string | null) ?? null,
    }));
  }

  async volumesInRange(q: CallQuery): Promise<VolumeRecord[]> {
    const out: VolumeRecord[] = [];
    for (const queue of await this.queueList(q)) {
      const rows = await this.db.query(
        `SELECT queue, interval_start_ms, interval_minutes, offered, answered, abandoned, answered_within, aht_s, asa_s
           FROM volumes WHERE site = $1 AND queue = $2 AND interval_start_ms >= $3 AND interval_start_ms < $4 ORDER BY interval_start_ms`,
        [q.site, queue, msBound(q.fromMs), msBound(q.toMs)],
        { reads: 'volumes' },
      );
      for (const r of rows) {
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

  async callCells(site: string, q: CallCellQuery): Promise<CallCell[]> {
    return callCells(this.db, site, q);
  }

  async agentCallTotals(site: string, q: AgentCallQuery): Promise<AgentCallTotal[]> {
    return agentCallTotals(this.db, site, q);
  }

  // -------------------------------------------------------------------------------------------
  // people

  async importAgents(site: string, batch: readonly AgentRecord[]): Promise<number> {
    return this.atomic(() => people.importAgents(this.db, site, batch));
  }
  async importExams(site: string, batch: readonly ExamRecord[]): Promise<number> {
    return this.atomic(() => people.importExams(this.db, site, batch));
  }
  async importTraining(site: string, batch: readonly TrainingRecord[]): Promise<number> {
    return this.atomic(() => people.importTraining(this.db, site, batch));
  }
  async importSkillRequirements(site: string, batch: readonly SkillRequirement[]): Promise<number> {
    return this.atomic(() => people.importSkillRequirements(this.db, site, batch));
  }
  async agents(site: string): Promise<AgentRecord[]> {
    return people.agents(this.db, site);
  }
  async exams(site: string, fromDate?: string, toDate?: string): Promise<ExamRecord[]> {
    return people.exams(this.db, site, fromDate, toDate);
  }
  async training(site: string, toDate?: string): Promise<TrainingRecord[]> {
    return people.training(this.db, site, toDate);
  }
  async skillRequirements(site: string): Promise<SkillRequirement[]> {
    return people.skillRequirements(this.db, site);
  }

  // -------------------------------------------------------------------------------------------
  // snapshots

  async saveRoster(site: string, r: RosterSnapshot): Promise<SaveResult> {
    return this.atomic(async () => {
      const result = await snapshots.saveRoster(this.db, site, r);
      if (result.saved) await this.audit(rosterSaved(site, r));
      return result;
    });
  }

  async roster(site: string, name: string): Promise<RosterSnapshot | null> {
    return snapshots.loadRoster(this.db, site, name);
  }

  async listRosters(site?: string): Promise<RosterSummary[]> {
    return snapshots.listRosters(this.db, site);
  }

  async saveForecast(site: string, f: ForecastSnapshot): Promise<SaveResult> {
    return this.atomic(async () => {
      const result = await snapshots.saveForecast(this.db, site, f);
      if (result.saved) await this.audit(forecastSaved(site, f));
      return result;
    });
  }

  async forecast(site: string, name: string): Promise<ForecastSnapshot | null> {
    return snapshots.loadForecast(this.db, site, name);
  }

  async listForecasts(site?: string): Promise<ForecastSummary[]> {
    return snapshots.listForecasts(this.db, site);
  }

  // -------------------------------------------------------------------------------------------
  // audit

  async recordImport(site: string, run: ImportRun): Promise<void> {
    await this.atomic(async () => {
      await this.db.query(
        `INSERT INTO imports (site, kind, files, tz, started_ms, finished_ms, lines, accepted, rejected, calls) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [site, run.kind, JSON.stringify(run.files), run.tz, run.startedMs, run.finishedMs, run.lines, run.accepted, run.rejected, run.calls],
        { writes: 'imports' },
      );
      await this.audit(importRecorded(site, run));
    });
  }

  /** An audit row, at the server's clock, under the session's user (the columns' defaults: a client cannot set them). */
  async audit(entry: AuditEntry): Promise<void> {
    await this.db.query(
      `INSERT INTO audit (${AUDIT_INSERT_COLUMNS.join(', ')}) VALUES ($1, $2, $3)`,
      [entry.action, entry.site, JSON.stringify(entry.detail)],
      { writes: 'audit' },
    );
  }

  async auditLog(q: AuditQuery): Promise<AuditRow[]> {
    const rows = await this.db.query(
      `SELECT id, at_ms, user_name, action, site, detail FROM audit
        WHERE at_ms >= $1 AND ($2::text IS NULL OR site = $2) AND ($3::text IS NULL OR user_name = $3)
        ORDER BY at_ms DESC, id DESC LIMIT $4`,
      [msBound(q.sinceMs ?? -Infinity), q.site ?? null, q.user ?? null, q.limit ?? null],
      { reads: 'audit' },
    );
    return rows.map((r) => ({
      id: r[0] as number,
      atMs: r[1] as number,
      user: r[2] as string,
      action: r[3] as string,
      site: r[4] as string | null,
      detail: JSON.parse(r[5] as string) as Record<string, unknown>,
    }));
  }

  // -------------------------------------------------------------------------------------------
  // the whole store

  async status(): Promise<StoreStatus> {
    const [counts] = await this.db.query(`SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t.name})`).join(', ')}`, [], { reads: 'calls' });
    const rows: Record<string, number> = {};
    TABLES.forEach((t, i) => (rows[t.name] = counts[i] as number));
    return { backend: 'postgres', location: this.path, version: this.version, user: this.user, sites: await this.sites(), rows };
  }

  async isEmpty(): Promise<boolean> {
    // the audit log of the migration that created the store does not count
    const [[any]] = await this.db.query(`SELECT ${TABLES.filter((t) => t.name !== 'audit').map((t) => `EXISTS (SELECT 1 FROM ${t.name})`).join(' OR ')}`);
    return !any;
  }

  async beginSnapshot(): Promise<void> {
    if (this.inTx) throw new Error('a transaction is already open on this store');
    // the snapshot is taken at the transaction's first statement and holds until commit
    await this.db.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    this.inTx = true;
  }

  /** Every row of a table, in its key order, through a cursor (in the open transaction, else in a snapshot of its own). */
  async *dumpTable(name: string): AsyncIterable<unknown[][]> {
    const t = table(name);
    const own = !this.inTx;
    if (own) {
      await this.db.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      this.inTx = true;
    }
    const cursor = `wfm_dump_${t.name}`;
    let done = false;
    try {
      await this.db.exec(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT ${columnNames(t).join(', ')} FROM ${t.name} ORDER BY ${t.order.join(', ')}`, { reads: t.name });
      for (;;) {
        const rows = await this.db.query(`FETCH ${PAGE} FROM ${cursor}`, [], { reads: t.name });
        if (rows.length) yield rows;
        if (rows.length < PAGE) break;
      }
      if (!own) await this.db.exec(`CLOSE ${cursor}`);
      done = true;
    } finally {
      if (own) {
        if (done) await this.commit();
        else await this.rollback();
      }
    }
  }

  /** Append rows through COPY; a generated id is not kept: the rows are numbered after the table's own, in the order given. */
  async loadTable(name: string, rows: readonly unknown[][]): Promise<void> {
    const t = table(name);
    const all = columnNames(t);
    const keep = all.map((c, i) => (c === t.identity ? -1 : i)).filter((i) => i >= 0);
    const cols = keep.map((i) => all[i]);
    const values = t.identity ? rows.map((r) => keep.map((i) => r[i])) : rows;
    await this.atomic(() => this.db.copyIn(`${t.name} (${cols.join(', ')})`, values, { writes: t.name }));
    if (t.name === 'queues') this.knownQueues.clear();
  }

  async close(): Promise<void> {
    await this.rollback();
    await this.db.close();
  }
}
