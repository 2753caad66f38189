/**
 * The store's interface: named operations, no SQL. The application uses only this; SQLite
 * (src/store/sqlite.ts, the embedded default) and PostgreSQL (src/store/postgres.ts, the shared
 * store) implement it, and one contract test suite (test/store/contract) holds both to it.
 *
 * Every operation is asynchronous (PostgreSQL answers over the network). Units: times are UTC epoch
 * milliseconds, durations seconds. Every row belongs to a site (a PBX or a location with its own
 * time zone, `default` unless named): the natural keys include it, so the same call id from two PBXs
 * is two calls, and each time-bearing row keeps the IANA zone (`tz`) it was imported under.
 */
import type { PendingCall } from '../cdr/assembler.js';
import type { AgentEvent, CallRecord, VolumeRecord } from '../cdr/types.js';
import type { AgentRecord, ExamRecord, SkillRequirement, TrainingRecord } from '../people/types.js';
import type { AgentCallQuery, AgentCallTotal, CallBucket, CallCell, CallCellQuery } from '../report/cells.js';

export type { AgentCallQuery, AgentCallTotal, CallBucket, CallCell, CallCellQuery } from '../report/cells.js';

/** The site of rows imported without `--site`. */
export const DEFAULT_SITE = 'default';

export type Backend = 'sqlite' | 'postgres';

/** Another process holds the store for writing (a long import): the caller may wait and try again. */
export class StoreBusyError extends Error {
  constructor(readonly path: string) {
    super(`the store ${path} is busy`);
    this.name = 'StoreBusyError';
  }
}

/**
 * A write transaction lost a race with another (a deadlock or a serialization failure on
 * PostgreSQL): nothing of it was kept, and running it again from the start succeeds.
 */
export class StoreConflictError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(`the store ${path}: ${reason}`);
    this.name = 'StoreConflictError';
  }
}

/** A site: a PBX or location, with the zone its intervals are laid out in. */
export interface SiteRecord {
  name: string;
  tz: string;
}

export interface ImportRun {
  kind: string;
  files: string[];
  tz: string;
  startedMs: number;
  finishedMs: number;
  lines: number;
  accepted: number;
  rejected: number;
  calls: number;
}

/** One shift of a saved roster (times UTC epoch ms). */
export interface RosterSnapshotShift {
  agent: string;
  queue: string;
  /** Shift template id of the rules. */
  template: string;
  startMs: number;
  endMs: number;
  breaks: { startMs: number; endMs: number; paid: boolean }[];
}

/** A named roster snapshot (`wfm roster --save NAME`), read by reports, adherence and simulation. */
export interface RosterSnapshot {
  name: string;
  createdMs: number;
  /** Who saved it (the database user on PostgreSQL, the OS user on SQLite); set by the store. */
  createdBy?: string;
  /** Site zone the roster was made in; startDate is a local date there. */
  tz: string;
  startDate: string;
  days: number;
  /** Grid of `coverage`, minutes. */
  intervalMinutes: number;
  solver: string;
  paidHours: number;
  /** Proven lower bound on paid hours (see `wfm roster`), hours. */
  lowerBound: number;
  gap: number;
  understaffed: number;
  seconds: number;
  /** The validated rules used, as JSON text. */
  rules: string;
  shifts: RosterSnapshotShift[];
  coverage: { queue: string; intervalStartMs: number; required: number; scheduled: number }[];
}

/** A named forecast snapshot (`wfm forecast --save NAME`): calls and AHT per queue and interval. */
export interface ForecastSnapshot {
  name: string;
  createdMs: number;
  /** Who saved it; set by the store. */
  createdBy?: string;
  /** Site zone the forecast was made in; startDate is a local date there. */
  tz: string;
  intervalMinutes: number;
  startDate: string;
  days: number;
  /** Method chosen per queue. */
  methods: Record<string, string>;
  rows: { queue: string; intervalStartMs: number; calls: number; ahtSeconds: number | null; callsLow: number; callsHigh: number }[];
}

export type ForecastSummary = Omit<ForecastSnapshot, 'rows'> & { site: string; rowCount: number; totalCalls: number };

/** A saved roster without its shifts and coverage. */
export type RosterSummary = Omit<RosterSnapshot, 'shifts' | 'coverage' | 'rules'> & { site: string; shiftCount: number; agentCount: number };

/** What saving a named snapshot did: saved, or refused because the name was taken (by whom, when). */
export type SaveResult = { saved: true } | { saved: false; createdBy: string; createdMs: number };

export interface CallQuery {
  site: string;
  fromMs: number;
  /** Exclusive. */
  toMs: number;
  /** Only these queues (all when undefined or empty). */
  queues?: readonly string[];
}

/** One change, as the audit log keeps it. */
export interface AuditEntry {
  /** What was done: `import.queue-log`, `forecast.save`, `roster.save`, `db.migrate`, `db.copy`, … */
  action: string;
  /** The site it concerned, or null (a migration, a copy). */
  site: string | null;
  /** Counts and names (JSON object). */
  detail: Record<string, unknown>;
}

export interface AuditRow extends AuditEntry {
  id: number;
  /** When, epoch ms. */
  atMs: number;
  /** Who: the database user on PostgreSQL, the OS user on SQLite. */
  user: string;
}

export interface AuditQuery {
  sinceMs?: number;
  site?: string;
  user?: string;
  /** At most this many, newest first (all when undefined). */
  limit?: number;
}

/** `wfm db status`: what a store holds. */
export interface StoreStatus {
  backend: Backend;
  /** Where it is (a path, or a URL with the password shown as ***). */
  location: string;
  version: number;
  /** The user changes are recorded under. */
  user: string;
  sites: SiteRecord[];
  /** Rows per table of the schema (src/store/schema.ts), by table name. */
  rows: Record<string, number>;
}

export interface Store {
  readonly backend: Backend;
  /** Where the store is: a file path, or a URL with its password shown as ***. */
  readonly path: string;
  /** Schema version. */
  readonly version: number;
  /** Who changes are recorded under (the database user on PostgreSQL, the OS user on SQLite). */
  readonly user: string;

  /**
   * Start a write transaction (one per import run); commit or roll it back. `lock`: runs with the same
   * lock name never overlap (PostgreSQL: a transaction-level advisory lock, StoreBusyError while
   * another holds it; SQLite's write lock already serializes every writer).
   */
  begin(lock?: string): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;

  /** Every site with its zone, by name. */
  sites(): Promise<SiteRecord[]>;
  /** Record a site and its zone (a new zone replaces the old one; rows keep the zone they came with). */
  saveSite(site: SiteRecord): Promise<void>;

  /** Insert or update calls by natural key (site, queue, enteredMs, callId); returns how many were new. */
  importCalls(site: string, batch: readonly CallRecord[], tz: string): Promise<number>;
  /** Agent events, ignored when the same (site, agent, queue, kind, time) is already stored; returns how many were new. */
  importAgentEvents(site: string, batch: readonly AgentEvent[], tz: string): Promise<number>;
  /** Interval volumes by natural key (site, queue, intervalStartMs); a re-import replaces the row; returns how many were new. */
  importVolumes(site: string, batch: readonly VolumeRecord[], tz: string): Promise<number>;

  /** Open queue_log calls kept between imports of a site's source. */
  pendingCalls(site: string, source: string): Promise<PendingCall[]>;
  /** Replace the kept open calls of a site's source. */
  replacePendingCalls(site: string, source: string, pending: readonly PendingCall[]): Promise<void>;
  /** Whether a call of the site with this queue and id entered within [fromMs, toMs] is stored. */
  hasCall(site: string, queue: string, callId: string, fromMs: number, toMs: number): Promise<boolean>;

  /** Queues of a site with any stored calls or volumes, sorted. */
  queues(site: string): Promise<string[]>;
  /** Calls of a site that entered in [fromMs, toMs), by queue then enter time, in pages. */
  callsInRange(q: CallQuery): AsyncIterable<CallRecord[]>;
  /** Agent events of a site in [fromMs, toMs), by time then agent. */
  agentEventsInRange(site: string, fromMs: number, toMs: number): Promise<AgentEvent[]>;
  /** Interval volumes of a site starting in [fromMs, toMs), by queue then time. */
  volumesInRange(q: CallQuery): Promise<VolumeRecord[]>;
  /**
   * Per queue and interval of a grid, the counts and sums of a site's calls that entered in it (the
   * input of the interval KPIs, see `CallCell`), aggregated by the store; non-empty cells, by queue
   * then interval.
   */
  callCells(site: string, q: CallCellQuery): Promise<CallCell[]>;
  /**
   * The quarter-hour call counts (table `call_buckets`, kept by every import) of the buckets starting
   * in [fromMs, toMs), by start then queue; only these queues when given.
   */
  callBuckets(site: string, q: { fromMs: number; toMs: number; queues?: readonly string[] }): Promise<CallBucket[]>;
  /** Per agent and queue of a site, answered calls and their handle time in a period (see `AgentCallTotal`), by agent then queue. */
  agentCallTotals(site: string, q: AgentCallQuery): Promise<AgentCallTotal[]>;

  /** Agents by (site, id): a re-import replaces the agent's fields and skills; returns how many were new. */
  importAgents(site: string, batch: readonly AgentRecord[]): Promise<number>;
  /** Exam sittings by (site, agent, exam, date, attempt); a re-import replaces the row; returns how many were new. */
  importExams(site: string, batch: readonly ExamRecord[]): Promise<number>;
  /** Training records by (site, agent, course, date); a re-import replaces the row; returns how many were new. */
  importTraining(site: string, batch: readonly TrainingRecord[]): Promise<number>;
  /** Skill requirements by (site, skill); a re-import replaces the row; returns how many were new. */
  importSkillRequirements(site: string, batch: readonly SkillRequirement[]): Promise<number>;
  /** Every agent of a site with skills, by id. */
  agents(site: string): Promise<AgentRecord[]>;
  /** Exam sittings of a site dated in [fromDate, toDate] (YYYY-MM-DD, inclusive; all when omitted), by date, agent, exam. */
  exams(site: string, fromDate?: string, toDate?: string): Promise<ExamRecord[]>;
  /** Training records of a site dated up to `toDate` (inclusive; all when omitted), by date, agent, course. */
  training(site: string, toDate?: string): Promise<TrainingRecord[]>;
  /** Every skill requirement of a site, by skill. */
  skillRequirements(site: string): Promise<SkillRequirement[]>;

  /**
   * Save a named roster of a site in one transaction (with its audit row); refused (nothing written)
   * when the name is taken, saying by whom and when: snapshots are immutable.
   */
  saveRoster(site: string, snapshot: RosterSnapshot): Promise<SaveResult>;
  /** The saved roster of that site and name (shifts by start then agent; coverage by queue then time), or null. */
  roster(site: string, name: string): Promise<RosterSnapshot | null>;
  /** Saved rosters of a site (every site when undefined), newest first. */
  listRosters(site?: string): Promise<RosterSummary[]>;

  /** Save a forecast snapshot of a site (with its audit row); refused (nothing written) when the name is taken. */
  saveForecast(site: string, snapshot: ForecastSnapshot): Promise<SaveResult>;
  /** A saved forecast, or null. */
  forecast(site: string, name: string): Promise<ForecastSnapshot | null>;
  /** Saved forecasts of a site (every site when undefined), oldest first. */
  listForecasts(site?: string): Promise<ForecastSummary[]>;

  /** Log an import run of a site (its `imports` row and its audit row), inside the run's transaction. */
  recordImport(site: string, run: ImportRun): Promise<void>;
  /** Write an audit row (inside the current transaction, if any). */
  audit(entry: AuditEntry): Promise<void>;
  /** Audit rows, newest first. */
  auditLog(q: AuditQuery): Promise<AuditRow[]>;

  /** Sites, schema version and row counts. */
  status(): Promise<StoreStatus>;
  /** Whether any table of the schema holds a row (a `wfm db copy` destination must not). */
  isEmpty(): Promise<boolean>;
  /**
   * Start a read transaction: until `commit`, every read sees the store as it was at this moment,
   * whatever other processes commit meanwhile (a `wfm db copy` source: its tables must agree).
   */
  beginSnapshot(): Promise<void>;
  /** Every row of a table of the schema (src/store/schema.ts), in its key order, in pages of column values. */
  dumpTable(table: string): AsyncIterable<unknown[][]>;
  /**
   * Append rows (column values in the schema's column order) to a table, inside the current
   * transaction. A generated id (`identity` in schema.ts) is not kept: the rows are numbered after
   * the table's own rows, in the order given (a copy's audit log follows the destination's own).
   */
  loadTable(table: string, rows: readonly unknown[][]): Promise<void>;

  close(): Promise<void>;
}
