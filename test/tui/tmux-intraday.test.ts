/**
 * The live board's intraday panel (key p, issue 17) end to end on a real terminal: `wfm live` under
 * tmux following a queue_log, with a morning forecast saved in the store. Skipped when tmux is not
 * installed.
 *
 * The zone is chosen so that the local time is between 12:00 and 13:00 whenever the test runs (a whole
 * hour Etc/GMT zone). The morning forecast is flat all day: billing 20 calls per half hour, sales 8.
 * The queue_log holds today's calls from 09:00 local: billing 30 per half hour, sales 8, each answered
 * after 10 s and ended 200 s later, only calls that ended a minute before the test starts. The panel
 * must count exactly those calls, and the forecast so far must be the flat forecast's share of the
 * day up to the minute it shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore, type ForecastSnapshot } from '../../src/store/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const SESSION = `wfm-intraday-${process.pid}`;
const HOUR = 3_600_000;
const HALF = 1_800_000;
const FORECAST = { billing: 20, sales: 8 };
const RATE = { billing: 30, sales: 8 };
let dir = '';
let zone = 'UTC';
let dayMs = 0;
const expected: Record<string, number> = { billing: 0, sales: 0 };

const tmux = (...args: string[]) => spawnSync('tmux', args, { encoding: 'utf8' });
const capture = () => tmux('capture-pane', '-p', '-t', SESSION).stdout;
async function waitFor(pred: (screen: string) => boolean, ms = 20_000): Promise<string> {
  const end = Date.now() + ms;
  let last = '';
  while (Date.now() < end) {
    last = capture();
    if (pred(last)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error('screen never matched; last screen:\n' + last);
}

describe.skipIf(!hasTmux)('wfm live: the intraday panel under tmux', () => {
  beforeAll(async () => {
    try {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'pipe' });
    } catch {
      /* other areas' type errors still emit */
    }
    dir = mkdtempSync(join(tmpdir(), 'wfm-tmux-intraday-'));
    const now = Date.now();
    // local = UTC + off, with off chosen so that the local hour is 12
    const off = 12 - new Date(now).getUTCHours();
    zone = off === 0 ? 'UTC' : off > 0 ? `Etc/GMT-${off}` : `Etc/GMT+${-off}`;
    const localNow = now + off * HOUR;
    dayMs = Math.floor(localNow / (24 * HOUR)) * 24 * HOUR - off * HOUR; // local midnight, epoch ms
    const s = (ms: number) => Math.floor(ms / 1000);
    const lines: { ms: number; text: string }[] = [];
    let id = 0;
    for (const [queue, per] of Object.entries(RATE)) {
      for (let start = dayMs + 9 * HOUR; start < now; start += HALF) {
        for (let k = 0; k < per; k++) {
          const t = start + Math.floor((k * HALF) / per);
          if (t + 210_000 > now - 60_000) continue; // only calls over a minute ago
          const call = `${s(dayMs)}.${id++}`;
          const agent = queue === 'billing' ? 'Agent/1001' : 'Agent/2001';
          lines.push({ ms: t, text: `${s(t)}|${call}|${queue}|NONE|ENTERQUEUE||5550${k}|1` });
          lines.push({ ms: t + 10_000, text: `${s(t) + 10}|${call}|${queue}|${agent}|CONNECT|10|${call}-b|1` });
          lines.push({ ms: t + 210_000, text: `${s(t) + 210}|${call}|${queue}|${agent}|COMPLETECALLER|10|200|1` });
          expected[queue]++;
        }
      }
    }
    lines.sort((a, b) => a.ms - b.ms);
    writeFileSync(join(dir, 'queue_log'), lines.map((l) => l.text).join('\n') + '\n');
    const date = new Date(dayMs + off * HOUR).toISOString().slice(0, 10);
    const rows: ForecastSnapshot['rows'] = [];
    for (const [queue, calls] of Object.entries(FORECAST)) {
      for (let i = 0; i < 48; i++) rows.push({ queue, intervalStartMs: dayMs + i * HALF, calls, ahtSeconds: 240, callsLow: calls, callsHigh: calls });
    }
    const store = await openStore(join(dir, 'wfm.db'), { mode: 'write' });
    try {
      const ok = await store.saveForecast('default', { name: 'morning', createdMs: dayMs, tz: zone, intervalMinutes: 30, startDate: date, days: 1, methods: { billing: 'test', sales: 'test' }, rows });
      expect(ok).toEqual({ saved: true });
    } finally {
      await store.close();
    }
  }, 120_000);
  afterAll(() => {
    tmux('kill-session', '-t', SESSION);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('p shows calls so far against the morning forecast, the day reforecast with its band and the gap ahead; p again goes back', async () => {
    const cmd = `cd ${dir} && env -i PATH="${process.env.PATH}" HOME="${process.env.HOME ?? '/tmp'}" TERM=screen NO_COLOR=1 WFM_TZ=${zone} LANG=C ${process.execPath} ${join(ROOT, 'bin', 'wfm.js')} live --source queue-log:queue_log --forecast morning; sleep 0.2`;
    const r = tmux('new-session', '-d', '-s', SESSION, '-x', '140', '-y', '40', cmd);
    expect(r.status).toBe(0);
    await waitFor((sc) => sc.includes('Seats 2 of 2'));
    tmux('send-keys', '-t', SESSION, '-l', 'p');
    const screen = await waitFor((sc) => /as of \d\d:\d\d/.test(sc) && sc.includes('sales'));
    expect(screen).not.toContain('\x1b');
    const asOf = /as of (\d\d):(\d\d), refreshed every 30 min/.exec(screen)!;
    const minute = Number(asOf[1]) * 60 + Number(asOf[2]);
    expect(minute).toBeGreaterThanOrEqual(12 * 60);
    expect(minute).toBeLessThan(13 * 60 + 5);
    const lines = screen.split('\n');
    for (const [queue, per] of Object.entries(FORECAST)) {
      const i = lines.findIndex((l) => l.startsWith(queue) && l.includes('calls so far'));
      expect(i).toBeGreaterThanOrEqual(0);
      const soFar = /calls so far (\d+) against (\d+) forecast \(([-+]\d+\.\d)%\)/.exec(lines[i])!;
      expect(soFar, lines[i]).not.toBeNull();
      // every call of the fixture, counted by the live source
      expect(Number(soFar[1])).toBe(expected[queue]);
      // the flat forecast's share of the day up to the minute shown (within the minute's seconds)
      const share = (per * minute) / 30;
      expect(Math.abs(Number(soFar[2]) - share)).toBeLessThanOrEqual(per / 30 + 0.5);
      const day = /day reforecast (\d+) \((\d+) to (\d+)\), morning (\d+)/.exec(lines[i + 1])!;
      expect(day, lines[i + 1]).not.toBeNull();
      expect(Number(day[4])).toBe(per * 48);
      const [calls, low, high] = [Number(day[1]), Number(day[2]), Number(day[3])];
      expect(low).toBeLessThanOrEqual(calls);
      expect(calls).toBeLessThanOrEqual(high);
      expect(calls).toBeGreaterThanOrEqual(expected[queue]); // the day holds the calls so far
      // the next two hours: four half hours from the current one, no roster so no gap figure
      const current = Math.floor(minute / 30) * 30;
      const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      expect(lines[i + 2]).toContain(`gap next 2 h: ${[0, 30, 60, 90].map((d) => `${hhmm(current + d)} -`).join('  ')}`);
    }
    expect(screen).toContain('Top actions');
    expect(screen).toContain('roster -');
    // p again: back to the seats
    tmux('send-keys', '-t', SESSION, '-l', 'p');
    await waitFor((sc) => sc.includes('Seats 2 of 2') && !sc.includes('calls so far'));
    tmux('send-keys', '-t', SESSION, '-l', 'q');
    const end = Date.now() + 10_000;
    while (Date.now() < end && tmux('has-session', '-t', SESSION).status === 0) await new Promise((r) => setTimeout(r, 100));
    expect(tmux('has-session', '-t', SESSION).status).not.toBe(0);
  }, 60_000);
});
