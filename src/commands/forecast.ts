/**
 * `wfm forecast`: calls and AHT per queue and interval with an 80 % band, from a history CSV, and
 * `wfm forecast backtest`: rolling-origin accuracy of every method.
 *
 * Time: history times are read in the site zone (--tz) and become local wall-clock (date, slot)
 * pairs for the pure engine (`src/forecast`); forecast (date, slot) pairs become instants again
 * with luxon. A local interval skipped by a DST change is not output; one repeated when clocks go
 * back is output once per offset, each with the forecast of that local interval (in history its
 * two occurrences are added into the one local interval).
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Option, type Command } from 'commander';
import { DateTime, IANAZone } from 'luxon';
import { ExitCode, InputError, UsageError, type Rejection } from '../errors.js';
import {
  backtest,
  dayNumber,
  dateOf,
  forecast,
  ForecastInputError,
  METHOD_NAMES,
  parseWeekday,
  type BacktestResult,
  type ForecastResult,
  type MethodName,
  type SeriesInput,
  type SpecialDay,
} from '../forecast/index.js';
import { t } from '../i18n/index.js';
import { fixed, renderCsv, renderJson, renderTable, type Column } from '../report/format.js';
import { inferIntervalMinutes, missingColumns, pickColumn, readIntervalRecords } from '../staff/input.js';
import { isoWithOffset } from '../time.js';
import type { Registrar } from '../cli.js';
import { showProgress, type Context } from './context.js';
import { readCsvFile } from './csv-input.js';
import { parseIntervalMinutes, parsePositiveInt } from './options.js';
import { requireFormat } from './output.js';
import { openStore, type ForecastSnapshot } from '../store/index.js';
import { reportRejections } from './rejects.js';

type HolidayChoice = 'cn' | 'none';

interface CommonOptions {
  queue?: string;
  input?: string;
  interval?: number;
  history?: string;
  holidays?: HolidayChoice;
  specialDays?: string;
  strict?: boolean;
  rejects?: string;
  calibrationWeeks?: number;
}

export interface ForecastCliOptions extends CommonOptions {
  start?: string;
  days?: number;
  method?: MethodName | 'auto';
  adjust?: number;
  save?: string;
}

export interface BacktestCliOptions extends CommonOptions {
  weeks?: number;
  methods?: string;
  origins?: string;
  testEnd?: string;
}

/** One output row: exactly the documented field names. */
export interface ForecastOutputRow {
  intervalStart: string;
  queue: string;
  calls: number;
  aht: number | null;
  callsLow: number;
  callsHigh: number;
}

export const FORECAST_FIELDS = ['intervalStart', 'queue', 'calls', 'aht', 'callsLow', 'callsHigh'] as const;

/** IANA zones of mainland China, where `--holidays` defaults to `cn`. */
const CHINA_ZONES = new Set(['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'Asia/Urumqi', 'Asia/Kashgar', 'PRC']);

const METHOD_CHOICES = [...METHOD_NAMES, 'auto'] as const;

function parseAdjust(value: string): number {
  const text = value.trim().replace(/%$/, '');
  const n = Number(text);
  if (text === '' || !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) || !(n > -100)) {
    throw new UsageError({ key: 'forecast.err.badAdjust', params: { value } });
  }
  return n;
}

function parseDate(value: string): string {
  const v = value.trim();
  try {
    dayNumber(v);
  } catch {
    throw new UsageError({ key: 'forecast.err.badDate', params: { value } });
  }
  return v;
}

function addCommonOptions(cmd: Command, tr: (k: string) => string): Command {
  return cmd
    .addOption(new Option('-i, --input <file.csv>', tr('forecast.opt.input')))
    .addOption(new Option('--queue <names>', tr('forecast.opt.queue')))
    .addOption(new Option('--interval <minutes>', tr('forecast.opt.interval')).argParser(parseIntervalMinutes))
    .addOption(new Option('--history <from..to>', tr('forecast.opt.history')))
    .addOption(new Option('--holidays <calendar>', tr('forecast.opt.holidays')).choices(['cn', 'none']))
    .addOption(new Option('--special-days <file.csv>', tr('forecast.opt.specialDays')))
    .addOption(new Option('--calibration-weeks <n>', tr('forecast.opt.calibrationWeeks')).argParser(parsePositiveInt))
    .option('--strict', tr('opt.strict'))
    .option('--rejects <file>', tr('opt.rejects'));
}

export function registerForecast(program: Command, r: Registrar): Command {
  const tr = (k: string) => t(r.lang, k);
  const cmd = program.command('forecast').description(tr('forecast.description'));
  addCommonOptions(cmd, tr)
    .addOption(new Option('--start <date>', tr('forecast.opt.start')))
    .addOption(new Option('--days <n>', tr('forecast.opt.days')).argParser(parsePositiveInt))
    .addOption(new Option('--method <name>', tr('forecast.opt.method')).choices([...METHOD_CHOICES]))
    .addOption(new Option('--adjust <percent>', tr('forecast.opt.adjust')))
    .addOption(new Option('--save <name>', tr('forecast.opt.save')));
  cmd.addHelpText('after', '\n' + tr('forecast.help'));
  cmd.action(r.action<ForecastCliOptions>(runForecast));

  const bt = cmd.command('backtest').description(tr('forecast.backtest.description'));
  addCommonOptions(bt, tr)
    .addOption(new Option('--weeks <n>', tr('forecast.opt.weeks')).argParser(parsePositiveInt))
    .addOption(new Option('--methods <list>', tr('forecast.opt.methods')))
    .addOption(new Option('--origins <dates>', tr('forecast.opt.origins')))
    .addOption(new Option('--test-end <date>', tr('forecast.opt.testEnd')));
  bt.addHelpText('after', '\n' + tr('forecast.backtest.help') + '\n\n' + tr('forecast.help'));
  // The root program does not use positional options, so options written after `backtest` that
  // `forecast` also knows (--input, --queue, ...) are parsed by `forecast`: merge both.
  bt.action(r.action<BacktestCliOptions>((opts, ctx) => runBacktest({ ...(cmd.opts() as CommonOptions), ...opts }, ctx)));
  return cmd;
}

// ---------------------------------------------------------------------------------------------
// history

interface HistoryRow {
  queue: string;
  date: string;
  /** Minutes since local midnight of the interval start. */
  minutes: number;
  calls: number;
  aht: number | null;
}

export interface History {
  /** Resolution of the data (minutes): gcd of the local start minutes and 1440. */
  nativeMinutes: number;
  /** The interval used (--interval or the native one). */
  intervalMinutes: number;
  queues: Map<string, SeriesInput>;
  rejections: Rejection[];
  lastDate: string;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function parseRange(value: string | undefined): { from?: string; to?: string } {
  if (value === undefined) return {};
  const m = /^\s*(\d{4}-\d{2}-\d{2})?\s*\.\.\s*(\d{4}-\d{2}-\d{2})?\s*$/.exec(value);
  if (!m || (!m[1] && !m[2])) throw new UsageError({ key: 'forecast.err.badRange', params: { value } });
  for (const d of [m[1], m[2]]) {
    if (d === undefined) continue;
    try {
      dayNumber(d);
    } catch {
      throw new UsageError({ key: 'forecast.err.badRange', params: { value } });
    }
  }
  return { from: m[1], to: m[2] };
}

/**
 * Read the history CSV: columns interval_start, queue (optional), calls, aht (optional, blank
 * allowed). Bad rows become rejections naming file, line and field.
 */
export function readHistory(file: string, ctx: Context, opts: CommonOptions): History {
  const { header, records, syntaxRejections } = readCsvFile(file);
  const missing = missingColumns(header);
  if (missing.length) {
    throw new InputError({ file, line: 1, field: missing[0] }, { key: 'input.missingColumn', params: { columns: missing.join(', ') } });
  }
  const range = parseRange(opts.history);
  const singleName = opts.queue && !opts.queue.includes(',') ? opts.queue.trim() : 'default';
  const read = readIntervalRecords(file, header, records, ctx.tz, { defaultQueue: singleName, ahtRequired: false, wholeMinutes: true });
  const rejections: Rejection[] = [...syntaxRejections, ...read.rejections];
  const rows: (HistoryRow & { instant: number; line: number })[] = [];
  for (const r of read.rows) {
    const date = r.time.toISODate()!;
    if ((range.from && date < range.from) || (range.to && date > range.to)) continue;
    rows.push({ queue: r.queue, date, minutes: r.time.hour * 60 + r.time.minute, calls: r.calls, aht: r.aht, instant: r.time.toMillis(), line: r.line });
  }
  rejections.sort((a, b) => a.line - b.line);
  if (rejections.length) {
    reportRejections(ctx, rejections, opts.rejects);
    if (opts.strict) throw new InputError({ file }, { key: 'input.strictRejected', params: { count: rejections.length } });
  }
  if (rows.length === 0) throw new InputError({ file }, { key: 'input.noRows' }, 'no usable rows');
  return assembleHistory(rows, rejections, opts);
}

/**
 * One series per queue from interval rows (CSV or store): the native resolution, the interval used,
 * and per local (date, slot) the calls and the call-weighted AHT.
 */
function assembleHistory(rows: (HistoryRow & { instant: number })[], rejections: Rejection[], opts: CommonOptions): History {
  let native = 1440;
  for (const r of rows) native = gcd(native, r.minutes);
  // the gaps between consecutive starts bound the resolution too (one row per day at 00:00 is daily)
  const gaps = inferIntervalMinutes(rows);
  if (gaps !== undefined && 1440 % gaps === 0) native = gcd(native, gaps);
  const intervalMinutes = opts.interval ?? native;
  if (intervalMinutes % native !== 0) {
    throw new UsageError({ key: 'forecast.err.interval', params: { interval: intervalMinutes, native } });
  }
  // one entry per queue and local (date, slot): rows of a coarser --interval and the two
  // occurrences of a local time repeated when clocks go back are added up (AHT call-weighted)
  const acc = new Map<string, Map<string, { calls: number; ahtW: number; ahtN: number }>>();
  let lastDate = '';
  for (const r of rows) {
    let q = acc.get(r.queue);
    if (!q) acc.set(r.queue, (q = new Map()));
    const key = `${r.date}|${Math.floor(r.minutes / intervalMinutes)}`;
    let e = q.get(key);
    if (!e) q.set(key, (e = { calls: 0, ahtW: 0, ahtN: 0 }));
    e.calls += r.calls;
    if (r.aht !== null) {
      const w = Math.max(r.calls, 1e-9);
      e.ahtW += r.aht * w;
      e.ahtN += w;
    }
    if (r.date > lastDate) lastDate = r.date;
  }
  const queues = new Map<string, SeriesInput>();
  for (const [name, q] of acc) {
    const s: SeriesInput = { intervalMinutes, dates: [], slots: [], calls: [] };
    const aht: (number | null)[] = [];
    for (const [key, e] of q) {
      const [date, slot] = key.split('|');
      s.dates.push(date);
      s.slots.push(Number(slot));
      s.calls.push(e.calls);
      aht.push(e.ahtN > 0 ? e.ahtW / e.ahtN : null);
    }
    if (aht.some((x) => x !== null)) s.aht = aht;
    queues.set(name, s);
  }
  return { nativeMinutes: native, intervalMinutes, queues, rejections, lastDate };
}

/** Queues selected by --queue (comma list), checked against the history. */
function selectQueues(h: History, queue: string | undefined): string[] {
  const all = [...h.queues.keys()].sort();
  if (!queue) return all;
  const want = queue.split(',').map((q) => q.trim()).filter(Boolean);
  for (const q of want) {
    if (!h.queues.has(q)) throw new UsageError({ key: 'forecast.err.noQueue', params: { queue: q, queues: all.join(', ') } });
  }
  return want;
}

/**
 * Special days CSV: columns date, label (optional), factor. The factor cell is a multiplier
 * (number ≥ 0) or `like:<weekday>`; a separate `like` column is accepted too.
 */
export function readSpecialDays(file: string): SpecialDay[] {
  const { header, records, syntaxRejections } = readCsvFile(file);
  if (syntaxRejections.length) {
    const r = syntaxRejections[0];
    throw new InputError({ file, line: r.line }, r.reason);
  }
  const dateCol = pickColumn(header, ['date', 'day']);
  const labelCol = pickColumn(header, ['label', 'name', 'event']);
  const factorCol = pickColumn(header, ['factor', 'multiplier', 'treatment']);
  const likeCol = pickColumn(header, ['like']);
  if (!dateCol || (!factorCol && !likeCol)) {
    throw new InputError({ file, line: 1, field: !dateCol ? 'date' : 'factor' }, { key: 'forecast.err.specialColumns' });
  }
  const out: SpecialDay[] = [];
  const seen = new Map<string, number>();
  for (const rec of records) {
    const date = (rec.fields[dateCol] ?? '').trim();
    try {
      dayNumber(date);
    } catch {
      throw new InputError({ file, line: rec.line, field: 'date' }, { key: 'forecast.err.badDate', params: { value: date } });
    }
    const first = seen.get(date);
    if (first !== undefined) {
      throw new InputError({ file, line: rec.line, field: 'date' }, { key: 'forecast.err.specialDuplicate', params: { value: date, first } });
    }
    seen.set(date, rec.line);
    const label = labelCol ? (rec.fields[labelCol] ?? '').trim() : '';
    let text = factorCol ? (rec.fields[factorCol] ?? '').trim() : '';
    const likeText = likeCol ? (rec.fields[likeCol] ?? '').trim() : '';
    if (text === '' && likeText !== '') text = `like:${likeText}`;
    const field = factorCol ?? 'like';
    const like = /^like\s*:?\s*(.+)$/i.exec(text);
    if (like) {
      try {
        out.push({ date, label, like: parseWeekday(like[1]) });
      } catch {
        throw new InputError({ file, line: rec.line, field }, { key: 'forecast.err.specialFactor', params: { value: text } });
      }
      continue;
    }
    const f = Number(text);
    if (text === '' || !Number.isFinite(f) || f < 0) {
      throw new InputError({ file, line: rec.line, field }, { key: 'forecast.err.specialFactor', params: { value: text } });
    }
    out.push({ date, label, factor: f });
  }
  return out;
}

function holidaysFor(opts: CommonOptions, ctx: Context): HolidayChoice {
  return opts.holidays ?? (CHINA_ZONES.has(ctx.tz) ? 'cn' : 'none');
}

/** Map the pure engine's typed errors to localised usage errors (exit 2). */
function engineError(err: unknown): never {
  if (err instanceof ForecastInputError) {
    const key = `forecast.err.${err.code}`;
    throw new UsageError({ key, params: { code: err.code, ...err.detail } }, err.message);
  }
  throw err;
}

function loadHistory(opts: CommonOptions & { start?: string }, ctx: Context): History {
  if (opts.input) return readHistory(opts.input, ctx, opts);
  return historyFromStore(opts, ctx);
}

/** Default span of stored history read when --history is not given: 26 weeks before the start. */
const STORE_HISTORY_DAYS = 182;

/**
 * History from the store's call records (`wfm import ...`): calls per queue and local interval
 * (a call belongs to the interval it entered the queue in, as in `wfm report sla`) and AHT = mean
 * talk (+ wrap-up where known) of the answered calls. Interval default 30 minutes.
 */
function historyFromStore(opts: CommonOptions & { start?: string }, ctx: Context): History {
  if (!existsSync(ctx.db)) {
    throw new UsageError({ key: 'forecast.err.noHistory', params: { db: ctx.db } }, `no --input and no store at ${ctx.db}`);
  }
  const interval = opts.interval ?? 30;
  const zone = IANAZone.create(ctx.tz);
  const range = parseRange(opts.history);
  const today = DateTime.fromJSDate(ctx.now(), { zone: ctx.tz }).toISODate()!;
  const toDate = range.to ? dateOf(dayNumber(range.to) + 1) : (opts.start ?? dateOf(dayNumber(today) + 1));
  const fromDate = range.from ?? dateOf(dayNumber(toDate) - STORE_HISTORY_DAYS);
  const dayStart = (d: string) => DateTime.fromISO(d, { zone: ctx.tz }).startOf('day').toMillis();
  const queues = opts.queue ? opts.queue.split(',').map((q) => q.trim()).filter(Boolean) : undefined;
  const acc = new Map<string, { queue: string; date: string; minutes: number; instant: number; calls: number; handled: number; handleSum: number }>();
  const store = openStore(ctx.db);
  try {
    for (const c of store.callsInRange({ fromMs: dayStart(fromDate), toMs: dayStart(toDate), queues })) {
      const localMs = c.enteredMs + zone.offset(c.enteredMs) * 60_000;
      const day = Math.floor(localMs / 86_400_000);
      const minutes = Math.floor((localMs - day * 86_400_000) / 60_000 / interval) * interval;
      const date = dateOf(day);
      const key = `${c.queue}\u0000${date}\u0000${minutes}`;
      let e = acc.get(key);
      if (!e) acc.set(key, (e = { queue: c.queue, date, minutes, instant: c.enteredMs, calls: 0, handled: 0, handleSum: 0 }));
      e.calls++;
      if (c.outcome === 'answered' && c.talkS !== null) {
        e.handled++;
        e.handleSum += c.talkS + (c.wrapS ?? 0);
      }
    }
  } finally {
    store.close();
  }
  if (acc.size === 0) {
    throw new UsageError({ key: 'forecast.err.noStoredCalls', params: { db: ctx.db, from: fromDate, to: dateOf(dayNumber(toDate) - 1) } });
  }
  const rows = [...acc.values()].map((e) => ({
    queue: e.queue,
    date: e.date,
    minutes: e.minutes,
    calls: e.calls,
    aht: e.handled > 0 ? e.handleSum / e.handled : null,
    instant: e.instant,
  }));
  return assembleHistory(rows, [], { ...opts, interval });
}

// ---------------------------------------------------------------------------------------------
// local (date, slot) → instants

/**
 * The instants at which local wall-clock time `date` + `minutes` occurs in `zone`: none when a DST
 * change skips it, two when clocks go back over it, else one. (Candidate offsets are the zone's
 * offsets 36 h around; an instant is kept when the zone's offset there is the candidate.)
 */
export function localInstants(date: string, minutes: number, zone: string): DateTime[] {
  const z = IANAZone.create(zone);
  const wall = dayNumber(date) * 86_400_000 + minutes * 60_000;
  const offsets = new Set([z.offset(wall - 36 * 3_600_000), z.offset(wall), z.offset(wall + 36 * 3_600_000)]);
  const ms = new Set<number>();
  for (const o of offsets) {
    const at = wall - o * 60_000;
    if (z.offset(at) === o) ms.add(at);
  }
  return [...ms].sort((a, b) => a - b).map((m) => DateTime.fromMillis(m, { zone }));
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

function outputRows(queue: string, res: ForecastResult, intervalMinutes: number, zone: string): (ForecastOutputRow & { instant: number })[] {
  const out: (ForecastOutputRow & { instant: number })[] = [];
  for (const r of res.rows) {
    for (const dt of localInstants(r.date, r.slot * intervalMinutes, zone)) {
      out.push({
        intervalStart: isoWithOffset(dt),
        queue,
        calls: round(r.calls, 3),
        aht: r.aht === null ? null : round(r.aht, 1),
        callsLow: round(r.callsLow, 3),
        callsHigh: round(r.callsHigh, 3),
        instant: dt.toMillis(),
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// wfm forecast

export function runForecast(opts: ForecastCliOptions, ctx: Context): number {
  requireFormat(ctx, ['table', 'json', 'csv']);
  const adjust = opts.adjust === undefined ? 0 : parseAdjust(String(opts.adjust));
  if (opts.start !== undefined) parseDate(opts.start);
  const specialDays = opts.specialDays ? readSpecialDays(opts.specialDays) : [];
  const h = loadHistory(opts, ctx);
  const queues = selectQueues(h, opts.queue);
  const start = opts.start ?? dateOf(dayNumber(h.lastDate) + 1);
  const days = opts.days ?? 7;
  const holidays = holidaysFor(opts, ctx);
  const progress = showProgress(ctx);
  const results: { queue: string; res: ForecastResult; rows: (ForecastOutputRow & { instant: number })[] }[] = [];
  queues.forEach((queue, i) => {
    if (progress) ctx.err.write(`\r${t(ctx.lang, 'forecast.progress.queue', { queue, i: i + 1, n: queues.length })}\u001b[K`);
    let res: ForecastResult;
    try {
      res = forecast(h.queues.get(queue)!, {
        start,
        days,
        method: opts.method ?? 'auto',
        holidays,
        specialDays,
        adjustPercent: adjust,
        calibrationWeeks: opts.calibrationWeeks,
      });
    } catch (err) {
      engineError(err);
    }
    results.push({ queue, res, rows: outputRows(queue, res, h.intervalMinutes, ctx.tz) });
  });
  if (progress) ctx.err.write('\r\u001b[K');
  const tr = (k: string, p?: Record<string, string | number>) => t(ctx.lang, k, p);
  if (!ctx.quiet) {
    for (const { queue, res, rows } of results) {
      const cal = res.calibration.find((c) => c.method === res.method);
      const detail = cal && Number.isFinite(cal.wape) ? tr('forecast.note.methodDetail', { wape: cal.wape.toFixed(1), weeks: cal.weeks }) : '';
      if (ctx.format !== 'table') ctx.err.write(`wfm: ${tr('forecast.note.method', { queue, method: res.method, detail })}\n`);
      for (const d of res.days) {
        if (d.treatment === 'normal') continue;
        const label = d.label ? ` (${d.label})` : '';
        ctx.err.write(`wfm: ${tr('forecast.note.days', { queue, date: d.date, treatment: tr(`forecast.treatment.${d.treatment}`), label })}\n`);
      }
      if (rows.length === 0) ctx.err.write(`wfm: ${tr('forecast.note.noRows', { queue })}\n`);
    }
  }
  if (opts.save !== undefined) saveSnapshot(opts.save, results, h, start, days, ctx);
  const all = results.flatMap((r) => r.rows).map(({ instant: _i, ...row }) => row);
  if (ctx.format === 'json') ctx.out.write(renderJson(all));
  else if (ctx.format === 'csv') ctx.out.write(renderCsv(FORECAST_FIELDS, all));
  else {
    const cols: Column<ForecastOutputRow>[] = [
      { key: 'queue', header: tr('col.queue') },
      { key: 'intervalStart', header: tr('col.intervalStart') },
      { key: 'calls', header: tr('col.calls'), align: 'right', show: (v) => fixed(v, 1) },
      { key: 'callsLow', header: tr('forecast.col.low'), align: 'right', show: (v) => fixed(v, 1) },
      { key: 'callsHigh', header: tr('forecast.col.high'), align: 'right', show: (v) => fixed(v, 1) },
      { key: 'aht', header: tr('col.ahtSeconds'), align: 'right', show: (v) => fixed(v, 0) },
    ];
    const heads = results.map(({ queue, res }) => {
      const cal = res.calibration.find((c) => c.method === res.method);
      const detail = cal && Number.isFinite(cal.wape) ? tr('forecast.note.methodDetail', { wape: cal.wape.toFixed(1), weeks: cal.weeks }) : '';
      return tr('forecast.head', { queue, method: res.method + detail, interval: h.intervalMinutes, start, days });
    });
    ctx.out.write(heads.join('\n') + '\n\n' + renderTable(cols, all));
  }
  return h.rejections.length ? ExitCode.partial : ExitCode.ok;
}

/** Store the forecast as a named, immutable snapshot (refused when the name exists). */
function saveSnapshot(
  name: string,
  results: { queue: string; res: ForecastResult; rows: (ForecastOutputRow & { instant: number })[] }[],
  h: History,
  start: string,
  days: number,
  ctx: Context,
): void {
  const snapshot: ForecastSnapshot = {
    name,
    createdMs: ctx.now().getTime(),
    tz: ctx.tz,
    intervalMinutes: h.intervalMinutes,
    startDate: start,
    days,
    methods: Object.fromEntries(results.map((r) => [r.queue, r.res.method])),
    rows: results.flatMap((r) =>
      r.rows.map((x) => ({ queue: x.queue, intervalStartMs: x.instant, calls: x.calls, ahtSeconds: x.aht, callsLow: x.callsLow, callsHigh: x.callsHigh })),
    ),
  };
  const store = openStore(ctx.db);
  try {
    if (!store.saveForecast(snapshot)) {
      throw new UsageError({ key: 'forecast.err.saveExists', params: { name, db: ctx.db } }, `a forecast named ${name} exists`);
    }
  } finally {
    store.close();
  }
  if (!ctx.quiet) ctx.err.write(`wfm: ${t(ctx.lang, 'forecast.note.saved', { name, rows: snapshot.rows.length, db: ctx.db })}\n`);
}

// ---------------------------------------------------------------------------------------------
// wfm forecast backtest

export const BACKTEST_FIELDS = ['method', 'wape', 'mape', 'rmse', 'mase', 'bias', 'dayWape', 'weekWape', 'coverage', 'runtimeMs', 'missing'] as const;

export function runBacktest(opts: BacktestCliOptions, ctx: Context): number {
  requireFormat(ctx, ['table', 'json', 'csv']);
  const specialDays = opts.specialDays ? readSpecialDays(opts.specialDays) : [];
  let methods: (MethodName | 'auto')[] | undefined;
  if (opts.methods) {
    methods = [];
    for (const m of opts.methods.split(',').map((x) => x.trim()).filter(Boolean)) {
      if (!(METHOD_CHOICES as readonly string[]).includes(m)) {
        throw new UsageError({ key: 'forecast.err.badMethod', params: { value: m, methods: METHOD_CHOICES.join(', ') } });
      }
      if (!methods.includes(m as MethodName)) methods.push(m as MethodName | 'auto');
    }
  }
  const origins = opts.origins ? opts.origins.split(',').map((x) => parseDate(x)) : undefined;
  const testEnd = opts.testEnd !== undefined ? parseDate(opts.testEnd) : undefined;
  const h = loadHistory(opts, ctx);
  const queues = selectQueues(h, opts.queue);
  if (queues.length !== 1) throw new UsageError({ key: 'forecast.err.oneQueue', params: { queues: queues.join(', ') } });
  const queue = queues[0];
  const progress = showProgress(ctx);
  const tr = (k: string, p?: Record<string, string | number>) => t(ctx.lang, k, p);
  let res: BacktestResult;
  try {
    res = backtest(h.queues.get(queue)!, {
      origins,
      weeks: opts.weeks ?? 4,
      testEnd,
      methods,
      holidays: holidaysFor(opts, ctx),
      specialDays,
      calibrationWeeks: opts.calibrationWeeks,
      now: () => performance.now(),
      onFold: progress ? (i, n) => ctx.err.write(`\r${tr('forecast.progress.fold', { i, n })}\u001b[K`) : undefined,
    });
  } catch (err) {
    engineError(err);
  }
  if (progress) ctx.err.write('\r\u001b[K');
  const rows = res.methods.map((m) => ({
    method: m.method,
    wape: m.wape,
    mape: m.mape,
    rmse: m.rmse,
    mase: m.mase,
    bias: m.bias,
    dayWape: m.dayWape,
    weekWape: m.weekWape,
    coverage: m.coverage,
    runtimeMs: m.runtimeMs === null ? null : round(m.runtimeMs, 1),
    missing: m.missing,
    foldWape: m.foldWape,
    ...(m.chosen ? { chosen: m.chosen } : {}),
  }));
  if (ctx.format === 'json') {
    ctx.out.write(
      renderJson({
        queue,
        intervalMinutes: h.intervalMinutes,
        testStart: res.testStart,
        testEnd: res.testEnd,
        origins: res.origins,
        scoredIntervals: res.methods[0]?.n ?? 0,
        maseScale: res.maseScale,
        methods: rows,
      }),
    );
  } else if (ctx.format === 'csv') {
    ctx.out.write(renderCsv(['queue', ...BACKTEST_FIELDS], rows.map((r) => ({ queue, ...r }))));
  } else {
    type R = (typeof rows)[number];
    const num = (d: number) => (v: unknown) => fixed(v, d);
    const cols: Column<R>[] = [
      { key: 'method', header: tr('forecast.col.method') },
      { key: 'wape', header: tr('forecast.col.wape'), align: 'right', show: num(2) },
      { key: 'mape', header: tr('forecast.col.mape'), align: 'right', show: num(2) },
      { key: 'rmse', header: tr('forecast.col.rmse'), align: 'right', show: num(2) },
      { key: 'mase', header: tr('forecast.col.mase'), align: 'right', show: num(3) },
      { key: 'bias', header: tr('forecast.col.bias'), align: 'right', show: num(2) },
      { key: 'dayWape', header: tr('forecast.col.dayWape'), align: 'right', show: num(2) },
      { key: 'coverage', header: tr('forecast.col.coverage'), align: 'right', show: num(1) },
      { key: 'runtimeMs', header: tr('forecast.col.runtime'), align: 'right', show: num(0) },
      { key: 'chosen', header: tr('forecast.col.chosen'), show: (v) => (Array.isArray(v) ? v.join(',') : '') },
    ];
    const head = tr('forecast.backtest.head', {
      queue,
      interval: h.intervalMinutes,
      from: res.testStart,
      to: res.testEnd,
      folds: res.origins.length,
      scale: res.maseScale.toFixed(3),
    });
    ctx.out.write(head + '\n\n' + renderTable(cols, [...rows].sort((a, b) => a.wape - b.wape)));
  }
  return h.rejections.length ? ExitCode.partial : ExitCode.ok;
}
