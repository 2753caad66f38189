/**
 * `wfm intraday` on the days the clocks change (Europe/Berlin, 2026): on Sunday 25 October the hour
 * 02:00-03:00 happens twice (CEST, then CET), so the day has 50 half hours; on Sunday 29 March
 * 02:00-03:00 does not happen, so it has 46. Every real half hour from midnight gets 10 calls, and the
 * saved morning forecast (as `wfm forecast` writes it: one row per real interval) says 10 too.
 *
 * Expected, by hand: one interval per real half hour, each labelled with its own offset; each holds
 * its own 10 calls (a folded grid would put 20 into one 02:00 half hour and ask for twice the
 * agents); the repeated half hours need exactly the agents of any other half hour with 10 calls; a
 * shift on the wall clock 01:00-09:00 is at work in both copies of the repeated hour.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { parse as parseYaml } from 'yaml';
import { readFileSync } from 'node:fs';
import { ensureBuilt, wfm } from '../helpers/wfm-cli.js';
import { openStore, type ForecastSnapshot, type RosterSnapshot } from '../../src/store/index.js';
import type { CallRecord } from '../../src/cdr/types.js';
import { validateRules } from '../../src/solver/rules.js';

const ZONE = 'Europe/Berlin';
const HALF = 1_800_000;
const PER = 10;

const RULES = (() => {
  const v = validateRules(parseYaml(readFileSync(new URL('../../data/roster-rules.yaml', import.meta.url), 'utf8')));
  if (!v.ok) throw new Error('bundled rules');
  return v.rules;
})();

const local = (date: string, hh: number, mm = 0) => DateTime.fromObject({ year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)), hour: hh, minute: mm }, { zone: ZONE });

/** The real half hours of a local day. */
function halfHours(date: string): number[] {
  const start = DateTime.fromISO(date, { zone: ZONE }).startOf('day').toMillis();
  const end = DateTime.fromISO(date, { zone: ZONE }).plus({ days: 1 }).startOf('day').toMillis();
  const out: number[] = [];
  for (let t = start; t < end; t += HALF) out.push(t);
  return out;
}

/** A store with PER calls in every real half hour of `date` up to `cutMs`, four weeks of the same before it, the forecast and a roster. */
async function makeStore(date: string, cutMs: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'wfm-intraday-dst-'));
  const store = await openStore(join(dir, 'wfm.db'), { mode: 'write' });
  try {
    await store.saveSite({ name: 'default', tz: ZONE });
    let id = 0;
    for (let d = 28; d >= 0; d--) {
      const day = DateTime.fromISO(date, { zone: ZONE }).minus({ days: d }).toISODate()!;
      const batch: CallRecord[] = [];
      for (const t of halfHours(day)) {
        for (let k = 0; k < PER; k++) {
          const entered = t + Math.floor((k * HALF) / PER);
          if (entered >= cutMs) continue;
          batch.push({ queue: 'billing', callId: `c${id++}`, enteredMs: entered, outcome: 'answered', waitS: 5, agent: 'A1', talkS: 180, wrapS: null, ringNoAnswers: 0, transfer: null, source: 'queue_log' });
        }
      }
      await store.begin();
      await store.importCalls('default', batch, ZONE);
      await store.commit();
    }
    const rows: ForecastSnapshot['rows'] = halfHours(date).map((t) => ({ queue: 'billing', intervalStartMs: t, calls: PER, ahtSeconds: 180, callsLow: PER, callsHigh: PER }));
    await store.saveForecast('default', { name: 'morning', createdMs: rows[0].intervalStartMs - 3_600_000, tz: ZONE, intervalMinutes: 30, startDate: date, days: 1, methods: { billing: 'test' }, rows });
    // four agents on the wall clock 01:00-09:00, breaks after the change (05:30 15 min paid, 06:30 30 unpaid, 07:30 15 paid)
    const b = (hh: number, mm: number, len: number, paid: boolean) => ({ startMs: local(date, hh, mm).toMillis(), endMs: local(date, hh, mm).plus({ minutes: len }).toMillis(), paid });
    const shifts: RosterSnapshot['shifts'] = ['A1', 'A2', 'A3', 'A4'].map((agent) => ({
      agent, queue: 'billing', template: 'S8', startMs: local(date, 1).toMillis(), endMs: local(date, 9).toMillis(), breaks: [b(5, 30, 15, true), b(6, 30, 30, false), b(7, 30, 15, true)],
    }));
    await store.saveRoster('default', {
      name: 'week', createdMs: rows[0].intervalStartMs - 86_400_000, tz: ZONE, startDate: date, days: 1, intervalMinutes: 30, solver: 'highs', paidHours: 30,
      lowerBound: 30, gap: 0, understaffed: 0, seconds: 1, rules: JSON.stringify(RULES), shifts, coverage: [],
    });
  } finally {
    await store.close();
  }
  return dir;
}

interface Interval {
  intervalStart: string;
  forecastCalls: number;
  actualCalls: number | null;
  reforecastCalls: number;
  requiredAgents: number;
  scheduledAgents: number | null;
}

function intervals(dir: string, date: string, extra: string[] = []): Interval[] {
  const r = wfm(['intraday', '--date', date, '--at', '12:00', '--format', 'json', ...extra], dir, { WFM_TZ: ZONE });
  expect(r.stderr).not.toMatch(/please report/);
  expect([0, 5]).toContain(r.code);
  return (JSON.parse(r.stdout) as { queues: { intervals: Interval[] }[] }).queues[0].intervals;
}

const FALL = '2026-10-25';
const SPRING = '2026-03-29';
let fall = '';
let spring = '';

beforeAll(async () => {
  ensureBuilt();
  fall = await makeStore(FALL, local(FALL, 12).toMillis());
  spring = await makeStore(SPRING, local(SPRING, 12).toMillis());
}, 120_000);

describe('wfm intraday on a day the clocks change', () => {
  it('clocks back: 50 half hours, the repeated hour twice with its own offset and its own calls', () => {
    const iv = intervals(fall, FALL, ['--forecast', 'morning']);
    expect(iv).toHaveLength(50);
    const labels = iv.map((x) => x.intervalStart);
    expect(labels).toContain('2026-10-25T02:00:00+02:00');
    expect(labels).toContain('2026-10-25T02:00:00+01:00');
    expect(labels).toContain('2026-10-25T02:30:00+01:00');
    expect(new Set(labels).size).toBe(50);
    // every interval before the cut: 00:00 CEST to 12:00 CET is 13 real hours, 26 half hours
    const before = iv.filter((x) => x.actualCalls !== null);
    expect(before).toHaveLength(26);
    for (const x of before) expect(x.actualCalls).toBe(PER);
    for (const x of iv) expect(x.forecastCalls).toBe(PER);
    const at = (label: string) => iv.find((x) => x.intervalStart === label)!;
    const ref = at('2026-10-25T01:30:00+02:00');
    for (const l of ['2026-10-25T02:00:00+02:00', '2026-10-25T02:30:00+02:00', '2026-10-25T02:00:00+01:00', '2026-10-25T02:30:00+01:00']) {
      expect(at(l).requiredAgents).toBe(ref.requiredAgents);
      // the wall-clock 01:00-09:00 shift: four agents in both copies of the repeated hour
      expect(at(l).scheduledAgents).toBe(4);
    }
    expect(at('2026-10-25T00:30:00+02:00').scheduledAgents).toBe(0);
  });

  it('clocks back, the morning forecast made from the history: each copy of the repeated hour gets its wall-clock slot\'s forecast, not twice it', () => {
    const iv = intervals(fall, FALL);
    expect(iv).toHaveLength(50);
    const f = (label: string) => iv.find((x) => x.intervalStart === label)!.forecastCalls;
    // four weeks of exactly PER calls per half hour: every method forecasts about PER
    for (const l of ['2026-10-25T01:30:00+02:00', '2026-10-25T02:00:00+02:00', '2026-10-25T02:00:00+01:00', '2026-10-25T03:00:00+01:00']) {
      expect(f(l)).toBeGreaterThan(PER * 0.8);
      expect(f(l)).toBeLessThan(PER * 1.2);
    }
  });

  it('clocks forward: 46 half hours, none at 02:xx, each with its own calls', () => {
    const iv = intervals(spring, SPRING, ['--forecast', 'morning']);
    expect(iv).toHaveLength(46);
    const labels = iv.map((x) => x.intervalStart);
    expect(labels.some((l) => l.slice(11, 13) === '02')).toBe(false);
    expect(labels).toContain('2026-03-29T01:30:00+01:00');
    expect(labels).toContain('2026-03-29T03:00:00+02:00');
    // 00:00 CET to 12:00 CEST is 11 real hours
    const before = iv.filter((x) => x.actualCalls !== null);
    expect(before).toHaveLength(22);
    for (const x of before) expect(x.actualCalls).toBe(PER);
  });
});
