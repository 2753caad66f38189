/**
 * The store's interface: named operations, no SQL. Commands use only this, so another backend
 * (PostgreSQL) can be added by implementing `Store` without changes elsewhere.
 *
 * Units: times are UTC epoch milliseconds; durations seconds. Each time-bearing row keeps the site's
 * IANA zone (`tz`) it was imported under.
 */
import type { PendingCall } from '../cdr/assembler.js';
import type { AgentEvent, CallRecord, VolumeRecord } from '../cdr/types.js';
import type { AgentRecord, ExamRecord, SkillRequirement, TrainingRecord } from '../people/types.js';
import type { AgentCallQuery, AgentCallTotal, CallCell, CallCellQuery } from './aggregates.js';

export type { AgentCallQuery, AgentCallTotal, CallCell, CallCellQuery } from './aggregates.js';

/** Another process holds the store for writing (a long import): the caller may wait and try again. */
export class StoreBusyError extends Error {
  constructor(readonly path: string) {
    super(`the store ${path} is busy`);
    this.name = 'StoreBusyError';
  }
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
  /** Site zone the forecast was made in; startDate is a local date there. */
  tz: string;
  intervalMinutes: number;
  startDate: string;
  days: number;
  /** Method chosen per queue. */
  methods: Record<string, string>;
  rows: { queue: string; intervalStartMs: number; calls: number; ahtSeconds: number | null; callsLow: number; callsHigh: number }[];
}

export type ForecastSummary = Omit<ForecastSnapshot, 'rows'> & { rowCount: number; totalCalls: number };

/** A saved roster without its shifts and coverage. */
export type RosterSummary = Omit<RosterSnapshot, 'shifts' | 'coverage' | 'rules'> & { shiftCount: number; agentCount: number };

export interface CallQuery {
  fromMs: number;
  /** Exclusive. */
  toMs: number;
  /** Only these queues (all when undefined or empty). */
  queues?: readonly string[];
}

export interface Store {
  readonly path: string;
  /** Schema version after migrations. */
  readonly version: number;

  /** Start a write transaction (one per import run); commit or roll it back. */
  begin(): void;
  commit(): void;
  rollback(): void;

  /** Insert or update calls by natural key (queue, enteredMs, callId); returns how many were new. */
  importCalls(batch: readonly CallRecord[], tz: string): number;
  /** Agent events, ignored when the same (agent, queue, kind, time) is already stored. */
  importAgentEvents(batch: readonly AgentEvent[], tz: string): number;
  /** Interval volumes by natural key (queue, intervalStartMs); a re-import replaces the row. */
  importVolumes(batch: readonly VolumeRecord[], tz: string): number;

  /** Open queue_log calls kept between imports. */
  pendingCalls(source: string): PendingCall[];
  /** Replace the kept open calls of a source. */
  replacePendingCalls(source: string, pending: readonly PendingCall[]): void;
  /** Whether a call with this queue and id entered within [fromMs, toMs] is stored. */
  hasCall(queue: string, callId: string, fromMs: number, toMs: number): boolean;

  /** Queues with any stored calls or volumes, sorted. */
  queues(): string[];
  /** Calls that entered in [fromMs, toMs), ordered by queue then enter time. */
  callsInRange(q: CallQuery): IterableIterator<CallRecord>;
  /** Agent events in [fromMs, toMs), ordered by time. */
  agentEventsInRange(fromMs: number, toMs: number): IterableIterator<AgentEvent>;
  /** The last agent event of each (agent, queue, kind) before a time, to know the state at the start. */
  agentEventsBefore(beforeMs: number, lookbackMs: number): IterableIterator<AgentEvent>;
  /** Interval volumes starting in [fromMs, toMs), by queue then time. */
  volumesInRange(q: CallQuery): IterableIterator<VolumeRecord>;
  /**
   * Per queue and interval of a grid, the counts and sums of the calls that entered in it (the input of
   * the interval KPIs, see `CallCell`), aggregated by the store; non-empty cells, by queue then interval.
   */
  callCells(q: CallCellQuery): CallCell[];
  /** Per agent and queue, answered calls and their handle time in a period (see `AgentCallTotal`), by agent then queue. */
  agentCallTotals(q: AgentCallQuery): AgentCallTotal[];

  /** Agents by id: a re-import replaces the agent's fields and skills; returns how many were new. */
  importAgents(batch: readonly AgentRecord[]): number;
  /** Exam sittings by (agent, exam, date, attempt); a re-import replaces the row; returns how many were new. */
  importExams(batch: readonly ExamRecord[]): number;
  /** Training records by (agent, course, date); a re-import replaces the row; returns how many were new. */
  importTraining(batch: readonly TrainingRecord[]): number;
  /** Skill requirements by skill; a re-import replaces the row; returns how many were new. */
  importSkillRequirements(batch: readonly SkillRequirement[]): number;
  /** Every agent with skills, by id. */
  agents(): AgentRecord[];
  /** Exam sittings dated in [fromDate, toDate] (YYYY-MM-DD, inclusive; all when omitted), by date, agent, exam. */
  exams(fromDate?: string, toDate?: string): ExamRecord[];
  /** Training records dated up to `toDate` (inclusive; all when omitted), by date, agent, course. */
  training(toDate?: string): TrainingRecord[];
  /** Every skill requirement, by skill. */
  skillRequirements(): SkillRequirement[];

  /** Save a named roster snapshot in one transaction; false (nothing written) when the name exists. */
  saveRoster(snapshot: RosterSnapshot): boolean;
  /** The saved roster of that name (shifts by start then agent; coverage by queue then time), or null. */
  roster(name: string): RosterSnapshot | null;
  /** Every saved roster, newest first. */
  listRosters(): RosterSummary[];

  /** Save a forecast snapshot; false (nothing written) when the name exists: snapshots are immutable. */
  saveForecast(snapshot: ForecastSnapshot): boolean;
  /** A saved forecast, or null. */
  forecast(name: string): ForecastSnapshot | null;
  listForecasts(): ForecastSummary[];

  recordImport(run: ImportRun): void;
  close(): void;
}
