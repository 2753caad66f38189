/**
 * `wfm forecast` and `wfm forecast backtest`, run in-process through `main` (same parsing, context
 * and exit codes as the binary). Expected values come from the synthetic series' definition
 * (a pure weekly pattern must come back exactly), from chinese-days' calendar, from luxon-free
 * arithmetic on UTC offsets, and from the shared data's published anchor (scored by the
 * independent Python scorer).
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';

interface Row {
  intervalStart: string;
  queue: string;
  calls: number;
  aht: number | null;
  callsLow: number;
  callsHigh: number;
}

async function run(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s) => void (stdout += s), isTTY: false },
    stderr: { write: (s) => void (stderr += s), isTTY: false },
    env: { LANG: 'C', WFM_TZ: 'UTC', ...env },
    cwd: process.cwd(),
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  return { code, stdout, stderr };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wfm-forecast-'));
});
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const DAY = 86_400_000;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Open 08:00–17:00 every day; volume by weekday (0 = Sunday) and hour. */
function pattern(wd: number, hour: number): number | null {
  if (hour < 8 || hour > 17) return null;
  return [40, 100, 90, 85, 80, 95, 50][wd] * (1 + 0.5 * Math.sin(((hour - 8) / 9) * Math.PI));
}
/** Hourly history CSV from `first` for `days` days; weekends closed when `weekdaysOnly`. */
function historyCsv(first: string, days: number, opts: { aht?: boolean; queue?: string; weekdaysOnly?: boolean } = {}): string {
  const lines = [`interval_start${opts.queue ? ',queue' : ''},calls${opts.aht ? ',aht' : ''}`];
  const t0 = Date.parse(`${first}T00:00:00Z`);
  for (let k = 0; k < days; k++) {
    const d = new Date(t0 + k * DAY);
    const wd = d.getUTCDay();
    if (opts.weekdaysOnly && (wd === 0 || wd === 6)) continue;
    for (let h = 0; h < 24; h++) {
      const v = pattern(wd, h);
      if (v === null) continue;
      lines.push(`${dateOf(d.getTime())} ${String(h).padStart(2, '0')}:00${opts.queue ? ',' + opts.queue : ''},${v}${opts.aht ? ',200' : ''}`);
    }
  }
  return lines.join('\n') + '\n';
}

describe('wfm forecast', () => {
  it('forecasts a pure weekly pattern exactly, with the documented fields, offsets and closed hours absent', async () => {
    const p = file('weekly.csv', historyCsv('2026-08-03', 63, { aht: true, queue: 'billing' }));
    for (const method of ['snaive', 'mean4w', 'profile', 'calendar']) {
      const { code, stdout } = await run(['forecast', '--input', p, '--start', '2026-10-05', '--days', '7', '--method', method, '--tz', 'Asia/Shanghai', '--holidays', 'none', '--format', 'json']);
      expect(code).toBe(0);
      const rows = JSON.parse(stdout) as Row[];
      expect(rows).toHaveLength(7 * 10); // 08:00..17:00, 10 open hours a day
      expect(Object.keys(rows[0])).toEqual(['intervalStart', 'queue', 'calls', 'aht', 'callsLow', 'callsHigh']);
      for (const r of rows) {
        const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):00:00\+08:00$/.exec(r.intervalStart)!;
        expect(m).not.toBeNull();
        const wd = new Date(`${m[1]}T00:00:00Z`).getUTCDay();
        const expected = pattern(wd, Number(m[2]))!;
        expect(r.queue).toBe('billing');
        expect(r.calls).toBeCloseTo(expected, 2);
        expect(r.aht).toBe(200);
        expect(r.callsLow).toBeLessThanOrEqual(r.calls + 1e-9);
        expect(r.callsHigh).toBeGreaterThanOrEqual(r.calls - 1e-9);
      }
      expect(rows[0].intervalStart).toBe('2026-10-05T08:00:00+08:00');
    }
  });

  it('writes CSV with exactly the documented header; aht blank without AHT history; --adjust scales calls', async () => {
    const p = file('noaht.csv', historyCsv('2026-08-03', 63, { weekdaysOnly: true }));
    const { code, stdout } = await run(['forecast', '--input', p, '--start', '2026-10-05', '--days', '7', '--method', 'mean4w', '--adjust', '10%', '--format', 'csv']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('intervalStart,queue,calls,aht,callsLow,callsHigh');
    // weekends were closed in the history: 5 days x 10 hours, no Saturday/Sunday rows
    expect(lines).toHaveLength(1 + 50);
    const first = lines[1].split(',');
    expect(first[0]).toBe('2026-10-05T08:00:00Z');
    expect(first[1]).toBe('default');
    expect(Number(first[2])).toBeCloseTo(100 * 1.1, 3); // Monday 08:00 = 100, +10 %
    expect(first[3]).toBe('');
    expect(lines.some((l) => l.startsWith('2026-10-10') || l.startsWith('2026-10-11'))).toBe(false);
  });

  it('adds rows up to a coarser --interval and refuses a finer one', async () => {
    const lines = ['interval_start,calls'];
    const t0 = Date.parse('2026-08-03T00:00:00Z');
    for (let k = 0; k < 42; k++) for (const m of ['09:00', '09:30']) lines.push(`${dateOf(t0 + k * DAY)} ${m},${m === '09:00' ? 10 : 30}`);
    const p = file('half.csv', lines.join('\n') + '\n');
    const ok = await run(['forecast', '--input', p, '--start', '2026-09-14', '--days', '1', '--interval', '60', '--method', 'mean4w', '--format', 'json']);
    expect(ok.code).toBe(0);
    const rows = JSON.parse(ok.stdout) as Row[];
    expect(rows.map((r) => [r.intervalStart, r.calls])).toEqual([['2026-09-14T09:00:00Z', 40]]);
    const bad = await run(['forecast', '--input', p, '--interval', '15', '--format', 'json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--interval 15');
  });

  it('reports bad rows with file, line and field (exit 3), and --strict refuses the file (exit 2)', async () => {
    const text = historyCsv('2026-08-03', 42).replace(/\n2026-08-04 09:00,[^\n]*/, '\n2026-08-04 09:00,abc');
    const p = file('bad.csv', text);
    const badLine = text.split('\n').findIndex((l) => l.startsWith('2026-08-04 09:00')) + 1;
    const r = await run(['forecast', '--input', p, '--days', '1', '--format', 'json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${p}:${badLine}: field calls: "abc" is not a count of calls`);
    expect(JSON.parse(r.stdout).length).toBeGreaterThan(0);
    const s = await run(['forecast', '--input', p, '--days', '1', '--strict', '--format', 'json']);
    expect(s.code).toBe(2);
    expect(s.stdout).toBe('');
  });

  it('follows DST: a skipped local hour is absent, a repeated one is output once per offset', async () => {
    // 24 h a day, calls = 10 + hour, in Europe/Berlin (CET +01:00 / CEST +02:00)
    const mk = (first: string, days: number) => {
      const lines = ['interval_start,calls'];
      const t0 = Date.parse(`${first}T00:00:00Z`);
      for (let k = 0; k < days; k++) for (let h = 0; h < 24; h++) lines.push(`${dateOf(t0 + k * DAY)} ${String(h).padStart(2, '0')}:00,${10 + h}`);
      return lines.join('\n') + '\n';
    };
    const spring = file('spring.csv', mk('2026-02-01', 56)); // up to 2026-03-28
    const a = await run(['forecast', '--input', spring, '--start', '2026-03-29', '--days', '1', '--method', 'mean4w', '--tz', 'Europe/Berlin', '--format', 'json']);
    expect(a.code).toBe(0);
    const ra = JSON.parse(a.stdout) as Row[];
    expect(ra).toHaveLength(23);
    expect(ra.map((r) => r.intervalStart)).not.toContain('2026-03-29T02:00:00+01:00');
    expect(ra[1]).toMatchObject({ intervalStart: '2026-03-29T01:00:00+01:00', calls: 11 });
    expect(ra[2]).toMatchObject({ intervalStart: '2026-03-29T03:00:00+02:00', calls: 13 });
    // consecutive instants are one hour apart across the change
    const ms = ra.map((r) => Date.parse(r.intervalStart));
    for (let i = 1; i < ms.length; i++) expect(ms[i] - ms[i - 1]).toBe(3_600_000);
    const autumn = file('autumn.csv', mk('2026-08-30', 56)); // up to 2026-10-24
    const b = await run(['forecast', '--input', autumn, '--start', '2026-10-25', '--days', '1', '--method', 'mean4w', '--tz', 'Europe/Berlin', '--format', 'json']);
    const rb = JSON.parse(b.stdout) as Row[];
    expect(rb).toHaveLength(25);
    expect(rb.slice(2, 4)).toEqual([
      expect.objectContaining({ intervalStart: '2026-10-25T02:00:00+02:00', calls: 12 }),
      expect.objectContaining({ intervalStart: '2026-10-25T02:00:00+01:00', calls: 12 }),
    ]);
    const mb = rb.map((r) => Date.parse(r.intervalStart));
    for (let i = 1; i < mb.length; i++) expect(mb[i] - mb[i - 1]).toBe(3_600_000);
  });

  it('applies special days (like:<weekday> and a factor) and Chinese make-up working days', async () => {
    const p = file('cn.csv', historyCsv('2026-08-03', 66)); // up to 2026-10-07
    const sd = file('special.csv', 'date,label,factor\n2026-10-08,open day,like:sunday\n2026-10-09,campaign,1.5\n');
    const { code, stdout, stderr } = await run([
      'forecast', '--input', p, '--start', '2026-10-08', '--days', '4', '--method', 'mean4w', '--holidays', 'cn', '--special-days', sd, '--tz', 'Asia/Shanghai', '--format', 'json',
    ]);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as Row[];
    const at = (d: string, h: number) => rows.find((r) => r.intervalStart === `${d}T${String(h).padStart(2, '0')}:00:00+08:00`)!.calls;
    for (let h = 8; h <= 17; h++) {
      expect(at('2026-10-08', h)).toBeCloseTo(pattern(0, h)!, 2); // Thursday like a Sunday
      expect(at('2026-10-09', h)).toBeCloseTo(1.5 * pattern(5, h)!, 2); // Friday x 1.5
      // 2026-10-10 is a Saturday that chinese-days lists as a make-up working day (National Day):
      // forecast as the mean of the Monday..Friday forecasts
      const weekdays = [1, 2, 3, 4, 5].map((w) => pattern(w, h)!);
      expect(at('2026-10-10', h)).toBeCloseTo(weekdays.reduce((a, b) => a + b, 0) / 5, 2);
      expect(at('2026-10-11', h)).toBeCloseTo(pattern(0, h)!, 2); // an ordinary Sunday
    }
    expect(stderr).toContain('2026-10-10 make-up working day');
  });

  it('rejects a bad special-days file with file, line and field', async () => {
    const p = file('h.csv', historyCsv('2026-08-03', 42));
    const sd = file('special-bad.csv', 'date,label,factor\n2026-10-08,x,like:someday\n');
    const r = await run(['forecast', '--input', p, '--special-days', sd, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${sd}:2: field factor: "like:someday"`);
  });

  it('teaches in --help (methods with references) and speaks Chinese with --lang zh-CN', async () => {
    const h = await run(['forecast', '--help']);
    expect(h.code).toBe(0);
    for (const m of ['snaive', 'mean4w', 'profile', 'hw', 'calendar', 'combo', 'auto', 'Taylor 2003']) expect(h.stdout).toContain(m);
    const b = await run(['forecast', 'backtest', '--help']);
    expect(b.stdout).toContain('MASE');
    expect(b.stdout).toContain('sum|e| / sum(actual)');
    const z = await run(['forecast', '--lang', 'zh-CN', '--format', 'json']);
    expect(z.code).toBe(2);
    expect(z.stderr).toContain('未给出 --input');
  });
});

const DATA = new URL('../../../shared/data/', import.meta.url);
describe.skipIf(!existsSync(new URL('na_bank_15min.csv', DATA)))('wfm forecast backtest on the shared protocol', () => {
  it('reproduces the published mean4w and seasonal-naive figures of the R anchors (scored by forecast_score.py)', async () => {
    const input = new URL('na_bank_15min.csv', DATA).pathname;
    const r = await run([
      'forecast', 'backtest', '--input', input, '--holidays', 'none', '--origins', '2003-09-29,2003-10-06,2003-10-13,2003-10-20', '--test-end', '2003-10-24', '--methods', 'mean4w,snaive,calendar,auto', '--format', 'json',
    ]);
    expect(r.code).toBe(0);
    type MethodRow = { method: string; wape: number; mase: number; dayWape: number; coverage: number };
    const j = JSON.parse(r.stdout) as { scoredIntervals: number; maseScale: number; methods: MethodRow[] };
    expect(j.scoredIntervals).toBe(1083);
    expect(j.maseScale).toBeCloseTo(49.72735542560104, 9);
    const m = (name: string) => j.methods.find((x) => x.method === name)!;
    expect(m('mean4w').wape).toBeCloseTo(6.62148734541035, 9);
    expect(m('mean4w').mase).toBeCloseTo(0.7486111814115011, 9);
    expect(m('mean4w').dayWape).toBeCloseTo(4.719275050503391, 9);
    expect(m('snaive').wape).toBeCloseTo(9.764, 2);
    expect(m('calendar').wape).toBeLessThanOrEqual(6.3);
    expect(m('auto').wape).toBeLessThanOrEqual(6.3);
    expect(m('auto').coverage).toBeGreaterThanOrEqual(75);
    expect(m('auto').coverage).toBeLessThanOrEqual(85);
  });
});
