/**
 * Rolling-origin backtest and the accuracy metrics of `shared/tools/forecast_score.py`.
 */
import { ForecastInputError, dateOf, dayNumber } from './calendar.js';
import { type BandModel, FALLBACK_BAND, calibrate, chooseMethod, forecastDays, prepare, toRows } from './engine.js';
import { METHOD_NAMES, type ForecastOptions, type MethodName, type SeriesInput, type SpecialDay } from './types.js';

/** Test periods of the shared benchmark protocol (shared/data/README.md). */
export const PROTOCOL_PRESETS = {
  'na-bank': { testStart: '2003-09-29', testEnd: '2003-10-24' },
  'anon-bank': { testStart: '1999-12-04', testEnd: '1999-12-31' },
} as const;

/** One scored interval. */
export interface ScoredPoint {
  date: string;
  actual: number;
  forecast: number;
  low?: number;
  high?: number;
}

/** Accuracy metrics; percentages are in percent. */
export interface Metrics {
  n: number;
  days: number;
  sumActual: number;
  wape: number;
  mape: number;
  rmse: number;
  mae: number;
  mase: number;
  bias: number;
  dayWape: number;
  weekWape: number;
  /** WAPE per fold (fold k = days testStart + foldDays·(k−1) …), in fold order. */
  foldWape: number[];
  /** Share (%) of points with low ≤ actual ≤ high; NaN when no bands were given. */
  coverage: number;
}

/**
 * The MASE scale of forecast_score.py: Q = mean |y_t − y_{t−7 days}| over all rows dated before
 * `testStart` whose row `seasonDays` days earlier (same wall-clock slot) exists.
 */
export function maseScale(series: SeriesInput, testStart: string, seasonDays = 7): { scale: number; pairs: number } {
  const ts = dayNumber(testStart);
  const map = new Map<string, number>();
  const key = (d: number, s: number) => `${d}:${s}`;
  for (let i = 0; i < series.dates.length; i++) map.set(key(dayNumber(series.dates[i]), series.slots[i]), series.calls[i]);
  let sum = 0;
  let n = 0;
  for (let i = 0; i < series.dates.length; i++) {
    const d = dayNumber(series.dates[i]);
    if (d >= ts) continue;
    const prev = map.get(key(d - seasonDays, series.slots[i]));
    if (prev === undefined) continue;
    sum += Math.abs(series.calls[i] - prev);
    n++;
  }
  if (n === 0) throw new ForecastInputError('no-mase-pairs', { testStart });
  return { scale: sum / n, pairs: n };
}

/**
 * Pooled metrics exactly as forecast_score.py: e = forecast − actual; WAPE = 100 Σ|e|/Σy;
 * MAPE = 100 mean(|e|/y) over y > 0; RMSE = √mean(e²); MAE = mean|e|; MASE = MAE/scale;
 * Bias = 100 Σe/Σy; dayWAPE = 100 Σ_days |Σ_day e| / Σy; weekWAPE = the same over folds
 * (fold = ⌊(date − testStart)/foldDays⌋ + 1); per-fold WAPE; plus 80 % band coverage.
 */
export function scorePoints(points: ScoredPoint[], testStart: string, scale: number, foldDays = 7): Metrics {
  const ts = dayNumber(testStart);
  let sy = 0;
  let sa = 0;
  let sq = 0;
  let se = 0;
  let ape = 0;
  let nape = 0;
  let inBand = 0;
  let nBand = 0;
  const dayE = new Map<number, number>();
  const foldE = new Map<number, number>();
  const foldA = new Map<number, number>();
  const foldY = new Map<number, number>();
  for (const p of points) {
    const e = p.forecast - p.actual;
    sy += p.actual;
    sa += Math.abs(e);
    sq += e * e;
    se += e;
    if (p.actual > 0) {
      ape += Math.abs(e) / p.actual;
      nape++;
    }
    if (p.low !== undefined && p.high !== undefined) {
      nBand++;
      if (p.actual >= p.low && p.actual <= p.high) inBand++;
    }
    const d = dayNumber(p.date);
    const k = Math.floor((d - ts) / foldDays) + 1;
    dayE.set(d, (dayE.get(d) ?? 0) + e);
    foldE.set(k, (foldE.get(k) ?? 0) + e);
    foldA.set(k, (foldA.get(k) ?? 0) + Math.abs(e));
    foldY.set(k, (foldY.get(k) ?? 0) + p.actual);
  }
  const n = points.length;
  const mae = sa / n;
  let dayAbs = 0;
  for (const v of dayE.values()) dayAbs += Math.abs(v);
  let foldAbs = 0;
  for (const v of foldE.values()) foldAbs += Math.abs(v);
  const folds = [...foldA.keys()].sort((a, b) => a - b);
  return {
    n,
    days: dayE.size,
    sumActual: sy,
    wape: (100 * sa) / sy,
    mape: nape ? (100 * ape) / nape : NaN,
    rmse: Math.sqrt(sq / n),
    mae,
    mase: mae / scale,
    bias: (100 * se) / sy,
    dayWape: (100 * dayAbs) / sy,
    weekWape: (100 * foldAbs) / sy,
    foldWape: folds.map((k) => (100 * foldA.get(k)!) / foldY.get(k)!),
    coverage: nBand ? (100 * inBand) / nBand : NaN,
  };
}

export interface BacktestOptions {
  /** Fold start dates; default: the `weeks` weeks ending with the last history date. */
  origins?: string[];
  /** Number of folds when `origins` is not given (default 4). */
  weeks?: number;
  /** Days per fold (default 7). */
  horizonDays?: number;
  /** Last scored date (default: last origin + horizon − 1). */
  testEnd?: string;
  /** Methods to evaluate (default: all, plus 'auto'). */
  methods?: (MethodName | 'auto')[];
  holidays?: ForecastOptions['holidays'];
  specialDays?: SpecialDay[];
  /** Calibration weeks for 'auto' and the bands (default 6). */
  calibrationWeeks?: number;
  /** Millisecond clock for runtimes (e.g. `performance.now`); without it runtimes are null. */
  now?: () => number;
  /** Keep the per-interval forecasts in the result (default false). */
  keepForecasts?: boolean;
  /** Called after each fold with (folds done, folds in all), e.g. for a progress line. */
  onFold?: (done: number, total: number) => void;
}

export interface MethodBacktest extends Metrics {
  method: MethodName | 'auto';
  /** Actual rows in the test period without a forecast from this method (scored as 0). */
  missing: number;
  /** Total runtime over all folds in ms (calibration for its band + forecast); null without clock. */
  runtimeMs: number | null;
  /** For 'auto': the method chosen in each fold. */
  chosen?: MethodName[];
}

export interface BacktestResult {
  testStart: string;
  testEnd: string;
  origins: string[];
  maseScale: number;
  masePairs: number;
  methods: MethodBacktest[];
  forecasts?: { method: MethodName | 'auto'; date: string; slot: number; forecast: number; low: number; high: number }[];
}

/**
 * Rolling-origin evaluation: for each origin, every method forecasts `horizonDays` days using only
 * history before the origin (its band and, for 'auto', its choice come from the calibration
 * backtest inside that history); all actual rows of the test period are scored with
 * {@link scorePoints} against the fold's forecast, with the MASE scale of {@link maseScale}.
 */
export function backtest(series: SeriesInput, opts: BacktestOptions = {}): BacktestResult {
  const p = prepare(series, opts.holidays, opts.specialDays);
  const horizon = opts.horizonDays ?? 7;
  let origins: number[];
  if (opts.origins && opts.origins.length) origins = opts.origins.map(dayNumber).sort((a, b) => a - b);
  else {
    const last = p.grid.firstDay + p.grid.nDays - 1;
    const w = opts.weeks ?? 4;
    origins = [];
    for (let k = w; k >= 1; k--) origins.push(last + 1 - horizon * k);
  }
  const testStartDay = origins[0];
  const testEndDay = opts.testEnd ? dayNumber(opts.testEnd) : origins[origins.length - 1] + horizon - 1;
  const testStart = dateOf(testStartDay);
  const { scale, pairs } = maseScale(series, testStart, 7);
  const names = (opts.methods ?? [...METHOD_NAMES, 'auto']) as (MethodName | 'auto')[];
  const base = [...new Set(names.includes('auto') ? [...METHOD_NAMES] : (names as MethodName[]))];
  const now = opts.now;
  const calWeeks = opts.calibrationWeeks ?? 6;
  const spd = p.grid.slotsPerDay;
  // forecasts: method -> key(day,slot) -> [f, lo, hi]
  const fc = new Map<string, Map<number, [number, number, number]>>();
  const runtime = new Map<string, number>();
  const chosen: MethodName[] = [];
  for (const n of names) {
    fc.set(n, new Map());
    runtime.set(n, 0);
  }
  for (const [fold, o] of origins.entries()) {
    if (fold > 0) opts.onFold?.(fold, origins.length);
    const cal = calibrate(p, o, base, calWeeks, now);
    const pick = chooseMethod(cal, base);
    chosen.push(pick);
    const perMethodRows = new Map<MethodName, { ms: number; rows: ReturnType<typeof toRows> }>();
    const need = new Set<MethodName>(names.filter((n): n is MethodName => n !== 'auto'));
    if (names.includes('auto')) need.add(pick);
    for (const m of need) {
      const t0 = now?.() ?? 0;
      const band: BandModel = cal.perMethod.get(m)?.band ?? FALLBACK_BAND;
      const dfs = forecastDays(p, o, horizon, m);
      const rows = toRows(p, o, dfs, band, 0);
      perMethodRows.set(m, { ms: (now?.() ?? 0) - t0 + (cal.perMethod.get(m)?.runtimeMs ?? 0), rows });
    }
    for (const n of names) {
      let ms: number;
      let rows;
      if (n === 'auto') {
        let calMs = 0;
        for (const v of cal.perMethod.values()) calMs += v.runtimeMs;
        const r = perMethodRows.get(pick)!;
        rows = r.rows;
        ms = calMs + r.ms - (cal.perMethod.get(pick)?.runtimeMs ?? 0);
      } else {
        const r = perMethodRows.get(n)!;
        rows = r.rows;
        ms = r.ms;
      }
      runtime.set(n, runtime.get(n)! + ms);
      const m = fc.get(n)!;
      for (const r of rows) m.set(dayNumber(r.date) * spd + r.slot, [r.calls, r.callsLow, r.callsHigh]);
    }
  }
  opts.onFold?.(origins.length, origins.length);
  // actual rows in the test period, each scored against the fold covering it
  const actual: { day: number; slot: number; y: number }[] = [];
  for (let i = 0; i < series.dates.length; i++) {
    const d = dayNumber(series.dates[i]);
    if (d < testStartDay || d > testEndDay) continue;
    if (!origins.some((o) => d >= o && d < o + horizon)) continue;
    actual.push({ day: d, slot: series.slots[i], y: series.calls[i] });
  }
  actual.sort((a, b) => a.day - b.day || a.slot - b.slot);
  const methods: MethodBacktest[] = [];
  const kept: NonNullable<BacktestResult['forecasts']> = [];
  for (const n of names) {
    const m = fc.get(n)!;
    let missing = 0;
    const pts: ScoredPoint[] = actual.map((a) => {
      const f = m.get(a.day * spd + a.slot);
      if (!f) missing++;
      return { date: dateOf(a.day), actual: a.y, forecast: f ? f[0] : 0, low: f ? f[1] : 0, high: f ? f[2] : 0 };
    });
    if (opts.keepForecasts) {
      for (const [k, v] of m) kept.push({ method: n, date: dateOf(Math.floor(k / spd)), slot: k % spd, forecast: v[0], low: v[1], high: v[2] });
    }
    methods.push({
      method: n,
      ...scorePoints(pts, testStart, scale, horizon),
      missing,
      runtimeMs: now ? runtime.get(n)! : null,
      ...(n === 'auto' ? { chosen } : {}),
    });
  }
  return {
    testStart,
    testEnd: dateOf(testEndDay),
    origins: origins.map(dateOf),
    maseScale: scale,
    masePairs: pairs,
    methods,
    ...(opts.keepForecasts ? { forecasts: kept } : {}),
  };
}
