import { describe, expect, it } from 'vitest';
import { erlangA, erlangC, evaluate, requiredAgents, meetsTargets } from '../../src/queueing/index.js';
import { erlangARef } from '../helpers/erlang-a-ref.js';

const close = (actual: number, expected: number, tol: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol);

describe('Erlang A against a second algorithm (balance equations + Runge-Kutta)', () => {
  const cases: [number, number, number, number, number][] = [
    // n, a, aht, patience, T
    [3, 2.5, 100, 60, 20],
    [4, 6, 180, 90, 30], // overloaded: n < a, stable thanks to abandons
    [20, 18, 300, 200, 15],
    [1, 0.8, 240, 120, 20],
    [10, 9, 240, 30, 0],
  ];
  for (const [n, a, aht, patience, t] of cases) {
    it(`n=${n}, a=${a}, AHT ${aht}, patience ${patience}, T ${t}`, () => {
      const mine = erlangA(n, a, aht, patience, t);
      const ref = erlangARef(n, a, aht, patience, t);
      close(mine.probWait, ref.probWait, 1e-12);
      close(mine.probAbandon!, ref.probAbandon, 1e-12);
      close(mine.serviceLevel, ref.serviceLevel, 1e-9);
      close(mine.asaSeconds, ref.asaSeconds, 1e-4 * ref.asaSeconds + 1e-9);
      // occupancy = carried load / n; carried load = mean busy servers (flow balance)
      close(mine.occupancy * n, ref.busyServers, 1e-10);
    });
  }
});

describe('Erlang A identities and limits', () => {
  it('P(abandon) = theta E[queue] / lambda (Little for abandons)', () => {
    const n = 12, a = 11.5, aht = 200, patience = 150;
    const ref = erlangARef(n, a, aht, patience, 20);
    const m = erlangA(n, a, aht, patience, 20);
    // E[queue] via the busy-server balance: lambda (1 - Pab) = mu E[busy]
    close(m.probAbandon!, 1 - (ref.busyServers / a), 1e-10);
  });

  it('tends to Erlang C as patience grows without bound', () => {
    for (const [n, a] of [[49, 42.666667], [12, 9.5], [210, 200]] as const) {
      const c = erlangC(n, a, 240, 20);
      const aa = erlangA(n, a, 240, 1e12, 20);
      close(aa.serviceLevel, c.serviceLevel, 1e-6);
      close(aa.probWait, c.probWait, 1e-6);
      close(aa.asaSeconds, c.asaSeconds, 1e-4 * c.asaSeconds);
      close(aa.probAbandon!, 0, 1e-6);
    }
  });

  it('is finite when heavily overloaded at 50,000 Erlangs and follows the fluid limit', () => {
    // n = a/2 agents: half the callers must hang up (fluid limit 1 - n/a), agents fully busy
    const m = erlangA(25_000, 50_000, 240, 240, 20);
    for (const v of Object.values(m)) expect(Number.isNaN(v as number)).toBe(false);
    close(m.probAbandon!, 0.5, 2e-3);
    close(m.occupancy, 1, 1e-3);
    expect(m.probWait).toBeGreaterThan(0.999);
  });

  it('edge cases are answers: zero calls, zero agents', () => {
    expect(erlangA(5, 0, 240, 120, 20)).toMatchObject({ serviceLevel: 1, probAbandon: 0, probWait: 0 });
    expect(erlangA(0, 3, 240, 120, 20)).toMatchObject({ serviceLevel: 0, probAbandon: 1, probWait: 1 });
  });
});

describe('required agents (Erlang A)', () => {
  /** The plain definition: scan n = 1, 2, ... and stop at the first that meets the targets. */
  function scan(a: number, aht: number, patience: number, targets: Parameters<typeof requiredAgents>[1]) {
    const t = targets.serviceLevel?.seconds ?? 20;
    for (let n = 1; ; n++) if (meetsTargets(evaluate(n, { trafficErlangs: a, ahtSeconds: aht, patienceSeconds: patience }, t), targets)) return n;
  }

  it('equals a plain scan from 1 on varied cases', () => {
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 60; i++) {
      const a = 0.05 + rnd() * 300;
      const aht = 60 + rnd() * 600;
      const patience = 10 + rnd() * 400;
      const targets = {
        serviceLevel: { target: 0.5 + rnd() * 0.45, seconds: Math.round(rnd() * 60) },
        ...(rnd() < 0.5 ? { maxAbandon: 0.02 + rnd() * 0.1 } : {}),
        ...(rnd() < 0.3 ? { maxOccupancy: 0.8 + rnd() * 0.15 } : {}),
      };
      expect(requiredAgents({ trafficErlangs: a, ahtSeconds: aht, patienceSeconds: patience }, targets)).toBe(scan(a, aht, patience, targets));
    }
  });

  it('may lie below the offered load', () => {
    // impatient callers, a loose target: fewer agents than Erlangs suffice
    const a = 100;
    const targets = { serviceLevel: { target: 0.6, seconds: 60 } };
    const n = requiredAgents({ trafficErlangs: a, ahtSeconds: 300, patienceSeconds: 20 }, targets);
    expect(n).toBeLessThan(a);
    expect(n).toBe(scan(a, 300, 20, targets));
  });

  it('refuses a 0% abandon target as unreachable', () => {
    expect(() => requiredAgents({ trafficErlangs: 10, ahtSeconds: 240, patienceSeconds: 60 }, { maxAbandon: 0 })).toThrow(/no staffing/);
  });
});
