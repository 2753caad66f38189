import { describe, expect, it } from 'vitest';
import { dayNumber, weekdayOf } from '../../src/forecast/calendar.js';
import { forecast } from '../../src/forecast/engine.js';
import { hwDoubleRun } from '../../src/forecast/holt-winters.js';
import { METHOD_NAMES } from '../../src/forecast/types.js';
import { synth, weeklyPattern } from './helpers.js';

describe('pure weekly pattern', () => {
  // 14 weeks of an exactly repeating weekly pattern (Mon 2024-01-01 …); every method must
  // reproduce it for the next 14 days.
  const series = synth('2024-01-01', 98, (_d, wd, slot) => weeklyPattern(wd, slot));
  for (const method of [...METHOD_NAMES, 'auto'] as const) {
    it(`${method} forecasts it exactly`, () => {
      const r = forecast(series, { start: '2024-04-08', days: 14, method });
      expect(r.rows.length).toBe(14 * 10);
      for (const row of r.rows) {
        const expected = weeklyPattern(weekdayOf(dayNumber(row.date)), row.slot)!;
        expect(row.calls).toBeCloseTo(expected, 6);
        expect(row.callsLow).toBeLessThanOrEqual(row.calls + 1e-9);
        expect(row.callsHigh).toBeGreaterThanOrEqual(row.calls - 1e-9);
      }
    });
  }
});

describe('double-seasonal Holt-Winters recursion (Taylor 2003, additive, level only)', () => {
  it('matches a hand-computed recursion on a tiny series', () => {
    // m1 = 2 (intraday), m2 = 4 (intraweek); α = 0.5, δ = 0.2, ω = 0.3;
    // l0 = 15, D = [0, 0], W = [-5, 5, -3, 7]; y = 10, 21, 12, 20.
    // t=1: f = 15+0-5 = 10; e=0 → l = 0.5(10-0+5)+0.5·15 = 15; D0 = 0.2(10-15+5)+0.8·0 = 0;
    //      W0 = 0.3(10-15-0)+0.7(-5) = -5.
    // t=2: f = 15+0+5 = 20; l = 0.5(21-0-5)+7.5 = 15.5; D1 = 0.2(21-15.5-5) = 0.1;
    //      W1 = 0.3(21-15.5-0)+0.7·5 = 1.65+3.5 = 5.15.
    // t=3: f = 15.5+0-3 = 12.5; l = 0.5(12-0+3)+7.75 = 15.25; D0 = 0.2(12-15.25+3)+0 = -0.05;
    //      W2 = 0.3(12-15.25-0)+0.7(-3) = -0.975-2.1 = -3.075.
    // t=4: f = 15.25+0.1+7 = 22.35; l = 0.5(20-0.1-7)+7.625 = 14.075;
    //      D1 = 0.2(20-14.075-7)+0.8·0.1 = -0.215+0.08 = -0.135;
    //      W3 = 0.3(20-14.075-0.1)+0.7·7 = 1.7475+4.9 = 6.6475.
    // SSE = 0 + 1 + 0.25 + 5.5225 = 6.7725.
    const r = hwDoubleRun([10, 21, 12, 20], [0, 1, 0, 1], [0, 1, 2, 3], { level: 15, daily: Float64Array.from([0, 0]), weekly: Float64Array.from([-5, 5, -3, 7]) }, { alpha: 0.5, delta: 0.2, omega: 0.3 });
    expect(Array.from(r.fitted)).toEqual([10, 20, 12.5, 22.35].map((x) => expect.closeTo(x, 10)));
    expect(r.state.level).toBeCloseTo(14.075, 10);
    expect(Array.from(r.state.daily)).toEqual([expect.closeTo(-0.05, 10), expect.closeTo(-0.135, 10)]);
    expect(Array.from(r.state.weekly)).toEqual([-5, 5.15, -3.075, 6.6475].map((x) => expect.closeTo(x, 10)));
    expect(r.sse).toBeCloseTo(6.7725, 10);
  });
});
