import { describe, expect, it } from 'vitest';
import { dayNumber, weekdayOf } from '../../src/forecast/calendar.js';
import { forecast } from '../../src/forecast/engine.js';
import { cnHolidays, holidaySet } from '../../src/forecast/holidays.js';
import { synth, weeklyPattern } from './helpers.js';

const wdOf = (date: string) => weekdayOf(dayNumber(date));
const dayRows = (rows: { date: string; slot: number; calls: number }[], date: string) => rows.filter((r) => r.date === date);

describe('chinese-days lookup', () => {
  it('knows National Day 2024 and its make-up Saturday', () => {
    expect(cnHolidays('2024-10-01')).toEqual({ kind: 'holiday', name: 'National Day' });
    expect(cnHolidays('2024-10-12')).toEqual({ kind: 'workday', name: 'National Day' });
    expect(cnHolidays('2024-10-08')).toBeNull();
    expect(cnHolidays('2024-10-19')).toBeNull(); // ordinary Saturday
  });
});

describe('Chinese holidays and make-up days', () => {
  // History 2024-06-03 … 2024-09-29 with the weekly pattern on ordinary days, holidays at half the
  // Sunday volume, make-up working days (2024-09-14 Saturday) at the Wednesday volume.
  const value = (date: string, wd: number, slot: number) => {
    const info = cnHolidays(date);
    if (info?.kind === 'holiday') return weeklyPattern(0, slot) === null ? null : weeklyPattern(0, slot)! * 0.5;
    if (info?.kind === 'workday') return weeklyPattern(3, slot);
    return weeklyPattern(wd, slot);
  };
  const series = synth('2024-06-03', 119, value);
  const r = forecast(series, { start: '2024-09-30', days: 21, method: 'mean4w', holidays: 'cn' });

  it('a holiday without history of its kind is a scaled Sunday', () => {
    // no National Day in the history; past holidays (Dragon Boat, Mid-autumn) were 0.5 × Sunday
    const day = r.days.find((d) => d.date === '2024-10-01')!;
    expect(day.treatment).toBe('holiday-scaled-sunday');
    const rows = dayRows(r.rows, '2024-10-01');
    expect(rows.length).toBe(10);
    for (const row of rows) expect(row.calls).toBeCloseTo(0.5 * weeklyPattern(0, row.slot)!, 9);
  });

  it('a make-up working Saturday is forecast like a normal weekday (mean of Mon–Fri)', () => {
    expect(r.days.find((d) => d.date === '2024-10-12')!.treatment).toBe('makeup-workday');
    for (const row of dayRows(r.rows, '2024-10-12')) {
      const mf = [1, 2, 3, 4, 5].map((w) => weeklyPattern(w, row.slot)!);
      expect(row.calls).toBeCloseTo(mf.reduce((a, b) => a + b, 0) / 5, 9);
    }
  });

  it('history on holidays and make-up days does not distort ordinary profiles', () => {
    // 2024-09-14 (make-up Saturday, weekday volume) and 2024-09-15..17 (holidays) are in the last
    // four weeks; ordinary Saturday/Sunday/Monday/Tuesday forecasts must still be the pattern.
    for (const date of ['2024-10-19', '2024-10-20', '2024-10-14', '2024-10-15']) {
      expect(r.days.find((d) => d.date === date)!.treatment).toBe('normal');
      for (const row of dayRows(r.rows, date)) expect(row.calls).toBeCloseTo(weeklyPattern(wdOf(date), row.slot)!, 9);
    }
  });

  it('a holiday with past holidays of its kind follows them', () => {
    // injected calendar: "Founders" on two past Mondays at 30 % of a Monday, with a different shape
    const hol = holidaySet({ '2024-03-04': 'Founders', '2024-04-01': 'Founders', '2024-05-06': 'Founders' });
    const v = (date: string, wd: number, slot: number) => {
      if (hol(date)) return slot >= 10 && slot <= 13 ? 30 + slot : null;
      return weeklyPattern(wd, slot);
    };
    const s = synth('2024-01-01', 126, v);
    const f = forecast(s, { start: '2024-05-06', days: 1, method: 'calendar', holidays: hol });
    expect(f.days[0].treatment).toBe('holiday-history');
    expect(f.rows.map((x) => x.slot)).toEqual([10, 11, 12, 13]);
    for (const row of f.rows) expect(row.calls).toBeCloseTo(30 + row.slot, 9);
  });
});

describe('user special days', () => {
  const series = synth('2024-01-01', 84, (_d, wd, slot) => weeklyPattern(wd, slot));
  it('a factor multiplies the forecast, like:<weekday> copies that weekday', () => {
    const r = forecast(series, {
      start: '2024-03-25',
      days: 7,
      method: 'mean4w',
      specialDays: [
        { date: '2024-03-26', label: 'campaign', factor: 1.5 },
        { date: '2024-03-30', label: 'open like Monday', like: 'monday' },
      ],
    });
    for (const row of dayRows(r.rows, '2024-03-26')) expect(row.calls).toBeCloseTo(1.5 * weeklyPattern(2, row.slot)!, 9);
    for (const row of dayRows(r.rows, '2024-03-30')) expect(row.calls).toBeCloseTo(weeklyPattern(1, row.slot)!, 9);
    expect(r.days.map((d) => d.treatment)).toEqual(['normal', 'special-factor', 'normal', 'normal', 'normal', 'special-like', 'normal']);
  });
  it('history on a special day is normalised by its factor', () => {
    // a past campaign day doubled the volume; with factor 2 declared it must not leak into Tuesdays
    const s = synth('2024-01-01', 84, (d, wd, slot) => weeklyPattern(wd, slot) === null ? null : weeklyPattern(wd, slot)! * (d === '2024-03-19' ? 2 : 1));
    const r = forecast(s, { start: '2024-03-25', days: 7, method: 'mean4w', specialDays: [{ date: '2024-03-19', label: 'campaign', factor: 2 }] });
    for (const row of dayRows(r.rows, '2024-03-26')) expect(row.calls).toBeCloseTo(weeklyPattern(2, row.slot)!, 9);
  });
});

describe('closed intervals', () => {
  // open Mon–Fri 08–17 only, and Wednesday closed at 12:00; weekends have no rows at all
  const v = (_d: string, wd: number, slot: number) => (wd === 0 || wd === 6 || (wd === 3 && slot === 12) ? null : weeklyPattern(wd, slot));
  const series = synth('2024-01-01', 84, v);
  for (const method of ['snaive', 'mean4w', 'profile', 'hw', 'calendar', 'combo', 'auto'] as const) {
    it(`${method}: closed stays closed, open stays open`, () => {
      const r = forecast(series, { start: '2024-03-25', days: 14, method });
      const got = new Set(r.rows.map((x) => `${x.date}|${x.slot}`));
      const want = new Set<string>();
      for (let d = dayNumber('2024-03-25'); d < dayNumber('2024-03-25') + 14; d++) {
        const date = new Date(d * 86400000).toISOString().slice(0, 10);
        for (let s = 0; s < 24; s++) if (v(date, weekdayOf(d), s) !== null) want.add(`${date}|${s}`);
      }
      expect([...got].sort()).toEqual([...want].sort());
      expect(r.days.filter((d) => d.treatment === 'closed').map((d) => wdOf(d.date)).sort()).toEqual([0, 0, 6, 6]);
    });
  }
});

describe('AHT', () => {
  it('is null without AHT history and call-weighted with it', () => {
    const noAht = forecast(synth('2024-01-01', 56, (_d, wd, s) => weeklyPattern(wd, s)), { start: '2024-02-26', days: 1, method: 'mean4w' });
    expect(noAht.rows.every((r) => r.aht === null)).toBe(true);
    // constant AHT 200 s: the forecast is exactly 200 everywhere (shrinkage and smoothing keep constants)
    const s = synth('2024-01-01', 56, (_d, wd, sl) => weeklyPattern(wd, sl), () => 200);
    const f = forecast(s, { start: '2024-02-26', days: 7, method: 'mean4w' });
    for (const r of f.rows) expect(r.aht).toBeCloseTo(200, 9);
  });
  it('weights by calls: two rows in one interval combine as Σ aht·calls / Σ calls', () => {
    // each interval has two rows (e.g. the DST fall-back hour): 10 calls at 100 s and 30 calls at 300 s
    const base = synth('2024-01-01', 56, (_d, wd, sl) => (weeklyPattern(wd, sl) === null ? null : 10), () => 100);
    const extra = synth('2024-01-01', 56, (_d, wd, sl) => (weeklyPattern(wd, sl) === null ? null : 30), () => 300);
    const s = { intervalMinutes: 60, dates: [...base.dates, ...extra.dates], slots: [...base.slots, ...extra.slots], calls: [...base.calls, ...extra.calls], aht: [...base.aht!, ...extra.aht!] };
    const f = forecast(s, { start: '2024-02-26', days: 1, method: 'mean4w' });
    for (const r of f.rows) {
      expect(r.calls).toBeCloseTo(40, 9);
      expect(r.aht).toBeCloseTo((10 * 100 + 30 * 300) / 40, 9);
    }
  });
});

describe('adjust and validation', () => {
  const series = synth('2024-01-01', 56, (_d, wd, s) => weeklyPattern(wd, s));
  it('adjustPercent scales calls and band', () => {
    const a = forecast(series, { start: '2024-02-26', days: 1, method: 'mean4w' });
    const b = forecast(series, { start: '2024-02-26', days: 1, method: 'mean4w', adjustPercent: 10 });
    a.rows.forEach((r, i) => {
      expect(b.rows[i].calls).toBeCloseTo(r.calls * 1.1, 9);
      expect(b.rows[i].callsHigh).toBeCloseTo(r.callsHigh * 1.1, 9);
    });
  });
  it('ignores rows on or after the start (never peeks)', () => {
    const spoiled = synth('2024-01-01', 70, (d, wd, s) => weeklyPattern(wd, s) === null ? null : weeklyPattern(wd, s)! * (d >= '2024-02-26' ? 10 : 1));
    const a = forecast(series, { start: '2024-02-26', days: 7, method: 'auto' });
    const b = forecast(spoiled, { start: '2024-02-26', days: 7, method: 'auto' });
    expect(b.rows).toEqual(a.rows);
  });
  it('rejects bad input with typed errors', () => {
    expect(() => forecast(series, { start: '2024-02-30', days: 1 })).toThrow(/bad-date/);
    expect(() => forecast({ ...series, intervalMinutes: 7 }, { start: '2024-02-26', days: 1 })).toThrow(/bad-interval/);
    expect(() => forecast(series, { start: '2024-02-26', days: 0 })).toThrow(/bad-days/);
  });
});
