/**
 * Stationary M/M/n and M/M/n+M cases: the simulated service level, ASA and abandon rate agree with
 * Erlang C / Erlang A (src/queueing, an independent analytic computation) within the simulation's
 * 95% confidence interval, widened by 1.5 to keep the chance of a false alarm negligible. Each case
 * also checks that the interval is tight, so the comparison has teeth. Fixed seeds: deterministic.
 */
import { describe, expect, it } from 'vitest';
import { erlangA, erlangC } from '../../src/queueing/index.js';
import { simulateSummary } from '../../src/sim/summary.js';
import type { SimInput } from '../../src/sim/types.js';

const DT = 1800;
const N = 48; // one day of 30-minute intervals
const WARMUP = 2; // start empty: leave out the first hour

function input(callsPerInterval: number, aht: number, agents: number, patience: number | null, seed: number): SimInput {
  return {
    startEpoch: 1_790_000_000 - (1_790_000_000 % DT),
    intervalSeconds: DT,
    queues: [
      {
        name: 'q',
        expectedCalls: new Array(N).fill(callsPerInterval),
        talk: { kind: 'exponential', mean: aht },
        patience: patience === null ? { kind: 'none' } : { kind: 'exponential', mean: patience },
      },
    ],
    staffing: { kind: 'flat', agents: { q: agents } },
    seed,
    serviceLevelSeconds: 20,
  };
}

function within(value: number, ci: [number, number] | null, widen = 1.5): boolean {
  if (!ci) return false;
  const mid = (ci[0] + ci[1]) / 2;
  const half = ((ci[1] - ci[0]) / 2) * widen;
  return Math.abs(value - mid) <= half;
}

describe('simulation vs Erlang C (M/M/n, nobody abandons)', () => {
  const cases = [
    { name: 'n=23, a=20 Erlangs, AHT 180 s', calls: 200, aht: 180, n: 23, seed: 11, reps: 30, slHalf: 0.03, asaHalf: 5 },
    { name: 'n=3, a=2 Erlangs, AHT 90 s', calls: 40, aht: 90, n: 3, seed: 12, reps: 40, slHalf: 0.03, asaHalf: 5 },
    { name: 'n=1 (M/M/1), rho=0.5, AHT 60 s', calls: 15, aht: 60, n: 1, seed: 13, reps: 40, slHalf: 0.03, asaHalf: 6 },
    { name: 'n=110, a=100 Erlangs, AHT 300 s', calls: 600, aht: 300, n: 110, seed: 14, reps: 20, slHalf: 0.03, asaHalf: 3 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const inp = input(c.calls, c.aht, c.n, null, c.seed);
      const [row] = simulateSummary(inp, c.reps, { total: { fromInterval: WARMUP } });
      const a = (c.calls / DT) * c.aht;
      const e = erlangC(c.n, a, c.aht, 20);
      expect(row.erlangModel).toBe('C');
      expect(row.erlangServiceLevel).toBeCloseTo(e.serviceLevel, 9);
      expect(row.serviceLevelCi![1] - row.serviceLevelCi![0]).toBeLessThan(2 * c.slHalf);
      expect(row.asaCi![1] - row.asaCi![0]).toBeLessThan(2 * c.asaHalf);
      expect(within(e.serviceLevel, row.serviceLevelCi), `SL ${e.serviceLevel} vs CI ${row.serviceLevelCi}`).toBe(true);
      expect(within(e.asaSeconds, row.asaCi), `ASA ${e.asaSeconds} vs CI ${row.asaCi}`).toBe(true);
      expect(row.abandonRate).toBe(0);
      expect(row.agents).toBeCloseTo(c.n, 9);
    });
  }

  it('M/M/1 closed form: ASA = rho/(1-rho) x AHT, P(W<=T) = 1 - rho e^{-(1-rho)T/AHT}', () => {
    // Independent of src/queueing: rho = 0.5, AHT 60 s -> ASA 60 s, SL(20) = 1 - 0.5 e^{-1/6}.
    const [row] = simulateSummary(input(15, 60, 1, null, 21), 40, { total: { fromInterval: WARMUP } });
    expect(within(60, row.asaCi)).toBe(true);
    expect(within(1 - 0.5 * Math.exp(-1 / 6), row.serviceLevelCi)).toBe(true);
  });

  it('detects a wrong model: the CI excludes Erlang C for one agent fewer', () => {
    const inp = input(200, 180, 23, null, 11);
    const [row] = simulateSummary(inp, 30, { total: { fromInterval: WARMUP } });
    const wrong = erlangC(22, 20, 180, 20);
    expect(within(wrong.serviceLevel, row.serviceLevelCi)).toBe(false);
  });
});

describe('simulation vs Erlang A (M/M/n+M, exponential patience)', () => {
  const cases = [
    { name: 'n=20, a=20, patience 120 s', calls: 200, aht: 180, n: 20, pat: 120, seed: 31, reps: 30 },
    { name: 'n=5, a=6 (overloaded), patience 60 s', calls: 72, aht: 150, n: 5, pat: 60, seed: 32, reps: 40 },
    { name: 'n=50, a=45, patience 300 s', calls: 450, aht: 180, n: 50, pat: 300, seed: 33, reps: 20 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const inp = input(c.calls, c.aht, c.n, c.pat, c.seed);
      const [row] = simulateSummary(inp, c.reps, { total: { fromInterval: WARMUP } });
      const a = (c.calls / DT) * c.aht;
      const e = erlangA(c.n, a, c.aht, c.pat, 20);
      expect(row.erlangModel).toBe('A');
      expect(row.serviceLevelCi![1] - row.serviceLevelCi![0]).toBeLessThan(0.06);
      expect(row.abandonRateCi![1] - row.abandonRateCi![0]).toBeLessThan(0.04);
      expect(within(e.serviceLevel, row.serviceLevelCi), `SL ${e.serviceLevel} vs ${row.serviceLevelCi}`).toBe(true);
      expect(within(e.probAbandon!, row.abandonRateCi), `P(ab) ${e.probAbandon} vs ${row.abandonRateCi}`).toBe(true);
      expect(within(e.asaSeconds, row.asaCi), `ASA ${e.asaSeconds} vs ${row.asaCi}`).toBe(true);
      expect(row.abandonRate!).toBeGreaterThan(0);
    });
  }
});

describe('arrivals: non-homogeneous Poisson per interval', () => {
  it('mean offered per interval matches the expected calls; an interval with rate 0 gets no call', () => {
    const expected = [0, 50, 200, 10, 0, 120];
    const inp: SimInput = {
      startEpoch: 1_790_000_000 - (1_790_000_000 % 900),
      intervalSeconds: 900,
      queues: [{ name: 'q', expectedCalls: expected, talk: { kind: 'fixed', value: 60 } }],
      staffing: { kind: 'flat', agents: { q: 40 } },
      seed: 5,
    };
    const rows = simulateSummary(inp, 200);
    rows.forEach((r, i) => {
      if (expected[i] === 0) expect(r.calls).toBe(0);
      else expect(Math.abs(r.calls - expected[i])).toBeLessThan(4 * Math.sqrt(expected[i] / 200)); // Poisson mean, 4 se
    });
  });
});
