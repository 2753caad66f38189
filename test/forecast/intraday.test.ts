/**
 * The intraday reforecast (src/forecast/intraday.ts): hand-computed cases, the no-peeking property,
 * a Poisson simulation, and the rest-of-day WAPE on the shared series (skipped without ../shared).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dateOf, dayNumber, parseWallClock } from '../../src/forecast/calendar.js';
import { forecast } from '../../src/forecast/engine.js';
import {
  INTRADAY_DEFAULTS,
  IntradayInputError,
  type IntradayParams,
  intradayDefaults,
  ratioReforecast,
  reforecast,
  restOfDayWape,
  tuneKappa,
  type TuningDay,
} from '../../src/forecast/intraday.js';
import type { SeriesInput } from '../../src/forecast/types.js';

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw by multiplying uniforms (Knuth); fine for means up to a few hundred. */
function poisson(lambda: number, u: () => number): number {
  const l = Math.exp(-lambda);
  let k = 0;
  let p = u();
  while (p > l) {
    k++;
    p *= u();
  }
  return k;
}

const ANCHOR_LIKE = (kappa: number): Partial<IntradayParams> => ({ levelSd: 1 / Math.sqrt(kappa), levelDriftPerHour: 0, localSd: 0, noiseCv: 0 });

describe('the anchor r = (A + κ)/(F + κ), by hand', () => {
  // A 4-interval day: morning forecast 100, 120, 110, 90; by the cut (2 intervals) 130 and 150 calls.
  // A = 280, F = 220; κ = 50: r = 330/270 = 11/9; the rest: 110·11/9 = 134.444…, 90·11/9 = 110.
  const f = [100, 120, 110, 90];
  const a = [130, 150, 999, 999];

  it('κ = 50', () => {
    const r = ratioReforecast(f, a, 2, 50);
    expect(r).toHaveLength(2);
    expect(r[0]).toBeCloseTo(1210 / 9, 12);
    expect(r[1]).toBeCloseTo(110, 12);
  });

  it('κ = 0 is the plain ratio A/F = 14/11; a null actual drops its interval from both sums', () => {
    expect(ratioReforecast(f, a, 2, 0)).toEqual([110 * (14 / 11), 90 * (14 / 11)].map((x) => expect.closeTo(x, 12)));
    // interval 0 unknown: A = 150, F = 120, κ = 30: r = 180/150 = 1.2
    expect(ratioReforecast(f, [null, 150], 2, 30)).toEqual([132, 108].map((x) => expect.closeTo(x, 12)));
  });

  it('nothing seen: r = 1 (also with κ = 0)', () => {
    expect(ratioReforecast(f, [], 0, 0)).toEqual(f);
    expect(ratioReforecast(f, [], 0, 50)).toEqual(f);
  });

  it('reforecast() with σ = q = c = 0 and τ = 1/√κ is exactly the anchor', () => {
    for (const cut of [0, 1, 2, 3, 4]) {
      const r = reforecast({ forecast: f, actual: a, cut, intervalMinutes: 15, params: ANCHOR_LIKE(50) });
      expect(r.calls).toEqual(ratioReforecast(f, a, cut, 50).map((x) => expect.closeTo(x, 9)));
    }
  });
});

describe('reforecast(), by hand', () => {
  // F = 100, 100, 100; A_1 = 120; cut 1; τ² = σ² = 0.01, q = c = 0, half-life 30 min at 30 min: ρ = 0.5.
  // Update: S = 100·(1 + 1) + 100 = 300 (f·P·f' + Poisson 100), innovation 20, gains 1/300 each:
  //   D̂ = 1 + 20/300 = 1.0667, û = 0.0667; P_DD = P_uu = 0.01 − 1/300, P_Du = −1/300.
  // One interval on: û = 0.0333, P_Du = −1/600, P_uu = 0.25·(0.01 − 1/300) + 0.0075 = 0.0091667.
  // h = 0: m = 1.0667 + 0.0333 = 1.1 → 110 calls; h = 1: m = 1.0667 + 0.5·0.0333 = 1.08333 → 108.333.
  // Var at h = 0: 110 (Poisson) + 100²·(P_DD + P_uu + 2P_Du) = 110 + 10⁴·0.0125 = 235.
  const params: Partial<IntradayParams> = { levelSd: 0.1, levelDriftPerHour: 0, localSd: 0.1, localHalfLifeMinutes: 30, noiseCv: 0, zLow: -1, zHigh: 1 };
  const r = reforecast({ forecast: [100, 100, 100], actual: [120], cut: 1, intervalMinutes: 30, params });

  it('calls', () => {
    expect(r.calls).toEqual([110, 108 + 1 / 3].map((x) => expect.closeTo(x, 9)));
    expect(r.level).toBeCloseTo(1 + 1 / 15, 12);
    expect(r.local).toBeCloseTo(1 / 30, 12);
  });

  it('band at z = ±1: calls ± √235', () => {
    expect(r.low[0]).toBeCloseTo(110 - Math.sqrt(235), 9);
    expect(r.high[0]).toBeCloseTo(110 + Math.sqrt(235), 9);
  });

  it('cut 0 gives the morning forecast, cut n gives nothing', () => {
    const f = [5, 0, 7.5, 12];
    expect(reforecast({ forecast: f, actual: [], cut: 0, intervalMinutes: 15 }).calls).toEqual(f);
    const end = reforecast({ forecast: f, actual: [5, 0, 7, 12], cut: 4, intervalMinutes: 15 });
    expect([end.calls, end.low, end.high]).toEqual([[], [], []]);
  });

  it('band brackets the calls, low ≥ 0, an interval forecast at 0 stays 0', () => {
    const x = reforecast({ forecast: [3, 0, 1, 40, 50], actual: [9, 4], cut: 2, intervalMinutes: 30 });
    x.calls.forEach((c, i) => {
      expect(x.low[i]).toBeGreaterThanOrEqual(0);
      expect(x.low[i]).toBeLessThanOrEqual(c);
      expect(x.high[i]).toBeGreaterThanOrEqual(c);
    });
    const y = reforecast({ forecast: [3, 4, 0, 40], actual: [9, 4], cut: 2, intervalMinutes: 30 });
    expect(y.calls[0]).toBe(0);
  });

  it('rejects bad input with a message naming the field', () => {
    const f = [1, 2, 3];
    expect(() => reforecast({ forecast: f, actual: [], cut: 4, intervalMinutes: 15 })).toThrow(IntradayInputError);
    expect(() => reforecast({ forecast: f, actual: [], cut: 1.5, intervalMinutes: 15 })).toThrow(/cut/);
    expect(() => reforecast({ forecast: [1, -2, 3], actual: [], cut: 0, intervalMinutes: 15 })).toThrow(/forecast\[1\]/);
    expect(() => reforecast({ forecast: f, actual: [1, NaN], cut: 2, intervalMinutes: 15 })).toThrow(/actual\[1\]/);
    expect(() => reforecast({ forecast: f, actual: [], cut: 0, intervalMinutes: 15, params: { levelSd: 0 } })).toThrow(/levelSd/);
    expect(() => reforecast({ forecast: f, actual: [], cut: 0, intervalMinutes: 15, params: { localSd: -1 } })).toThrow(/localSd/);
  });

  it('defaults: the nearest tuned interval length', () => {
    expect(intradayDefaults(15)).toEqual(INTRADAY_DEFAULTS[15]);
    expect(intradayDefaults(6)).toEqual(INTRADAY_DEFAULTS[5]);
    expect(intradayDefaults(60)).toEqual(INTRADAY_DEFAULTS[30]);
  });
});

describe('no peeking: the answer for a cut does not depend on the later actuals', () => {
  const u = rng(17);
  const f = Array.from({ length: 48 }, (_, i) => 20 + 80 * Math.sin((Math.PI * i) / 47) ** 2);
  const seen = f.map((x) => poisson(1.1 * x, u));
  for (const im of [5, 15, 30]) {
    it(`${im}-min defaults, every cut`, () => {
      for (let cut = 0; cut <= f.length; cut++) {
        const base = reforecast({ forecast: f, actual: seen.slice(0, cut), cut, intervalMinutes: im });
        for (const later of [() => 0, () => 1e6, () => null, () => NaN, () => poisson(3 * 50, u)]) {
          const actual = seen.map((y, i) => (i < cut ? y : later()));
          const r = reforecast({ forecast: f, actual, cut, intervalMinutes: im });
          expect(r).toEqual(base);
          expect(ratioReforecast(f, actual, cut, 500)).toEqual(ratioReforecast(f, seen.slice(0, cut), cut, 500));
        }
      }
    });
  }
});

describe('Poisson simulation: the true rate is 1.2 × the forecast from the start', () => {
  // 32 half-hours at 100 calls forecast; the day really runs at 120 per interval, Poisson.
  // The filter is linear in the actuals (its gains do not depend on them), so the reforecast's
  // multiplier at the cut is m = m₀ + Σ g_i y_i: its expectation is the multiplier computed from
  // y_i = 1.2·F_i exactly, and Var m = Σ g_i²·1.2·F_i (Poisson), with g_i found by a unit change
  // of y_i. The mean of N simulated days must lie within 4 standard errors of that expectation.
  const n = 32;
  const f = new Array<number>(n).fill(100);
  const truth = f.map((x) => 1.2 * x);
  const N = 400;

  function check(cut: number, params: Partial<IntradayParams>, intervalMinutes: number) {
    const mult = (y: readonly number[]) => reforecast({ forecast: f, actual: y, cut, intervalMinutes, params }).calls[0] / f[cut];
    const expected = mult(truth);
    let variance = 0;
    for (let i = 0; i < cut; i++) {
      const y = [...truth];
      y[i] += 1;
      variance += (mult(y) - expected) ** 2 * truth[i];
    }
    const u = rng(1000 + cut);
    let sum = 0;
    for (let k = 0; k < N; k++) sum += mult(truth.map((x) => poisson(x, u)));
    const mean = sum / N;
    expect(Math.abs(mean - expected)).toBeLessThan(4 * Math.sqrt(variance / N));
    return { expected, mean, se: Math.sqrt(variance / N) };
  }

  it('a loose prior (τ = 10 %) moves most of the way to 1.2 by mid-day, and further later', () => {
    const params = { levelSd: 0.1, levelDriftPerHour: 0.02, localSd: 0.05, localHalfLifeMinutes: 60, noiseCv: 0 };
    const mid = check(16, params, 30);
    const late = check(28, params, 30);
    expect(mid.expected).toBeGreaterThan(1.15);
    expect(mid.expected).toBeLessThan(1.2);
    expect(late.expected).toBeGreaterThan(mid.expected);
    expect(late.mean).toBeGreaterThan(1.15);
  });

  it('the tuned defaults (tight priors) move toward 1.2, significantly above 1', () => {
    for (const im of [15, 30]) {
      const r = check(16, {}, im);
      expect(r.expected).toBeGreaterThan(1);
      expect(r.expected).toBeLessThan(1.2);
      expect(r.mean - 1).toBeGreaterThan(4 * r.se);
    }
  });
});

// ---- the shared series -------------------------------------------------------------------------

const DATA = new URL('../../../shared/data/', import.meta.url);
const haveData = existsSync(new URL('na_bank_15min.csv', DATA)) && existsSync(new URL('anonymous_bank_1999_30min.csv', DATA));
if (!haveData) console.warn(`intraday.test.ts: shared data not found at ${DATA.pathname}; the rest-of-day WAPE tests are skipped`);

const CUTS = [600, 720, 840];

function readSeries(file: string, im: number): SeriesInput {
  const s: SeriesInput = { intervalMinutes: im, dates: [], slots: [], calls: [] };
  for (const line of readFileSync(new URL(file, DATA), 'utf8').trim().split(/\r?\n/).slice(1)) {
    const [ts, c] = line.split(',');
    const { date, slot } = parseWallClock(ts, im);
    s.dates.push(date);
    s.slots.push(slot);
    s.calls.push(Number(c));
  }
  return s;
}

/** Morning forecast (history strictly before the day) and actuals of each day with data in [first, last]. */
function days(s: SeriesInput, first: string, last: string): TuningDay[] {
  const out: TuningDay[] = [];
  const im = s.intervalMinutes;
  for (let d = dayNumber(first); d <= dayNumber(last); d++) {
    const date = dateOf(d);
    const n = s.dates.findIndex((x) => x >= date);
    if (n < 0 || s.dates[n] !== date) continue;
    const rows = forecast({ intervalMinutes: im, dates: s.dates.slice(0, n), slots: s.slots.slice(0, n), calls: s.calls.slice(0, n) }, { start: date, days: 1, holidays: 'none' }).rows;
    const actual = new Map<number, number>();
    for (let i = n; i < s.dates.length && s.dates[i] === date; i++) actual.set(s.slots[i], s.calls[i]);
    out.push({ forecast: rows.map((r) => r.calls), actual: rows.map((r) => actual.get(r.slot) ?? null), cuts: CUTS.map((c) => rows.filter((r) => (r.slot + 1) * im <= c).length) });
  }
  return out;
}

/** Rest-of-day WAPE at 10:00, 12:00, 14:00 on the protocol weeks: morning, anchor (κ tuned on the 8 weeks before), defaults. */
function protocolWape(file: string, im: number, tuneFirst: string, protocolStart: string, protocolEnd: string) {
  const s = readSeries(file, im);
  const tuning = days(s, tuneFirst, dateOf(dayNumber(protocolStart) - 1));
  const test = days(s, protocolStart, protocolEnd);
  const { kappa } = tuneKappa(tuning);
  return {
    morning: restOfDayWape(test, (d, cut) => d.forecast.slice(cut)),
    anchor: restOfDayWape(test, (d, cut) => ratioReforecast(d.forecast, d.actual, cut, kappa)),
    model: restOfDayWape(test, (d, cut) => reforecast({ forecast: d.forecast, actual: d.actual, cut, intervalMinutes: im }).calls),
  };
}

describe.skipIf(!haveData)('rest-of-day WAPE on the protocol weeks (parameters tuned on the 8 weeks before)', () => {
  it('na-bank 15 min: ≤ the morning forecast and ≤ the anchor at 10:00, 12:00 and 14:00', () => {
    const w = protocolWape('na_bank_15min.csv', 15, '2003-08-04', '2003-09-29', '2003-10-24');
    for (let c = 0; c < CUTS.length; c++) {
      expect(w.model[c]).toBeLessThanOrEqual(w.morning[c]);
      expect(w.model[c]).toBeLessThanOrEqual(w.anchor[c]);
    }
  });

  it('anon-bank 30 min: ≤ the morning forecast at every cut, ≤ the anchor at 10:00 and 12:00; at 14:00 within 0.3 points of it (a known shortfall)', () => {
    const w = protocolWape('anonymous_bank_1999_30min.csv', 30, '1999-10-09', '1999-12-04', '1999-12-31');
    for (let c = 0; c < CUTS.length; c++) expect(w.model[c]).toBeLessThanOrEqual(w.morning[c]);
    expect(w.model[0]).toBeLessThanOrEqual(w.anchor[0]);
    expect(w.model[1]).toBeLessThanOrEqual(w.anchor[1]);
    // 14:00: 17.60 % against the anchor's 17.38 % (bench/intraday.ts); the validation blocks before
    // the protocol weeks showed differences of this size both ways at this cut.
    expect(w.model[2]).toBeLessThanOrEqual(w.anchor[2] + 0.3);
  });
});
