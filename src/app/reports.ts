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
 *
 * Sites: a report covers the site named (--site, WFM_SITE, wfm.yaml), else every site of the store,
 * each counted over its own local days and intervals (its zone: src/app/sites.ts); the answer is one
 * part per site. A forecast or roster input belongs to one site: with one given, the report covers
 * one site (the named one, or the store's only one).
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
import type { CallRecord } from '../cdr/types.js';
import type { ForecastSnapshot, ForecastSummary, Store } from '../store/index.js';
import type { SlaTarget } from '../values.js';
import { readBoundedText, readCsv, RULES_MAX_BYTES } from './files.js';
import { boundMs, resolvePeriod, type Period, type PeriodOptions } from './period.js';
import type { Session } from './session.js';
import { loadShifts, readShiftFile } from './shifts.js';
import { oneSite, reportSites } from './sites.js';
import { withStore } from './store.js';
import type { LocalDateTime } from '../values.js';

/** A report's answer for one site, in that site's zone. */
export type SiteAnswer<T> = T & { site: string; tz: string };

/** The sites a report covers: every site (or the named one), or with `single` exactly one (see the module comment). */
async function sitesOf(s: Session, store: Store, single: boolean): Promise<{ name: string; tz: string }[]> {
  return single ? [await oneSite(s, store)] : reportSites(s, store);
}
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
export async function countedCells(
  store: Store,
  site: string,
  grid: IntervalGrid,
  counting: (queue: string) => Counting,
  o: { queues?: readonly string[]; fromMs?: number; toMs?: number; slThresholdS?: number },
): Promise<CallCell[]> {
  const names = o.queues?.length ? [...o.queues] : await store.queues(site);
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
    store.callCells(site, { starts: grid.starts, endMs: grid.endMs, fromMs: o.fromMs, toMs: o.toMs, queues, slThresholdS: sl, shortAbandonS: short });
  const list = [...groups.values()];
  if (list.length === 0) return [];
  if (list.length === 1) return query(list[0].sl, list[0].short, o.queues);
  const cells: CallCell[] = [];
  for (const g of list) cells.push(...(await query(g.sl, g.short, g.queues)));
  return cells.sort((a, b) => (a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : a.interval - b.interval));
}

// ---------------------------------------------------------------------------------------------
// wfm report sla

export interface SlaRequest extends CountingFlags {
  /** The period: a date is its local midnight (`to`: the midnight after it), a date-time that local time; in each site's zone. */
  from: LocalDateTime;
  to: LocalDateTime;
  interval: number | 'day';
  by: 'queue' | 'agent';
  queues?: string[];
}

export type SlaAnswer =
  | { by: 'queue'; rows: SlaRow[]; /** How each queue of the rows was counted ('' : a queue without settings). */ counting: Map<string, Counting> }
  | { by: 'agent'; rows: AgentRow[] };

/** `wfm report sla`: per site, queue and interval (counted in SQL), or per site and agent (read call by call). */
export async function slaReport(req: SlaRequest, s: Session): Promise<SiteAnswer<SlaAnswer>[]> {
  const counting = countingFor(s, req);
  return withStore(s, 'read', async (store) => {
    const out: SiteAnswer<SlaAnswer>[] = [];
    for (const site of await reportSites(s, store)) {
      const fromMs = boundMs(req.from, site.tz, '--from', false);
      const toMs = boundMs(req.to, site.tz, '--to', true);
      const text = (v: LocalDateTime) => (v.time ? `${v.date} ${v.time}` : v.date);
      if (toMs <= fromMs) throw new UsageError({ key: 'sla.err.emptyPeriod', params: { from: text(req.from), to: text(req.to) } });
      const grid = intervalGrid(fromMs, toMs, site.tz, req.interval);
      const query = { site: site.name, fromMs, toMs, queues: req.queues };
      if (req.by === 'agent') {
        const events = await store.agentEventsInRange(site.name, fromMs - STATE_LOOKBACK_MS, toMs);
        const spans = agentSpans(events, fromMs, Math.min(toMs, s.now().getTime()));
        // calls answered just before the period can still be talking in it: look back one hour
        const calls = await allCalls(store, { ...query, fromMs: fromMs - ANSWER_LOOKBACK_MS });
        out.push({ site: site.name, tz: site.tz, by: 'agent', rows: agentReport(calls, spans, grid) });
        continue;
      }
      const cells = await countedCells(store, site.name, grid, counting, query);
      const rows = slaFromCells(cells, grid, await store.volumesInRange(query));
      const queues = [...new Set(rows.map((r) => r.queue))];
      out.push({ site: site.name, tz: site.tz, by: 'queue', rows, counting: new Map((queues.length ? queues : ['']).map((q) => [q, counting(q)])) });
    }
    return out;
  });
}

/** Every call of a query, in the store's order (a day or a few: per-call reports). */
async function allCalls(store: Store, q: Parameters<Store['callsInRange']>[0]): Promise<CallRecord[]> {
  const out: CallRecord[] = [];
  for await (const page of store.callsInRange(q)) for (const c of page) out.push(c);
  return out;
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
export async function latestForecastCovering(store: Store, site: string, p: Period): Promise<ForecastSummary | null> {
  let best: ForecastSummary | null = null;
  for (const f of await store.listForecasts(site)) {
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
export async function rosterShifts(s: Session, store: Store, o: { roster?: string; rosterFile?: string }): Promise<Shift[] | null> {
  if (o.roster && o.rosterFile) throw new UsageError({ key: 'reports.err.rosterTwice' }, 'give --roster NAME or --roster-file FILE, not both');
  if (o.rosterFile) return readShiftFile(s, o.rosterFile);
  if (o.roster) return (await loadShifts(s, o.roster, '--roster', store)).shifts;
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

/** The service-level thresholds (seconds) the alert rules name, distinct. */
function alertThresholds(rules: readonly AlertRule[]): number[] {
  return [...new Set(rules.filter((r) => r.rule === 'service_level_below' && r.seconds !== null).map((r) => r.seconds!))];
}

/** Agent spans of the period; null when the store has no agent events for it. */
async function loadSpans(store: Store, site: string, p: Period, nowMs: number): Promise<AgentSpan[] | null> {
  const events = await store.agentEventsInRange(site, p.fromMs - STATE_LOOKBACK_MS, p.toMs);
  if (events.length === 0) return null;
  return agentSpans(events, p.fromMs, Math.min(p.toMs, nowMs));
}

// ---------------------------------------------------------------------------------------------
// The day figures (report staffing, agents, daily; alerts check)

export interface FigureRequest extends CountingFlags {
  /** The days (in each site's zone); yesterday when `yesterday` and none is given. */
  period: PeriodOptions;
  yesterday: boolean;
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
  site: string;
  /** The site's zone: its period, grid and intervals are local there. */
  tz: string;
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
export async function dayFigures(req: FigureRequest, s: Session): Promise<DayFigures[]> {
  if (req.forecast && req.forecastFile) throw new UsageError({ key: 'reports.err.forecastTwice' }, 'give --forecast NAME or --forecast-file FILE, not both');
  if (req.roster && req.rosterFile) throw new UsageError({ key: 'reports.err.rosterTwice' }, 'give --roster NAME or --roster-file FILE, not both');
  const rules = readAlertRules(s, req.rules);
  const counting = countingFor(s, req);
  // a forecast or roster input is one site's: the report then covers one site
  const single = Boolean(req.forecast || req.forecastFile || req.roster || req.rosterFile);
  return withStore(s, 'read', async (store) => {
    const out: DayFigures[] = [];
    for (const site of await sitesOf(s, store, single)) out.push(await siteDayFigures(req, { ...s, site: site.name, tz: site.tz }, store, rules, counting));
    return out;
  });
}

/** The day figures of one site (`s.site`, in its zone `s.tz`). */
async function siteDayFigures(
  req: FigureRequest,
  s: Session & { site: string },
  store: Store,
  rules: AlertRule[],
  counting: (queue: string) => Counting,
): Promise<DayFigures> {
  const site = s.site;
  let forecast = req.forecastFile ? readForecastFile(s, req.forecastFile) : null;
  let forecastSource: ForecastSource | null = req.forecastFile ? { kind: 'file', name: req.forecastFile } : null;
  {
    const p = resolvePeriod(req.period, s, req.yesterday);
    const shifts = await rosterShifts(s, store, req);
    if (req.forecast) {
      const f = await store.forecast(site, req.forecast);
      if (!f) throw new UsageError({ key: 'reports.err.noForecast', params: { name: req.forecast, db: s.db } }, `no forecast named "${req.forecast}" in ${s.db}`);
      forecast = snapshotRows(f);
      forecastSource = { kind: 'saved', name: f.name, createdMs: f.createdMs };
    } else if (!forecast && req.latestForecast) {
      const latest = await latestForecastCovering(store, site, p);
      const f = latest ? await store.forecast(site, latest.name) : null;
      if (f) {
        forecast = snapshotRows(f);
        forecastSource = { kind: 'latest', name: f.name, createdMs: f.createdMs };
      }
    }
    const grid = intervalGrid(p.fromMs, p.toMs, s.tz, req.interval);
    const query = { site, fromMs: p.fromMs, toMs: p.toMs, queues: req.queues };
    const volumes = await store.volumesInRange(query);
    const sla = slaFromCells(await countedCells(store, site, grid, counting, { queues: req.queues }), grid, volumes);
    const spans = await loadSpans(store, site, p, s.now().getTime());
    const agentsTable = await store.agents(site);
    const agentTotals = await store.agentCallTotals(site, { fromMs: p.fromMs, toMs: p.toMs, enteredFromMs: p.fromMs - ANSWER_LOOKBACK_MS, queues: req.queues });
    const agentQueue = assignAgentQueues(agentTotals, shifts);
    const staffing = staffingReport({ grid, sla, forecast, shifts, spans, agentQueue, target: (q) => counting(q).target, shortBy: req.shortBy, overBy: req.overBy, queues: req.queues });
    const accuracy = forecast ? forecastAccuracy(grid, req.queues?.length ? forecast.filter((f) => req.queues!.includes(f.queue)) : forecast, sla) : null;
    const agentRows = agentDayReport(agentTotals, spans ?? [], p.fromMs, p.toMs, agentsTable, shifts);
    const z = Math.min(req.outlierZ, outlierThreshold(rules) ?? req.outlierZ);
    const outliersAll = agentOutliers(agentRows, z);
    const requirements = await store.skillRequirements(site);
    const exams = examReport(await store.exams(site, undefined, p.toDate), agentsTable, requirements, p.fromDate, p.toDate);
    const training = trainingReport(await store.training(site, p.toDate), agentsTable, requirements, {
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
    // the day totals at each threshold an alert rule names (counted before the rules are evaluated)
    const totals = new Map<number, SlaRow[]>();
    for (const seconds of alertThresholds(rules)) {
      totals.set(seconds, slaFromCells(await countedCells(store, site, dayGrid, counting, { queues: req.queues, slThresholdS: seconds }), dayGrid, volumes).filter((x) => x.intervalStart === null));
    }
    const slaTotals = (seconds: number | null): SlaRow[] => {
      if (seconds === null) return sla.filter((r) => r.intervalStart === null);
      const t = totals.get(seconds);
      if (!t) throw new Error(`day totals at ${seconds} s were not counted`);
      return t;
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
      site,
      tz: s.tz,
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
  }
}

// ---------------------------------------------------------------------------------------------
// People reports

/** `wfm report exams`: per site, pass rates and findings of the sittings in the period. */
export async function examsReport(period: PeriodOptions, s: Session): Promise<SiteAnswer<{ period: Period; report: ExamReport }>[]> {
  return withStore(s, 'read', async (store) => {
    const out: SiteAnswer<{ period: Period; report: ExamReport }>[] = [];
    for (const site of await reportSites(s, store)) {
      const p = resolvePeriod(period, { ...s, tz: site.tz }, false);
      const report = examReport(await store.exams(site.name, undefined, p.toDate), await store.agents(site.name), await store.skillRequirements(site.name), p.fromDate, p.toDate);
      out.push({ site: site.name, tz: site.tz, period: p, report });
    }
    return out;
  });
}

/** `wfm report training`: hours, certificates running out, and scheduled hours at risk (with a roster). */
export async function trainingFor(
  period: PeriodOptions,
  o: { within: number; requiredHours?: number; roster?: string; rosterFile?: string },
  s: Session,
): Promise<SiteAnswer<{ period: Period; report: TrainingReport }>[]> {
  return withStore(s, 'read', async (store) => {
    const out: SiteAnswer<{ period: Period; report: TrainingReport }>[] = [];
    for (const site of await sitesOf(s, store, Boolean(o.roster || o.rosterFile))) {
      const sited = { ...s, site: site.name, tz: site.tz };
      const p = resolvePeriod(period, sited, false);
      const report = trainingReport(await store.training(site.name), await store.agents(site.name), await store.skillRequirements(site.name), {
        fromDate: p.fromDate,
        toDate: p.toDate,
        asOf: p.toDate,
        withinDays: o.within,
        requiredHours: o.requiredHours ?? null,
        shifts: await rosterShifts(sited, store, o),
        zone: site.tz,
      });
      out.push({ site: site.name, tz: site.tz, period: p, report });
    }
    return out;
  });
}
