import { describe, expect, it } from 'vitest';
import { erlangB, erlangC, probWaitC, requiredAgents, evaluate } from '../../src/queueing/index.js';
import { erlangBExact, erlangCExact, erlangBPoisson, ratioToNumber, rationalOf } from '../helpers/exact.js';

const relClose = (actual: number, expected: number, rel = 1e-12) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + 1e-300);

describe('Erlang B', () => {
  it('matches hand-computed values', () => {
    // B(1, a) = a / (1 + a); B(2, 1) = (1/2) / (1 + 1 + 1/2) = 0.2
    relClose(erlangB(1, 0.01), 0.01 / 1.01);
    relClose(erlangB(2, 1), 0.2);
    // B(3, 2) = (8/6) / (1 + 2 + 2 + 8/6) = (4/3) / (19/3) = 4/19
    relClose(erlangB(3, 2), 4 / 19);
    expect(erlangB(0, 5)).toBe(1);
    expect(erlangB(5, 0)).toBe(0);
  });

  const cases: [number, number][] = [
    [1, 0.01], [3, 0.5], [10, 10], [12, 9.75], [49, 42.666667], [60, 80.5], [100, 95.5],
    [200, 150.25], [500, 480.25], [1000, 1000], [1200, 1100.5], [2000, 1950], [300, 10],
  ];
  for (const [n, a] of cases) {
    it(`equals the exact rational value at n=${n}, a=${a}`, () => {
      const { p, q } = rationalOf(a);
      const exact = erlangBExact(n, p, q);
      relClose(erlangB(n, Number(p) / Number(q)), ratioToNumber(exact.num, exact.den), 1e-12);
    });
  }

  it('agrees with a log-space Poisson evaluation at 50,000 Erlangs and more', () => {
    for (const [n, a] of [[50_000, 50_000], [50_500, 50_000], [49_000, 50_000], [120_300, 120_000]] as const) {
      const b = erlangB(n, a);
      expect(Number.isFinite(b)).toBe(true);
      relClose(b, erlangBPoisson(n, a), 1e-9);
    }
  });
});

describe('Erlang C', () => {
  it('matches a hand-computed case: n = 2, a = 1', () => {
    // C = (a^n/n! * n/(n-a)) / (sum_{k<n} a^k/k! + a^n/n! * n/(n-a)) = 1 / 3
    const m = erlangC(2, 1, 180, 0);
    relClose(m.probWait, 1 / 3);
    relClose(m.serviceLevel, 2 / 3); // T = 0: answered at once
    relClose(m.asaSeconds, ((1 / 3) * 180) / 1); // C * AHT / (n - a)
    relClose(m.occupancy, 0.5);
  });

  for (const [n, a] of [[11, 10], [49, 42.666667], [105, 95.5], [1010, 1000], [2100, 2000]] as const) {
    it(`P(wait) equals the exact rational value at n=${n}, a=${a}`, () => {
      const { p, q } = rationalOf(a);
      const exact = erlangCExact(n, p, q);
      relClose(probWaitC(n, Number(p) / Number(q)), ratioToNumber(exact.num, exact.den), 1e-11);
    });
  }

  it('treats agents <= traffic as unstable: everyone waits, SL 0, ASA unbounded', () => {
    const m = erlangC(40, 42.5, 240, 20);
    expect(m.probWait).toBe(1);
    expect(m.serviceLevel).toBe(0);
    expect(m.asaSeconds).toBe(Infinity);
    expect(m.occupancy).toBe(1);
  });

  it('needs no agents for zero calls', () => {
    expect(requiredAgents({ trafficErlangs: 0, ahtSeconds: 240 }, { serviceLevel: { target: 0.8, seconds: 20 } })).toBe(0);
  });
});

/** Erlang C service level from the exact C (a different algorithm from the recursion). */
function exactSl(n: number, a: number, aht: number, t: number): number {
  const { p, q } = rationalOf(a);
  const av = Number(p) / Number(q);
  if (n <= av) return 0;
  const e = erlangCExact(n, p, q);
  return 1 - ratioToNumber(e.num, e.den) * Math.exp((-(n - av) * t) / aht);
}

describe('required agents (Erlang C)', () => {
  const targets = { serviceLevel: { target: 0.8, seconds: 20 } };

  it('a worked example: 320 calls / 30 min, AHT 240 s, 80/20 needs 49 agents', () => {
    // a = 320 * 240 / 1800 = 42.667 Erlangs; checked with exact C: SL(48) < 0.8 <= SL(49)
    const a = (320 * 240) / 1800;
    expect(requiredAgents({ trafficErlangs: a, ahtSeconds: 240 }, targets)).toBe(49);
    expect(exactSl(48, a, 240, 20)).toBeLessThan(0.8);
    expect(exactSl(49, a, 240, 20)).toBeGreaterThanOrEqual(0.8);
  });

  it('is the smallest n with SL >= target, checked with exact C, across loads up to thousands of agents', () => {
    const loads = [0.01, 0.7, 3.3, 12.5, 42.666667, 97.25, 250, 400.5, 1000, 1750.75, 3000];
    for (const a of loads) {
      for (const [target, seconds, aht] of [[0.8, 20, 240], [0.9, 10, 180], [0.95, 30, 420], [0.5, 0, 300]] as const) {
        const n = requiredAgents({ trafficErlangs: a, ahtSeconds: aht }, { serviceLevel: { target, seconds } });
        expect(exactSl(n, a, aht, seconds)).toBeGreaterThanOrEqual(target);
        if (n - 1 > 0) expect(exactSl(n - 1, a, aht, seconds)).toBeLessThan(target);
      }
    }
  });

  it('handles 50,000 Erlangs: no overflow, minimal n checked against log-space Poisson', () => {
    const a = 50_000;
    const aht = 240;
    const n = requiredAgents({ trafficErlangs: a, ahtSeconds: aht }, targets);
    const sl = (k: number) => {
      const b = erlangBPoisson(k, a);
      const c = b / (1 - (a / k) * (1 - b));
      return 1 - c * Math.exp((-(k - a) * 20) / aht);
    };
    expect(n).toBeGreaterThan(a);
    expect(sl(n)).toBeGreaterThanOrEqual(0.8);
    expect(sl(n - 1)).toBeLessThan(0.8);
  });

  it('applies ASA and occupancy caps as further targets', () => {
    const a = 42.666667;
    const n = requiredAgents({ trafficErlangs: a, ahtSeconds: 240 }, { ...targets, maxOccupancy: 0.8 });
    expect(n).toBe(Math.ceil(a / 0.8)); // 54: the occupancy cap binds
    const asaOnly = requiredAgents({ trafficErlangs: a, ahtSeconds: 240 }, { maxAsaSeconds: 5 });
    const asa = (k: number) => {
      const { p, q } = rationalOf(a);
      const e = erlangCExact(k, p, q);
      return (ratioToNumber(e.num, e.den) * 240) / (k - Number(p) / Number(q));
    };
    expect(asa(asaOnly)).toBeLessThanOrEqual(5);
    expect(asa(asaOnly - 1)).toBeGreaterThan(5);
  });

  it('reports an unreachable target instead of looping: 100% within 20 s, 0 s ASA', () => {
    expect(() => requiredAgents({ trafficErlangs: 10, ahtSeconds: 240 }, { serviceLevel: { target: 1, seconds: 20 } })).toThrow(/no staffing/);
    expect(() => requiredAgents({ trafficErlangs: 10, ahtSeconds: 240 }, { maxAsaSeconds: 0 })).toThrow(/no staffing/);
  });

  it('evaluate gives the same figures as the closed forms', () => {
    const m = evaluate(49, { trafficErlangs: 42.666667, ahtSeconds: 240 }, 20);
    relClose(m.serviceLevel, exactSl(49, 42.666667, 240, 20), 1e-11);
  });
});
