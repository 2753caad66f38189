import { describe, expect, it } from 'vitest';
import { makeSampler, distributionMean, DistributionError } from '../../src/sim/distributions.js';
import { Rng } from '../../src/sim/rng.js';

function moments(f: (r: Rng) => number, n: number, seed: number) {
  const r = new Rng(seed);
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = f(r);
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, sd: Math.sqrt(s2 / n - mean * mean) };
}

describe('distributions', () => {
  it('exponential: mean and sd both equal the mean (4 standard errors)', () => {
    const n = 200_000;
    const m = moments(makeSampler({ kind: 'exponential', mean: 180 }), n, 1);
    expect(Math.abs(m.mean - 180)).toBeLessThan((4 * 180) / Math.sqrt(n));
    expect(Math.abs(m.sd - 180)).toBeLessThan(180 * 0.02);
  });

  it('lognormal by mean and CV: sample mean and CV match (mean 240 s, CV 0.6)', () => {
    const n = 400_000;
    const m = moments(makeSampler({ kind: 'lognormal', mean: 240, cv: 0.6 }), n, 2);
    // se of the mean = 0.6 * 240 / sqrt(n)
    expect(Math.abs(m.mean - 240)).toBeLessThan((4 * 0.6 * 240) / Math.sqrt(n));
    expect(Math.abs(m.sd / m.mean - 0.6)).toBeLessThan(0.02);
  });

  it('lognormal median is exp(mu) = mean / sqrt(1 + cv^2)', () => {
    const f = makeSampler({ kind: 'lognormal', mean: 100, cv: 1 });
    const r = new Rng(3);
    const xs = Array.from({ length: 100_001 }, () => f(r)).sort((a, b) => a - b);
    const median = xs[50_000];
    expect(median).toBeGreaterThan((100 / Math.SQRT2) * 0.98);
    expect(median).toBeLessThan((100 / Math.SQRT2) * 1.02);
  });

  it('fixed, none, empirical', () => {
    const r = new Rng(4);
    expect(makeSampler({ kind: 'fixed', value: 30 })(r)).toBe(30);
    expect(makeSampler({ kind: 'none' })(r)).toBe(Infinity);
    const emp = makeSampler({ kind: 'empirical', values: [10, 20, 40] });
    const counts = new Map<number, number>();
    for (let i = 0; i < 30_000; i++) {
      const v = emp(r);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([10, 20, 40]);
    for (const c of counts.values()) expect(Math.abs(c - 10_000)).toBeLessThan(400); // ~4.9 sd
    expect(distributionMean({ kind: 'empirical', values: [10, 20, 40] })).toBeCloseTo(70 / 3, 12);
    expect(distributionMean({ kind: 'none' })).toBe(Infinity);
  });

  it('rejects impossible parameters', () => {
    expect(() => makeSampler({ kind: 'exponential', mean: 0 })).toThrow(DistributionError);
    expect(() => makeSampler({ kind: 'lognormal', mean: 10, cv: -1 })).toThrow(DistributionError);
    expect(() => makeSampler({ kind: 'empirical', values: [] })).toThrow(DistributionError);
  });
});
