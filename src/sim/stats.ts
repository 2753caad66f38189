/**
 * Small statistics for replication output: Student t quantiles and t confidence intervals.
 * simple-statistics has no t distribution, so the CDF below is the closed form; its root finding
 * (`bisect`), the mean and the sample standard deviation come from simple-statistics.
 */
import { bisect, mean, sampleStandardDeviation } from 'simple-statistics';

/**
 * A(t | nu) = P(|T| <= t) for Student's t with integer nu >= 1 degrees of freedom, by the closed
 * forms of Abramowitz & Stegun 26.7.3 (nu odd) and 26.7.4 (nu even), theta = atan(t / sqrt(nu)):
 *   nu = 1:     2 theta / pi
 *   nu odd:     (2/pi) [theta + sin(theta) (cos(theta) + (2/3) cos^3(theta) + ... + (2*4*...*(nu-3))/(1*3*...*(nu-2)) cos^(nu-2)(theta))]
 *   nu even:    sin(theta) [1 + (1/2) cos^2(theta) + (1*3)/(2*4) cos^4(theta) + ... + (1*3*...*(nu-3))/(2*4*...*(nu-2)) cos^(nu-2)(theta)]
 */
export function studentTAbsCdf(t: number, nu: number): number {
  if (!Number.isInteger(nu) || nu < 1) throw new RangeError(`degrees of freedom must be a whole number >= 1, got ${nu}`);
  const x = Math.abs(t);
  if (x === Infinity) return 1;
  const theta = Math.atan(x / Math.sqrt(nu));
  const s = Math.sin(theta);
  const c = Math.cos(theta);
  const c2 = c * c;
  if (nu % 2 === 1) {
    if (nu === 1) return (2 * theta) / Math.PI;
    let term = c;
    let sum = c;
    for (let k = 3; k <= nu - 2; k += 2) {
      term *= (c2 * (k - 1)) / k;
      sum += term;
    }
    return Math.min(1, (2 / Math.PI) * (theta + s * sum));
  }
  let term = 1;
  let sum = 1;
  for (let k = 2; k <= nu - 2; k += 2) {
    term *= (c2 * (k - 1)) / k;
    sum += term;
  }
  return Math.min(1, s * sum);
}

/**
 * Quantile t_{p, nu} of Student's t (0.5 <= p < 1, integer nu >= 1): the t with
 * P(T <= t) = p, i.e. (1 + A(t | nu)) / 2 = p, the root of A(t | nu) - (2p - 1) on [0, hi]
 * ({@link studentTAbsCdf}; hi the first power of 2 with A(hi) >= 2p - 1), found by simple-statistics'
 * `bisect` until the bracket is narrower than 1e-12 max(1, hi). Example: t_{0.975, 9} = 2.262 (any t table).
 */
export function studentTQuantile(p: number, nu: number): number {
  if (!(p >= 0.5 && p < 1)) throw new RangeError(`p must be in [0.5, 1), got ${p}`);
  if (p === 0.5) return 0;
  const target = 2 * p - 1;
  let hi = 1;
  while (studentTAbsCdf(hi, nu) < target) hi *= 2;
  // A is increasing in t, negative minus target at 0 and not below it at hi: one root in [0, hi]
  return bisect((t: number) => studentTAbsCdf(t, nu) - target, 0, hi, 200, 0.5e-12 * Math.max(1, hi));
}

export interface MeanCi {
  /** Sample mean; null when there are no values. */
  mean: number | null;
  /** Confidence interval [low, high] for the mean; null with fewer than 2 values. */
  ci: [number, number] | null;
  /** Number of values used. */
  n: number;
}

/**
 * Mean and two-sided t confidence interval of independent replications x_1..x_n:
 *   mean +- t_{(1+level)/2, n-1} s / sqrt(n),   s^2 = sum (x_i - mean)^2 / (n - 1)
 * (simple-statistics' `mean`, compensated summation, and `sampleStandardDeviation`).
 * Values that are not finite (an interval with no calls in one replication) are left out.
 * Reference: Law, "Simulation Modeling and Analysis", 5th ed., section 9.4.1 (fixed-sample-size procedure).
 */
export function meanConfidenceInterval(values: readonly number[], level = 0.95): MeanCi {
  const x = values.filter((v) => Number.isFinite(v));
  const n = x.length;
  if (n === 0) return { mean: null, ci: null, n: 0 };
  const m = mean(x);
  if (n < 2) return { mean: m, ci: null, n };
  const half = studentTQuantile((1 + level) / 2, n - 1) * (sampleStandardDeviation(x) / Math.sqrt(n));
  return { mean: m, ci: [m - half, m + half], n };
}
