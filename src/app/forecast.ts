/**
 * Forecast use-cases: `wfm forecast` (calls and AHT per queue and interval with an 80 % band, from a
 * history CSV or the store's calls, optionally saved as a snapshot) and `wfm forecast backtest`
 * (rolling-origin accuracy of every method).
 *
 * Time: history times are read in the site zone and become local wall-clock (date, slot) pairs for
 * the pure engine (src/forecast); forecast (date, slot) pairs become instants again with luxon. A
 * local interval skipped by a DST change is not output; one repeated when clocks go back is output
 * once per offset, each with the forecast of that local interval (in history its two occurrences are
 * added into the one local interval).
 */
import { performance } from 'node:perf_hooks';
import { DateTime, IANAZone } from 'luxon';
import { InputError, UsageError, type Rejection } from '../errors.js';
import { findColumn } from '../formats/csv.js';
import { inferIntervalMinutes, readIntervals } from '../formats/intervals.js';
import {
  backtest,
  dateOf,
  dayNumber,
  forecast,
  ForecastInputError,
  METHOD_NAMES,
  type ForecastErrorCode,
  parseWeekday,
  type BacktestResult,
  type ForecastResult,
  type MethodName,
  type SeriesInput,
  type SpecialDay,
} from '../forecast/index.js';
import type { MessageKey } from '../i18n/index.js';
import { BUCKET_MS, type ForecastSnapshot } from '../store/index.js';
import { isoWithOffset } from '../time.js';
import { readCsv } from './files.js';
import { RejectLog } from './rejects.js';
import type { Session } from './session.js';
import { oneSite, recordSite, writeSite, writeZone } from './sites.js';
import { checkSaveName, savedMeanwhile, withStore } from './store.js';

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

/** IANA zones of mainland China, where the holiday calendar defaults to `cn`. */
const CHINA_ZONES = new Set(['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'Asia/Urumqi', 'Asia/Kashgar', 'PRC']);

export const METHOD_CHOICES = [...METHOD_NAMES, 'auto'] as const;

/** Default span of stored history read when --history is not given: 26 weeks before the start. */
const STORE_HISTORY_DAYS = 182;

/** What both use-cases read the history with. */
export interface HistoryRequest {
  /** A history CSV; without it, the store's calls. */
  input?: string;
  /** Queues (comma-separated in the option). */
  queues?: string[];
  interval?: number;
  /** Only history days in this range. */
  history?: { from?: string; to?: string };
  holidays?: 'cn' | 'none';
  specialDays?: string;
  calibrationWeeks?: number;
  strict?: boolean;
  rejects?: string;
}

export interface History {
  /** Resolution of the data (minutes): gcd of the local start minutes and 1440. */
  nativeMinutes: number;
  /** The interval used (--interval or the native one). */
  intervalMinutes: number;
  queues: Map<string, SeriesInput>;
  rejects: RejectLog;
  lastDate: string;
}

export interface HistoryRow {
  queue: string;
  date: string;
  /** Minutes since local midnight of the interval start. */
  minutes: number;
  calls: number;
  aht: number | null;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * The history CSV: columns interval_start, queue (optional), calls, aht (optional, blank allowed).
 * Bad rows become rejections naming file, line and field.
 */
export function readHistory(s: Session, file: string, req: HistoryRequest, inputsRead: (rejects: RejectLog) => void = () => undefined): History {
  const table = readCsv(s, file);
  const singleName = req.queues?.length === 1 ? req.queues[0] : 'default';
  const read = readIntervals(file, table.header, table.records, s.tz, { defaultQueue: singleName, value: 'calls', wholeMinutes: true });
  const rejections: Rejection[] = [...table.syntaxRejections, ...read.rejections].sort((a, b) => a.line - b.line);
  const range = req.history ?? {};
  const rows: (HistoryRow & { instant: number })[] = [];
  for (const r of read.rows) {
    const date = r.time.toISODate()!;
    if ((range.from && date < range.from) || (range.to && date > range.to)) continue;
    rows.push({ queue: r.queue, date, minutes: r.time.hour * 60 + r.time.minute, calls: r.calls!, aht: r.aht, instant: r.time.toMillis() });
  }
  const rejects = new RejectLog(s.lang).writeTo(s, req.rejects, [file]).addAll(rejections);
  rejects.close();
  inputsRead(rejects);
  if (rejections.length && req.strict) throw new InputError({ file }, { key: 'input.strictRejected', params: { count: rejections.length } });
  if (rows.length === 0) throw new InputError({ file }, { key: 'input.noRows' }, 'no usable rows');
  return assembleHistory(rows, rejects, req.interval);
}

/**
 * One series per queue from interval rows (CSV or store): the native resolution, the interval used,
 * and per local (date, slot) the calls and the call-weighted AHT. `known`: the rows' resolution when
 * the caller knows it (counted from calls: any interval fits), else it is inferred from the rows.
 */
export function assembleHistory(rows: (HistoryRow & { instant: number })[], rejects: RejectLog, interval: number | undefined, known?: number): History {
  let native = 1440;
  if (known !== undefined) native = known;
  else {
    for (const r of rows) native = gcd(native, r.minutes);
    // the gaps between consecutive starts bound the resolution too (one row per day at 00:00 is daily)
    const gaps = inferIntervalMinutes(rows);
    if (gaps !== undefined && 1440 % gaps === 0) native = gcd(native, gaps);
  }
  const intervalMinutes = interval ?? native;
  if (intervalMinutes % native !== 0) throw new UsageError({ key: 'forecast.err.interval', params: { interval: intervalMinutes, native } });
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
    const series: SeriesInput = { intervalMinutes, dates: [], slots: [], calls: [] };
    const aht: (number | null)[] = [];
    for (const [key, e] of q) {
      const [date, slot] = key.split('|');
      series.dates.push(date);
      series.slots.push(Number(slot));
      series.calls.push(e.calls);
      aht.push(e.ahtN > 0 ? e.ahtW / e.ahtN : null);
    }
    if (aht.some((x) => x !== null)) series.aht = aht;
    queues.set(name, series);
  }
  return { nativeMinutes: native, intervalMinutes, queues, rejects, lastDate };
}

/**
 * History from the store's call records (`wfm import ...`): calls per queue and local interval
 * (a call belongs to the interval it entered the queue in, as in `wfm report sla`) and AHT = mean
 * talk (+ wrap-up where known) of the answered calls. Interval default 30 minutes; by default the
 * 26 weeks before `start` (or before today).
 */
async function historyFromStore(s: Session, req: HistoryRequest, start: string | undefined): Promise<SiteHistory> {
  const interval = req.interval ?? 30;
  const range = req.history ?? {};
  const acc = new Map<string, { queue: string; date: string; minutes: number; instant: number; calls: number; handled: number; handleSum: number }>();
  let fromDate = '';
  let toDate = '';
  const site = await withStore(
    s,
    'read',
    async (store) => {
      const site = await oneSite(s, store);
      const zone = IANAZone.create(site.tz);
      const today = DateTime.fromJSDate(s.now(), { zone: site.tz }).toISODate()!;
      toDate = range.to ? dateOf(dayNumber(range.to) + 1) : (start ?? dateOf(dayNumber(today) + 1));
      fromDate = range.from ?? dateOf(dayNumber(toDate) - STORE_HISTORY_DAYS);
      const dayStart = (d: string) => DateTime.fromISO(d, { zone: site.tz }).startOf('day').toMillis();
      const add = (queue: string, ms: number, calls: number, handled: number, handleSum: number) => {
        const localMs = ms + zone.offset(ms) * 60_000;
        const day = Math.floor(localMs / 86_400_000);
        const minutes = Math.floor((localMs - day * 86_400_000) / 60_000 / interval) * interval;
        const date = dateOf(day);
        const key = `${queue}\u0000${date}\u0000${minutes}`;
        let e = acc.get(key);
        if (!e) acc.set(key, (e = { queue, date, minutes, instant: ms, calls: 0, handled: 0, handleSum: 0 }));
        e.calls += calls;
        e.handled += handled;
        e.handleSum += handleSum;
      };
      // an interval of whole quarter hours is a union of the store's quarter-hour call buckets (every
      // zone's offset is a multiple of 15 minutes): a few thousand rows instead of every call
      if ((interval * 60_000) % BUCKET_MS === 0) {
        for (const b of await store.callBuckets(site.name, { fromMs: dayStart(fromDate), toMs: dayStart(toDate), queues: req.queues })) {
          add(b.queue, b.startMs, b.offered, b.talked, b.talkedHandleS);
        }
        return site;
      }
      for await (const page of store.callsInRange({ site: site.name, fromMs: dayStart(fromDate), toMs: dayStart(toDate), queues: req.queues })) {
        for (const c of page) {
          const talked = c.outcome === 'answered' && c.talkS !== null;
          add(c.queue, c.enteredMs, 1, talked ? 1 : 0, talked ? c.talkS! + (c.wrapS ?? 0) : 0);
        }
      }
      return site;
    },
    { key: 'forecast.err.noHistory', params: { db: s.db } },
  );
  if (acc.size === 0) throw new UsageError({ key: 'forecast.err.noStoredCalls', params: { db: s.db, from: fromDate, to: dateOf(dayNumber(toDate) - 1) } });
  const rows = [...acc.values()].map((e) => ({
    queue: e.queue,
    date: e.date,
    minutes: e.minutes,
    calls: e.calls,
    aht: e.handled > 0 ? e.handleSum / e.handled : null,
    instant: e.instant,
  }));
  // counted from calls: any interval fits (a queue with calls in one half hour a day is not "daily")
  return { h: assembleHistory(rows, new RejectLog(s.lang), interval, 1), site: site.name, s: { ...s, tz: site.tz } };
}

/** A history with the site it is of and the session in that site's zone. */
export interface SiteHistory {
  h: History;
  site: string;
  s: Session;
}

/**
 * The history: --input CSV (its rejected lines to `inputsRead` as soon as it is read; read in the zone
 * of the site a save goes to), else the store (one site: see src/app/sites.ts).
 */
export async function loadHistory(s: Session, req: HistoryRequest, start?: string, inputsRead?: (rejects: RejectLog) => void): Promise<SiteHistory> {
  if (!req.input) return historyFromStore(s, req, start);
  const site = writeSite(s);
  const sited = { ...s, tz: writeZone(s, site) };
  return { h: readHistory(sited, req.input, req, inputsRead), site, s: sited };
}

/** Queues selected by --queue, checked against the history. */
function selectQueues(h: History, queues: string[] | undefined): string[] {
  const all = [...h.queues.keys()].sort();
  if (!queues?.length) return all;
  for (const q of queues) if (!h.queues.has(q)) throw new UsageError({ key: 'forecast.err.noQueue', params: { queue: q, queues: all.join(', ') } });
  return queues;
}

/**
 * Special days CSV: columns date, label (optional), factor. The factor cell is a multiplier
 * (number >= 0) or `like:<weekday>`; a separate `like` column is accepted too.
 */
export function readSpecialDays(s: Session, file: string): SpecialDay[] {
  const { header, records, syntaxRejections } = readCsv(s, file);
  if (syntaxRejections.length) {
    const r = syntaxRejections[0];
    throw new InputError({ file, line: r.line }, r.reason);
  }
  const dateCol = findColumn(header, ['date', 'day']);
  const labelCol = findColumn(header, ['label', 'name', 'event']);
  const factorCol = findColumn(header, ['factor', 'multiplier', 'treatment']);
  const likeCol = findColumn(header, ['like']);
  if (!dateCol || (!factorCol && !likeCol)) throw new InputError({ file, line: 1, field: !dateCol ? 'date' : 'factor' }, { key: 'forecast.err.specialColumns' });
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
    if (first !== undefined) throw new InputError({ file, line: rec.line, field: 'date' }, { key: 'forecast.err.specialDuplicate', params: { value: date, first } });
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
    if (text === '' || !Number.isFinite(f) || f < 0) throw new InputError({ file, line: rec.line, field }, { key: 'forecast.err.specialFactor', params: { value: text } });
    out.push({ date, label, factor: f });
  }
  return out;
}

/** The holiday calendar: --holidays, else wfm.yaml's, else cn in a China zone, else none. */
export function holidaysFor(req: HistoryRequest, s: Session): 'cn' | 'none' {
  return req.holidays ?? s.config.holidays ?? (CHINA_ZONES.has(s.tz) ? 'cn' : 'none');
}

/**
 * The message of an engine error code. The codes below guard inputs this layer builds itself (the
 * history arrays, timestamps already on the grid), so they mean a bug rather than bad input and share
 * the generic "cannot forecast: {code}"; every other code has its own message.
 */
function engineErrorKey(code: ForecastErrorCode): MessageKey {
  switch (code) {
    case 'length-mismatch':
    case 'bad-slot':
    case 'bad-calls':
    case 'bad-timestamp':
    case 'off-grid-timestamp':
      return 'forecast.err.other';
    default:
      return `forecast.err.${code}`;
  }
}

/** The pure engine's typed errors as localised usage errors (exit 2). */
export function engineError(err: unknown): never {
  if (err instanceof ForecastInputError) throw new UsageError({ key: engineErrorKey(err.code), params: { code: err.code, ...err.detail } }, err.message);
  throw err;
}

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

type OutputRow = ForecastOutputRow & { instant: number };

function outputRows(queue: string, res: ForecastResult, intervalMinutes: number, zone: string): OutputRow[] {
  const out: OutputRow[] = [];
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

export interface ForecastRequest extends HistoryRequest {
  start?: string;
  days?: number;
  method?: MethodName | 'auto';
  /** Percent change of every forecast (calls and band). */
  adjust?: number;
  save?: string;
}

export interface QueueForecast {
  queue: string;
  res: ForecastResult;
  rows: OutputRow[];
}

export interface ForecastAnswer {
  /** The snapshot saved (--save), with its row count. */
  saved?: { name: string; rows: number };
  start: string;
  days: number;
  intervalMinutes: number;
  results: QueueForecast[];
  /** Every row, in queue order, with the documented fields only. */
  rows: ForecastOutputRow[];
  rejects: RejectLog;
}

/**
 * Forecast every selected queue (see ForecastRequest), saving the snapshot when asked. `inputsRead`
 * gets the history file's rejected lines as soon as it is read.
 */
export async function makeForecast(req: ForecastRequest, session: Session, inputsRead?: (rejects: RejectLog) => void): Promise<ForecastAnswer> {
  if (req.save !== undefined) checkSaveName(req.save);
  const specialDays = req.specialDays ? readSpecialDays(session, req.specialDays) : [];
  const { h, site, s } = await loadHistory(session, req, req.start, inputsRead);
  const queues = selectQueues(h, req.queues);
  const start = req.start ?? dateOf(dayNumber(h.lastDate) + 1);
  const days = req.days ?? 7;
  const holidays = holidaysFor(req, s);
  const results: QueueForecast[] = [];
  queues.forEach((queue, i) => {
    s.progress.update({ key: 'forecast.progress.queue', params: { queue, i: i + 1, n: queues.length } });
    let res: ForecastResult;
    try {
      res = forecast(h.queues.get(queue)!, {
        start,
        days,
        method: req.method ?? 'auto',
        holidays,
        specialDays,
        adjustPercent: req.adjust ?? 0,
        calibrationWeeks: req.calibrationWeeks,
      });
    } catch (err) {
      engineError(err);
    }
    results.push({ queue, res, rows: outputRows(queue, res, h.intervalMinutes, s.tz) });
  });
  s.progress.done();
  const saved = req.save !== undefined ? await saveSnapshot(s, site, req.save, results, h, start, days) : undefined;
  const rows = results.flatMap((r) => r.rows).map(({ instant: _i, ...row }) => row);
  return { saved, start, days, intervalMinutes: h.intervalMinutes, results, rows, rejects: h.rejects };
}

/** Store the forecast as a named, immutable snapshot (refused when the name exists). */
async function saveSnapshot(s: Session, site: string, name: string, results: QueueForecast[], h: History, start: string, days: number): Promise<{ name: string; rows: number }> {
  const snapshot: ForecastSnapshot = {
    name,
    createdMs: s.now().getTime(),
    tz: s.tz,
    intervalMinutes: h.intervalMinutes,
    startDate: start,
    days,
    methods: Object.fromEntries(results.map((r) => [r.queue, r.res.method])),
    rows: results.flatMap((r) =>
      r.rows.map((x) => ({ queue: x.queue, intervalStartMs: x.instant, calls: x.calls, ahtSeconds: x.aht, callsLow: x.callsLow, callsHigh: x.callsHigh })),
    ),
  };
  // the site first: a save retried after a busy store must not meet its own first attempt
  const saved = await withStore(s, 'write', async (store) => {
    await recordSite(s, store, { name: site, tz: s.tz });
    return store.saveForecast(site, snapshot);
  });
  if (!saved.saved) throw savedMeanwhile('forecast.err.saveExists', name, site, saved);
  return { name, rows: snapshot.rows.length };
}

// ---------------------------------------------------------------------------------------------
// wfm forecast backtest

export interface BacktestRequest extends HistoryRequest {
  weeks?: number;
  methods?: string[];
  origins?: string[];
  testEnd?: string;
}

export interface BacktestAnswer {
  queue: string;
  intervalMinutes: number;
  result: BacktestResult;
  rejects: RejectLog;
}

/** Rolling-origin accuracy of the methods on one queue's history (the history file's rejected lines to `inputsRead`). */
export async function runBacktest(req: BacktestRequest, session: Session, inputsRead?: (rejects: RejectLog) => void): Promise<BacktestAnswer> {
  const specialDays = req.specialDays ? readSpecialDays(session, req.specialDays) : [];
  let methods: (MethodName | 'auto')[] | undefined;
  if (req.methods) {
    methods = [];
    for (const m of req.methods) {
      if (!(METHOD_CHOICES as readonly string[]).includes(m)) throw new UsageError({ key: 'forecast.err.badMethod', params: { value: m, methods: METHOD_CHOICES.join(', ') } });
      if (!methods.includes(m as MethodName)) methods.push(m as MethodName | 'auto');
    }
  }
  const { h, s } = await loadHistory(session, req, undefined, inputsRead);
  const queues = selectQueues(h, req.queues);
  if (queues.length !== 1) throw new UsageError({ key: 'forecast.err.oneQueue', params: { queues: queues.join(', ') } });
  const queue = queues[0];
  let result: BacktestResult;
  try {
    result = backtest(h.queues.get(queue)!, {
      origins: req.origins,
      weeks: req.weeks ?? 4,
      testEnd: req.testEnd,
      methods,
      holidays: holidaysFor(req, s),
      specialDays,
      calibrationWeeks: req.calibrationWeeks,
      now: () => performance.now(),
      onFold: s.progress.active ? (i, n) => s.progress.update({ key: 'forecast.progress.fold', params: { i, n } }) : undefined,
    });
  } catch (err) {
    engineError(err);
  } finally {
    s.progress.done();
  }
  return { queue, intervalMinutes: h.intervalMinutes, result, rejects: h.rejects };
}
