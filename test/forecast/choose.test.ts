import { describe, expect, it } from 'vitest';
import { chooseMethod, FALLBACK_BAND, type Calibration } from '../../src/forecast/engine.js';
import type { MethodName } from '../../src/forecast/types.js';

function cal(per: Record<string, number[]>): Calibration {
  const m = new Map<MethodName, { wape: number; foldWape: number[]; band: typeof FALLBACK_BAND; runtimeMs: number }>();
  for (const [k, v] of Object.entries(per)) m.set(k as MethodName, { wape: v.reduce((a, b) => a + b, 0) / v.length, foldWape: v, band: FALLBACK_BAND, runtimeMs: 0 });
  return { perMethod: m, weeks: 3 };
}

describe('auto method choice (paired t rule)', () => {
  it('keeps the default when the best method wins by chance: d = [1, -1, 2], t = 0.756', () => {
    // mean 2/3, sd = sqrt(((1/3)^2 + (5/3)^2 + (4/3)^2) / 2) = sqrt(7/3); t = (2/3) / (sqrt(7/3)/sqrt(3)) = 0.7559
    expect(chooseMethod(cal({ calendar: [10, 12, 14], combo: [9, 13, 12] }), ['calendar', 'combo'])).toBe('calendar');
  });
  it('switches when the advantage is consistent: d = [1, 1.5, 2], t = 5.2', () => {
    expect(chooseMethod(cal({ calendar: [10, 12, 14], combo: [9, 10.5, 12] }), ['calendar', 'combo'])).toBe('combo');
  });
  it('takes the best when the default has no calibration result', () => {
    expect(chooseMethod(cal({ calendar: [NaN, NaN], profile: [8, 9] }), ['calendar', 'profile'])).toBe('profile');
  });
});
