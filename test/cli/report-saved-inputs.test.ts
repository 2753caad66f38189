/**
 * Saved forecasts and rosters in the reports (`--roster NAME`: a `wfm roster --save NAME` snapshot).
 * Saved forecasts: `report staffing|daily` and `alerts check --forecast NAME` read a
 * snapshot from the store (`wfm forecast --save NAME`); `report daily` without a forecast option uses
 * the most recently saved forecast covering the day and names it. Figures against the generated day's
 * ground truth (test/report/fixture.ts): 12 calls per 30 minutes, AHT 180 s, on every queue.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, wfm } from '../helpers/wfm-cli.js';
import { openStore } from '../../src/store/index.js';
import type { ForecastSnapshot } from '../../src/store/index.js';
import type { RosterSnapshot } from '../../src/store/store.js';
import { DAY, DAY_MS, FORECAST_AHT, FORECAST_PER_INTERVAL, offeredPerInterval, requiredRef, writeFixture, type Fixture } from '../report/fixture.js';

let dir: string;
let fx: Fixture;
const QUEUES = ['billing', 'complaints', 'fault', 'vip'];

/** A snapshot of `calls` per 30 minutes on every queue for `days` UTC days from `startDate`. */
function snapshot(name: string, createdMs: number, startDate: string, days: number, calls: number): ForecastSnapshot {
  const start = Date.parse(startDate + 'T00:00:00Z');
  const rows: ForecastSnapshot['rows'] = [];
  for (const queue of QUEUES) {
    for (let i = 0; i < 48 * days; i++) rows.push({ queue, intervalStartMs: start + i * 1_800_000, calls, ahtSeconds: FORECAST_AHT, callsLow: calls, callsHigh: calls });
  }
  return { name, createdMs, tz: 'UTC', intervalMinutes: 30, startDate, days, methods: Object.fromEntries(QUEUES.map((q) => [q, 'test'])), rows };
}

interface Daily {
  forecastSource: { kind: string; name: string } | null;
  forecastAccuracy: { queue: string; forecastCalls: number; actualCalls: number; wape: number; bias: number }[] | null;
  staffing: { queue: string; intervalStart: string | null; forecastCalls: number | null; required: number | null }[];
}

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'wfm-report-forecast-'));
  fx = writeFixture(dir);
  expect(wfm(['import', 'queue-log', 'queue_log', '--quiet'], dir).code).toBe(0);
  const store = await openStore(join(dir, 'wfm.db'), { mode: 'write' });
  try {
    expect(await store.saveForecast('default', snapshot('week10', DAY_MS - 86_400_000, '2026-03-01', 7, FORECAST_PER_INTERVAL))).toEqual({ saved: true });
    // saved later but not covering the day: never chosen by default
    expect(await store.saveForecast('default', snapshot('next-week', DAY_MS + 86_400_000, '2026-03-09', 7, 99))).toEqual({ saved: true });
    // older and covering: loses to week10
    expect(await store.saveForecast('default', snapshot('old', DAY_MS - 5 * 86_400_000, '2026-02-28', 10, 1))).toEqual({ saved: true });
    // the roster of roster.json: SIP/8000-8002 on billing 08:00-16:00 UTC, unpaid break 12:00-12:30
    const h = (x: number) => DAY_MS + x * 3_600_000;
    const roster: RosterSnapshot = {
      name: 'wk10', createdMs: DAY_MS - 86_400_000, tz: 'UTC', startDate: DAY, days: 1, intervalMinutes: 30, solver: 'test', paidHours: 22.5,
      lowerBound: 22.5, gap: 0, understaffed: 0, seconds: 0, rules: '{}', coverage: [],
      shifts: ['SIP/8000', 'SIP/8001', 'SIP/8002'].map((agent) => ({ agent, queue: 'billing', template: 'D8', startMs: h(8), endMs: h(16), breaks: [{ startMs: h(12), endMs: h(12.5), paid: false }] })),
    };
    expect(await store.saveRoster('default', roster)).toEqual({ saved: true });
  } finally {
    await store.close();
  }
}, 120_000);

const json = <T>(args: string[]) => {
  const r = wfm(args, dir);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
};

describe('reports read saved forecasts', () => {
  it('report daily --forecast NAME: forecast accuracy against the counted calls, and the source named', () => {
    const rep = json<Daily>(['report', 'daily', '--date', DAY, '--forecast', 'week10', '--format', 'json']);
    expect(rep.forecastSource).toMatchObject({ kind: 'saved', name: 'week10' });
    const per = offeredPerInterval(fx);
    expect(rep.forecastAccuracy!.map((r) => r.queue)).toEqual(QUEUES);
    for (const row of rep.forecastAccuracy!) {
      const a = per.get(row.queue)!;
      const sumA = a.reduce((s, x) => s + x, 0);
      expect(row.forecastCalls).toBe(48 * FORECAST_PER_INTERVAL);
      expect(row.actualCalls).toBe(sumA);
      expect(row.wape).toBeCloseTo(a.reduce((s, x) => s + Math.abs(FORECAST_PER_INTERVAL - x), 0) / sumA, 12);
      expect(row.bias).toBeCloseTo((48 * FORECAST_PER_INTERVAL - sumA) / sumA, 12);
    }
    // the same figures as the CSV of the same forecast
    const fromFile = json<Daily>(['report', 'daily', '--date', DAY, '--forecast-file', 'forecast.csv', '--format', 'json']);
    expect(rep.forecastAccuracy).toEqual(fromFile.forecastAccuracy);
    expect(rep.staffing).toEqual(fromFile.staffing);
    expect(fromFile.forecastSource).toEqual({ kind: 'file', name: 'forecast.csv' });
  });

  it('report daily without a forecast option: the most recently saved forecast covering the day, said in the report', () => {
    const rep = json<Daily>(['report', 'daily', '--date', DAY, '--format', 'json']);
    expect(rep.forecastSource).toMatchObject({ kind: 'latest', name: 'week10' });
    expect(rep.forecastAccuracy!.every((r) => r.forecastCalls === 48 * FORECAST_PER_INTERVAL)).toBe(true);
    const md = wfm(['report', 'daily', '--date', DAY], dir).stdout;
    expect(md).toContain('Forecast: the most recently saved forecast covering the day, "week10"');
    const zh = wfm(['report', 'daily', '--date', DAY, '--lang', 'zh-CN'], dir).stdout;
    expect(zh).toContain('覆盖当天的最近保存的预测“week10”');
    // a day no saved forecast covers: none, and the report says there is none
    const other = json<Daily>(['report', 'daily', '--date', '2026-03-20', '--format', 'json']);
    expect(other.forecastSource).toBeNull();
    expect(other.forecastAccuracy).toBeNull();
  });

  it('report staffing --forecast NAME: required = Erlang C of the snapshot (independent reference)', () => {
    const rows = json<Daily['staffing']>(['report', 'staffing', '--date', DAY, '--forecast', 'week10', '--format', 'json']);
    const req = requiredRef(FORECAST_PER_INTERVAL, FORECAST_AHT, 1800, 0.8, 20);
    const intervals = rows.filter((r) => r.intervalStart !== null);
    expect(intervals).toHaveLength(4 * 48);
    for (const r of intervals) {
      expect(r.forecastCalls).toBe(FORECAST_PER_INTERVAL);
      expect(r.required).toBe(req);
    }
    // staffing takes only what it is given: no forecast option, no forecast
    const plain = json<Daily['staffing']>(['report', 'staffing', '--date', DAY, '--format', 'json']);
    expect(plain.every((r) => r.forecastCalls === null)).toBe(true);
  });

  it('alerts check --forecast NAME: forecast error above 15% per queue as counted', () => {
    const r = wfm(['alerts', 'check', '--date', DAY, '--forecast', 'week10', '--format', 'json'], dir);
    expect(r.code).toBe(5);
    const alerts = JSON.parse(r.stdout) as { rule: string; queue: string | null; value: number }[];
    const per = offeredPerInterval(fx);
    const expected = QUEUES.filter((q) => {
      const a = per.get(q)!;
      return a.reduce((s, x) => s + Math.abs(FORECAST_PER_INTERVAL - x), 0) / a.reduce((s, x) => s + x, 0) > 0.15;
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(alerts.filter((a) => a.rule === 'forecast_error_above').map((a) => a.queue).sort()).toEqual(expected);
    const none = JSON.parse(wfm(['alerts', 'check', '--date', DAY, '--format', 'json'], dir).stdout) as { rule: string }[];
    expect(none.some((a) => a.rule === 'forecast_error_above')).toBe(false);
  });

  it('--roster NAME: scheduled agents from the saved roster, the same as its JSON file', () => {
    type Row = { queue: string; intervalStart: string | null; scheduled: number | null; gap: number | null };
    const rows = json<Row[]>(['report', 'staffing', '--date', DAY, '--forecast', 'week10', '--roster', 'wk10', '--format', 'json']);
    const billing = rows.filter((r) => r.queue === 'billing' && r.intervalStart !== null);
    expect(billing).toHaveLength(48);
    const req = requiredRef(FORECAST_PER_INTERVAL, FORECAST_AHT, 1800, 0.8, 20);
    billing.forEach((r, i) => {
      const scheduled = i >= 16 && i < 32 && i !== 24 ? 3 : 0; // 08:00-16:00 minus the 12:00-12:30 break
      expect(r.scheduled).toBeCloseTo(scheduled, 12);
      expect(r.gap).toBeCloseTo(scheduled - req, 12);
    });
    expect(rows).toEqual(json<Row[]>(['report', 'staffing', '--date', DAY, '--forecast-file', 'forecast.csv', '--roster-file', 'roster.json', '--format', 'json']));
    const agents = json<{ agent: string; scheduledSeconds: number | null }[]>(['report', 'agents', '--date', DAY, '--roster', 'wk10', '--format', 'json']);
    expect(agents.find((a) => a.agent === 'SIP/8001')!.scheduledSeconds).toBe(8 * 3600);
    const daily = json<{ staffing: Row[] }>(['report', 'daily', '--date', DAY, '--roster', 'wk10', '--format', 'json']);
    expect(daily.staffing.find((r) => r.queue === 'billing' && r.intervalStart === null)!.scheduled).toBeCloseTo(3 * 7.5, 9);
    const r = wfm(['report', 'training', '--date', DAY, '--roster', 'wk10', '--format', 'json'], dir);
    expect(r.code).toBe(0);
  });

  it('an unknown name or both options: a usage error (exit 2) naming the problem', () => {
    const a = wfm(['report', 'staffing', '--date', DAY, '--forecast', 'nope'], dir);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('no forecast named "nope"');
    const b = wfm(['report', 'daily', '--date', DAY, '--forecast', 'week10', '--forecast-file', 'forecast.csv'], dir);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('not both');
    const c = wfm(['report', 'daily', '--date', DAY, '--roster', 'nope'], dir);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('--roster: no roster file "nope" and no roster saved under that name');
    const d = wfm(['report', 'staffing', '--date', DAY, '--roster', 'wk10', '--roster-file', 'roster.json'], dir);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('not both');
  });
});
