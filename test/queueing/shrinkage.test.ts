import { describe, expect, it } from 'vitest';
import { scheduledAgents, exactDecimal } from '../../src/queueing/index.js';

describe('scheduled agents = ceil(N / (1 - shrinkage)), exactly', () => {
  it('gets the float traps right', () => {
    expect(21 / (1 - 0.3)).toBe(30.000000000000004); // the trap itself
    expect(scheduledAgents(21, 0.3)).toBe(30);
    expect(22.1 / 0.85).toBe(26.000000000000004);
    expect(scheduledAgents(22.1, 0.15)).toBe(26);
    expect(scheduledAgents(0, 0.3)).toBe(0);
    expect(scheduledAgents(7, 0)).toBe(7);
    expect(scheduledAgents(30, 0.3)).toBe(43); // 42.857... -> 43
  });

  it('is exact on 300 grid cases (integer reference in hundredths and tenths)', () => {
    // N = m / 10 (m whole), shrinkage = k / 100: N / (1 - s) = 10 m / (100 - k) / ... in integers:
    // ceil((m / 10) / ((100 - k) / 100)) = ceil(10 m / (100 - k))
    let checked = 0;
    let naiveWrong = 0;
    // Half the cases land exactly on a whole answer (N = S (1 - s) in tenths), where doubles
    // overshoot; half are spread over the grid.
    const cases: [number, number][] = [];
    for (let S = 10; cases.length < 150; S++) {
      for (const k of [10, 15, 20, 25, 30, 35, 40, 45]) {
        if ((S * (100 - k)) % 10 === 0 && cases.length < 150) cases.push([(S * (100 - k)) / 10, k]);
      }
    }
    for (let i = 0; i < 150; i++) cases.push([5 + ((i * 37) % 995), 1 + ((i * 13) % 60)]);
    for (const [m, k] of cases) {
      const num = 10 * m;
      const den = 100 - k;
      const expected = Math.floor((num + den - 1) / den);
      const agents = m / 10;
      const shrinkage = k / 100;
      expect(scheduledAgents(agents, shrinkage)).toBe(expected);
      if (Math.ceil(agents / (1 - shrinkage)) !== expected) naiveWrong++;
      checked++;
    }
    expect(checked).toBe(300);
    expect(naiveWrong).toBeGreaterThan(0); // the grid does contain float traps
  });

  it('reads doubles as the decimals they print as', () => {
    expect(exactDecimal(0.3)).toEqual({ digits: 3n, scale: 1 });
    expect(exactDecimal(1e-7)).toEqual({ digits: 1n, scale: 7 });
    expect(exactDecimal(1.5e21)).toEqual({ digits: 1500000000000000000000n, scale: 0 });
  });

  it('refuses shrinkage of 100% or more', () => {
    expect(() => scheduledAgents(10, 1)).toThrow(RangeError);
  });
});
