/**
 * Intraday reforecast (issue 17): the rest of today re-forecast from the calls seen so far.
 *
 * Input for one queue and one day: the morning forecast F_1..F_n per interval (made before the
 * day, e.g. by `forecast()` of engine.ts) and the actual calls A_1..A_k of the k intervals that have
 * ended by the cut. Output for every remaining interval k+1..n: the updated expected calls and an
 * 80 % band (10 % and 90 % quantiles).
 *
 * The model corrects the morning forecast by a multiplier, y_i = F_i · θ_i + ε_i, with two parts
 * θ_i = D_i + u_i, as in the mixed-effects models of call arrivals (a random day effect plus
 * autocorrelated within-day deviations: Ibrahim & L'Ecuyer (2013), "Forecasting call center
 * arrivals: fixed-effects, mixed-effects, and bivariate models", MSOM 15(1), 72–85; the day's
 * "busyness" factor of Weinberg, Brown & Stroud (2007), "Bayesian forecasting of an inhomogeneous
 * Poisson process with applications to call center data", JASA 102(480), 1185–1198; updating the
 * day from its observed early part as in Shen & Huang (2008), "Interday forecasting and intraday
 * updating of call center arrivals", MSOM 10(3), 391–410):
 *
 *   D_i   the day's level: prior mean 1 (the morning forecast is right on average), sd τ; it drifts
 *         as a random walk, variance q² per hour of operational time (an interval counts as its
 *         share of the day's expected calls × the hours with traffic): discounting, so that old
 *         evidence counts less than recent evidence, and quiet night hours add almost no drift;
 *   u_i   a short-lived deviation, AR(1) in clock time: u_i = ρ u_{i−1} + ν_i, stationary sd σ,
 *         ρ = 0.5^(interval minutes / half-life): a run seen in the last intervals carries over to
 *         the next ones and fades with the horizon;
 *   ε_i   count noise: Var = F_i (Poisson) + c² F_i² (beyond Poisson, relative sd c).
 *
 * Given A_1..A_k the posterior of (D, u) under this linear-Gaussian model is a two-state Kalman
 * filter; the reforecast of interval k+h is F_{k+h} · max(0, D̂ + ρ^h û). With σ = q = c = 0 it is
 * exactly the credibility-weighted ratio r = (A + κ)/(F + κ) with κ = 1/τ² (the posterior mean of a
 * Gamma(κ, κ) multiplier under Poisson counts; Bühlmann credibility), i.e. the anchor
 * {@link ratioReforecast}. The band: calls ± z·√V with V the predictive variance (Poisson, beyond
 * Poisson, and the multiplier's posterior variance), its z (10 %, 90 %) calibrated on past days
 * ({@link fitIntradayBand}).
 *
 * Pure: numbers in, numbers out; no clock, no I/O.
 */
import { quantileSorted } from 'simple-statistics';

/** Parameters of {@link reforecast}. All variances are relative (a multiplier of the forecast). */
export interface IntradayParams {
  /** τ: sd of the day's level D before any actual is seen (relative, 0.05 = 5 %); > 0. κ = 1/τ². */
  levelSd: number;
  /** q: sd of the level's random-walk drift per hour of operational time (relative, ≥ 0); 0 = a constant day level. */
  levelDriftPerHour: number;
  /** σ: stationary sd of the short-lived deviation u (relative, ≥ 0); 0 = none. */
  localSd: number;
  /** Half-life of u in minutes (> 0): ρ = 0.5^(intervalMinutes / half-life). */
  localHalfLifeMinutes: number;
  /** c: relative sd of one interval's count beyond Poisson (≥ 0). */
  noiseCv: number;
  /** 10 % quantile of the standardised error (about −1.28 for a normal error). */
  zLow: number;
  /** 90 % quantile of the standardised error (about +1.28). */
  zHigh: number;
}

/**
 * Tuned defaults per interval length (minutes), from `bench/intraday.ts`: tuned on the 8 weeks before
 * the protocol weeks of shared/data/README.md (5 and 15 min: the North American bank, 2003-08-04 …
 * 09-26; 30 min: the Anonymous Bank, 1999-10-09 … 12-03). They describe those two queues as much as
 * the interval length (the Anonymous Bank's days vary far more: τ 8 % against 1.5–2 %); a site
 * should tune on its own history ({@link tuneIntraday}). Other lengths take the nearest entry.
 */
export const INTRADAY_DEFAULTS: Readonly<Record<number, Readonly<IntradayParams>>> = {
  5: { levelSd: 0.02, levelDriftPerHour: 0.015, localSd: 0.03, localHalfLifeMinutes: 180, noiseCv: 0, zLow: -1.268, zHigh: 1.233 },
  15: { levelSd: 0.015, levelDriftPerHour: 0.015, localSd: 0.03, localHalfLifeMinutes: 240, noiseCv: 0.01, zLow: -1.245, zHigh: 1.157 },
  30: { levelSd: 0.08, levelDriftPerHour: 0.02, localSd: 0.15, localHalfLifeMinutes: 360, noiseCv: 0, zLow: -1.039, zHigh: 1.589 },
};

/** The tuned defaults for an interval length: the entry of {@link INTRADAY_DEFAULTS} nearest to it. */
export function intradayDefaults(intervalMinutes: number): IntradayParams {
  let best = 15;
  for (const k of Object.keys(INTRADAY_DEFAULTS).map(Number)) {
    if (Math.abs(Math.log(k / intervalMinutes)) < Math.abs(Math.log(best / intervalMinutes))) best = k;
  }
  return { ...INTRADAY_DEFAULTS[best] };
}

export interface ReforecastInput {
  /** Morning forecast of expected calls per interval of the day, in time order (≥ 0, finite). */
  forecast: readonly number[];
  /** Actual calls per interval; only entries before `cut` are read; null = unknown (skipped). */
  actual: readonly (number | null)[];
  /** Number of intervals that have ended (0 ≤ cut ≤ n): actual[0..cut−1] are known. */
  cut: number;
  /** Interval length in minutes (for the half-life and the drift per hour). */
  intervalMinutes: number;
  /** Parameters; missing ones come from {@link intradayDefaults}. */
  params?: Partial<IntradayParams>;
}

export interface Reforecast {
  /** Updated expected calls for intervals cut..n−1 (index 0 = interval `cut`). */
  calls: number[];
  /** 10 % quantile for the same intervals (≥ 0). */
  low: number[];
  /** 90 % quantile for the same intervals. */
  high: number[];
  /** Posterior mean of the day level D (1 = as forecast). */
  level: number;
  /** Posterior mean of the short-lived deviation u at the last seen interval. */
  local: number;
}

/** Bad input to {@link reforecast}: a fixed-form message naming the field. */
export class IntradayInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntradayInputError';
  }
}

function check(input: ReforecastInput, p: IntradayParams): void {
  const n = input.forecast.length;
  if (!Number.isInteger(input.cut) || input.cut < 0 || input.cut > n) throw new IntradayInputError(`cut must be an integer in 0..${n}, got ${input.cut}`);
  if (!(input.intervalMinutes > 0)) throw new IntradayInputError(`intervalMinutes must be > 0, got ${input.intervalMinutes}`);
  for (let i = 0; i < n; i++) {
    const f = input.forecast[i];
    if (!Number.isFinite(f) || f < 0) throw new IntradayInputError(`forecast[${i}] must be a finite number ≥ 0, got ${f}`);
  }
  for (let i = 0; i < input.cut; i++) {
    const a = input.actual[i];
    if (a !== null && a !== undefined && (!Number.isFinite(a) || a < 0)) throw new IntradayInputError(`actual[${i}] must be a finite number ≥ 0 or null, got ${a}`);
  }
  if (!(p.levelSd > 0)) throw new IntradayInputError(`levelSd must be > 0, got ${p.levelSd}`);
  if (!(p.localHalfLifeMinutes > 0)) throw new IntradayInputError(`localHalfLifeMinutes must be > 0, got ${p.localHalfLifeMinutes}`);
  for (const k of ['levelDriftPerHour', 'localSd', 'noiseCv'] as const) {
    if (!(p[k] >= 0) || !Number.isFinite(p[k])) throw new IntradayInputError(`${k} must be a finite number ≥ 0, got ${p[k]}`);
  }
}

/**
 * Hours of "operational time" per interval: the interval's share of the day's expected calls times
 * the day's length in hours (intervals with F > 0), so that the level drifts with the traffic:
 * little over quiet night hours, more over the busy ones; Σ w = the hours of the day with traffic.
 */
function driftWeights(forecastCalls: readonly number[], im: number): number[] {
  let tot = 0;
  let open = 0;
  for (const f of forecastCalls) {
    tot += f;
    if (f > 0) open++;
  }
  const hours = (open * im) / 60;
  return forecastCalls.map((f) => (tot > 0 ? (hours * f) / tot : 0));
}

/** Filter state after the seen intervals: means and covariance of (D, u) for interval `cut`. */
interface FilterState {
  mD: number;
  mu: number;
  pDD: number;
  pDu: number;
  puu: number;
}

/**
 * Run the two-state filter over intervals 0..cut−1 and return the prediction for interval `cut`.
 * Per interval: update with (F_i, A_i) when F_i > 0 and A_i is known, then move one interval on
 * (D: + q²·w_{i+1}, w the operational hours of {@link driftWeights}; u: × ρ, + σ²(1 − ρ²)).
 */
function filter(forecastCalls: readonly number[], actual: readonly (number | null)[], cut: number, im: number, p: IntradayParams): FilterState {
  const rho = Math.pow(0.5, im / p.localHalfLifeMinutes);
  const w = driftWeights(forecastCalls, im);
  const q = p.levelDriftPerHour * p.levelDriftPerHour;
  const s2 = p.localSd * p.localSd;
  const c2 = p.noiseCv * p.noiseCv;
  let mD = 1;
  let mu = 0;
  let pDD = p.levelSd * p.levelSd;
  let pDu = 0;
  let puu = s2;
  for (let i = 0; i < cut; i++) {
    const f = forecastCalls[i];
    const y = actual[i];
    if (f > 0 && y !== null && y !== undefined) {
      const r = f + c2 * f * f;
      const sD = f * (pDD + pDu);
      const su = f * (pDu + puu);
      const s = f * (sD + su) + r;
      const v = y - f * (mD + mu);
      const kD = sD / s;
      const ku = su / s;
      mD += kD * v;
      mu += ku * v;
      pDD -= kD * sD;
      pDu -= kD * su;
      puu -= ku * su;
    }
    // one interval on
    if (i + 1 < forecastCalls.length) pDD += q * w[i + 1];
    mu *= rho;
    pDu *= rho;
    puu = rho * rho * puu + s2 * (1 - rho * rho);
  }
  return { mD, mu, pDD, pDu, puu };
}

/**
 * Reforecast of the rest of the day (intervals cut..n−1) from the morning forecast and the actuals
 * of intervals 0..cut−1 (see the module comment for the model). For interval j = cut + h (h ≥ 0):
 *
 *   m_j   = max(0, D̂ + ρ^h û)                            (multiplier, posterior mean)
 *   calls = F_j · m_j
 *   V_j   = F_j·m_j + c²·F_j²·m_j² + F_j²·(P_DD + q²·Σ_{l=cut+1..j} w_l + ρ^{2h}P_uu + 2ρ^h P_Du + σ²(1 − ρ^{2h}))
 *   band  = [max(0, calls + zLow·√V_j), max(0, calls + zHigh·√V_j)]
 *
 * with (D̂, û, P) the filter's prediction for interval `cut` and w_l the operational hours of
 * interval l (its share of the day's forecast calls × the hours with traffic).
 * Units: calls per interval. Cost O(n). Never reads actual[cut..]: the answer for a cut does not
 * depend on later actuals. With cut = 0 the calls are the morning forecast.
 *
 * @throws {IntradayInputError} on a cut outside 0..n, a negative or non-finite forecast or actual,
 *   or a parameter outside its domain.
 * @example reforecast({ forecast: [100, 120, 110, 90], actual: [130, 150], cut: 2, intervalMinutes: 30 })
 */
export function reforecast(input: ReforecastInput): Reforecast {
  const p: IntradayParams = { ...intradayDefaults(input.intervalMinutes), ...input.params };
  check(input, p);
  const im = input.intervalMinutes;
  const st = filter(input.forecast, input.actual, input.cut, im, p);
  const rho = Math.pow(0.5, im / p.localHalfLifeMinutes);
  const w = driftWeights(input.forecast, im);
  const q = p.levelDriftPerHour * p.levelDriftPerHour;
  let drift = 0;
  const s2 = p.localSd * p.localSd;
  const c2 = p.noiseCv * p.noiseCv;
  const calls: number[] = [];
  const low: number[] = [];
  const high: number[] = [];
  let rh = 1; // ρ^h
  for (let j = input.cut, h = 0; j < input.forecast.length; j++, h++) {
    const f = input.forecast[j];
    if (h > 0) drift += q * w[j];
    const m = Math.max(0, st.mD + rh * st.mu);
    const vTheta = Math.max(0, st.pDD + drift + rh * rh * st.puu + 2 * rh * st.pDu + s2 * (1 - rh * rh));
    const mean = f * m;
    const sd = Math.sqrt(f * m + c2 * mean * mean + f * f * vTheta);
    calls.push(mean);
    low.push(Math.max(0, mean + p.zLow * sd));
    high.push(Math.max(0, mean + p.zHigh * sd));
    rh *= rho;
  }
  return { calls, low, high, level: st.mD, local: st.mu };
}

/** The rest of the day as one number: expected calls over intervals cut..n−1 and its 80 % band. */
export interface RestOfDay {
  calls: number;
  low: number;
  high: number;
}

/**
 * The sum of the reforecast over the remaining intervals cut..n−1 with its band, from the same
 * filter as {@link reforecast}. The intervals' errors are correlated through the multiplier (a day
 * running high runs high all afternoon), so the variance of the sum is not the sum of the interval
 * variances: with h_j = j − cut, θ_j = D_j + u_j and h_j ≤ h_k,
 *
 *   Cov(θ_j, θ_k) = P_DD + q²·W_j + ρ^{h_j+h_k}·P_uu + σ²·(ρ^{h_k−h_j} − ρ^{h_j+h_k}) + (ρ^{h_j} + ρ^{h_k})·P_Du
 *
 * (W_j = Σ_{l=cut+1..j} w_l, the level's drift up to the earlier interval; the AR(1) part's covariance
 * given u at the cut), and
 *
 *   Var(Σ y_j) = Σ_j (F_j·m_j + c²·F_j²·m_j²) + Σ_j Σ_k F_j·F_k·Cov(θ_j, θ_k).
 *
 * The band is calls + zLow·√V … calls + zHigh·√V with the per-interval z of the parameters (the
 * bench reports how often the day's actual total falls inside). Cost O((n − cut)²).
 *
 * @throws {IntradayInputError} as {@link reforecast}.
 */
export function reforecastTotal(input: ReforecastInput): RestOfDay {
  const p: IntradayParams = { ...intradayDefaults(input.intervalMinutes), ...input.params };
  check(input, p);
  const im = input.intervalMinutes;
  const st = filter(input.forecast, input.actual, input.cut, im, p);
  const rho = Math.pow(0.5, im / p.localHalfLifeMinutes);
  const w = driftWeights(input.forecast, im);
  const q = p.levelDriftPerHour * p.levelDriftPerHour;
  const s2 = p.localSd * p.localSd;
  const c2 = p.noiseCv * p.noiseCv;
  const n = input.forecast.length - input.cut;
  const f = new Float64Array(n);
  const rh = new Float64Array(n);
  const drift = new Float64Array(n);
  let calls = 0;
  let v = 0;
  for (let h = 0; h < n; h++) {
    const j = input.cut + h;
    f[h] = input.forecast[j];
    rh[h] = h === 0 ? 1 : rh[h - 1] * rho;
    drift[h] = h === 0 ? 0 : drift[h - 1] + q * w[j];
    const m = Math.max(0, st.mD + rh[h] * st.mu);
    const mean = f[h] * m;
    calls += mean;
    v += f[h] * m + c2 * mean * mean;
  }
  for (let a = 0; a < n; a++) {
    if (f[a] === 0) continue;
    for (let b = a; b < n; b++) {
      if (f[b] === 0) continue;
      const cov = st.pDD + drift[a] + rh[a] * rh[b] * st.puu + s2 * (rh[b] / rh[a] - rh[a] * rh[b]) + (rh[a] + rh[b]) * st.pDu;
      v += (a === b ? 1 : 2) * f[a] * f[b] * cov;
    }
  }
  const sd = Math.sqrt(Math.max(0, v));
  return { calls, low: Math.max(0, calls + p.zLow * sd), high: Math.max(0, calls + p.zHigh * sd) };
}

/**
 * The anchor: the credibility-weighted ratio r = (A + κ)/(F + κ), with A and F the sums of the
 * actuals and of the morning forecast over the seen intervals (0..cut−1, actual known), and the
 * reforecast r · F_j for every interval j ≥ cut. κ (calls) is the prior weight of the morning
 * forecast: the posterior mean of a Gamma(κ, κ) multiplier under Poisson counts (Bühlmann
 * credibility). κ = 0 is the plain ratio A/F (1 when F = 0).
 */
export function ratioReforecast(forecastCalls: readonly number[], actual: readonly (number | null)[], cut: number, kappa: number): number[] {
  let a = 0;
  let f = 0;
  for (let i = 0; i < cut; i++) {
    const y = actual[i];
    if (y === null || y === undefined) continue;
    a += y;
    f += forecastCalls[i];
  }
  const r = f + kappa > 0 ? (a + kappa) / (f + kappa) : 1;
  return forecastCalls.slice(cut).map((x) => r * x);
}

/** One past day for tuning: the morning forecast, the actuals, and the cut indices to score. */
export interface TuningDay {
  forecast: readonly number[];
  actual: readonly (number | null)[];
  cuts: readonly number[];
}

/**
 * Pooled rest-of-day WAPE (%) per cut position: for cut position c, 100 Σ|ŷ − y| / Σ y over the
 * intervals cuts[c]..n−1 (actual known) of all days, ŷ = predict(day, cut).
 */
export function restOfDayWape(days: readonly TuningDay[], predict: (day: TuningDay, cut: number) => readonly number[]): number[] {
  const nc = Math.max(0, ...days.map((d) => d.cuts.length));
  const se = new Array<number>(nc).fill(0);
  const sy = new Array<number>(nc).fill(0);
  for (const d of days) {
    d.cuts.forEach((cut, c) => {
      const yh = predict(d, cut);
      for (let j = cut; j < d.forecast.length; j++) {
        const y = d.actual[j];
        if (y === null || y === undefined) continue;
        se[c] += Math.abs(yh[j - cut] - y);
        sy[c] += y;
      }
    });
  }
  return se.map((e, c) => (sy[c] > 0 ? (100 * e) / sy[c] : NaN));
}

const meanOf = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;

/**
 * Tune κ of {@link ratioReforecast} on past days: the κ of a log grid (0 and 10 … 10⁶ calls, 40 steps
 * a decade) with the lowest mean over cut positions of the pooled rest-of-day WAPE.
 */
export function tuneKappa(days: readonly TuningDay[]): { kappa: number; wape: number[] } {
  let best = { kappa: 0, wape: restOfDayWape(days, (d, cut) => ratioReforecast(d.forecast, d.actual, cut, 0)) };
  for (let e = 1; e <= 6; e += 1 / 40) {
    const kappa = Math.pow(10, e);
    const wape = restOfDayWape(days, (d, cut) => ratioReforecast(d.forecast, d.actual, cut, kappa));
    if (meanOf(wape) < meanOf(best.wape)) best = { kappa, wape };
  }
  return best;
}

/** Search grids of {@link tuneIntraday} (the point parameters; the band's z are fitted after). */
export const TUNING_GRID = {
  levelSd: [0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.3, 0.5],
  levelDriftPerHour: [0, 0.005, 0.01, 0.015, 0.02, 0.03, 0.04, 0.06, 0.08, 0.1],
  localSd: [0, 0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3],
  localHalfLifeMinutes: [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360],
  noiseCv: [0, 0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3],
} as const;

type PointKey = keyof typeof TUNING_GRID;

/**
 * Tune the point parameters of {@link reforecast} on past days by coordinate search over
 * {@link TUNING_GRID} (each parameter in turn set to its best grid value, the others held, until a
 * full round changes nothing; at most 8 rounds), minimising the mean over cut positions of the
 * pooled rest-of-day WAPE; the search starts from `start` (default: the anchor-like setting σ = q = c = 0
 * with τ of the grid nearest 1/√κ̂). Then the band's zLow, zHigh: {@link fitIntradayBand}.
 */
export function tuneIntraday(
  days: readonly TuningDay[],
  intervalMinutes: number,
  opts: { start?: Partial<IntradayParams>; grid?: Partial<Record<PointKey, readonly number[]>> } = {},
): { params: IntradayParams; wape: number[] } {
  const { start } = opts;
  const grid: Record<PointKey, readonly number[]> = { ...TUNING_GRID, ...opts.grid };
  const evalP = (p: IntradayParams) => restOfDayWape(days, (d, cut) => reforecast({ forecast: d.forecast, actual: d.actual, cut, intervalMinutes, params: p }).calls);
  let p: IntradayParams = { levelSd: 0.05, levelDriftPerHour: 0, localSd: 0, localHalfLifeMinutes: 30, noiseCv: 0, zLow: -1.2816, zHigh: 1.2816, ...start };
  if (!start) {
    const k = tuneKappa(days).kappa;
    const tau = k > 0 ? 1 / Math.sqrt(k) : 0.5;
    p.levelSd = grid.levelSd.reduce((b, x) => (Math.abs(Math.log(x / tau)) < Math.abs(Math.log(b / tau)) ? x : b));
  }
  let best = evalP(p);
  for (let round = 0; round < 8; round++) {
    let changed = false;
    for (const key of Object.keys(grid) as PointKey[]) {
      for (const v of grid[key]) {
        if (v === p[key]) continue;
        const cand = { ...p, [key]: v };
        const w = evalP(cand);
        if (meanOf(w) < meanOf(best) - 1e-12) {
          best = w;
          p = cand;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return { params: { ...p, ...fitIntradayBand(days, intervalMinutes, p) }, wape: best };
}

/**
 * Calibrate the band on past days: the empirical 10 % and 90 % quantiles (R type 7) of the
 * standardised errors (y − calls)/√V over every scored rest-of-day interval of every cut, with V
 * the variance of {@link reforecast} at z = ±1 (so that about 80 % of those actuals fall inside).
 */
export function fitIntradayBand(days: readonly TuningDay[], intervalMinutes: number, p: IntradayParams): { zLow: number; zHigh: number } {
  const z: number[] = [];
  for (const d of days) {
    for (const cut of d.cuts) {
      const r = reforecast({ forecast: d.forecast, actual: d.actual, cut, intervalMinutes, params: { ...p, zLow: -1, zHigh: 1 } });
      for (let j = cut; j < d.forecast.length; j++) {
        const y = d.actual[j];
        if (y === null || y === undefined) continue;
        const k = j - cut;
        const sd = r.high[k] - r.calls[k];
        if (sd > 0) z.push((y - r.calls[k]) / sd);
      }
    }
  }
  if (z.length < 30) return { zLow: -1.2816, zHigh: 1.2816 };
  z.sort((a, b) => a - b);
  return { zLow: quantileSorted(z, 0.1), zHigh: quantileSorted(z, 0.9) };
}
