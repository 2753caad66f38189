import { describe, expect, it } from 'vitest';
import { meanConfidenceInterval, studentTQuantile } from '../../src/sim/stats.js';

describe('Student t quantiles against a printed table (two-sided 95%: p = 0.975)', () => {
  // Standard t table values (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2), 3 decimals.
  const table: [number, number][] = [
    [1, 12.706],
    [2, 4.303],
    [3, 3.182],
    [4, 2.776],
    [9, 2.262],
    [19, 2.093],
    [29, 2.045],
    [100, 1.984],
  ];
  for (const [df, t] of table) {
    it(`t(0.975, ${df}) = ${t}`, () => {
      expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 3);
    });
  }
  it('t(0.995, 10) = 3.169', () => {
    expect(studentTQuantile(0.995, 10)).toBeCloseTo(3.169, 3);
  });
});

describe('mean confidence interval', () => {
  it('values 1..5: mean 3, half-width t(0.975,4) * s / sqrt(5) with s = sqrt(2.5)', () => {
    const m = meanConfidenceInterval([1, 2, 3, 4, 5]);
    expect(m.mean).toBe(3);
    const half = (2.7764451 * Math.sqrt(2.5)) / Math.sqrt(5);
    expect(m.ci![0]).toBeCloseTo(3 - half, 5);
    expect(m.ci![1]).toBeCloseTo(3 + half, 5);
  });
  it('skips non-finite values and needs two for an interval', () => {
    expect(meanConfidenceInterval([NaN, 4])).toEqual({ mean: 4, ci: null, n: 1 });
    expect(meanConfidenceInterval([])).toEqual({ mean: null, ci: null, n: 0 });
  });
});
