/**
 * Report use-cases: `report sla` (per queue and interval, or per agent), the day figures behind
 * `report staffing|agents|daily` and `alerts check`, `report exams` and `report training`. They read
 * the store (which must exist), the optional forecast and roster inputs, and the alert rules, and each
 * queue is counted and judged with its own target (flags, else wfm.yaml, else 80/20, short abandons
 * under 5 s).
 *
 * Forecasts: `--forecast-file FILE.csv` (as `wfm forecast --format csv` prints) or `--forecast NAME`
 * (saved with `wfm forecast --save`); for the daily report without either, the most recently saved
 * forecast covering the day. Rosters: `--roster NAME|FILE` or `--roster-file FILE` (src/app/shifts.ts).
 */
import { DateTime } from 'luxon';
import { InputError, UsageError } from '../errors.js';
import { agentSpans, type AgentSpan } from '../cdr/sessions.js';
import { readIntervals } from '../formats/intervals.js';
import type { Shift } from '../formats/shifts.js';
import { agentDayReport, agentOutliers, type AgentDayRow, type AgentOutlier } from '../report/agents.js';
import { evaluateAlerts, outlierThreshold, parseRules, type Alert, type AlertRule } from '../report/alerts.js';
import type { CallCell } from '../report/cells.js';
import { examReport, type ExamFindingRow, type ExamReport } from '../report/exams.js';
import { agentReport, intervalGrid, slaFromCells, type AgentRow, type IntervalGrid, type SlaRow } from '../report/sla.js';
import { assignAgentQueues, forecastAccuracy, staffingReport, type ForecastAccuracyRow, type ForecastRow, type StaffingRow } from '../report/staffing.js';
import { trainingReport, type CertificateRow, type TrainingReport } from '../report/training.js';
import type { ForecastSnapshot, ForecastSummary, Store } from '../store/index.js';
import type { SlaTarget } from '../values.js';
import { readBoundedText, readCsv, RULES_MAX_BYTES } from './files.js';
import type { Period } from './period.js';
import type { Session } from './session.js';
import { loadShifts, readShiftFile } from './shifts.js';
import { withStore } from './store.js';
import { countingSettings } from './targets.js';

/** The bundled alert rules (data/alert-rules.yaml; the same relative path from src/ and dist/). */
export const DEFAULT_ALERT_RULES_URL = new URL('../../data/alert-rules.yaml', import.meta.url);

/** Agent state before the period is looked up this far back (a week). */
const STATE_LOOKBACK_MS = 7 * 86_400_000;
/** Calls answered in the period may have entered the queue this long before it (an hour). */
const ANSWER_LOOKBACK_MS = 3_600_000;

// ---------------------------------------------------------------------------------------------
// Counting with each queue's thresholds

/** How a queue's calls are counted and judged. */
export interface Counting {
  /** Answered within this many seconds counts toward the service level. */
  slThresholdS: number;
  shortAbandonS: number;
  /** The service-level target (required agents, alerts). */
  target: SlaTarget;
}

/** The flags that override every queue's counting. */
export interface CountingFlags {
  slThreshold?: number;
  shortAbandon?: number;
  sla?: SlaTarget;
}

/**
 * Each queue's counting: the threshold is --sl-threshold, else the seconds of --sla, else the seconds
 * of the queue's `sla` in wfm.yaml, else 20; short abandons --short-abandon, else wfm.yaml, else 5 s;
 * the target --sla, else the queue's own.
 */
export function countingFor(s: Pick<Session, 'config'>, flags: CountingFlags): (queue: string) => Counting {
  return (queue) => {
    const q = countingSettings(s.config, queue);
    const target = flags.sla ?? q.sla;
    return { slThresholdS: flags.slThreshold ?? target.seconds, shortAbandonS: flags.shortAbandon ?? q.shortAbandon, target };
  };
}

/**
 * The call cells of a grid, each queue counted with its own thresholds: one store query per distinct
 * (threshold, short abandon) pair (one query when every queue counts alike).
 */
export function countedCells(
  store: Store,
  grid: IntervalGrid,
  counting: (queue: string) => Counting,
  o: { queues?: readonly string[]; fromMs?: number; toMs?: number; slThresholdS?: number },
): CallCell[] {
  const names = o.queues?.length ? [...o.queues] : store.queues();
  const groups = new Map<string, { sl: number; short: number; queues: string[] }>();
  for (const q of names) {
    const c = counting(q);
    const sl = o.slThresholdS ?? c.slThresholdS;
    const key = `${sl}|${c.shortAbandonS}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { sl, short: c.shortAbandonS, queues: [] }));
    g.queues.push(q);
  }
  const query = (sl: number, short: number, queues: readonly string[] | undefined) =>
    store.callCells({ starts: grid.starts, endMs: grid.endMs, fromMs: o.fromMs, toMs: o.toMs, queues, slThresholdS: sl, shortAbandonS: short });
  const list = [...groups.values()];
  if (list.length === 0) return [];
  if (list.length === 1) return query(list[0].sl, list[0].short, o.queues);
  const cells = list.flatMap((g) => query(g.sl, g.short, g.queues));
  return cells.sort((a, b) => (a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : a.interval - b.interval));
}

// ---------------------------------------------------------------------------------------------
// wfm report sla

export interface SlaRequest extends CountingFlags {
  fromMs: number;
  toMs: number;
  interval: number | 'day';
  by: 'queue' | 'agent';
  queues?: string[];
}

export type SlaAnswer =
  | { by: 'queue'; rows: SlaRow[]; /** How each queue of the rows was counted ('' : a queue without settings). */ counting: Map<string, Counting> }
  | { by: 'agent'; rows: AgentRow[] };

/** `wfm report sla`: per queue and interval (counted in SQL), or per agent (read call by call). */
export function slaReport(req: SlaRequest, s: Session): SlaAnswer {
  const counting = countingFor(s, req);
  return withStore(s, 'read', (store) => {
    const grid = intervalGrid(req.fromMs, req.toMs, s.tz, req.interval);
    const query = { fromMs: req.fromMs, toMs: req.toMs, queues: req.queues };
    if (req.by === 'agent') {
      const before = [...store.agentEventsBefore(req.fromMs, STATE_LOOKBACK_MS)];
      const during = [...store.agentEventsInRange(req.fromMs, req.toMs)];
      const spans = agentSpans([...before, ...during], req.fromMs, Math.min(req.toMs, s.now().getTime()));
      // calls answered just before the period can still be talking in it: look back one hour
      const calls = store.callsInRange({ ...query, fromMs: req.fromMs - ANSWER_LOOKBACK_MS });
      return { by: 'agent', rows: agentReport(calls, spans, grid) };
    }
    const cells = countedCells(store, grid, counting, query);
    const rows = slaFromCells(cells, grid, store.volumesInRange(query));
    const queues = [...new Set(rows.map((r) => r.queue))];
    return { by: 'queue', rows, counting: new Map((queues.length ? queues : ['']).map((q) => [q, counting(q)])) };
  });
}

// ---------------------------------------------------------------------------------------------
// Inputs: forecast, roster, alert rules

/** Where the report's forecast came from: a file, a snapshot named by --forecast, or the latest saved one covering the day. */
export type ForecastSource = { kind: 'file'; name: string } | { kind: 'saved' | 'latest'; name: string; createdMs: number };

/** The rows of a forecast CSV (as `wfm forecast --format csv` prints); a bad line stops the report (exit 2). */
export function readForecastFile(s: Session, file: string): ForecastRow[] {
  const table = readCsv(s, file);
  const read = readIntervals(file, table.header, table.records, s.tz, { defaultQueue: 'default', value: 'calls' });
  const first = [...table.syntaxRejections, ...read.rejections].sort((a, b) => a.line - b.line)[0];
  if (first) throw new InputError({ file, line: first.line, field: first.field }, first.reason);
  return read.rows.map((r) => ({ queue: r.queue, intervalStartMs: r.time.toMillis(), calls: r.calls!, ahtS: r.aht }));
}

/** Rows of a saved forecast snapshot as the reports take them. */
export function snapshotRows(snapshot: ForecastSnapshot): ForecastRow[] {
  return snapshot.rows.map((r) => ({ queue: r.queue, intervalStartMs: r.intervalStartMs, calls: r.calls, ahtS: r.ahtSeconds }));
}

/**
 * The most recently saved forecast whose days cover the whole period (local dates in the forecast's
 * own zone, start_date .. start_date + days - 1), or null.
 */
export function latestForecastCovering(store: Store, p: Period): ForecastSummary | null {
  let best: ForecastSummary | null = null;
  for (const f of store.listForecasts()) {
    const first = DateTime.fromISO(f.startDate, { zone: f.tz }).startOf('day');
    if (!first.isValid) continue;
    const fromMs = first.toMillis();
    const toMs = first.plus({ days: f.days }).startOf('day').toMillis();
    if (fromMs > p.fromMs || toMs < p.toMs) continue;
    if (!best || f.createdMs > best.createdMs || (f.createdMs === best.createdMs && f.name > best.name)) best = f;
  }
  return best;
}

/** The roster of --roster NAME|FILE or --roster-file FILE (not both); null without either. */
export function rosterShifts(s: Session, store: Store, o: { roster?: string; rosterFile?: string }): Shift[] | null {
  if (o.roster && o.rosterFile) throw new UsageError({ key: 'reports.err.rosterTwice' }, 'give --roster NAME or --roster-file FILE, not both');
  if (o.rosterFile) return readShiftFile(s, o.rosterFile);
  if (o.roster) return loadShifts(s, o.roster, '--roster', store).shifts;
  return null;
}

/** The alert rules: --rules FILE, else wfm.yaml's alert-rules, else data/alert-rules.yaml shipped with wfm; at most RULES_MAX_BYTES (exit 2 before parsing). */
export function readAlertRules(s: Session, file: string | undefined): AlertRule[] {
  const chosen = file ?? s.config.alertRules;
  const label = chosen ?? 'data/alert-rules.yaml';
  const r = parseRules(readBoundedText(s, chosen ?? DEFAULT_ALERT_RULES_URL, RULES_MAX_BYTES, label));
  if ('reason' in r) throw new InputError({ file: label, field: r.entry ? `rules[${r.entry}]` : undefined }, r.reason);
  return r;
}

/** Agent spans of the period; null when the store has no agent events for it. */
function loadSpans(store: Store, p: Period, nowMs: number): AgentSpan[] | null {
  const before = [...store.agentEventsBefore(p.fromMs, STATE_LOOKBACK_MS)];
  const during = [...store.agentEventsInRange(p.fromMs, p.toMs)];
  if (before.length === 0 && during.length === 0) return null;
  return agentSpans([...before, ...during], p.fromMs, Math.min(p.toMs, nowMs));
}

// ---------------------------------------------------------------------------------------------
// The day figures (report staffing, agents, daily; alerts check)

export interface FigureRequest extends CountingFlags {
  period: Period;
  interval: number;
  shortBy: number;
  overBy: number;
  outlierZ: number;
  within: number;
  queues?: string[];
  forecast?: string;
  forecastFile?: string;
  roster?: string;
  rosterFile?: string;
  rules?: string;
  /** Without --forecast/--forecast-file: the most recently saved forecast covering the period (the daily report). */
  latestForecast?: boolean;
}

export interface DayFigures {
  period: Period;
  grid: IntervalGrid;
  sla: SlaRow[];
  /** The service-level threshold each queue was counted with. */
  thresholds: Map<string, number>;
  forecast: ForecastRow[] | null;
  /** Where the forecast came from (null without one). */
  forecastSource: ForecastSource | null;
  shifts: Shift[] | null;
  accuracy: ForecastAccuracyRow[] | null;
  staffing: StaffingRow[];
  agents: AgentDayRow[];
  outliers: AgentOutlier[];
  examFailures: ExamFindingRow[];
  certificates: CertificateRow[];
  alerts: Alert[];
}

/**
 * Every figure of the daily report and the alerts for a period, computed once from the store and
 * the optional forecast/roster inputs. Calls are read as the store's aggregates (per queue and
 * interval, per agent and queue), never row by row.
 */
export function dayFigures(req: FigureRequest, s: Session): DayFigures {
  if (req.forecast && req.forecastFile) throw new UsageError({ key: 'reports.err.forecastTwice' }, 'give --forecast NAME or --forecast-file FILE, not both');
  if (req.roster && req.rosterFile) throw new UsageError({ key: 'reports.err.rosterTwice' }, 'give --roster NAME or --roster-file FILE, not both');
  let forecast = req.forecastFile ? readForecastFile(s, req.forecastFile) : null;
  let forecastSource: ForecastSource | null = req.forecastFile ? { kind: 'file', name: req.forecastFile } : null;
  const rules = readAlertRules(s, req.rules);
  const counting = countingFor(s, req);
  return withStore(s, 'read', (store) => {
    const p = req.period;
    const shifts = rosterShifts(s, store, req);
    if (req.forecast) {
      const f = store.forecast(req.forecast);
      if (!f) throw new UsageError({ key: 'reports.err.noForecast', params: { name: req.forecast, db: s.db } }, `no forecast named "${req.forecast}" in ${s.db}`);
      forecast = snapshotRows(f);
      forecastSource = { kind: 'saved', name: f.name, createdMs: f.createdMs };
    } else if (!forecast && req.latestForecast) {
      const latest = latestForecastCovering(store, p);
      const f = latest ? store.forecast(latest.name) : null;
      if (f) {
        forecast = snapshotRows(f);
        forecastSource = { kind: 'latest', name: f.name, createdMs: f.createdMs };
      }
    }
    const grid = intervalGrid(p.fromMs, p.toMs, s.tz, req.interval);
    const query = { fromMs: p.fromMs, toMs: p.toMs, queues: req.queues };
    const volumes = [...store.volumesInRange(query)];
    const sla = slaFromCells(countedCells(store, grid, counting, { queues: req.queues }), grid, volumes);
    const spans = loadSpans(store, p, s.now().getTime());
    const agentsTable = store.agents();
    const agentTotals = store.agentCallTotals({ fromMs: p.fromMs, toMs: p.toMs, enteredFromMs: p.fromMs - ANSWER_LOOKBACK_MS, queues: req.queues });
    const agentQueue = assignAgentQueues(agentTotals, shifts);
    const staffing = staffingReport({ grid, sla, forecast, shifts, spans, agentQueue, target: (q) => counting(q).target, shortBy: req.shortBy, overBy: req.overBy, queues: req.queues });
    const accuracy = forecast ? forecastAccuracy(grid, req.queues?.length ? forecast.filter((f) => req.queues!.includes(f.queue)) : forecast, sla) : null;
    const agentRows = agentDayReport(agentTotals, spans ?? [], p.fromMs, p.toMs, agentsTable, shifts);
    const z = Math.min(req.outlierZ, outlierThreshold(rules) ?? req.outlierZ);
    const outliersAll = agentOutliers(agentRows, z);
    const requirements = store.skillRequirements();
    const exams = examReport(store.exams(undefined, p.toDate), agentsTable, requirements, p.fromDate, p.toDate);
    const training = trainingReport(store.training(p.toDate), agentsTable, requirements, {
      fromDate: p.fromDate,
      toDate: p.toDate,
      asOf: p.toDate,
      withinDays: req.within,
      requiredHours: null,
      shifts,
      zone: s.tz,
    });
    const certificates = training.certificates.filter((c) => c.skills !== '');
    const examFailures = exams.findings.filter((f) => f.status === 'failed');
    const dayGrid = intervalGrid(p.fromMs, p.toMs, s.tz, 'day');
    const slaTotals = (seconds: number | null): SlaRow[] => {
      if (seconds === null) return sla.filter((r) => r.intervalStart === null);
      return slaFromCells(countedCells(store, dayGrid, counting, { queues: req.queues, slThresholdS: seconds }), dayGrid, volumes).filter((x) => x.intervalStart === null);
    };
    const alerts = evaluateAlerts(rules, {
      slaTotals,
      queueSla: (q) => ({ target: counting(q).target.target, seconds: counting(q).slThresholdS }),
      staffing,
      forecastAccuracy: accuracy,
      outliers: outliersAll,
      examFindings: examFailures,
      certificates,
    });
    const thresholds = new Map([...new Set(sla.map((r) => r.queue))].map((q) => [q, counting(q).slThresholdS]));
    return {
      period: p,
      grid,
      sla,
      thresholds,
      forecast,
      forecastSource,
      shifts,
      accuracy,
      staffing,
      agents: agentRows,
      outliers: outliersAll.filter((x) => Math.abs(x.z) > req.outlierZ),
      examFailures,
      certificates,
      alerts,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// People reports

/** `wfm report exams`: pass rates and findings of the sittings in the period. */
export function examsReport(p: Period, s: Session): ExamReport {
  return withStore(s, 'read', (store) => examReport(store.exams(undefined, p.toDate), store.agents(), store.skillRequirements(), p.fromDate, p.toDate));
}

/** `wfm report training`: hours, certificates running out, and scheduled hours at risk (with a roster). */
export function trainingFor(
  p: Period,
  o: { within: number; requiredHours?: number; roster?: string; rosterFile?: string },
  s: Session,
): TrainingReport {
  return withStore(s, 'read', (store) =>
    trainingReport(store.training(), store.agents(), store.skillRequirements(), {
      fromDate: p.fromDate,
      toDate: p.toDate,
      asOf: p.toDate,
      withinDays: o.within,
      requiredHours: o.requiredHours ?? null,
      shifts: rosterShifts(s, store, o),
      zone: s.tz,
    }),
  );
}
