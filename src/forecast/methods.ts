/**
 * Forecasting methods. Each is a pure function `(history, targets) → one Float64Array of expected
 * calls per target day (length slotsPerDay)`; entries for slots the method cannot forecast are NaN.
 * Closed-slot masking, holidays, bands and AHT are applied by the engine (`engine.ts`).
 * History days are indexed from `h.firstDay`; the methods only read `h` (which ends before the
 * forecast origin), so they cannot peek past it. The calendar method and its estimators are in
 * `calendar-method.ts`; this file has the others, the combination and the registry.
 */
import { mean, median } from 'simple-statistics';
import { weekdayOf } from './calendar.js';
import { anomalousDays, calendarMethod, dayOfMonthFactors } from './calendar-method.js';
import { hwDoubleFit, type HwState } from './holt-winters.js';
import { type History, type MethodFn, classShape, lastOfClass, nanRow, openSlots, rowSum } from './history.js';
import type { MethodName } from './types.js';

export type { MethodFn } from './history.js';

/**
 * Weekly seasonal naive: each interval gets the value of the same interval on the most recent
 * history day of the same weekday ("same interval last week"; for horizons beyond 7 days the last
 * observed week repeats). A slot missing on that day falls back to the previous weeks (up to 4).
 * Reference: Hyndman & Athanasopoulos, Forecasting: Principles and Practice (3rd ed.), §5.2.
 */
export const seasonalNaive: MethodFn = (h, targets) =>
  targets.map((t) => {
    const out = nanRow(h.slotsPerDay);
    const days = lastOfClass(h, t.wd, 4);
    for (let s = 0; s < h.slotsPerDay; s++) {
      for (const i of days) {
        const v = h.y[i]![s];
        if (!Number.isNaN(v)) {
          out[s] = v;
          break;
        }
      }
    }
    return out;
  });

/**
 * Mean of the last k same weekdays: ŷ(d, s) = (1/k') Σ y(d_j, s) over the k most recent history
 * days d_j of the target's weekday that have slot s (k' ≤ k of them). The "historical average"
 * benchmark of call-center forecasting (e.g. Ibrahim, Ye, L'Ecuyer & Shen (2016), "Modeling and
 * forecasting call center arrivals: A literature survey and a case study", IJF 32(3), 865–874).
 */
export function meanOfLastWeeks(k: number): MethodFn {
  return (h, targets) =>
    targets.map((t) => {
      const out = nanRow(h.slotsPerDay);
      const days = lastOfClass(h, t.wd, k);
      for (let s = 0; s < h.slotsPerDay; s++) {
        const v: number[] = [];
        for (const i of days) if (!Number.isNaN(h.y[i]![s])) v.push(h.y[i]![s]);
        if (v.length > 0) out[s] = mean(v);
      }
      return out;
    });
}

/**
 * Daily totals of the ordinary history days in order: Holt-Winters multiplicative smoothing with
 * a weekday-indexed seasonal factor and no trend (Winters 1960, "Forecasting sales by
 * exponentially weighted moving averages", Management Science 6(3), 324–342), with outlier
 * damping: an observation whose relative one-step error exceeds 3 robust standard deviations
 * (1.25 × an exponentially weighted mean of past |relative errors|, at least 5 %) is winsorised to that bound before the
 * update. α, γ are chosen on a grid by minimising the in-sample one-step squared relative error.
 * Returns the final level and the weekday factors, or null with fewer than 14 ordinary days.
 */
export function smoothDailyTotals(h: History): { level: number; season: Float64Array } | null {
  const idx: number[] = [];
  for (let i = 0; i < h.y.length; i++) if (h.wd[i] >= 0 && h.y[i]) idx.push(i);
  if (idx.length < 14) return null;
  const T = idx.map((i) => rowSum(h.y[i]!));
  const C = idx.map((i) => h.wd[i]);
  const first = h.firstDay + idx[0];
  const initN = idx.filter((i) => h.firstDay + i < first + 14).length;
  const lv0 = mean(T.slice(0, initN));
  if (!(lv0 > 0)) return null;
  const s0 = new Float64Array(7).fill(1);
  for (let c = 0; c < 7; c++) {
    const ratios: number[] = [];
    for (let j = 0; j < initN; j++) if (C[j] === c) ratios.push(T[j] / lv0);
    if (ratios.length > 0) s0[c] = mean(ratios);
  }
  const run = (alpha: number, gamma: number) => {
    let l = lv0;
    const s = Float64Array.from(s0);
    let sse = 0;
    // running robust scale of the relative one-step errors (EWMA of |rel|, ≈ 0.8 σ for normal errors)
    let scale = 0.05;
    for (let j = 0; j < T.length; j++) {
      const c = C[j];
      const f = l * s[c];
      let y = T[j];
      if (f > 0) {
        const rel = y / f - 1;
        if (j >= initN) sse += rel * rel;
        const bound = 3 * Math.max(0.05, 1.25 * scale);
        const clipped = Math.max(-bound, Math.min(bound, rel));
        y = f * (1 + clipped);
        scale = 0.9 * scale + 0.1 * Math.abs(clipped);
      }
      if (s[c] > 0) l = alpha * (y / s[c]) + (1 - alpha) * l;
      if (l > 0) s[c] = gamma * (y / l) + (1 - gamma) * s[c];
    }
    return { sse, level: l, season: s };
  };
  let best = run(0.1, 0.1);
  for (const a of [0.02, 0.05, 0.1, 0.2, 0.4]) {
    for (const g of [0.01, 0.05, 0.1, 0.2, 0.4]) {
      const r = run(a, g);
      if (r.sse < best.sse) best = r;
    }
  }
  return { level: best.level, season: best.season };
}

/**
 * Weekday/interval profile × daily volume, the top-down method of most WFM suites: the day's
 * total from {@link smoothDailyTotals} (exponential smoothing with weekly seasonality, outlier
 * damping) times the weekday's intraday shape, the mean of the normalised shapes of its last 8
 * days. Reference: Gans, Koole & Mandelbaum (2003), "Telephone call centers: tutorial, review and
 * research prospects", M&SOM 5(2), 79–141, §4.
 */
export const profileMethod: MethodFn = (h, targets) => {
  const daily = smoothDailyTotals(h);
  return targets.map((t) => {
    const shape = classShape(h, t.wd, 8, 0);
    if (!daily || !shape) return meanOfLastWeeks(4)(h, [t])[0];
    const total = daily.level * daily.season[t.wd];
    return shape.map((p) => p * total);
  });
};

/**
 * Double-seasonal Holt-Winters (see `holt-winters.ts`) on the open intervals of the last 10 weeks:
 * intraday season = slot of day, intraweek season = (weekday, slot). Days without data, excluded
 * from ordinary history or flagged by {@link anomalousDays} are filled with the same day a week earlier (as the R anchor
 * does); initial level = mean, initial weekly terms = per-(weekday, slot) medians minus the level;
 * parameters are fitted by minimising the in-sample one-step SSE after one week of burn-in; the forecast is l_T + D(slot) + W(weekday, slot), floored at 0.
 * Reference: Taylor (2003), JORS 54(8), 799–805.
 */
export const holtWintersMethod: MethodFn = (h, targets) => {
  const spd = h.slotsPerDay;
  const n = h.y.length;
  const open = openSlots(h);
  const start = Math.max(0, n - 70);
  const flags = anomalousDays(h, dayOfMonthFactors(h));
  const filled: (Float64Array | null)[] = new Array(n).fill(null);
  const ys: number[] = [];
  const ds: number[] = [];
  const ws: number[] = [];
  const pd: number[] = [];
  let firstWeekEnd = -1;
  for (let i = start; i < n; i++) {
    const wd = weekdayOf(h.firstDay + i);
    let row: Float64Array | null = h.wd[i] === wd && h.y[i] && !flags[i] ? h.y[i] : null;
    if (!row && i - 7 >= start) row = filled[i - 7];
    filled[i] = row;
    if (!row) continue;
    for (let s = 0; s < spd; s++) {
      if (!open[wd][s]) continue;
      let v = row[s];
      if (Number.isNaN(v) && i - 7 >= start && filled[i - 7]) v = filled[i - 7]![s];
      if (Number.isNaN(v)) continue;
      ys.push(v);
      ds.push(s);
      ws.push(wd * spd + s);
      pd.push(i);
    }
    if (i - start === 6) firstWeekEnd = ys.length;
  }
  if (ys.length === 0 || n - start < 14) return meanOfLastWeeks(4)(h, targets);
  if (firstWeekEnd < 0) firstWeekEnd = ys.length;
  // initial state: overall mean level, weekly terms = median per (weekday, slot) minus the level
  // (robust to a holiday week at the start of the fitting window)
  const level = mean(ys);
  const byW: number[][] = Array.from({ length: 7 * spd }, () => []);
  for (let t = 0; t < ys.length; t++) byW[ws[t]].push(ys[t]);
  const init: HwState = { level, daily: new Float64Array(spd), weekly: new Float64Array(7 * spd) };
  for (let k = 0; k < 7 * spd; k++) init.weekly[k] = byW[k].length ? median(byW[k]) - level : 0;
  const y = Float64Array.from(ys);
  const fit = hwDoubleFit(y, Int32Array.from(ds), Int32Array.from(ws), init, firstWeekEnd);
  const st = fit.state;
  return targets.map((t) => {
    const out = nanRow(spd);
    for (let s = 0; s < spd; s++) out[s] = Math.max(0, st.level + st.daily[s] + st.weekly[t.wd * spd + s]);
    return out;
  });
};

/**
 * Equal-weight combination of the calendar and double-seasonal Holt-Winters forecasts
 * (forecast combination: Bates & Granger (1969), ORQ 20(4), 451–468; equal weights are hard to
 * beat, Clemen (1989), IJF 5(4), 559–583). Slots where one member is NaN take the other.
 */
export const comboMethod: MethodFn = (h, targets) => {
  const a = calendarMethod(h, targets);
  const b = holtWintersMethod(h, targets);
  return a.map((ra, k) => {
    const rb = b[k];
    const out = new Float64Array(ra.length);
    for (let s = 0; s < ra.length; s++) {
      const x = ra[s];
      const y = rb[s];
      out[s] = Number.isNaN(x) ? y : Number.isNaN(y) ? x : 0.5 * (x + y);
    }
    return out;
  });
};

/** Method registry. */
export const METHODS: Record<MethodName, MethodFn> = {
  snaive: seasonalNaive,
  mean4w: meanOfLastWeeks(4),
  profile: profileMethod,
  hw: holtWintersMethod,
  calendar: calendarMethod,
  combo: comboMethod,
};