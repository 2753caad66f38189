/**
 * Double-seasonal Holt-Winters exponential smoothing (Taylor 2003), additive form, level only.
 *
 * Reference: J. W. Taylor (2003), "Short-term electricity demand forecasting using double seasonal
 * exponential smoothing", Journal of the Operational Research Society 54(8), 799–805; and
 * Taylor (2010), "Triple seasonal methods for short-term electricity demand forecasting",
 * EJOR 204, 139–152 (additive variant). Deviations from Taylor's multiplicative trend model:
 * additive seasonality (call series have zeros at night), no trend (a trend fitted on one week and
 * extrapolated over 285+ steps is what makes R's `dshw` fail fold 1 of the na-bank protocol), and
 * no AR(1) error correction (it decays to nothing over a one-week horizon).
 */

export interface HwParams {
  /** Level smoothing α ∈ [0,1]. */
  alpha: number;
  /** Intraday (period m1) seasonal smoothing δ ∈ [0,1]. */
  delta: number;
  /** Intraweek (period m2) seasonal smoothing ω ∈ [0,1]. */
  omega: number;
}

export interface HwState {
  level: number;
  /** Intraday seasonal terms, indexed by daily season position (slot of day). */
  daily: Float64Array;
  /** Intraweek seasonal terms, indexed by weekly season position (weekday × slots + slot). */
  weekly: Float64Array;
}

/**
 * Run the additive double-seasonal recursion over y_1..y_n. With D = daily[dIdx_t],
 * W = weekly[wIdx_t] (their values from the last time that season position was visited):
 *
 *   ŷ_t   = l_{t−1} + D + W                       (one-step forecast)
 *   l_t   = α (y_t − D − W) + (1 − α) l_{t−1}
 *   D'    = δ (y_t − l_t − W) + (1 − δ) D
 *   W'    = ω (y_t − l_t − D) + (1 − ω) W
 *
 * With dIdx_t = t mod m1 and wIdx_t = t mod m2 this is Taylor's (2003) recursion in additive
 * form; the index arrays let a series skip closed intervals. Returns the final state (a copy),
 * the one-step fitted values and SSE of the one-step errors for t ≥ `burnIn`.
 */
export function hwDoubleRun(
  y: ArrayLike<number>,
  dIdx: ArrayLike<number>,
  wIdx: ArrayLike<number>,
  init: HwState,
  p: HwParams,
  burnIn = 0,
): { state: HwState; fitted: Float64Array; sse: number } {
  const daily = Float64Array.from(init.daily);
  const weekly = Float64Array.from(init.weekly);
  let l = init.level;
  const n = y.length;
  const fitted = new Float64Array(n);
  let sse = 0;
  const { alpha, delta, omega } = p;
  for (let t = 0; t < n; t++) {
    const di = dIdx[t];
    const wi = wIdx[t];
    const D = daily[di];
    const W = weekly[wi];
    const f = l + D + W;
    fitted[t] = f;
    const yt = y[t];
    if (t >= burnIn) sse += (yt - f) * (yt - f);
    const lNew = alpha * (yt - D - W) + (1 - alpha) * l;
    daily[di] = delta * (yt - lNew - W) + (1 - delta) * D;
    weekly[wi] = omega * (yt - lNew - D) + (1 - omega) * W;
    l = lNew;
  }
  return { state: { level: l, daily, weekly }, fitted, sse };
}

/** SSE only (no allocation of fitted values): used by the parameter search. */
function hwSse(
  y: Float64Array,
  dIdx: Int32Array,
  wIdx: Int32Array,
  init: HwState,
  p: HwParams,
  burnIn: number,
  daily: Float64Array,
  weekly: Float64Array,
): number {
  daily.set(init.daily);
  weekly.set(init.weekly);
  let l = init.level;
  let sse = 0;
  const { alpha, delta, omega } = p;
  for (let t = 0; t < y.length; t++) {
    const di = dIdx[t];
    const wi = wIdx[t];
    const D = daily[di];
    const W = weekly[wi];
    const yt = y[t];
    const e = yt - l - D - W;
    if (t >= burnIn) sse += e * e;
    const lNew = l + alpha * e;
    daily[di] = D + delta * (yt - lNew - W - D);
    weekly[wi] = W + omega * (yt - lNew - D - W);
    l = lNew;
  }
  return sse;
}

/**
 * Fit α, δ, ω by minimising the in-sample one-step SSE (after `burnIn` observations): a coarse
 * grid, then coordinate refinement by halving steps (bounded to [0, 1]). Returns the best
 * parameters, the final state and the SSE.
 */
export function hwDoubleFit(
  y: Float64Array,
  dIdx: Int32Array,
  wIdx: Int32Array,
  init: HwState,
  burnIn: number,
): { params: HwParams; state: HwState; sse: number } {
  const daily = new Float64Array(init.daily.length);
  const weekly = new Float64Array(init.weekly.length);
  let best: HwParams = { alpha: 0.01, delta: 0.01, omega: 0.1 };
  let bestSse = Infinity;
  for (const alpha of [0.001, 0.01, 0.03, 0.1]) {
    for (const delta of [0, 0.02, 0.1]) {
      for (const omega of [0.02, 0.1, 0.2, 0.4]) {
        const p = { alpha, delta, omega };
        const s = hwSse(y, dIdx, wIdx, init, p, burnIn, daily, weekly);
        if (s < bestSse) {
          bestSse = s;
          best = p;
        }
      }
    }
  }
  let step = 0.05;
  for (let iter = 0; iter < 5; iter++) {
    let improved = false;
    for (const key of ['alpha', 'delta', 'omega'] as const) {
      for (const dir of [-1, 1]) {
        const v = Math.min(1, Math.max(0, best[key] + dir * step * (key === 'alpha' ? 0.2 : 1)));
        const p = { ...best, [key]: v };
        const s = hwSse(y, dIdx, wIdx, init, p, burnIn, daily, weekly);
        if (s < bestSse) {
          bestSse = s;
          best = p;
          improved = true;
        }
      }
    }
    if (!improved) step /= 2;
  }
  const run = hwDoubleRun(y, dIdx, wIdx, init, best, burnIn);
  return { params: best, state: run.state, sse: run.sse };
}
