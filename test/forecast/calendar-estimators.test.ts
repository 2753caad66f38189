import { describe, expect, it } from 'vitest';
import type { History } from '../../src/forecast/history.js';
import {
  blockReconcile,
  calendarMethod,
  calendarWith,
  dispersionWeights,
  hodgesLehmann,
  shapeDispersion,
} from '../../src/forecast/calendar-method.js';

/**
 * A history whose only data are the given rows on weekday class 0, one per week (indices 0, 7, 14, …);
 * the days in between have no data.
 */
function weeklyHistory(rows: number[][]): History {
  const n = 7 * (rows.length - 1) + 1;
  const y: (Float64Array | null)[] = new Array(n).fill(null);
  const wd = new Int8Array(n).fill(-1);
  const dom = new Uint8Array(n);
  for (let i = 0; i < n; i++) dom[i] = (i % 28) + 1;
  rows.forEach((r, k) => {
    y[7 * k] = Float64Array.from(r);
    wd[7 * k] = 0;
  });
  return { slotsPerDay: rows[0].length, firstDay: 0, y, wd, dom };
}

describe('Hodges–Lehmann estimator (median of Walsh averages)', () => {
  it('matches hand-computed values', () => {
    // Walsh averages of {1, 2, 10}: 1, 1.5, 5.5, 2, 6, 10 → sorted 1 1.5 2 5.5 6 10 → (2 + 5.5)/2
    expect(hodgesLehmann([1, 2, 10])).toBe(3.75);
    // {1, 2, 3, 4, 100}: 15 averages 1 1.5 2 2 2.5 2.5 3 3 3.5 4 50.5 51 51.5 52 100 → 8th = 3
    // (the mean is 22: one wild day barely moves the estimate)
    expect(hodgesLehmann([1, 2, 3, 4, 100])).toBe(3);
    // {10, 20, 30, 40, 60, 200}: 21 averages, sorted
    // 10 15 20 20 25 25 30 30 35 35 [40] 40 45 50 60 105 110 115 120 130 200 → 40 (median 35, mean 60)
    expect(hodgesLehmann([200, 10, 40, 30, 60, 20])).toBe(40);
    expect(hodgesLehmann([5])).toBe(5);
    expect(hodgesLehmann([])).toBeNaN();
  });
});

describe('Pearson overdispersion of a day against its neighbours and the inverse-variance weights', () => {
  // Four weeks of weekday 0, 5 slots, 100 calls each; every day has exactly 3 neighbours (±1..3 weeks).
  //   day 0, 1: the base counts 10 20 30 20 20
  //   day 2:    10 20 26 24 20  (4 calls moved from slot 2 to slot 3)
  //   day 3:    14 16 30 20 20  (4 calls moved from slot 1 to slot 0)
  // Each day's neighbour median shape is the base shape (at most one neighbour deviates per slot).
  const h = weeklyHistory([
    [10, 20, 30, 20, 20],
    [10, 20, 30, 20, 20],
    [10, 20, 26, 24, 20],
    [14, 16, 30, 20, 20],
  ]);

  it('φ = Σ (y − e)² / e / df', () => {
    const phi = shapeDispersion(h, null);
    expect(phi[0]).toBe(0);
    expect(phi[7]).toBe(0);
    // day 2: (4²/30 + 4²/20) / 5 = (8/15 + 12/15) / 5 = 4/15
    expect(phi[14]).toBeCloseTo(4 / 15, 12);
    // day 3: (4²/10 + 4²/20) / 5 = 2.4 / 5 = 12/25
    expect(phi[21]).toBeCloseTo(12 / 25, 12);
    // days without data: NaN
    expect(phi[1]).toBeNaN();
  });

  it('w = min(1, median φ / φ)', () => {
    // median of {0, 0, 4/15, 12/25} = 2/15
    const w = dispersionWeights(h, null);
    expect(w[0]).toBe(1);
    expect(w[7]).toBe(1);
    expect(w[14]).toBeCloseTo(2 / 15 / (4 / 15), 12); // 1/2
    expect(w[21]).toBeCloseTo(2 / 15 / (12 / 25), 12); // 5/18
    expect(w[1]).toBe(1);
  });

  it('a flagged day is left out (no φ, and not a neighbour)', () => {
    const flags = new Uint8Array(h.y.length);
    flags[21] = 1;
    const phi = shapeDispersion(h, flags);
    expect(phi[21]).toBeNaN();
    // day 2 now has only 2 usable neighbours (< 3): no φ either
    expect(phi[14]).toBeNaN();
  });

  it('all weights 1 when every day fits its neighbours exactly (median φ = 0)', () => {
    const flat = weeklyHistory([0, 1, 2, 3].map(() => [10, 20, 30, 20, 20]));
    expect(Array.from(dispersionWeights(flat, null).filter((_, i) => i % 7 === 0))).toEqual([1, 1, 1, 1]);
  });

  it('the calendar shape is the decay × dispersion weighted mean of the days’ shapes', () => {
    // under 56 days: no day-of-month factors; under 10 comparable days: no outlier flags; one
    // weekday class: no pooling. Total = HL of four 100s = 100.
    const [row] = calendarMethod(h, [{ day: 28, wd: 0, dom: 1 }]);
    // most recent first: day 3 (weight 1 × 5/18), day 2 (0.85 × 1/2), day 1 (0.85²), day 0 (0.85³)
    const w = [5 / 18, 0.85 * 0.5, 0.85 ** 2, 0.85 ** 3];
    const rows = [
      [14, 16, 30, 20, 20],
      [10, 20, 26, 24, 20],
      [10, 20, 30, 20, 20],
      [10, 20, 30, 20, 20],
    ];
    const W = w.reduce((a, b) => a + b, 0);
    for (let s = 0; s < 5; s++) {
      const expected = rows.reduce((a, r, k) => a + w[k] * r[s], 0) / W; // shares × 100 calls
      expect(row[s]).toBeCloseTo(expected, 9);
    }
  });
});

describe('calendar daily volume', () => {
  it('is the Hodges–Lehmann estimate of the last 6 same-weekday totals', () => {
    // six weeks with a flat shape over 4 slots and totals 10 20 30 40 60 200 (oldest first)
    const totals = [10, 20, 30, 40, 60, 200];
    const h = weeklyHistory(totals.map((t) => [t / 4, t / 4, t / 4, t / 4]));
    const target = [{ day: 42, wd: 0, dom: 15 }];
    // HL = 40 (see above) → 10 per slot; the median (35) would give 8.75
    for (const v of calendarMethod(h, target)[0]) expect(v).toBeCloseTo(10, 9);
    for (const v of calendarWith({ dayEstimator: 'median' })(h, target)[0]) expect(v).toBeCloseTo(8.75, 9);
  });
});

describe('two-level (temporal-hierarchy) shape: block shares from one shape, within-block split from another', () => {
  it('matches hand-computed values', () => {
    // block [0,1]: C = 0.5, F = 0.4 → 0.5·0.1/0.4 = 0.125, 0.5·0.3/0.4 = 0.375
    // block [2,3]: C = 0.5, F = 0.6 → 0.5·0.2/0.6 = 1/6, 0.5·0.4/0.6 = 1/3 (sum 1, no renormalisation)
    const out = blockReconcile(Float64Array.from([0.1, 0.3, 0.2, 0.4]), Float64Array.from([0.25, 0.25, 0.1, 0.4]), 2);
    const want = [0.125, 0.375, 1 / 6, 1 / 3];
    want.forEach((v, s) => expect(out[s]).toBeCloseTo(v, 12));
  });
  it('keeps the fine shape where its block is empty, renormalises, handles a short last block', () => {
    // block [0,1]: F = 0 → fine (0, 0); block [2,3]: C = 0.6, F = 0.8 → 0.6·0.32/0.8 = 0.24, 0.6·0.48/0.8 = 0.36;
    // block [4]: C = 0.2, F = 0.2 → 0.2; total 0.8 → 0, 0, 0.3, 0.45, 0.25
    const out = blockReconcile(Float64Array.from([0, 0, 0.32, 0.48, 0.2]), Float64Array.from([0.1, 0.1, 0.3, 0.3, 0.2]), 2);
    const want = [0, 0, 0.3, 0.45, 0.25];
    want.forEach((v, s) => expect(out[s]).toBeCloseTo(v, 12));
  });
  it('is the identity when both shapes agree, and block length 1 returns the coarse shape', () => {
    const sh = Float64Array.from([0.1, 0.2, 0.3, 0.4]);
    expect([...blockReconcile(sh, sh, 2)].map((v) => +v.toFixed(12))).toEqual([0.1, 0.2, 0.3, 0.4]);
    const c = Float64Array.from([0.4, 0.3, 0.2, 0.1]);
    expect([...blockReconcile(sh, c, 1)].map((v) => +v.toFixed(12))).toEqual([0.4, 0.3, 0.2, 0.1]);
  });
});
