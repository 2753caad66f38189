/**
 * Forecast from stored call history (`wfm import queue-log` -> `wfm forecast` without --input),
 * `--save NAME` snapshots and `wfm staff --forecast NAME`. The history is a pure weekly pattern
 * written as an Asterisk 11+ queue_log, so the seasonal naive forecast is known exactly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wfm, wfmJson } from '../helpers/cli.js';

const TZ = 'Asia/Shanghai'; // UTC+8, no DST
let dir: string;
let db: string;
/** calls per 30-min interval 09:00..10:30 on weekday w (0=Sun): pattern[w][slot] */
const pattern = [0, 1, 2, 3, 4, 5, 6].map((w) => [2 + w, 4 + w, 3, 1 + (w % 3)]);
const TALK = 180;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wfm-fc-store-'));
  db = join(dir, 'wfm.db');
  const lines: string[] = [];
  let id = 0;
  // 35 days from Monday 2026-06-01, local time = UTC + 8 h
  const day0 = Date.UTC(2026, 5, 1) / 1000 - 8 * 3600;
  for (let d = 0; d < 35; d++) {
    const weekday = (1 + d) % 7;
    pattern[weekday].forEach((n, slot) => {
      for (let k = 0; k < n; k++) {
        const t = day0 + d * 86400 + 9 * 3600 + slot * 1800 + k * 60;
        const callid = `1780000000.${++id}`;
        lines.push(`${t}|${callid}|billing|NONE|ENTERQUEUE||138000${id}|1`);
        lines.push(`${t + 10}|${callid}|billing|PJSIP/8001|CONNECT|10|${callid}.1|3`);
        lines.push(`${t + 10 + TALK}|${callid}|billing|PJSIP/8001|COMPLETECALLER|10|${TALK}|1`);
      }
    });
  }
  writeFileSync(join(dir, 'history.log'), lines.join('\n') + '\n');
  const imp = wfm(['import', 'queue-log', join(dir, 'history.log'), '--db', db, '--tz', TZ, '--format', 'json']);
  expect(imp.code).toBe(0);
});

describe('forecast from the store', () => {
  it('reads stored calls per local interval and forecasts the weekly pattern exactly (seasonal naive)', () => {
    const { code, json } = wfmJson<{ intervalStart: string; queue: string; calls: number; aht: number }[]>([
      'forecast', '--db', db, '--tz', TZ, '--queue', 'billing', '--start', '2026-07-06', '--days', '7', '--method', 'snaive', '--holidays', 'none',
    ]);
    expect(code).toBe(0);
    expect(json).toHaveLength(28);
    for (const row of json) {
      const local = new Date(Date.parse(row.intervalStart) + 8 * 3600_000);
      const slot = (local.getUTCHours() - 9) * 2 + local.getUTCMinutes() / 30;
      expect(row.calls).toBeCloseTo(pattern[local.getUTCDay()][slot], 9);
      expect(row.aht).toBeCloseTo(TALK, 6);
      expect(row.intervalStart.endsWith('+08:00')).toBe(true);
    }
  });

  it('saves an immutable snapshot that wfm staff --forecast reads, with the same figures as a CSV of it', () => {
    const base = ['forecast', '--db', db, '--tz', TZ, '--queue', 'billing', '--start', '2026-07-06', '--days', '7', '--method', 'snaive', '--holidays', 'none'];
    const saved = wfm([...base, '--save', 'week28', '--format', 'csv']);
    expect(saved.code).toBe(0);
    expect(saved.stderr).toContain('week28');
    const again = wfm([...base, '--save', 'week28', '--format', 'csv']);
    expect([again.code, again.stderr]).toEqual([2, expect.stringContaining('week28')]);
    expect(again.stderr).toContain('week28');
    writeFileSync(join(dir, 'fc.csv'), saved.stdout.replace('intervalStart,queue,calls,aht,callsLow,callsHigh', 'interval_start,queue,calls,aht,low,high'));
    const fromSnapshot = wfmJson<{ intervals: Record<string, unknown>[] }>(['staff', '--forecast', 'week28', '--db', db, '--tz', TZ]);
    const fromCsv = wfmJson<{ intervals: Record<string, unknown>[] }>(['staff', '--input', join(dir, 'fc.csv'), '--tz', TZ]);
    expect(fromSnapshot.code).toBe(0);
    expect(fromSnapshot.json.intervals.map((r) => [r.intervalStart, r.agents])).toEqual(fromCsv.json.intervals.map((r) => [r.intervalStart, r.agents]));
    expect(wfm(['staff', '--forecast', 'nope', '--db', db]).code).toBe(2);
  });

  it('says what to do when there is no store or no history', () => {
    const r = wfm(['forecast', '--db', join(dir, 'absent.db'), '--queue', 'billing']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--input');
    const empty = wfm(['forecast', '--db', db, '--tz', TZ, '--history', '2020-01-01..2020-02-01']);
    expect(empty.code).toBe(2);
  });
});
