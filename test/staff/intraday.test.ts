/**
 * The intraday projection (src/staff/intraday.ts) against independent references: Erlang C in exact
 * BigInt fractions (test/helpers/exact.ts), Erlang A from its own reference (test/helpers/erlang-a-ref.ts),
 * and the linear interpolation between whole agents by hand.
 */
import { describe, expect, it } from 'vitest';
import { QueueProjection, weightedMean } from '../../src/staff/intraday.js';
import { erlangCExact, rationalOf, ratioToNumber } from '../helpers/exact.js';
import { erlangARef } from '../helpers/erlang-a-ref.js';

/** Erlang C service level 1 − C(n, a)·exp(−(n − a)·T / AHT) with C exact; 0 when n ≤ a. */
function slRef(n: number, a: number, aht: number, t: number): number {
  if (n <= a) return 0;
  const { p, q } = rationalOf(a);
  const c = erlangCExact(n, p, q);
  return 1 - ratioToNumber(c.num, c.den) * Math.exp((-(n - a) * t) / aht);
}

// 100 calls in 30 minutes at AHT 180 s: 10 Erlangs
const load = [{ calls: 100, ahtSeconds: 180 }, { calls: 0, ahtSeconds: null }];
const erlangC = { targets: { serviceLevel: { target: 0.8, seconds: 20 } }, shrinkage: 0 };

describe('QueueProjection', () => {
  it('service level with whole agents is Erlang C (exact reference), 0 at or below the load', () => {
    const p = new QueueProjection(load, 30, erlangC);
    for (const n of [10, 11, 12, 13, 15, 20]) expect(p.project(0, n).serviceLevel).toBeCloseTo(slRef(n, 10, 180, 20), 12);
    expect(p.project(0, 9).serviceLevel).toBe(0);
    expect(p.project(0, 12).abandonRate).toBeNull(); // Erlang C: nobody hangs up
  });

  it('between whole agents the measure is interpolated linearly (12.25 agents: ¾ of SL(12) + ¼ of SL(13))', () => {
    const p = new QueueProjection(load, 30, erlangC);
    expect(p.project(0, 12.25).serviceLevel).toBeCloseTo(0.75 * slRef(12, 10, 180, 20) + 0.25 * slRef(13, 10, 180, 20), 12);
  });

  it('shrinkage takes its share of the agents at work off the phones: 15 at work with 20 % is 12 on the phones', () => {
    const p = new QueueProjection(load, 30, { ...erlangC, shrinkage: 0.2 });
    expect(p.project(0, 15).serviceLevel).toBeCloseTo(slRef(12, 10, 180, 20), 12);
  });

  it('required agents: the smallest n with SL ≥ 80 % (found here by scanning the exact reference), then the shrinkage', () => {
    let n = 11;
    while (slRef(n, 10, 180, 20) < 0.8) n++;
    expect(new QueueProjection(load, 30, erlangC).required(0)).toBe(n);
    // ceil(n / 0.7) scheduled at 30 % shrinkage
    expect(new QueueProjection(load, 30, { ...erlangC, shrinkage: 0.3 }).required(0)).toBe(Math.ceil(n / 0.7 - 1e-9));
    expect(new QueueProjection(load, 30, erlangC).required(1)).toBe(0);
  });

  it('Erlang A with a patience: service level and abandon rate as the reference computes them', () => {
    const p = new QueueProjection(load, 30, { ...erlangC, patienceSeconds: 120 });
    for (const n of [6, 9, 11]) {
      const ref = erlangARef(n, 10, 180, 120, 20);
      const m = p.project(0, n);
      expect(m.serviceLevel).toBeCloseTo(ref.serviceLevel, 9);
      expect(m.abandonRate).toBeCloseTo(ref.probAbandon, 9);
    }
  });

  it('value = calls × service level; an interval without calls has no measure and no value', () => {
    const p = new QueueProjection(load, 30, erlangC);
    expect(p.value(0, 12)).toBeCloseTo(100 * slRef(12, 10, 180, 20), 10);
    expect(p.value(0, 12, 40)).toBeCloseTo(40 * slRef(12, 10, 180, 20), 10);
    expect(p.project(1, 3)).toEqual({ serviceLevel: null, abandonRate: null });
    expect(p.value(1, 3)).toBe(0);
  });

  it('weightedMean: Σ w·x / Σ w over the entries with a value', () => {
    expect(weightedMean([1, 3, 5, 0], [0.5, 0.9, null, 0.1])).toBeCloseTo((0.5 + 2.7) / 4, 12);
    expect(weightedMean([0, 0], [1, 1])).toBeNull();
  });
});
