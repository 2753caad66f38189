/**
 * The forecasting engine: day classification (holidays, make-up days, user special days), the
 * cleaned history, method dispatch with closed-interval masking, rolling-origin calibration
 * ('auto' choice and 80 % bands) and AHT.
 */
import { mean, median, quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import { ForecastInputError, dateOf, dayNumber, dayOfMonth, parseWeekday, weekdayOf } from './calendar.js';
import { cnHolidays, noHolidays } from './holidays.js';
import { type Grid, type History, type Target, buildGrid, lastOfClass, openSlots, rowSum, truncate } from './history.js';
import { METHODS } from './methods.js';
import {
  type DayTreatment,
  type ForecastOptions,
  type ForecastResult,
  type ForecastRow,
  type HolidayLookup,
  METHOD_NAMES,
  type MethodName,
  type SeriesInput,
  type SpecialDay,
} from './types.js';

/** How one calendar day is treated, both in history and in the forecast. */
export interface DayClass {
  kind: 'ordinary' | 'holiday' | 'makeup' | 'special-factor' | 'special-like' | 'special-exclude';
  /** Weekday class the day counts as (its own weekday unless `like`). */
  wd: number;
  factor: number;
  name?: string;
  label?: string;
}

/** Classify a day: a user special day wins over the holiday calendar. */
export function classifyDay(day: number, holidays: HolidayLookup, special: Map<number, SpecialDay>): DayClass {
  const wd = weekdayOf(day);
  const sp = special.get(day);
  if (sp) {
    if (sp.like !== undefined) return { kind: 'special-like', wd: parseWeekday(sp.like), factor: 1, label: sp.label };
    if (sp.factor !== undefined) return { kind: 'special-factor', wd, factor: sp.factor, label: sp.label };
    return { kind: 'special-exclude', wd, factor: 1, label: sp.label };
  }
  const info = holidays(dateOf(day));
  if (info?.kind === 'holiday') return { kind: 'holiday', wd, factor: 1, name: info.name };
  if (info?.kind === 'workday') return { kind: 'makeup', wd, factor: 1, name: info.name };
  return { kind: 'ordinary', wd, factor: 1 };
}

/** A series prepared once for many forecasts/backtests (grid, classes, cleaned history). */
export interface Prepared {
  grid: Grid;
  holidays: HolidayLookup;
  special: Map<number, SpecialDay>;
  /** Cleaned history over the whole grid (truncate before use). */
  hist: History;
  /** Class of every grid day. */
  classes: DayClass[];
}

function resolveHolidays(h: ForecastOptions['holidays']): HolidayLookup {
  if (h === undefined || h === 'none') return noHolidays;
  if (h === 'cn') return cnHolidays;
  return h;
}

/**
 * Prepare a series: build the day × slot grid, classify every day and build the cleaned history
 * (holidays, make-up days and user days without factor are excluded from ordinary profiles; a
 * user factor f divides the day's history by f; `like: X` makes the day count as weekday X).
 */
export function prepare(series: SeriesInput, holidays?: ForecastOptions['holidays'], specialDays: SpecialDay[] = []): Prepared {
  const grid = buildGrid(series);
  const hl = resolveHolidays(holidays);
  const special = new Map<number, SpecialDay>();
  for (const sd of specialDays) {
    const d = dayNumber(sd.date);
    if (sd.factor !== undefined && !(Number.isFinite(sd.factor) && sd.factor >= 0)) {
      throw new ForecastInputError('bad-factor', { date: sd.date, factor: String(sd.factor) });
    }
    if (sd.like !== undefined) parseWeekday(sd.like);
    special.set(d, sd);
  }
  const n = grid.nDays;
  const y: (Float64Array | null)[] = new Array(n).fill(null);
  const wd = new Int8Array(n).fill(-1);
  const dom = new Uint8Array(n);
  const classes: DayClass[] = [];
  for (let i = 0; i < n; i++) {
    const day = grid.firstDay + i;
    const c = classifyDay(day, hl, special);
    classes.push(c);
    dom[i] = dayOfMonth(day);
    const row = grid.calls[i];
    if (!row) continue;
    if (c.kind === 'ordinary' || c.kind === 'special-like') {
      y[i] = row;
      wd[i] = c.wd;
    } else if (c.kind === 'special-factor' && c.factor > 0) {
      y[i] = row.map((v) => v / c.factor);
      wd[i] = c.wd;
    }
  }
  return { grid, holidays: hl, special, hist: { slotsPerDay: grid.slotsPerDay, firstDay: grid.firstDay, y, wd, dom }, classes };
}

/** Run several methods on the same targets, computing shared members (combo) once. */
export function runMethods(h: History, targets: Target[], names: MethodName[]): Map<MethodName, Float64Array[]> {
  const out = new Map<MethodName, Float64Array[]>();
  const need = new Set(names);
  if (need.has('combo')) {
    need.add('calendar');
    need.add('hw');
  }
  for (const m of need) {
    if (m === 'combo') continue;
    out.set(m, METHODS[m](h, targets));
  }
  if (need.has('combo')) {
    const a = out.get('calendar')!;
    const b = out.get('hw')!;
    out.set(
      'combo',
      a.map((ra, k) => ra.map((x, s) => (Number.isNaN(x) ? b[k][s] : Number.isNaN(b[k][s]) ? x : 0.5 * (x + b[k][s])))),
    );
  }
  return out;
}

/** Residual model of a method for its prediction band: Var(e | f) = a·f + b·f², z quantiles. */
export interface BandModel {
  a: number;
  b: number;
  zLow: number;
  zHigh: number;
}

/** Default band when there is no backtest: Poisson variance plus 10 % relative, normal z. */
export const FALLBACK_BAND: BandModel = { a: 1, b: 0.01, zLow: -1.2816, zHigh: 1.2816 };

/**
 * Fit a band model to backtest pairs (forecast f, actual y): least squares of e² = (y − f)² on f
 * and f² without intercept, coefficients constrained ≥ 0 (if one is negative the other is refitted
 * alone), then the empirical 10 % and 90 % quantiles of the standardised errors e / √(a f + b f²).
 * (Empirical error distribution scaled to the level, cf. Hyndman & Athanasopoulos, FPP3 §5.5
 * "prediction intervals from bootstrapped residuals"; variance function as in quasi-Poisson models.)
 */
export function fitBand(f: number[], yv: number[]): BandModel {
  if (f.length < 30) return FALLBACK_BAND;
  let s11 = 0;
  let s12 = 0;
  let s22 = 0;
  let t1 = 0;
  let t2 = 0;
  for (let i = 0; i < f.length; i++) {
    const x1 = f[i];
    const x2 = f[i] * f[i];
    const e2 = (yv[i] - f[i]) ** 2;
    s11 += x1 * x1;
    s12 += x1 * x2;
    s22 += x2 * x2;
    t1 += x1 * e2;
    t2 += x2 * e2;
  }
  const det = s11 * s22 - s12 * s12;
  let a = det > 0 ? (t1 * s22 - t2 * s12) / det : 0;
  let b = det > 0 ? (t2 * s11 - t1 * s12) / det : 0;
  if (a < 0 || !Number.isFinite(a)) {
    a = 0;
    b = s22 > 0 ? t2 / s22 : 0;
  }
  if (b < 0 || !Number.isFinite(b)) {
    b = 0;
    a = s11 > 0 ? t1 / s11 : 1;
  }
  if (!(a > 0) && !(b > 0)) return FALLBACK_BAND;
  const z: number[] = [];
  for (let i = 0; i < f.length; i++) {
    const sd = Math.sqrt(a * f[i] + b * f[i] * f[i]);
    if (sd > 0) z.push((yv[i] - f[i]) / sd);
  }
  if (z.length < 30) return FALLBACK_BAND;
  z.sort((p, q) => p - q);
  // linear interpolation between order statistics at p (n - 1) (R type 7), simple-statistics' rule
  return { a, b, zLow: quantileSorted(z, 0.1), zHigh: quantileSorted(z, 0.9) };
}

/** Band [low, high] around f from a band model, low floored at 0. */
export function bandOf(f: number, m: BandModel): [number, number] {
  const sd = Math.sqrt(Math.max(0, m.a * f + m.b * f * f));
  return [Math.max(0, f + m.zLow * sd), Math.max(0, f + m.zHigh * sd)];
}

export interface Calibration {
  /** Per method: pooled WAPE (%) over the calibration folds, band model, weeks used, time (ms). */
  perMethod: Map<MethodName, { wape: number; foldWape: number[]; band: BandModel; runtimeMs: number }>;
  weeks: number;
}

/**
 * Rolling-origin backtest inside the history before `originDay`: origins originDay − 7k,
 * k = 1..weeks (each needs ≥ 28 days of history before it), 7-day horizon, ordinary days only.
 * Gives each method's WAPE (used by 'auto') and its band model.
 */
export function calibrate(p: Prepared, originDay: number, names: MethodName[], weeks: number, now?: () => number): Calibration {
  const pairs = new Map<MethodName, { f: number[]; y: number[]; ms: number; foldE: number[]; foldY: number[] }>();
  for (const m of names) pairs.set(m, { f: [], y: [], ms: 0, foldE: [], foldY: [] });
  let used = 0;
  for (let k = weeks; k >= 1; k--) {
    const o = originDay - 7 * k;
    if (o - p.grid.firstDay < 28) continue;
    const h = truncate(p.hist, o);
    const open = openSlots(h);
    const targets: Target[] = [];
    const idx: number[] = [];
    for (let d = o; d < o + 7; d++) {
      const i = d - p.grid.firstDay;
      if (i >= p.hist.y.length || p.classes[i].kind !== 'ordinary' || !p.hist.y[i]) continue;
      targets.push({ day: d, wd: weekdayOf(d), dom: dayOfMonth(d) });
      idx.push(i);
    }
    if (targets.length === 0) continue;
    used++;
    for (const m of names) {
      const t0 = now?.() ?? 0;
      const res = m === 'combo' ? runMethods(h, targets, ['combo']).get('combo')! : runMethods(h, targets, [m]).get(m)!;
      const acc = pairs.get(m)!;
      acc.ms += (now?.() ?? 0) - t0;
      let fe = 0;
      let fy = 0;
      res.forEach((row, k2) => {
        const act = p.hist.y[idx[k2]]!;
        const op = open[targets[k2].wd];
        for (let s = 0; s < row.length; s++) {
          if (!op[s] || Number.isNaN(act[s]) || Number.isNaN(row[s])) continue;
          acc.f.push(row[s]);
          acc.y.push(act[s]);
          fe += Math.abs(row[s] - act[s]);
          fy += act[s];
        }
      });
      acc.foldE.push(fe);
      acc.foldY.push(fy);
    }
  }
  const perMethod = new Map<MethodName, { wape: number; foldWape: number[]; band: BandModel; runtimeMs: number }>();
  for (const [m, acc] of pairs) {
    let se = 0;
    let sy = 0;
    for (let i = 0; i < acc.f.length; i++) {
      se += Math.abs(acc.f[i] - acc.y[i]);
      sy += acc.y[i];
    }
    const foldWape = acc.foldE.map((e, k) => (acc.foldY[k] > 0 ? (100 * e) / acc.foldY[k] : NaN));
    perMethod.set(m, { wape: sy > 0 ? (100 * se) / sy : NaN, foldWape, band: fitBand(acc.f, acc.y), runtimeMs: acc.ms });
  }
  return { perMethod, weeks: used };
}

/**
 * Pick the method for 'auto': the one with the lowest pooled calibration WAPE, but a method other
 * than the default ('calendar', the most robust on the shared data) is taken only when its
 * advantage is clear over the calibration weeks: the paired weekly WAPE differences
 * d_k = WAPE_default,k − WAPE_best,k must have a t statistic mean(d)/(sd(d)/√K) above
 * `minT` (default 1). Selecting on a few noisy weeks otherwise switches back and forth on chance
 * differences (selection noise; cf. Diebold & Mariano (1995), J. Bus. Econ. Stat. 13(3), 253–263,
 * for the paired test of equal accuracy). Ties and no data: the default.
 */
export function chooseMethod(cal: Calibration, names: MethodName[], minT = 1): MethodName {
  const def: MethodName = names.includes('calendar') ? 'calendar' : names[0];
  let best: MethodName = def;
  let bw = Infinity;
  for (const m of names) {
    const w = cal.perMethod.get(m)?.wape ?? NaN;
    if (Number.isFinite(w) && w < bw) {
      bw = w;
      best = m;
    }
  }
  if (best === def) return def;
  const a = cal.perMethod.get(def);
  const b = cal.perMethod.get(best)!;
  if (!a || !Number.isFinite(a.wape)) return best;
  const d: number[] = [];
  a.foldWape.forEach((x, k) => {
    const y = b.foldWape[k];
    if (Number.isFinite(x) && Number.isFinite(y)) d.push(x - y);
  });
  if (d.length < 2) return best;
  const md = mean(d);
  const sd = sampleStandardDeviation(d);
  if (sd === 0) return md > 0 ? best : def;
  return md / (sd / Math.sqrt(d.length)) > minT ? best : def;
}

/**
 * AHT forecast for one weekday class: per slot the call-weighted mean AHT of the class's last 8
 * ordinary days, shrunk towards the class's day-level weighted AHT with a pseudo-count of 10 calls,
 * then smoothed with weights ¼, ½, ¼ over neighbouring open slots. Null without AHT history.
 */
export function ahtForClass(p: Prepared, h: History, wd: number, open: boolean[]): Float64Array | null {
  const aht = p.grid.aht;
  if (!aht) return null;
  const spd = h.slotsPerDay;
  const num = new Float64Array(spd);
  const den = new Float64Array(spd);
  let dn = 0;
  let dd = 0;
  const collect = (days: number[]) => {
    for (const i of days) {
      const a = aht[i];
      const c = h.y[i];
      if (!a || !c) continue;
      for (let s = 0; s < spd; s++) {
        if (Number.isNaN(a[s]) || Number.isNaN(c[s])) continue;
        const w = Math.max(c[s], 1e-6);
        num[s] += a[s] * w;
        den[s] += w;
        dn += a[s] * w;
        dd += w;
      }
    }
  };
  collect(lastOfClass(h, wd, 8));
  if (dd === 0) {
    // fall back to all ordinary days of the last 4 weeks
    const all: number[] = [];
    for (let i = h.y.length - 1; i >= Math.max(0, h.y.length - 28); i--) if (h.wd[i] >= 0) all.push(i);
    collect(all);
  }
  if (dd === 0) return null;
  const dayAht = dn / dd;
  const raw = new Float64Array(spd);
  for (let s = 0; s < spd; s++) raw[s] = (num[s] + 10 * dayAht) / (den[s] + 10);
  const out = new Float64Array(spd).fill(NaN);
  for (let s = 0; s < spd; s++) {
    if (!open[s]) continue;
    let v = 0.5 * raw[s];
    let w = 0.5;
    if (s > 0 && open[s - 1]) {
      v += 0.25 * raw[s - 1];
      w += 0.25;
    }
    if (s + 1 < spd && open[s + 1]) {
      v += 0.25 * raw[s + 1];
      w += 0.25;
    }
    out[s] = v / w;
  }
  return out;
}

/** Mean total of the ordinary days (optionally of one weekday class) in the 28 days before index i. */
function ordinaryLevel(p: Prepared, i: number, wd?: number): number {
  const v: number[] = [];
  for (let j = Math.max(0, i - 28); j < i; j++) {
    const r = p.hist.y[j];
    if (r && p.hist.wd[j] >= 0 && (wd === undefined || p.hist.wd[j] === wd)) v.push(rowSum(r));
  }
  return v.length ? mean(v) : NaN;
}

export interface DayForecast {
  day: number;
  treatment: DayTreatment;
  label?: string;
  /** Expected calls per slot; NaN = closed. */
  calls: Float64Array;
  /** Weekday class whose AHT applies. */
  ahtClass: number;
}

/**
 * Point forecasts of days [originDay, originDay + days) with one method, history before originDay.
 * Ordinary days: the method's forecast for the weekday, masked to the weekday's open slots.
 * User `like: X`: forecast as weekday X. User factor f: normal forecast × f.
 * Make-up working day: mean of the Monday…Friday forecasts for that date (each masked to its open
 * slots). Holiday of kind K: past holidays of kind K give a volume ratio to the mean ordinary
 * total of their weekday in the 28 days before each (all ordinary days if that weekday has none)
 * and a mean shape; the forecast is mean ratio × the same reference level before the origin for
 * the target's weekday × mean shape, over the slots they were open. Without such history: the Sunday forecast scaled by the
 * median ratio of all past holidays to their preceding Sundays (1 without any), closed if Sunday is.
 */
export function forecastDays(p: Prepared, originDay: number, days: number, method: MethodName): DayForecast[] {
  const h = truncate(p.hist, originDay);
  const open = openSlots(h);
  const spd = p.grid.slotsPerDay;
  const nHist = h.y.length;
  // classes of forecast days (use the grid classification when inside the grid)
  const cls: DayClass[] = [];
  for (let d = originDay; d < originDay + days; d++) {
    const i = d - p.grid.firstDay;
    cls.push(i >= 0 && i < p.classes.length ? p.classes[i] : classifyDay(d, p.holidays, p.special));
  }
  // gather every (day, weekday class) target the method must produce
  const targets: Target[] = [];
  const key = (d: number, wd: number) => `${d}:${wd}`;
  const want = new Set<string>();
  const add = (d: number, wd: number) => {
    const k = key(d, wd);
    if (!want.has(k)) {
      want.add(k);
      targets.push({ day: d, wd, dom: dayOfMonth(d) });
    }
  };
  cls.forEach((c, k) => {
    const d = originDay + k;
    if (c.kind === 'makeup') for (let w = 1; w <= 5; w++) add(d, w);
    else if (c.kind === 'holiday') add(d, 0);
    else add(d, c.wd);
  });
  const res = runMethods(h, targets, [method]).get(method)!;
  const byKey = new Map<string, Float64Array>();
  targets.forEach((t, k) => {
    const r = res[k];
    const masked = new Float64Array(spd).fill(NaN);
    for (let s = 0; s < spd; s++) if (open[t.wd][s]) masked[s] = Number.isNaN(r[s]) ? NaN : Math.max(0, r[s]);
    byKey.set(key(t.day, t.wd), masked);
  });
  // holiday pool (history before origin)
  const pool: { name: string; i: number; row: Float64Array }[] = [];
  for (let i = 0; i < nHist; i++) {
    const c = p.classes[i];
    const r = p.grid.calls[i];
    if (c.kind === 'holiday' && r && c.name) pool.push({ name: c.name, i, row: r });
  }
  // reference level for holiday ratios: mean ordinary total of the same weekday in the 28 days
  // before, or of all ordinary days when that weekday has none
  const refLevel = (i: number, wd: number) => {
    const l = ordinaryLevel(p, i, wd);
    return l > 0 ? l : ordinaryLevel(p, i);
  };
  const out: DayForecast[] = [];
  cls.forEach((c, k) => {
    const d = originDay + k;
    if (c.kind === 'makeup') {
      const calls = new Float64Array(spd).fill(NaN);
      for (let s = 0; s < spd; s++) {
        const v: number[] = [];
        for (let w = 1; w <= 5; w++) {
          const x = byKey.get(key(d, w))![s];
          if (!Number.isNaN(x)) v.push(x);
        }
        if (v.length) calls[s] = mean(v);
      }
      out.push({ day: d, treatment: 'makeup-workday', label: c.name, calls, ahtClass: 3 });
      return;
    }
    if (c.kind === 'holiday') {
      const same = pool.filter((q) => q.name === c.name);
      const ratios: number[] = [];
      const shape = new Float64Array(spd);
      const seen = new Array<boolean>(spd).fill(false);
      let nShape = 0;
      for (const q of same) {
        const lv = refLevel(q.i, weekdayOf(p.grid.firstDay + q.i));
        const tot = rowSum(q.row);
        if (!(lv > 0)) continue;
        ratios.push(tot / lv);
        if (tot > 0) {
          for (let s = 0; s < spd; s++) {
            if (!Number.isNaN(q.row[s])) {
              seen[s] = true;
              shape[s] += q.row[s] / tot;
            }
          }
          nShape++;
        }
      }
      const lvNow = refLevel(nHist, weekdayOf(d));
      if (ratios.length > 0 && lvNow > 0) {
        const total = mean(ratios) * lvNow;
        const calls = new Float64Array(spd).fill(NaN);
        for (let s = 0; s < spd; s++) if (seen[s]) calls[s] = nShape ? (total * shape[s]) / nShape : 0;
        out.push({ day: d, treatment: 'holiday-history', label: c.name, calls, ahtClass: 0 });
        return;
      }
      // scaled Sunday
      const sr: number[] = [];
      for (const q of pool) {
        const sun = ordinaryLevel(p, q.i, 0);
        if (sun > 0) sr.push(rowSum(q.row) / sun);
      }
      const scale = sr.length ? median(sr) : 1;
      const base = byKey.get(key(d, 0))!;
      out.push({ day: d, treatment: 'holiday-scaled-sunday', label: c.name, calls: base.map((v) => v * scale), ahtClass: 0 });
      return;
    }
    const base = byKey.get(key(d, c.wd))!;
    if (c.kind === 'special-factor') {
      out.push({ day: d, treatment: 'special-factor', label: c.label, calls: base.map((v) => v * c.factor), ahtClass: c.wd });
    } else if (c.kind === 'special-like') {
      out.push({ day: d, treatment: 'special-like', label: c.label, calls: base, ahtClass: c.wd });
    } else {
      out.push({ day: d, treatment: 'normal', label: c.label, calls: base, ahtClass: c.wd });
    }
  });
  for (const f of out) if (f.calls.every((v) => Number.isNaN(v))) f.treatment = 'closed';
  return out;
}

/** Turn day forecasts into rows with band, AHT and the percent adjustment. */
export function toRows(p: Prepared, originDay: number, dfs: DayForecast[], band: BandModel, adjustPercent = 0): ForecastRow[] {
  const h = truncate(p.hist, originDay);
  const open = openSlots(h);
  const ahtCache = new Map<number, Float64Array | null>();
  const adj = 1 + adjustPercent / 100;
  const rows: ForecastRow[] = [];
  for (const f of dfs) {
    let ahtRow: Float64Array | null | undefined = ahtCache.get(f.ahtClass);
    if (ahtRow === undefined) {
      const op = open[f.ahtClass].some((x) => x) ? open[f.ahtClass] : new Array<boolean>(h.slotsPerDay).fill(true);
      ahtRow = ahtForClass(p, h, f.ahtClass, op);
      ahtCache.set(f.ahtClass, ahtRow);
    }
    const date = dateOf(f.day);
    for (let s = 0; s < f.calls.length; s++) {
      const c = f.calls[s];
      if (Number.isNaN(c)) continue;
      const [lo, hi] = bandOf(c, band);
      let a: number | null = null;
      if (ahtRow) {
        const v = ahtRow[s];
        a = Number.isNaN(v) ? null : v;
        if (a === null) {
          // slot open on this day but not in the class's AHT grid: nearest known value
          for (let o = 1; o < f.calls.length && a === null; o++) {
            if (s - o >= 0 && !Number.isNaN(ahtRow[s - o])) a = ahtRow[s - o];
            else if (s + o < ahtRow.length && !Number.isNaN(ahtRow[s + o])) a = ahtRow[s + o];
          }
        }
      }
      rows.push({ date, slot: s, calls: c * adj, aht: a, callsLow: lo * adj, callsHigh: hi * adj });
    }
  }
  return rows;
}

/**
 * Forecast calls (expected value), an 80 % band and AHT for every open interval of
 * `opts.days` days from `opts.start`, using only history rows before `opts.start`.
 * Method 'auto' (default) picks the method with the lowest WAPE in a rolling-origin backtest over
 * the last `calibrationWeeks` (6) weeks of the history; the same backtest calibrates the band
 * (falls back to a Poisson-plus-10 % band when the history is shorter than 5 weeks).
 */
export function forecast(series: SeriesInput, opts: ForecastOptions): ForecastResult {
  const p = prepare(series, opts.holidays, opts.specialDays);
  return forecastPrepared(p, opts);
}

/** {@link forecast} on an already prepared series (saves the grid build in backtests). */
export function forecastPrepared(p: Prepared, opts: ForecastOptions, now?: () => number): ForecastResult & { runtimeMs: number } {
  const t0 = now?.() ?? 0;
  const originDay = dayNumber(opts.start);
  if (!Number.isInteger(opts.days) || opts.days < 1) throw new ForecastInputError('bad-days', { days: opts.days });
  if (originDay <= p.grid.firstDay) throw new ForecastInputError('no-history-before-start', { start: opts.start });
  const req = opts.method ?? 'auto';
  if (req !== 'auto' && !METHOD_NAMES.includes(req)) throw new ForecastInputError('unknown-method', { method: String(req) });
  const names: MethodName[] = req === 'auto' ? [...METHOD_NAMES] : [req];
  const cal = calibrate(p, originDay, names, opts.calibrationWeeks ?? 6);
  const method = req === 'auto' ? chooseMethod(cal, names) : req;
  const band = cal.perMethod.get(method)?.band ?? FALLBACK_BAND;
  const dfs = forecastDays(p, originDay, opts.days, method);
  const rows = toRows(p, originDay, dfs, band, opts.adjustPercent ?? 0);
  return {
    rows,
    method,
    calibration: cal.weeks > 0 ? names.map((m) => ({ method: m, wape: cal.perMethod.get(m)!.wape, weeks: cal.weeks })) : [],
    days: dfs.map((f) => ({ date: dateOf(f.day), treatment: f.treatment, ...(f.label ? { label: f.label } : {}) })),
    runtimeMs: (now?.() ?? 0) - t0,
  };
}
