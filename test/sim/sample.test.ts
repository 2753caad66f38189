import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyChineseDay, generateSample, intradayShares, parseSampleSpec, SampleSpecError, type SampleSpec } from '../../src/sim/sample.js';
import { validateSimInput } from '../../src/sim/engine.js';

const specFile = JSON.parse(readFileSync(new URL('../../data/sample-spec.json', import.meta.url), 'utf8'));

describe('official calendar (State Council 2026 schedule, via chinese-days)', () => {
  it.each([
    ['2026-09-19', 'weekend'],
    ['2026-09-20', 'makeup-workday'], // Sunday worked for National Day
    ['2026-09-21', 'workday'],
    ['2026-09-25', 'holiday'], // Mid-Autumn, Friday
    ['2026-09-27', 'holiday'], // Mid-Autumn, Sunday
    ['2026-10-01', 'holiday'],
    ['2026-10-03', 'holiday'], // Saturday inside National Day
    ['2026-10-07', 'holiday'],
    ['2026-10-10', 'makeup-workday'], // Saturday worked
    ['2026-10-11', 'weekend'],
  ])('%s is a %s', (date, type) => {
    expect(classifyChineseDay(date).dayType).toBe(type);
  });
});

describe('intraday shares', () => {
  const hourly = Array.from({ length: 24 }, (_, h) => h + 1); // 1..24, sum 300
  it('60-minute intervals: the normalised hourly weights', () => {
    const s = intradayShares(hourly, 60);
    expect(s).toHaveLength(24);
    s.forEach((v, h) => expect(v).toBeCloseTo((h + 1) / 300, 12));
  });
  it('30-minute intervals: linear between hour centres, cyclic over midnight', () => {
    const s = intradayShares(hourly, 30);
    expect(s).toHaveLength(48);
    // 00:00-00:30 centre is 0.25 h: between 23:30 (weight 24) and 00:30 (weight 1), 3/4 of the way
    const raw0 = 24 + (1 - 24) * 0.75;
    // 10:00-10:30 centre 10.25 h: between 9:30 (10) and 10:30 (11), 3/4 of the way -> 10.75
    const rawSum = Array.from({ length: 48 }, (_, k) => {
      const x = (k + 0.5) / 2 - 0.5;
      const h0 = Math.floor(x);
      const w0 = hourly[(h0 + 24) % 24];
      const w1 = hourly[(h0 + 25) % 24];
      return w0 + (w1 - w0) * (x - h0);
    }).reduce((a, b) => a + b, 0);
    expect(s[0]).toBeCloseTo(raw0 / rawSum, 12);
    expect(s[20]).toBeCloseTo(10.75 / rawSum, 12);
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('generateSample', () => {
  it('the bundled spec: 8 weeks with a public holiday and make-up working days, valid simulator input', () => {
    const spec = parseSampleSpec(specFile);
    const s = generateSample(spec);
    expect(s.days).toHaveLength(56);
    expect(s.days[0].date).toBe('2026-08-31');
    expect(s.days[0].weekday).toBe(1);
    expect(s.days.filter((d) => d.dayType === 'holiday').length).toBe(10);
    expect(s.days.filter((d) => d.dayType === 'makeup-workday').map((d) => d.date)).toEqual(['2026-09-20', '2026-10-10']);
    expect(s.days.filter((d) => d.postHoliday).map((d) => d.date)).toEqual(['2026-09-28', '2026-10-08']);
    // local midnight in Asia/Shanghai = 16:00 UTC the day before
    expect(s.startEpoch).toBe(Date.UTC(2026, 7, 30, 16) / 1000);
    expect(validateSimInput(s.simInput)).toBe(56 * 48);
    for (const q of s.queues) {
      expect(q.expectedCalls).toHaveLength(56 * 48);
      expect(Math.min(...q.agents)).toBeGreaterThanOrEqual(1);
    }
    // night is low: 03:00-03:30 is well under 1% of the day for billing
    const day0 = s.queues[0].expectedCalls.slice(0, 48);
    const total0 = day0.reduce((a, b) => a + b, 0);
    expect(day0[6] / total0).toBeLessThan(0.01);
    expect(Math.max(...day0) / total0).toBeGreaterThan(0.03);
  });

  it('daily totals follow the factors exactly without noise (hand-computed)', () => {
    const spec: SampleSpec = {
      seed: 1,
      timeZone: 'Asia/Shanghai',
      startDate: '2026-09-23', // Wed, Thu, Fri (Mid-Autumn), ..., Mon 28th (after 3 days off)
      days: 6,
      intervalMinutes: 60,
      weekdayFactors: [1.1, 1, 0.9, 0.8, 0.7, 0.6, 0.5],
      serviceLevel: { target: 0.8, seconds: 20 },
      queues: [
        {
          name: 'q',
          weekdayCalls: 1000,
          hourlyProfile: new Array(24).fill(1),
          talk: { kind: 'fixed', value: 200 },
          wrapSeconds: 0,
          patienceSeconds: 100,
          holidayFactor: 0.5,
          makeupDayFactor: 0.9,
          postHolidayFactor: 1.2,
        },
      ],
    };
    const s = generateSample(spec);
    const daily = s.days.map((_, d) => s.queues[0].expectedCalls.slice(d * 24, d * 24 + 24).reduce((a, b) => a + b, 0));
    // Wed 0.9, Thu 0.8, Fri/Sat/Sun holiday 0.5, Mon 1.1 x 1.2 post-holiday
    [900, 800, 500, 500, 500, 1320].forEach((v, i) => expect(daily[i]).toBeCloseTo(v, 9));
    expect(s.days.map((d) => d.dayType)).toEqual(['workday', 'workday', 'holiday', 'holiday', 'holiday', 'workday']);
  });

  it('is deterministic in the spec and changes with the seed', () => {
    const a = generateSample(parseSampleSpec(specFile));
    const b = generateSample(parseSampleSpec(specFile));
    const c = generateSample(parseSampleSpec({ ...specFile, seed: 7 }));
    expect(a.queues[0].expectedCalls).toEqual(b.queues[0].expectedCalls);
    expect(a.queues[0].agents).toEqual(b.queues[0].agents);
    expect(a.queues[0].expectedCalls).not.toEqual(c.queues[0].expectedCalls);
  });

  it('rejects a bad spec naming the field', () => {
    expect(() => parseSampleSpec({ ...specFile, intervalMinutes: 7 })).toThrow(SampleSpecError);
    try {
      parseSampleSpec({ ...specFile, queues: [{ ...specFile.queues[0], hourlyProfile: [1, 2] }] });
      expect.unreachable();
    } catch (e) {
      expect((e as SampleSpecError).field).toBe('queues[0].hourlyProfile');
    }
  });
});
