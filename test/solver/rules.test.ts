import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateRules } from '../../src/solver/rules.js';

const defaultText = readFileSync(new URL('../../data/roster-rules.yaml', import.meta.url), 'utf8');

/** The raw (YAML-shaped) rules that validateRules takes as `unknown`; typed so that tests can edit them. */
type RawBreak = { name?: string; length: number; paid: boolean; window: (string | number)[] };
type RawShift = { id: string; length: string | number; starts: string[] | { from: string; to: string; every: number }; breaks: RawBreak[] };

const base = (): { shifts: RawShift[] } => ({
  shifts: [
    { id: 'A', length: '8:00', starts: ['08:00'], breaks: [{ name: 'lunch', length: 30, paid: false, window: ['3:30', '4:30'] }] },
    { id: 'B', length: 240, starts: { from: '06:00', to: '07:00', every: 30 }, breaks: [] },
    { id: 'C', length: '6:00', starts: ['10:00'], breaks: [{ length: 15, paid: true, window: [90, 120] }] },
  ],
});

describe('validateRules', () => {
  it('accepts the bundled default rules file (24x7, five shift lengths 4..10 h, 11 h rest)', () => {
    const v = validateRules(parse(defaultText));
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.rules.openingHours).toBe('24x7');
    expect(v.rules.shifts.map((s) => s.minutes / 60)).toEqual([4, 6, 8, 9, 10]);
    expect(v.rules.minRestMinutes).toBe(660);
    expect(v.rules.maxDaysPerWeek).toBeLessThanOrEqual(6); // at least one day off in any 7
    // S8: 8 h with an unpaid 30-minute lunch -> 7.5 h paid; S9: unpaid 60 -> 8 h
    expect(v.rules.shifts[2].paidMinutes).toBe(450);
    expect(v.rules.shifts[3].paidMinutes).toBe(480);
    // starts every 30 minutes all day: 48 per day
    expect(v.rules.shifts[0].starts.length).toBe(48);
  });

  it('normalises durations and start ranges to minutes', () => {
    const v = validateRules(base());
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.rules.shifts[1].starts).toEqual([360, 390, 420]);
    expect(v.rules.shifts[0].breaks[0]).toEqual({ name: 'lunch', minutes: 30, paid: false, earliest: 210, latest: 270 });
    expect(v.rules.shifts[2].breaks[0].earliest).toBe(90);
  });

  it('names the key path of a break window that does not fit in its shift', () => {
    const raw = base();
    raw.shifts[2].breaks[0].window = ['1:30', '5:50'];
    const v = validateRules(raw);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    // 5:50 is not a multiple of 15 minutes
    expect(v.errors).toContainEqual({ path: 'shifts[2].breaks[0].window[1]', code: 'granularity', params: { minutes: 15 } });
    raw.shifts[2].breaks[0].window = ['1:30', '5:45'];
    const w = validateRules(raw);
    expect(!w.ok && w.errors.map((e) => [e.path, e.code])).toEqual([['shifts[2].breaks[0].window', 'window-outside-shift']]);
  });

  it('rejects overlapping break windows, naming the later break', () => {
    const raw = base();
    raw.shifts[0].breaks.push({ name: 'x', length: 15, paid: true, window: ['4:00', '5:00'] });
    const v = validateRules(raw);
    expect(!v.ok && v.errors.map((e) => [e.path, e.code])).toEqual([['shifts[0].breaks[1].window', 'windows-overlap']]);
  });

  it('reports bad times, missing keys, unknown keys, unknown contracts and min > max', () => {
    const raw: Record<string, unknown> = {
      ...base(),
      openingHours: [{ days: [1, 2], open: '8:00', close: '25:00' }],
      rules: { minRestHours: 'eleven', colour: 'red' },
      contracts: [{ id: 'ft', minWeeklyHours: 50, maxWeeklyHours: 40 }],
      defaultContract: 'pt',
    };
    (raw.shifts as Record<string, unknown>[])[1] = { id: 'B', starts: ['06:00'] };
    const v = validateRules(raw);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    const got = v.errors.map((e) => `${e.path} ${e.code}`);
    expect(got).toEqual(
      expect.arrayContaining([
        'openingHours[0].close range',
        'shifts[1].length required',
        'rules.minRestHours type',
        'rules.colour unknown-key',
        'contracts[0].minWeeklyHours min-above-max',
        'defaultContract unknown-contract',
      ]),
    );
  });

  it('rejects duplicate shift ids and an empty shift list', () => {
    const raw = base();
    raw.shifts[1].id = 'A';
    const v = validateRules(raw);
    expect(!v.ok && v.errors).toEqual([{ path: 'shifts[1].id', code: 'duplicate', params: { id: 'A' } }]);
    const e = validateRules({ shifts: [] });
    expect(!e.ok && e.errors[0].path).toBe('shifts');
  });
});

describe('validateRules on a file just under the 1 MiB limit (issue 15, item 10): the duplicate checks are set-based', () => {
  // 60,000 shift templates and 60,000 contracts: about what 1 MiB of YAML holds in flow style
  // ({id: s123, length: 480, starts: ["08:00"]} is ~45 bytes). A pairwise check compares 1.8e9 pairs
  // per list (minutes); a set-based one is linear (well under a second).
  const N = 60_000;
  const shifts = (id: (i: number) => string) => Array.from({ length: N }, (_, i) => ({ id: id(i), length: 480, starts: ['08:00'] }));
  const contracts = (id: (i: number) => string) => Array.from({ length: N }, (_, i) => ({ id: id(i), maxWeeklyHours: 40 }));

  it('all distinct: accepted, every template and contract kept in order', () => {
    const t0 = performance.now();
    const v = validateRules({ shifts: shifts((i) => `s${i}`), contracts: contracts((i) => `c${i}`) });
    const ms = performance.now() - t0;
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.rules.shifts.map((s) => s.id)).toEqual(Array.from({ length: N }, (_, i) => `s${i}`));
    expect(v.rules.contracts.map((c) => c.id)).toEqual(Array.from({ length: N }, (_, i) => `c${i}`));
    expect(ms).toBeLessThan(5000);
  });

  it('every odd entry repeats the one before it: exactly those are reported, at their own paths, and the first of each pair is kept', () => {
    const t0 = performance.now();
    const v = validateRules({ shifts: shifts((i) => `s${i - (i % 2)}`), contracts: contracts((i) => ` c${i - (i % 2)} `) });
    const ms = performance.now() - t0;
    expect(v.ok).toBe(false);
    if (v.ok) return;
    const odd = Array.from({ length: N / 2 }, (_, k) => 2 * k + 1);
    expect(v.errors).toEqual([
      ...odd.map((i) => ({ path: `shifts[${i}].id`, code: 'duplicate', params: { id: `s${i - 1}` } })),
      // ids are trimmed before they are compared
      ...odd.map((i) => ({ path: `contracts[${i}].id`, code: 'duplicate', params: { id: `c${i - 1}` } })),
    ]);
    expect(ms).toBeLessThan(5000);
  });
});
