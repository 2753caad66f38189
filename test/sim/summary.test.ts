import { describe, expect, it } from 'vitest';
import { erlangA, erlangC } from '../../src/queueing/index.js';
import { erlangPrediction, simulateSummary } from '../../src/sim/summary.js';
import type { SimInput } from '../../src/sim/types.js';

const T0 = 1_790_000_000 - (1_790_000_000 % 1800);

describe('summary definitions on cases with known answers', () => {
  it('ample staffing: every call answered at once -> SL 1, ASA 0, abandon 0; agents = the flat count', () => {
    const input: SimInput = {
      startEpoch: T0,
      intervalSeconds: 1800,
      queues: [{ name: 'q', expectedCalls: [20, 30], talk: { kind: 'fixed', value: 60 }, patience: { kind: 'exponential', mean: 60 } }],
      staffing: { kind: 'flat', agents: { q: [40, 50] } },
      seed: 1,
    };
    const rows = simulateSummary(input, 5);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.serviceLevel).toBe(1);
      expect(r.asaSeconds).toBe(0);
      expect(r.abandonRate).toBe(0);
      expect(r.serviceLevelCi).toEqual([1, 1]);
    }
    expect(rows[0].agents).toBeCloseTo(40, 9);
    expect(rows[1].agents).toBeCloseTo(50, 9);
    expect(rows[0].intervalStart).toBe(T0);
    expect(rows[1].intervalStart).toBe(T0 + 1800);
  });

  it('no agents and fixed patience: every call abandons -> SL 0, abandon rate 1, ASA null', () => {
    const input: SimInput = {
      startEpoch: T0,
      intervalSeconds: 900,
      queues: [{ name: 'q', expectedCalls: [30], talk: { kind: 'fixed', value: 60 }, patience: { kind: 'fixed', value: 30 } }],
      staffing: { kind: 'flat', agents: {} },
      seed: 2,
    };
    const [r] = simulateSummary(input, 4);
    expect(r.serviceLevel).toBe(0);
    expect(r.abandonRate).toBe(1);
    expect(r.asaSeconds).toBeNull();
    expect(r.agents).toBe(0);
    expect(r.erlangModel).toBe('A');
  });

  it('a 15-minute break in a 30-minute interval halves the staffed agents (idle agent, no calls)', () => {
    const input: SimInput = {
      startEpoch: T0,
      intervalSeconds: 1800,
      queues: [{ name: 'q', expectedCalls: [0, 0], talk: { kind: 'fixed', value: 60 } }],
      staffing: {
        kind: 'roster',
        agents: [{ id: 'SIP/1', queues: ['q'], shifts: [{ start: T0, end: T0 + 3600, breaks: [{ start: T0 + 1800, end: T0 + 2700 }] }] }],
      },
      seed: 3,
    };
    const rows = simulateSummary(input, 2);
    expect(rows[0].agents).toBeCloseTo(1, 12);
    expect(rows[1].agents).toBeCloseTo(0.5, 12);
    expect(rows[1].serviceLevel).toBeNull(); // no calls
  });
});

describe('Erlang figures next to the simulation', () => {
  it('integer agents: exactly erlangC / erlangA', () => {
    const c = erlangPrediction(12, 0.05, 200, Infinity, 20);
    const ec = erlangC(12, 10, 200, 20);
    expect(c.model).toBe('C');
    expect(c.serviceLevel).toBe(ec.serviceLevel);
    expect(c.asaSeconds).toBe(ec.asaSeconds);
    const a = erlangPrediction(9, 0.05, 200, 90, 20);
    const ea = erlangA(9, 10, 200, 90, 20);
    expect(a.model).toBe('A');
    expect(a.serviceLevel).toBe(ea.serviceLevel);
    expect(a.probAbandon).toBe(ea.probAbandon);
  });

  it('fractional agents: linear between floor and ceil', () => {
    const p = erlangPrediction(12.25, 0.05, 200, Infinity, 20);
    const lo = erlangC(12, 10, 200, 20).serviceLevel;
    const hi = erlangC(13, 10, 200, 20).serviceLevel;
    expect(p.serviceLevel).toBeCloseTo(lo + 0.25 * (hi - lo), 12);
  });

  it('AHT for Erlang is talk + wrap-up; unstable Erlang C gives a null ASA', () => {
    const input: SimInput = {
      startEpoch: T0,
      intervalSeconds: 1800,
      queues: [{ name: 'q', expectedCalls: [90], talk: { kind: 'exponential', mean: 180 }, wrap: { kind: 'fixed', value: 20 } }],
      staffing: { kind: 'flat', agents: { q: 12 } },
      seed: 4,
    };
    const [r] = simulateSummary(input, 3);
    expect(r.erlangServiceLevel).toBeCloseTo(erlangC(12, (90 / 1800) * 200, 200, 20).serviceLevel, 12);
    const [u] = simulateSummary({ ...input, staffing: { kind: 'flat', agents: { q: 9 } } }, 2);
    expect(u.erlangAsaSeconds).toBeNull(); // a = 10 Erlangs > 9 agents
    expect(u.erlangServiceLevel).toBe(0);
  });
});
