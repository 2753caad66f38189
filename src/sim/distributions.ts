/**
 * Distributions for talk time, wrap-up, caller patience and pause lengths, all in seconds.
 *
 * - `fixed`: always `value`.
 * - `exponential`: mean `mean`; X = -mean ln(U), U uniform on (0, 1] (inversion).
 * - `lognormal`: given by its mean m and coefficient of variation c (sd / mean):
 *     sigma^2 = ln(1 + c^2),  mu = ln(m) - sigma^2 / 2,  X = exp(mu + sigma Z),
 *   Z standard normal by Box-Muller (Box & Muller 1958), so E[X] = m and sd(X) = c m.
 *   c = 0 gives the fixed value m.
 * - `empirical`: one of `values`, each equally likely (resampling observed data, e.g. patience
 *   measured from abandoned calls).
 * - `none`: never happens: +Infinity. As a patience it means nobody abandons.
 */
import { mean } from 'simple-statistics';
import type { Rng } from './rng.js';

export type Distribution =
  | { kind: 'fixed'; value: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'lognormal'; mean: number; cv: number }
  | { kind: 'empirical'; values: readonly number[] }
  | { kind: 'none' };

/** A compiled sampler: draws one value in seconds from the generator given. */
export type Sampler = (rng: Rng) => number;

/** Thrown for a distribution with impossible parameters; `field` names the parameter. */
export class DistributionError extends RangeError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'DistributionError';
  }
}

/** Checks the parameters (finite, non-negative; empirical non-empty) and throws {@link DistributionError}. */
export function validateDistribution(d: Distribution, field = 'distribution'): void {
  const bad = (x: number) => !Number.isFinite(x) || x < 0;
  switch (d.kind) {
    case 'fixed':
      if (bad(d.value)) throw new DistributionError(field, `${field}: fixed value must be a finite number >= 0`);
      return;
    case 'exponential':
      if (bad(d.mean) || d.mean === 0) throw new DistributionError(field, `${field}: exponential mean must be > 0`);
      return;
    case 'lognormal':
      if (bad(d.mean) || d.mean === 0) throw new DistributionError(field, `${field}: lognormal mean must be > 0`);
      if (bad(d.cv)) throw new DistributionError(field, `${field}: lognormal cv must be >= 0`);
      return;
    case 'empirical':
      if (d.values.length === 0) throw new DistributionError(field, `${field}: empirical values must not be empty`);
      for (const v of d.values) if (bad(v)) throw new DistributionError(field, `${field}: empirical values must be >= 0`);
      return;
    case 'none':
      return;
  }
}

/** Mean of the distribution in seconds (Infinity for `none`). */
export function distributionMean(d: Distribution): number {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'exponential':
    case 'lognormal':
      return d.mean;
    case 'empirical':
      // NaN, not simple-statistics' throw, for the empty list `validateDistribution` rejects
      return d.values.length > 0 ? mean(d.values) : NaN;
    case 'none':
      return Infinity;
  }
}

/** Standard normal variate by the Box-Muller transform: sqrt(-2 ln U1) cos(2 pi U2). */
export function standardNormal(rng: Rng): number {
  const u1 = rng.nextOpen();
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Compiles a distribution to a sampler (validated first). See the module comment for each kind. */
export function makeSampler(d: Distribution, field = 'distribution'): Sampler {
  validateDistribution(d, field);
  switch (d.kind) {
    case 'fixed': {
      const v = d.value;
      return () => v;
    }
    case 'exponential': {
      const m = d.mean;
      return (rng) => -m * Math.log(rng.nextOpen());
    }
    case 'lognormal': {
      if (d.cv === 0) {
        const v = d.mean;
        return () => v;
      }
      const s2 = Math.log(1 + d.cv * d.cv);
      const sigma = Math.sqrt(s2);
      const mu = Math.log(d.mean) - s2 / 2;
      return (rng) => Math.exp(mu + sigma * standardNormal(rng));
    }
    case 'empirical': {
      const vals = Float64Array.from(d.values);
      const n = vals.length;
      return (rng) => vals[rng.int(n)];
    }
    case 'none':
      return () => Infinity;
  }
}
