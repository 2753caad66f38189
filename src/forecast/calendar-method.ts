/**
 * The calendar profile method (`calendar`, wfm's own; see {@link calendarMethod}) and the estimators
 * it is built from: day-of-month factors, outlier days, the Hodges–Lehmann daily level, shape
 * dispersion weights, pooled weekday shapes and the two-level (block) shape. Like every method it
 * is a pure function of the history before the origin (see `methods.ts`). {@link dayOfMonthFactors}
 * and {@link anomalousDays} also clean the Holt-Winters method's fitting window (`methods.ts`).
 */
import { mean, median, medianAbsoluteDeviation, medianSorted, sampleCorrelation, sampleVariance } from 'simple-statistics';
import { type History, type MethodFn, classShape, lastOfClass, nanRow, rowSum, shapeOf } from './history.js';

/**
 * Day-of-month factors m(1..31) of daily volume (billing/statement cycles), estimated from the
 * history only: each ordinary day's total is compared, on the log scale, with the median of the
 * same weekday ±1..3 weeks around it (within the history, after removing the current factors);
 * the log ratios are averaged per day of month (median with ≥ 3 values), smoothed with a
 * triangular kernel over neighbouring days (circular), shrunk by n/(n+1) and then by the
 * split-half reliability of the pattern (correlation ρ between the profiles estimated on odd and
 * even months, Spearman–Brown 2ρ/(1+ρ), floored at 0), and normalised to geometric mean 1.
 * Two passes. All ones with less than 56 days of history.
 * (Calendar regression in the sense of Weinberg, Brown & Stroud (2007), JASA 102, 1185–1198,
 * who model day effects multiplicatively; the shrinkage follows Efron & Morris (1975), JASA 70.)
 */
export function dayOfMonthFactors(h: History): Float64Array {
  const n = h.y.length;
  let m = new Float64Array(32).fill(1);
  let nOrd = 0;
  for (let i = 0; i < n; i++) if (h.wd[i] >= 0 && h.y[i]) nOrd++;
  if (n < 56 || nOrd < 40) return m;
  const T = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) if (h.wd[i] >= 0 && h.y[i]) T[i] = rowSum(h.y[i]!);
  // month parity for the split-half reliability
  const parity = new Uint8Array(n);
  {
    let p = 0;
    for (let i = 0; i < n; i++) {
      if (i > 0 && h.dom[i] < h.dom[i - 1]) p ^= 1;
      parity[i] = p;
    }
  }
  for (let pass = 0; pass < 2; pass++) {
    const logs: number[][] = Array.from({ length: 32 }, () => []);
    const logsP: number[][][] = [Array.from({ length: 32 }, () => []), Array.from({ length: 32 }, () => [])];
    for (let i = 0; i < n; i++) {
      if (!(T[i] > 0)) continue;
      const v: number[] = [];
      for (const k of [-3, -2, -1, 1, 2, 3]) {
        const j = i + 7 * k;
        if (j >= 0 && j < n && T[j] > 0 && h.wd[j] === h.wd[i]) v.push(T[j] / m[h.dom[j]]);
      }
      if (v.length < 3) continue;
      const b = median(v);
      if (!(b > 0)) continue;
      const r = Math.log(T[i] / b);
      logs[h.dom[i]].push(r);
      logsP[parity[i]][h.dom[i]].push(r);
    }
    const profile = (L: number[][]) => {
      const raw = new Float64Array(32);
      const cnt = new Float64Array(32);
      for (let d = 1; d <= 31; d++) {
        const x = L[d];
        if (x.length === 0) continue;
        raw[d] = x.length >= 3 ? median(x) : mean(x);
        cnt[d] = x.length;
      }
      const sm = new Float64Array(32);
      for (let d = 1; d <= 31; d++) {
        let num = 0;
        let den = 0;
        for (let o = -1; o <= 1; o++) {
          const dd = ((d - 1 + o + 31) % 31) + 1;
          const w = (2 - Math.abs(o)) * cnt[dd];
          num += w * raw[dd];
          den += w;
        }
        sm[d] = den > 0 ? (num / den) * (cnt[d] / (cnt[d] + 1)) : 0;
      }
      return sm;
    };
    const full = profile(logs);
    const a = profile(logsP[0]);
    const b = profile(logsP[1]);
    // Pearson correlation of the two half profiles over days 1..31 (0 when either is flat)
    const av = Array.from(a.subarray(1));
    const bv = Array.from(b.subarray(1));
    const rho = sampleVariance(av) > 0 && sampleVariance(bv) > 0 ? sampleCorrelation(av, bv) : 0;
    const rel = rho > 0 ? (2 * rho) / (1 + rho) : 0;
    const logMean = mean(Array.from(full.subarray(1), (x) => x * rel));
    const next = new Float64Array(32).fill(1);
    for (let d = 1; d <= 31; d++) next[d] = Math.exp(full[d] * rel - logMean);
    m = next;
  }
  return m;
}

/**
 * Outlier days (unknown holidays, outages, post-holiday surges): an ordinary day is flagged when
 * its total, divided by its day-of-month factor, deviates on the log scale from the median of the
 * same weekday ±1..3 weeks (within the history) by more than max(0.15, 4 × the history's robust
 * standard deviation of such deviations, 1.4826 × MAD). Needs ≥ 2 neighbours. Flagged days are left
 * out of daily-volume and shape estimates (outlier damping; robust scale: Hampel 1974, JASA 69).
 */
export function anomalousDays(h: History, m: Float64Array): Uint8Array {
  const n = h.y.length;
  const T = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) if (h.wd[i] >= 0 && h.y[i]) T[i] = rowSum(h.y[i]!) / m[h.dom[i]];
  const dev = new Float64Array(n).fill(NaN);
  const all: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!(T[i] > 0)) continue;
    const v: number[] = [];
    for (const k of [-3, -2, -1, 1, 2, 3]) {
      const j = i + 7 * k;
      if (j >= 0 && j < n && T[j] > 0 && h.wd[j] === h.wd[i]) v.push(T[j]);
    }
    if (v.length < 2) continue;
    dev[i] = Math.log(T[i] / median(v));
    all.push(dev[i]);
  }
  const flags = new Uint8Array(n);
  if (all.length < 10) return flags;
  const med = median(all);
  const mad = 1.4826 * medianAbsoluteDeviation(all);
  const bound = Math.max(0.15, 4 * mad);
  for (let i = 0; i < n; i++) if (Math.abs(dev[i] - med) > bound) flags[i] = 1;
  return flags;
}

/** {@link lastOfClass} skipping flagged days. */
function lastClean(h: History, wd: number, k: number, flags: Uint8Array | null): number[] {
  const out: number[] = [];
  for (let i = h.y.length - 1; i >= 0 && out.length < k; i--) {
    if (h.wd[i] === wd && h.y[i] && !(flags && flags[i])) out.push(i);
  }
  return out;
}

/**
 * Hodges–Lehmann location estimate: the median of the n(n+1)/2 Walsh averages (x_i + x_j)/2,
 * i ≤ j (Hodges & Lehmann (1963), Ann. Math. Stat. 34(2), 598–611). NaN for an empty input.
 */
export function hodgesLehmann(v: readonly number[]): number {
  const w: number[] = [];
  for (let i = 0; i < v.length; i++) for (let j = i; j < v.length; j++) w.push((v[i] + v[j]) / 2);
  return w.length > 0 ? median(w) : NaN;
}

/**
 * Pearson overdispersion of each ordinary, unflagged day's intraday counts: the reference shape is
 * the slotwise median of the normalised shapes of the same weekday ±1..3 weeks (unflagged days
 * within the history, at least 3), renormalised; with expected counts e_s = T_d × ref_s (slots
 * with e_s ≥ 1 and data), φ_d = Σ_s (y_s − e_s)² / e_s / df, df = number of such slots (> 3
 * needed). φ ≈ 1 for Poisson noise around the neighbours' shape; NaN where it cannot be computed.
 */
export function shapeDispersion(h: History, flags: Uint8Array | null): Float64Array {
  const n = h.y.length;
  const spd = h.slotsPerDay;
  const sh: (Float64Array | null)[] = new Array(n).fill(null);
  for (let i = 0; i < n; i++) if (h.wd[i] >= 0 && h.y[i] && !(flags && flags[i])) sh[i] = shapeOf(h.y[i]!);
  const phi = new Float64Array(n).fill(NaN);
  const ref = new Float64Array(spd);
  const col: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!sh[i]) continue;
    const nb: Float64Array[] = [];
    for (const k of [-3, -2, -1, 1, 2, 3]) {
      const j = i + 7 * k;
      if (j >= 0 && j < n && sh[j] && h.wd[j] === h.wd[i]) nb.push(sh[j]!);
    }
    if (nb.length < 3) continue;
    const q = nb.length;
    let tot = 0;
    for (let s = 0; s < spd; s++) {
      // median of the q ≤ 6 neighbour values: insertion sort into a reused array (hot loop: no
      // allocation), then simple-statistics' medianSorted
      col.length = q;
      for (let a = 0; a < q; a++) {
        const v = nb[a][s];
        let b = a;
        while (b > 0 && col[b - 1] > v) {
          col[b] = col[b - 1];
          b--;
        }
        col[b] = v;
      }
      ref[s] = medianSorted(col);
      tot += ref[s];
    }
    if (!(tot > 0)) continue;
    const r = h.y[i]!;
    const T = rowSum(r);
    let x2 = 0;
    let df = 0;
    for (let s = 0; s < spd; s++) {
      const e = (T * ref[s]) / tot;
      if (e < 1 || Number.isNaN(r[s])) continue;
      x2 += (r[s] - e) ** 2 / e;
      df++;
    }
    if (df > 3) phi[i] = x2 / df;
  }
  return phi;
}

/**
 * Inverse-variance weights of past days' intraday shapes: w_d = min(1, φ̃ / φ_d) with φ_d from
 * {@link shapeDispersion} and φ̃ the median of the finite φ_d over the history (the variance of
 * a day's shape scales with its overdispersion, so a day twice as noisy as usual gets half the
 * weight; days at or below the median keep weight 1). Weight 1 where φ_d is unknown.
 */
export function dispersionWeights(h: History, flags: Uint8Array | null): Float64Array {
  const phi = shapeDispersion(h, flags);
  const fin: number[] = [];
  for (const p of phi) if (Number.isFinite(p)) fin.push(p);
  const med = fin.length > 0 ? median(fin) : NaN;
  const w = new Float64Array(phi.length).fill(1);
  if (!(med > 0)) return w;
  for (let i = 0; i < phi.length; i++) if (Number.isFinite(phi[i]) && phi[i] > med) w[i] = med / phi[i];
  return w;
}

/**
 * Groups weekday classes with similar intraday shapes: classes c and w are pooled when the L1
 * distance between their mean shapes (last 20 days) is at most `maxL1` (0.2 = 10 % of the volume
 * would have to move). Returns for each class the list of classes it pools with (itself first).
 */
export function shapeGroups(h: History, maxL1 = 0.2): number[][] {
  const base = Array.from({ length: 7 }, (_, w) => classShape(h, w, 20, 0));
  return base.map((bw, w) => {
    const g = [w];
    if (!bw) return g;
    for (let c = 0; c < 7; c++) {
      const bc = base[c];
      if (c === w || !bc) continue;
      let d = 0;
      for (let s = 0; s < bw.length; s++) d += Math.abs(bw[s] - bc[s]);
      if (d <= maxL1) g.push(c);
    }
    return g;
  });
}

/**
 * Two-level (temporal-hierarchy) intraday shape: the day is cut into blocks of `blockSlots`
 * consecutive slots (from midnight); each block's share of the day is taken from `coarse` and split
 * across the block's slots in proportion to `fine`:
 *   out_s = C_b × f_s / F_b,  C_b = Σ_{s∈b} coarse_s,  F_b = Σ_{s∈b} fine_s,
 * (out_s = fine_s where F_b = 0), renormalised to sum 1. Block shares aggregate more calls than
 * single slots, so they can be estimated from a shorter, more recent window while the noisier
 * within-block split keeps the longer one: the different-memory-per-aggregation-level idea of
 * temporal hierarchies (Athanasopoulos, Hyndman, Kourentzes & Petropoulos (2017), "Forecasting
 * with temporal hierarchies", EJOR 262(1), 60–74), here with the bottom-up/top-down split of
 * Gross & Sohl (1990), J. Forecasting 9(3), 233–254.
 */
export function blockReconcile(fine: Float64Array, coarse: Float64Array, blockSlots: number): Float64Array {
  const n = fine.length;
  const bs = Math.max(1, Math.round(blockSlots));
  const out = new Float64Array(n);
  for (let b0 = 0; b0 < n; b0 += bs) {
    const e = Math.min(n, b0 + bs);
    let C = 0;
    let Fb = 0;
    for (let s = b0; s < e; s++) {
      C += coarse[s];
      Fb += fine[s];
    }
    for (let s = b0; s < e; s++) out[s] = Fb > 0 ? (C * fine[s]) / Fb : fine[s];
  }
  let tot = 0;
  for (let s = 0; s < n; s++) tot += out[s];
  if (tot > 0) for (let s = 0; s < n; s++) out[s] /= tot;
  return out;
}

/**
 * Calendar profile method (wfm's own): expected calls = daily volume × intraday shape, with
 *  - daily volume: the Hodges–Lehmann estimate ({@link hodgesLehmann}: median of the pairwise
 *    Walsh averages) of the last 6 same-weekday totals after dividing out their day-of-month
 *    factor ({@link dayOfMonthFactors}), times the target date's factor (a robust level plus a
 *    calendar regression term). The Hodges–Lehmann estimator keeps the median's resistance to an
 *    odd day (breakdown ≈ 29 %) at close to the mean's efficiency (Hodges & Lehmann (1963),
 *    "Estimates of location based on rank tests", Ann. Math. Stat. 34(2), 598–611);
 *  - intraday shape: weighted mean of the weekday's last 20 normalised shapes, weight
 *    (1 − 0.15)^age × an inverse-variance weight min(1, φ̃ / φ_d) ({@link dispersionWeights}),
 *    where φ_d is the day's Pearson overdispersion against its neighbours' shape
 *    ({@link shapeDispersion}) and φ̃ the history's median, so unusually noisy days count less;
 *    shrunk towards the pooled shape of all weekdays with a similar
 *    profile ({@link shapeGroups}) with the empirical-Bayes weight λ = N / (N + B²), where N is
 *    the estimation noise Σ_s Var(mean shape_s) and B² = Σ_s (own_s − pooled_s)² the pooling bias
 *    (James–Stein / Efron & Morris 1975; profile pooling as in Weinberg et al. 2007);
 *  - block shares of the day (4-hour blocks from midnight) re-estimated with a shorter memory: the
 *    weekday's last 10 days' shapes with weights (1 − 0.2)^age × the same inverse-variance weights,
 *    the within-block split from the shrunk shape above ({@link blockReconcile}; temporal
 *    hierarchies, Athanasopoulos et al. 2017);
 *  - outlier days ({@link anomalousDays}) left out of all of these.
 */
export const calendarMethod: MethodFn = (h, targets) => calendarWith({})(h, targets);

/** Tunable parameters of {@link calendarMethod} (defaults in brackets). */
export interface CalendarParams {
  /** Same-weekday days in the daily-volume estimate [6]. */
  dayWeeks?: number;
  /** Location estimate of those days' totals: 'hl' (Hodges–Lehmann) or 'median' ['hl']. */
  dayEstimator?: 'hl' | 'median';
  /** Weight past days' shapes by {@link dispersionWeights} [true]. */
  dispersionWeights?: boolean;
  /** Use day-of-month factors [true]. */
  dom?: boolean;
  /** Days in the intraday shape [20] and weekly decay of their weights [0.15]. */
  shapeWeeks?: number;
  shapeDecay?: number;
  /** Shrinkage weight towards the pooled shape, or 'js' for the empirical-Bayes weight [0.5]. */
  shrink?: number | 'js';
  /** L1 distance for pooling weekday shapes [0.2]. */
  poolL1?: number;
  /** Leave outlier days ({@link anomalousDays}) out [true]. */
  outliers?: boolean;
  /**
   * Block length in minutes of the two-level shape ({@link blockReconcile}) [240]; 0 = off.
   * Block shares come from the last `blockWeeks` [10] same-weekday days, weekly decay `blockDecay` [0.2].
   */
  blockMinutes?: number;
  blockWeeks?: number;
  blockDecay?: number;
}

/**
 * Weighted shape mean and its estimation noise Σ_s Var(x̄_s) (weights (1 − decay)^age, times
 * `dayWeight[i]` when given).
 */
function shapeStats(
  h: History,
  wd: number,
  k: number,
  decay: number,
  flags: Uint8Array | null = null,
  dayWeight: Float64Array | null = null,
): { mean: Float64Array; noise: number } | null {
  const shapes: Float64Array[] = [];
  const ws: number[] = [];
  let w = 1;
  for (const i of lastClean(h, wd, k, flags)) {
    const sh = shapeOf(h.y[i]!);
    if (sh) {
      shapes.push(sh);
      ws.push(dayWeight ? w * dayWeight[i] : w);
    }
    w *= 1 - decay;
  }
  if (shapes.length === 0) return null;
  const W = ws.reduce((a, b) => a + b, 0);
  const W2 = ws.reduce((a, b) => a + b * b, 0);
  const spd = shapes[0].length;
  const mean = new Float64Array(spd);
  shapes.forEach((sh, j) => {
    for (let s = 0; s < spd; s++) mean[s] += (ws[j] * sh[s]) / W;
  });
  let v = 0;
  shapes.forEach((sh, j) => {
    for (let s = 0; s < spd; s++) v += (ws[j] * (sh[s] - mean[s]) ** 2) / W;
  });
  const nEff = (W * W) / W2;
  const noise = shapes.length > 1 ? v / Math.max(1, nEff - 1) : Infinity;
  return { mean, noise };
}

/** {@link calendarMethod} with explicit parameters. */
export function calendarWith(prm: CalendarParams): MethodFn {
  const K = prm.dayWeeks ?? 6;
  const useDom = prm.dom ?? true;
  const sk = prm.shapeWeeks ?? 20;
  const decay = prm.shapeDecay ?? 0.15;
  const shrink = prm.shrink ?? 'js';
  const level = (prm.dayEstimator ?? 'hl') === 'hl' ? hodgesLehmann : median;
  return (h, targets) => {
    const m = useDom ? dayOfMonthFactors(h) : new Float64Array(32).fill(1);
    const groups = shapeGroups(h, prm.poolL1 ?? 0.2);
    const flags = prm.outliers === false ? null : anomalousDays(h, m);
    const dw = prm.dispersionWeights === false ? null : dispersionWeights(h, flags);
    const stats = Array.from({ length: 7 }, (_, w) => shapeStats(h, w, sk, decay, flags, dw));
    const bm = prm.blockMinutes ?? 240;
    const blockSlots = Math.round((bm * h.slotsPerDay) / 1440);
    const coarse =
      blockSlots > 1
        ? Array.from({ length: 7 }, (_, w) => shapeStats(h, w, prm.blockWeeks ?? 10, prm.blockDecay ?? 0.2, flags, dw))
        : null;
    return targets.map((t) => {
      const own = stats[t.wd];
      let days = lastClean(h, t.wd, K, flags);
      if (days.length === 0) days = lastOfClass(h, t.wd, K);
      if (!own || days.length === 0) return nanRow(h.slotsPerDay);
      const tot = days.map((i) => rowSum(h.y[i]!) / m[h.dom[i]]);
      const D = level(tot) * m[t.dom];
      const members = groups[t.wd].filter((c) => stats[c]);
      const pooled = new Float64Array(h.slotsPerDay);
      for (const c of members) for (let s = 0; s < pooled.length; s++) pooled[s] += stats[c]!.mean[s] / members.length;
      let lam: number;
      if (shrink === 'js') {
        let bias2 = 0;
        for (let s = 0; s < pooled.length; s++) bias2 += (own.mean[s] - pooled[s]) ** 2;
        if (members.length < 2) lam = 0;
        else if (!Number.isFinite(own.noise)) lam = 1;
        else lam = own.noise + bias2 > 0 ? own.noise / (own.noise + bias2) : 0;
      } else lam = shrink;
      let shape: Float64Array = new Float64Array(h.slotsPerDay);
      for (let s = 0; s < shape.length; s++) shape[s] = (1 - lam) * own.mean[s] + lam * pooled[s];
      const cs = coarse?.[t.wd];
      if (cs) shape = blockReconcile(shape, cs.mean, blockSlots);
      for (let s = 0; s < shape.length; s++) shape[s] *= D;
      return shape;
    });
  };
}
