/**
 * What the people, staffing, daily and alert commands share: the period options (--date or
 * --from/--to), opening the store read-only-ish, reading the forecast and roster inputs, CSV output
 * with an optional Excel byte-order mark, and assembling the daily report's figures.
 *
 * Forecasts and rosters: `--forecast-file FILE.csv` (as `wfm forecast --format csv` prints) or
 * `--forecast NAME` (a snapshot saved by `wfm forecast --save NAME`), and `--roster-file FILE.json`
 * (as `wfm roster --format json` prints) or `--roster NAME` (a snapshot saved by `wfm roster --save NAME`).
 * Without them, the reports leave the
 * forecast/roster figures blank (null) and compute required agents from the actual calls.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { Option, type Command } from 'commander';
import { InputError, UsageError } from '../errors.js';
import { t, type Lang } from '../i18n/index.js';
import type { Context } from './context.js';
import { parseNonNegativeNumber, parsePositiveNumber, parseSla } from './options.js';
import { openStore, type ForecastSnapshot, type ForecastSummary, type Store } from '../store/index.js';
import type { RosterSnapshot } from '../store/store.js';
import { agentSpans, type AgentSpan } from '../cdr/sessions.js';
import { intervalGrid, slaFromCells, type IntervalGrid, type SlaRow } from '../report/sla.js';
import { parseForecastCsv, parseRosterJson, type ForecastRow, type RosterShiftInput } from '../report/staffing-input.js';
import { assignAgentQueues, forecastAccuracy, staffingReport, type ForecastAccuracyRow, type StaffingRow } from '../report/staffing.js';
import { agentDayReport, agentOutliers, type AgentDayRow, type AgentOutlier } from '../report/agents.js';
import { examReport, type ExamFindingRow } from '../report/exams.js';
import { trainingReport, type CertificateRow } from '../report/training.js';
import { evaluateAlerts, outlierThreshold, parseRules, type Alert, type AlertRule } from '../report/alerts.js';
import type { ServiceLevelTarget } from '../queueing/index.js';

export interface PeriodOptions {
  date?: string;
  from?: string;
  to?: string;
}

export interface Period {
  /** First and last local day, YYYY-MM-DD. */
  fromDate: string;
  toDate: string;
  fromMs: number;
  /** Exclusive: the local midnight after toDate. */
  toMs: number;
}

export function addPeriodOptions(cmd: Command, lang: Lang, defaultYesterday: boolean): Command {
  return cmd
    .addOption(new Option('--date <date>', t(lang, defaultYesterday ? 'reports.opt.dateYesterday' : 'reports.opt.date')))
    .addOption(new Option('--from <date>', t(lang, 'reports.opt.from')))
    .addOption(new Option('--to <date>', t(lang, 'reports.opt.to')));
}

export function addInputOptions(cmd: Command, lang: Lang): Command {
  return cmd
    .addOption(new Option('--forecast <name>', t(lang, 'reports.opt.forecast')))
    .addOption(new Option('--forecast-file <file.csv>', t(lang, 'reports.opt.forecastFile')))
    .addOption(new Option('--roster <name>', t(lang, 'reports.opt.roster')))
    .addOption(new Option('--roster-file <file.json>', t(lang, 'reports.opt.rosterFile')));
}

function day(value: string, zone: string, option: string): DateTime {
  const s = value.trim();
  const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? DateTime.fromISO(s, { zone }) : DateTime.invalid('format');
  if (!d.isValid) throw new UsageError({ key: 'sla.err.date', params: { option, value } }, `${option}: bad date ${value}`);
  return d.startOf('day');
}

/** The period from --date D, or --from D --to D (inclusive days); --date defaults to yesterday when allowed. */
export function resolvePeriod(o: PeriodOptions, ctx: Context, defaultYesterday: boolean): Period {
  let from: DateTime;
  let to: DateTime;
  if (o.date) {
    if (o.from || o.to) throw new UsageError({ key: 'reports.err.dateOrRange' }, 'give --date or --from/--to, not both');
    from = to = day(o.date, ctx.tz, '--date');
  } else if (o.from || o.to) {
    if (!o.from || !o.to) throw new UsageError({ key: 'sla.err.needPeriod' }, 'give --from DATE and --to DATE');
    from = day(o.from, ctx.tz, '--from');
    to = day(o.to, ctx.tz, '--to');
    if (to < from) throw new UsageError({ key: 'sla.err.emptyPeriod', params: { from: o.from, to: o.to } });
  } else if (defaultYesterday) {
    from = to = DateTime.fromJSDate(ctx.now(), { zone: ctx.tz }).startOf('day').minus({ days: 1 });
  } else throw new UsageError({ key: 'reports.err.needDate' }, 'give --date DATE or --from DATE --to DATE');
  return { fromDate: from.toISODate()!, toDate: to.toISODate()!, fromMs: from.toMillis(), toMs: to.plus({ days: 1 }).startOf('day').toMillis() };
}

/** Open the store, which must exist (reports never create one). */
export function openExisting(ctx: Context): Store {
  const path = resolve(ctx.cwd, ctx.db);
  if (!existsSync(path)) throw new UsageError({ key: 'store.missing', params: { path: ctx.db } }, `no store at ${ctx.db}`);
  return openStore(path);
}

function readText(ctx: Context, file: string): string {
  try {
    return readFileSync(resolve(ctx.cwd, file), 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'EIO';
    throw new InputError({ file }, { key: 'input.cannotRead', params: { code } }, `cannot read ${file}: ${code}`);
  }
}

export function readForecast(ctx: Context, file: string | undefined): ForecastRow[] | null {
  if (!file) return null;
  const r = parseForecastCsv(readText(ctx, file), ctx.tz);
  if ('reason' in r) throw new InputError({ file, line: r.line, field: r.field }, r.reason);
  return r;
}

/** Where the report's forecast came from: a file, a snapshot named by --forecast, or the latest saved one covering the day. */
export type ForecastSource = { kind: 'file'; name: string } | { kind: 'saved' | 'latest'; name: string; createdMs: number };

/** Rows of a saved forecast snapshot as the reports take them. */
export function snapshotRows(snapshot: ForecastSnapshot): ForecastRow[] {
  return snapshot.rows.map((r) => ({ queue: r.queue, intervalStartMs: r.intervalStartMs, calls: r.calls, ahtS: r.ahtSeconds }));
}

/** The saved forecast named `name`, or a usage error naming the store. */
export function savedForecast(store: Store, ctx: Context, name: string): ForecastSnapshot {
  const f = store.forecast(name);
  if (!f) throw new UsageError({ key: 'reports.err.noForecast', params: { name, db: ctx.db } }, `no forecast named "${name}" in ${ctx.db}`);
  return f;
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

export function readRoster(ctx: Context, file: string | undefined): RosterShiftInput[] | null {
  if (!file) return null;
  const r = parseRosterJson(readText(ctx, file), ctx.tz);
  if ('reason' in r) throw new InputError({ file, line: r.line, field: r.field }, r.reason);
  return r;
}

/** Shifts of a saved roster snapshot as the reports take them. */
export function rosterShifts(snapshot: RosterSnapshot): RosterShiftInput[] {
  return snapshot.shifts.map((s) => ({
    agent: s.agent,
    queue: s.queue || null,
    startMs: s.startMs,
    endMs: s.endMs,
    breaks: s.breaks.map((b) => ({ startMs: b.startMs, endMs: b.endMs, paid: b.paid })),
  }));
}

/**
 * The roster shifts of --roster NAME (a snapshot saved by `wfm roster --save NAME`, read from the open
 * store) or --roster-file FILE (not both); null when neither is given.
 */
export function readRosterInput(ctx: Context, store: Store, opts: { roster?: string; rosterFile?: string }): RosterShiftInput[] | null {
  if (opts.roster && opts.rosterFile) throw new UsageError({ key: 'reports.err.rosterTwice' }, 'give --roster NAME or --roster-file FILE, not both');
  if (!opts.roster) return readRoster(ctx, opts.rosterFile);
  const r = store.roster(opts.roster);
  if (!r) throw new UsageError({ key: 'reports.err.noRoster', params: { name: opts.roster, db: ctx.db } }, `no roster named "${opts.roster}" in ${ctx.db}`);
  return rosterShifts(r);
}

/** The alert rules: --rules FILE, else data/alert-rules.yaml shipped with wfm. */
export function readRules(ctx: Context, file: string | undefined): AlertRule[] {
  const path = file ? resolve(ctx.cwd, file) : new URL('../../data/alert-rules.yaml', import.meta.url);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'EIO';
    throw new InputError({ file: file ?? 'data/alert-rules.yaml' }, { key: 'input.cannotRead', params: { code } });
  }
  const r = parseRules(text);
  if ('reason' in r) throw new InputError({ file: file ?? 'data/alert-rules.yaml', field: r.entry ? `rules[${r.entry}]` : undefined }, r.reason);
  return r;
}

/** Write CSV to stdout, with a UTF-8 byte-order mark when `excel` (Excel then reads Chinese correctly). */
export function csvOut(text: string, excel: boolean | undefined): string {
  return excel ? '\uFEFF' + text : text;
}

/** Agent state before the period is looked up this far back (a week), as `report sla --by agent`. */
const STATE_LOOKBACK_MS = 7 * 86_400_000;

/** Agent spans of the period; null when the store has no agent events for it. */
export function loadSpans(store: Store, p: Period, nowMs: number): AgentSpan[] | null {
  const before = [...store.agentEventsBefore(p.fromMs, STATE_LOOKBACK_MS)];
  const during = [...store.agentEventsInRange(p.fromMs, p.toMs)];
  if (before.length === 0 && during.length === 0) return null;
  return agentSpans([...before, ...during], p.fromMs, Math.min(p.toMs, nowMs));
}

export interface DayFigures {
  period: Period;
  grid: IntervalGrid;
  sla: SlaRow[];
  forecast: ForecastRow[] | null;
  /** Where the forecast came from (null without one). */
  forecastSource: ForecastSource | null;
  shifts: RosterShiftInput[] | null;
  accuracy: ForecastAccuracyRow[] | null;
  staffing: StaffingRow[];
  agents: AgentDayRow[];
  outliers: AgentOutlier[];
  examFailures: ExamFindingRow[];
  certificates: CertificateRow[];
  alerts: Alert[];
}

export interface FigureOptions {
  interval: number;
  slThreshold: number;
  shortAbandon: number;
  target: ServiceLevelTarget;
  shortBy: number;
  overBy: number;
  outlierZ: number;
  withinDays: number;
  queues?: string[];
}

/** Calls answered in the period may have entered the queue this long before it (an hour). */
const ANSWER_LOOKBACK_MS = 3_600_000;

/**
 * Every figure of the daily report and the alerts for a period, computed once from the store and
 * the optional forecast/roster inputs. Calls are read as the store's aggregates (per queue and
 * interval, per agent and queue), never row by row.
 */
export function dayFigures(store: Store, ctx: Context, p: Period, o: FigureOptions, forecast: ForecastRow[] | null, shifts: RosterShiftInput[] | null, rules: AlertRule[], forecastSource: ForecastSource | null = null): DayFigures {
  const grid = intervalGrid(p.fromMs, p.toMs, ctx.tz, o.interval);
  const slaOpts = { slThresholdS: o.slThreshold, shortAbandonS: o.shortAbandon };
  const query = { fromMs: p.fromMs, toMs: p.toMs, queues: o.queues };
  const volumes = [...store.volumesInRange(query)];
  const cellsOn = (g: IntervalGrid, slThresholdS: number) =>
    store.callCells({ starts: g.starts, endMs: g.endMs, queues: o.queues, slThresholdS, shortAbandonS: o.shortAbandon });
  const sla = slaFromCells(cellsOn(grid, o.slThreshold), grid, volumes);
  const spans = loadSpans(store, p, ctx.now().getTime());
  const agentsTable = store.agents();
  const agentTotals = store.agentCallTotals({ fromMs: p.fromMs, toMs: p.toMs, enteredFromMs: p.fromMs - ANSWER_LOOKBACK_MS, queues: o.queues });
  const agentQueue = assignAgentQueues(agentTotals, shifts);
  const staffing = staffingReport({ grid, sla, forecast, shifts, spans, agentQueue, target: o.target, shortBy: o.shortBy, overBy: o.overBy, queues: o.queues });
  const accuracy = forecast ? forecastAccuracy(grid, o.queues?.length ? forecast.filter((f) => o.queues!.includes(f.queue)) : forecast, sla) : null;
  const agentRows = agentDayReport(agentTotals, spans ?? [], p.fromMs, p.toMs, agentsTable, shifts);
  const z = Math.min(o.outlierZ, outlierThreshold(rules) ?? o.outlierZ);
  const outliersAll = agentOutliers(agentRows, z);
  const exams = examReport(store.exams(undefined, p.toDate), agentsTable, store.skillRequirements(), p.fromDate, p.toDate);
  const training = trainingReport(store.training(p.toDate), agentsTable, store.skillRequirements(), {
    fromDate: p.fromDate,
    toDate: p.toDate,
    asOf: p.toDate,
    withinDays: o.withinDays,
    requiredHours: null,
    shifts,
    zone: ctx.tz,
  });
  const certificates = training.certificates.filter((c) => c.skills !== '');
  const examFailures = exams.findings.filter((f) => f.status === 'failed');
  const dayGrid = intervalGrid(p.fromMs, p.toMs, ctx.tz, 'day');
  const totalsCache = new Map<number, SlaRow[]>();
  const slaTotals = (seconds: number) => {
    if (seconds === o.slThreshold) return sla.filter((r) => r.intervalStart === null);
    let r = totalsCache.get(seconds);
    if (!r) totalsCache.set(seconds, (r = slaFromCells(cellsOn(dayGrid, seconds), dayGrid, volumes).filter((x) => x.intervalStart === null)));
    return r;
  };
  const alerts = evaluateAlerts(rules, {
    slaTotals,
    staffing,
    forecastAccuracy: accuracy,
    outliers: outliersAll,
    examFindings: examFailures,
    certificates,
  });
  return {
    period: p,
    grid,
    sla,
    forecast,
    forecastSource,
    shifts,
    accuracy,
    staffing,
    agents: agentRows,
    outliers: outliersAll.filter((x) => Math.abs(x.z) > o.outlierZ),
    examFailures,
    certificates,
    alerts,
  };
}

/** Options every figure-based command shares (daily, alerts). */
export function addFigureOptions(cmd: Command, lang: Lang): Command {
  const tr = (k: string) => t(lang, k);
  return cmd
    .addOption(new Option('--interval <minutes>', tr('reports.opt.interval')).argParser(parseInterval).default(30))
    .addOption(new Option('--sl-threshold <seconds>', tr('sla.opt.slThreshold')).argParser(parseNonNegativeNumber).default(20))
    .addOption(new Option('--short-abandon <seconds>', tr('sla.opt.shortAbandon')).argParser(parseNonNegativeNumber).default(5))
    .addOption(new Option('--sla <X/T>', tr('reports.opt.sla')).argParser(parseSla).default({ target: 0.8, seconds: 20 }, '80/20'))
    .addOption(new Option('--short-by <agents>', tr('reports.opt.shortBy')).argParser(parsePositiveNumber).default(1))
    .addOption(new Option('--over-by <agents>', tr('reports.opt.overBy')).argParser(parsePositiveNumber).default(2))
    .addOption(new Option('--outlier-z <z>', tr('reports.opt.outlierZ')).argParser(parsePositiveNumber).default(3.5))
    .addOption(new Option('--within <days>', tr('reports.opt.within')).argParser(parseDays).default(30, '30d'))
    .addOption(new Option('--queue <name>', tr('sla.opt.queue')).argParser(collect));
}

export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

/** Interval minutes for these reports: 5, 10, 15, 20, 30 or 60. */
export function parseInterval(value: string): number {
  const n = Number(value.trim().replace(/m(in)?$/i, ''));
  if (![5, 10, 15, 20, 30, 60].includes(n)) throw new UsageError({ key: 'sla.err.interval', params: { value } });
  return n;
}

/** Days as "30", "30d" or "4w". */
export function parseDays(value: string): number {
  const m = /^\s*(\d+)\s*([dw]?)\s*$/i.exec(value);
  if (!m) throw new UsageError({ key: 'reports.err.days', params: { value } });
  return Number(m[1]) * (m[2].toLowerCase() === 'w' ? 7 : 1);
}

export interface FigureCliOptions extends PeriodOptions {
  interval: number;
  slThreshold: number;
  shortAbandon: number;
  sla: ServiceLevelTarget;
  shortBy: number;
  overBy: number;
  outlierZ: number;
  within: number;
  queue?: string[];
  forecast?: string;
  forecastFile?: string;
  roster?: string;
  rosterFile?: string;
  rules?: string;
}

/**
 * Compute the day's figures for a figure-based command (opens and closes the store). The forecast:
 * --forecast-file FILE, else the snapshot --forecast NAME, else (`latestForecast`, the daily report)
 * the most recently saved forecast covering the whole period, else none.
 */
export function figuresFor(opts: FigureCliOptions, ctx: Context, p: Period, latestForecast = false): DayFigures {
  if (opts.forecast && opts.forecastFile) throw new UsageError({ key: 'reports.err.forecastTwice' }, 'give --forecast NAME or --forecast-file FILE, not both');
  let forecast = readForecast(ctx, opts.forecastFile);
  let forecastSource: ForecastSource | null = opts.forecastFile ? { kind: 'file', name: opts.forecastFile } : null;
  if (opts.roster && opts.rosterFile) throw new UsageError({ key: 'reports.err.rosterTwice' }, 'give --roster NAME or --roster-file FILE, not both');
  const fileShifts = readRoster(ctx, opts.rosterFile);
  const rules = readRules(ctx, opts.rules);
  const store = openExisting(ctx);
  try {
    const shifts = opts.roster ? readRosterInput(ctx, store, opts) : fileShifts;
    if (opts.forecast) {
      const f = savedForecast(store, ctx, opts.forecast);
      forecast = snapshotRows(f);
      forecastSource = { kind: 'saved', name: f.name, createdMs: f.createdMs };
    } else if (!forecast && latestForecast) {
      const latest = latestForecastCovering(store, p);
      const f = latest ? store.forecast(latest.name) : null;
      if (f) {
        forecast = snapshotRows(f);
        forecastSource = { kind: 'latest', name: f.name, createdMs: f.createdMs };
      }
    }
    return dayFigures(
      store,
      ctx,
      p,
      {
        interval: opts.interval,
        slThreshold: opts.slThreshold,
        shortAbandon: opts.shortAbandon,
        target: opts.sla,
        shortBy: opts.shortBy,
        overBy: opts.overBy,
        outlierZ: opts.outlierZ,
        withinDays: opts.within,
        queues: opts.queue,
      },
      forecast,
      shifts,
      rules,
      forecastSource,
    );
  } finally {
    store.close();
  }
}
