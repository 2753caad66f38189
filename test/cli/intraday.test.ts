/**
 * `wfm intraday` through the built CLI on real SQLite stores.
 *
 * The day: Monday 2026-03-02 (UTC), queues billing and sales. Calls arrive evenly, billing 25 per half
 * hour 08:00-18:00 (the morning forecast says 20: the day runs 25 % high), sales 8 (as forecast); each
 * is answered after 10 s and talks 200 s, so calls are in progress at any cut. The roster: the bundled
 * rules' 8-hour shift (S8), billing B1-B5 08:00-16:00 and B6-B8 10:00-18:00, sales S1-S3 08:00-16:00
 * and M1 (skilled for both) 08:00-16:00 on sales. Everyone joins the queues two minutes before the
 * shift (ADDMEMBER) but B5, who never logs in. Five weeks of history (weekdays at the forecast's
 * level) precede the day.
 *
 * No peeking: store A imports the whole day's queue_log; store B only the lines written before the
 * cut (the calls in progress then are kept open by the import). Every answer must be identical.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ensureBuilt, wfm, type Run } from '../helpers/wfm-cli.js';
import { openStore, type ForecastSnapshot, type RosterSnapshot } from '../../src/store/index.js';
import { validateRules } from '../../src/solver/rules.js';
import { erlangCExact, ratioToNumber } from '../helpers/exact.js';

const DAY = '2026-03-02';
const DAY_MS = Date.parse(`${DAY}T00:00:00Z`);
const HOUR = 3_600_000;
const AHT = 240;
const RATE = { billing: 25, sales: 8 };
const FORECAST = { billing: 20, sales: 8 };

interface Line {
  ms: number;
  text: string;
}

/** The queue_log lines of one day with `per` calls per half hour per queue from 08:00 to 18:00. */
function dayLines(dayMs: number, per: Record<string, number>, agentsIn: boolean): Line[] {
  const lines: Line[] = [];
  const s = (ms: number) => Math.round(ms / 1000);
  let id = 0;
  for (const [queue, n] of Object.entries(per)) {
    for (let i = 16; i < 36; i++) {
      for (let k = 0; k < n; k++) {
        const t = dayMs + i * 1_800_000 + Math.floor((k * 1_800_000) / n);
        const call = `${s(dayMs)}.${id++}`;
        const agent = queue === 'billing' ? 'B1' : 'S1';
        lines.push({ ms: t, text: `${s(t)}|${call}|${queue}|NONE|ENTERQUEUE||555${k}|1` });
        lines.push({ ms: t + 10_000, text: `${s(t) + 10}|${call}|${queue}|${agent}|CONNECT|10|${call}-b|1` });
        lines.push({ ms: t + 210_000, text: `${s(t) + 210}|${call}|${queue}|${agent}|COMPLETECALLER|10|200|1` });
      }
    }
  }
  if (agentsIn) {
    const join = (agent: string, queue: string, h: number) => lines.push({ ms: dayMs + h * HOUR - 120_000, text: `${s(dayMs + h * HOUR) - 120}|NONE|${queue}|${agent}|ADDMEMBER|` });
    for (const a of ['B1', 'B2', 'B3', 'B4']) join(a, 'billing', 8);
    for (const a of ['B6', 'B7', 'B8']) join(a, 'billing', 10);
    for (const a of ['S1', 'S2', 'S3', 'M1']) join(a, 'sales', 8);
  }
  return lines.sort((a, b) => a.ms - b.ms);
}

const BUNDLED = (() => {
  const v = validateRules(parseYaml(readFileSync(new URL('../../data/roster-rules.yaml', import.meta.url), 'utf8')));
  if (!v.ok) throw new Error('bundled rules');
  return v.rules;
})();

/** An S8 shift on the day: breaks at the given minutes after the start (15 paid, 30 unpaid, 15 paid). */
function s8(agent: string, queue: string, startH: number, offsets: [number, number, number]): RosterSnapshot['shifts'][number] {
  const start = DAY_MS + startH * HOUR;
  const b = (off: number, len: number, paid: boolean) => ({ startMs: start + off * 60_000, endMs: start + (off + len) * 60_000, paid });
  return { agent, queue, template: 'S8', startMs: start, endMs: start + 8 * HOUR, breaks: [b(offsets[0], 15, true), b(offsets[1], 30, false), b(offsets[2], 15, true)] };
}

const SHIFTS = [
  s8('B1', 'billing', 8, [90, 210, 330]),
  s8('B2', 'billing', 8, [105, 225, 345]),
  s8('B3', 'billing', 8, [120, 240, 360]),
  s8('B4', 'billing', 8, [135, 255, 375]),
  s8('B5', 'billing', 8, [150, 270, 390]),
  s8('B6', 'billing', 10, [90, 210, 330]),
  s8('B7', 'billing', 10, [105, 225, 345]),
  s8('B8', 'billing', 10, [120, 240, 360]),
  s8('S1', 'sales', 8, [90, 210, 330]),
  s8('S2', 'sales', 8, [105, 225, 345]),
  s8('S3', 'sales', 8, [120, 240, 360]),
  s8('M1', 'sales', 8, [135, 255, 375]),
];

function forecastSnapshot(): ForecastSnapshot {
  const rows: ForecastSnapshot['rows'] = [];
  for (const queue of ['billing', 'sales']) {
    for (let i = 0; i < 48; i++) {
      const calls = i >= 16 && i < 36 ? FORECAST[queue as 'billing' | 'sales'] : 0;
      rows.push({ queue, intervalStartMs: DAY_MS + i * 1_800_000, calls, ahtSeconds: AHT, callsLow: calls, callsHigh: calls });
    }
  }
  return { name: 'morning', createdMs: DAY_MS - 4 * HOUR, tz: 'UTC', intervalMinutes: 30, startDate: DAY, days: 1, methods: { billing: 'test', sales: 'test' }, rows };
}

function rosterSnapshot(): RosterSnapshot {
  return {
    name: 'week', createdMs: DAY_MS - 72 * HOUR, tz: 'UTC', startDate: DAY, days: 7, intervalMinutes: 30, solver: 'highs', paidHours: 12 * 7.5,
    lowerBound: 80, gap: 0.1, understaffed: 0, seconds: 1, rules: JSON.stringify(BUNDLED), shifts: SHIFTS, coverage: [],
  };
}

/** A store folder: history, the day's lines before `cutMs` (all with Infinity), agents, the forecast and the roster. */
async function makeStore(cutMs: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'wfm-intraday-'));
  const lines: Line[] = [];
  for (let d = 35; d >= 1; d--) {
    const ms = DAY_MS - d * 86_400_000;
    const wd = new Date(ms).getUTCDay();
    if (wd === 0 || wd === 6) continue;
    lines.push(...dayLines(ms, FORECAST, false));
  }
  lines.push(...dayLines(DAY_MS, RATE, true).filter((l) => l.ms < cutMs));
  writeFileSync(join(dir, 'queue_log'), lines.map((l) => l.text).join('\n') + '\n');
  expect(wfm(['import', 'queue-log', 'queue_log', '--quiet'], dir).code).toBe(0);
  writeFileSync(join(dir, 'agents.csv'), 'id,name,skills\n' + SHIFTS.map((s) => `${s.agent},${s.agent},${s.agent === 'M1' ? 'billing;sales' : s.queue}`).join('\n') + '\n');
  expect(wfm(['import', 'agents', 'agents.csv', '--quiet'], dir).code).toBe(0);
  const store = await openStore(join(dir, 'wfm.db'), { mode: 'write' });
  try {
    expect(await store.saveForecast('default', forecastSnapshot())).toEqual({ saved: true });
    expect(await store.saveRoster('default', rosterSnapshot())).toEqual({ saved: true });
  } finally {
    await store.close();
  }
  return dir;
}

interface Json {
  date: string;
  at: string;
  roster: string | null;
  queues: {
    queue: string;
    source: string;
    morningForecast: string;
    day: { forecastCalls: number; forecastSoFar: number; callsSoFar: number; reforecastCalls: number; reforecastLow: number; reforecastHigh: number };
    restOfDay: { projectedServiceLevel: number | null; belowTarget: boolean; projectedServiceLevelWithActions: number | null };
    notLoggedIn: string[];
    intervals: Record<string, number | string | null>[];
  }[];
  actions: { rank: number; kind: string; agent: string; queue: string; toQueue: string | null; start: string; end: string; serviceLevelLift: number; agentHours: number }[];
}

const at = (hhmm: string) => DAY_MS + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000;
const run = (dir: string, args: string[], env: Record<string, string> = {}): Run => wfm(['intraday', '--date', DAY, ...args], dir, env);

let full = '';
let cut1010 = '';
let cut1400 = '';

beforeAll(async () => {
  ensureBuilt();
  full = await makeStore(Infinity);
  cut1010 = await makeStore(at('10:10'));
  cut1400 = await makeStore(at('14:00'));
}, 180_000);

describe('wfm intraday: the JSON object', () => {
  it('has exactly the documented shape, every interval of the day, actual calls up to the cut', () => {
    const r = run(full, ['--at', '10:00', '--forecast', 'morning', '--roster', 'week', '--format', 'json']);
    expect([0, 5]).toContain(r.code);
    const j = JSON.parse(r.stdout) as Json;
    expect(Object.keys(j)).toEqual(['date', 'at', 'roster', 'queues', 'actions']);
    expect(j.roster).toBe('week');
    expect(j.date).toBe(DAY);
    expect(j.at).toBe('2026-03-02T10:00:00Z');
    expect(j.queues.map((q) => q.queue)).toEqual(['billing', 'sales']);
    for (const q of j.queues) {
      expect(q.intervals).toHaveLength(48);
      for (const iv of q.intervals) {
        expect(Object.keys(iv)).toEqual([
          'intervalStart', 'forecastCalls', 'actualCalls', 'reforecastCalls', 'reforecastLow', 'reforecastHigh', 'requiredAgents', 'scheduledAgents',
          'projectedServiceLevel', 'projectedAbandonRate',
        ]);
      }
      expect(q.source).toBe('calls');
      expect(q.morningForecast).toBe('saved:morning');
    }
    const billing = j.queues[0];
    // the generator's counts: 25 a half hour from 08:00; null from the cut on; the reforecast is the actual before it
    billing.intervals.forEach((iv, i) => {
      if (i < 20) {
        expect(iv.actualCalls).toBe(i >= 16 ? 25 : 0);
        expect(iv.reforecastCalls).toBe(iv.actualCalls);
      } else expect(iv.actualCalls).toBeNull();
    });
    expect(billing.day).toMatchObject({ forecastCalls: 400, forecastSoFar: 80, callsSoFar: 100 });
    // the day runs 25 % high: the reforecast moves up from 20, not past 25 (the morning forecast keeps some weight)
    const next = billing.intervals[20];
    expect(next.reforecastCalls as number).toBeGreaterThan(20);
    expect(next.reforecastCalls as number).toBeLessThan(25);
    expect(next.reforecastLow as number).toBeLessThan(next.reforecastCalls as number);
    expect(next.reforecastHigh as number).toBeGreaterThan(next.reforecastCalls as number);
    expect(billing.day.reforecastCalls).toBeGreaterThan(400);
    expect(billing.day.reforecastCalls).toBeLessThan(500);
    // sales runs as forecast: the reforecast stays within a call of it
    expect(Math.abs((j.queues[1].intervals[20].reforecastCalls as number) - 8)).toBeLessThan(1);
  });

  it('required agents are wfm staff\'s for the interval\'s calls; the projected service level is Erlang C with the agents at work', () => {
    const j = JSON.parse(run(full, ['--at', '10:00', '--forecast', 'morning', '--roster', 'week', '--format', 'json']).stdout) as Json;
    const billing = j.queues[0];
    // 09:00: 25 calls (the actual) at AHT 240 s, as wfm staff computes it from a demand CSV
    writeFileSync(join(full, 'demand.csv'), 'interval_start,queue,calls,aht\n2026-03-02 09:00,billing,25,240\n');
    const staff = JSON.parse(wfm(['staff', '--input', 'demand.csv', '--interval', '30', '--format', 'json'], full).stdout) as { intervals: { scheduledAgents: number }[] };
    expect(billing.intervals[18].requiredAgents).toBe(staff.intervals[0].scheduledAgents);
    // 12:00-12:30, by the roster: B1-B4 and B6-B8 at work (B5 has not logged in); on a break: B2's lunch
    // 11:45-12:15, B3's 12:00-12:30, B4's 12:15-12:45, B8's break 12:00-12:15 => 7 − 0.5 − 1 − 0.5 − 0.5 = 4.5
    const iv = billing.intervals[24];
    expect(iv.scheduledAgents).toBe(4.5);
    // Erlang C, exact, at the reported load (3 decimals of calls), halfway between 4 and 5 agents
    const calls = iv.reforecastCalls as number;
    const a = (calls * AHT) / 1800;
    const p = BigInt(Math.round(calls * 1000)) * BigInt(AHT);
    const sl = (n: number) => {
      if (n <= a) return 0;
      const c = erlangCExact(n, p, 1800n * 1000n);
      return 1 - ratioToNumber(c.num, c.den) * Math.exp((-(n - a) * 20) / AHT);
    };
    expect(iv.projectedServiceLevel as number).toBeCloseTo(0.5 * sl(4) + 0.5 * sl(5), 3);
    expect(iv.projectedAbandonRate).toBeNull(); // Erlang C: no patience given
  });

  it('an agent on shift who has not logged in is left out from the cut on, and said so', () => {
    const r = run(full, ['--at', '10:00', '--forecast', 'morning', '--roster', 'week', '--format', 'json']);
    const j = JSON.parse(r.stdout) as Json;
    expect(j.queues[0].notLoggedIn).toEqual(['B5']);
    expect(j.queues[1].notLoggedIn).toEqual([]);
    expect(r.stderr).toContain('have not logged in');
    expect(r.stderr).toContain('B5');
    // 09:00-09:30 (before the cut) still counts B5 as rostered: B1-B5 at work, none on a break
    expect(j.queues[0].intervals[18].scheduledAgents).toBe(5);
  });

  it('exit 5 when a queue\'s projected rest of the day is below its target, 0 under a target it meets', () => {
    const low = run(full, ['--at', '10:00', '--forecast', 'morning', '--roster', 'week', '--format', 'json', '--quiet']);
    const j = JSON.parse(low.stdout) as Json;
    const below = j.queues.filter((q) => q.restOfDay.belowTarget);
    expect(below.length).toBeGreaterThan(0);
    expect(low.code).toBe(5);
    expect(low.stderr).toBe('');
    for (const q of j.queues) expect(q.restOfDay.belowTarget).toBe((q.restOfDay.projectedServiceLevel ?? 1) < 0.8);
    const ok = run(full, ['--at', '10:00', '--forecast', 'morning', '--roster', 'week', '--format', 'json', '--quiet', '--sla', '5/20']);
    expect(ok.code).toBe(0);
  });

  it('actions are ranked, named and within the day; no agent is moved from a queue without one to spare', () => {
    const j = JSON.parse(run(full, ['--at', '10:00', '--forecast', 'morning', '--roster', 'week', '--format', 'json']).stdout) as Json;
    expect(j.actions.length).toBeGreaterThan(0);
    j.actions.forEach((a, k) => {
      expect(a.rank).toBe(k + 1);
      expect(['break', 'overtime', 'timeOff', 'move']).toContain(a.kind);
      expect(a.start >= j.at).toBe(true);
    });
    expect(new Set(j.actions.map((a) => a.agent)).size).toBe(j.actions.length);
    // a move takes an agent only from a queue with one to spare (src/solver tests: the hand-built moves).
    // On this day sales never has an agent to spare in an interval where billing is short (at 11:30-12:30
    // sales is short itself, its agents on their breaks; at 13:30-14:30 it has just the agents it needs),
    // so M1, the one agent skilled for both, is not moved.
    const [billing, sales] = j.queues;
    const num = (x: number | string | null) => x as number;
    const spareWhereShort = sales.intervals.some((iv, i) => {
      const b = billing.intervals[i];
      return i >= 20 && num(iv.scheduledAgents) - 1 >= num(iv.requiredAgents) && num(b.scheduledAgents) < num(b.requiredAgents);
    });
    expect(spareWhereShort).toBe(false);
    expect(sales.intervals.slice(20).some((iv) => num(iv.scheduledAgents) < num(iv.requiredAgents))).toBe(true);
    expect(j.actions.filter((a) => a.kind === 'move')).toEqual([]);
    // nobody who has not logged in gets an action
    expect(j.actions.some((a) => a.agent === 'B5')).toBe(false);
  });
});

describe('wfm intraday: no peeking', () => {
  const args = (t: string, more: string[] = []) => ['--at', t, '--roster', 'week', '--format', 'json', ...more];

  it('the answer at 10:10 is identical from the whole day and from the lines before 10:10 (calls in progress kept open)', () => {
    const a = run(full, args('10:10', ['--forecast', 'morning']));
    const b = run(cut1010, args('10:10', ['--forecast', 'morning']));
    expect(a.code).toBe(b.code);
    expect(a.stdout).toBe(b.stdout);
    const j = JSON.parse(a.stdout) as Json;
    // 10:00-10:10: the calls at 10:00:00, 10:01:12, ... 10:09:36 entered: 9 of them, with the rest of the interval reforecast
    const iv = j.queues[0].intervals[20];
    expect(iv.actualCalls).toBeNull();
    expect(iv.reforecastCalls as number).toBeGreaterThan(9);
    expect(j.queues[0].day.callsSoFar).toBe(100 + 9);
  });

  it('also with the morning forecast made from the history (the default) and at 14:00', () => {
    expect(run(full, args('10:10')).stdout).toBe(run(cut1010, args('10:10')).stdout);
    const a = run(full, args('14:00'));
    expect(a.stdout).toBe(run(cut1400, args('14:00')).stdout);
    const j = JSON.parse(a.stdout) as Json;
    expect(j.queues[0].morningForecast).not.toMatch(/^saved/);
    // the history runs at 20 a half hour on weekdays: the method's forecast is close to it
    expect(Math.abs((j.queues[0].intervals[30].forecastCalls as number) - 20)).toBeLessThan(2);
  });

  it('interval volumes: an interval counts once it has ended by the cut, the same from the whole day or the part before', async () => {
    const csv = (upTo: number) =>
      'interval_start,queue,offered,aht\n' +
      Array.from({ length: 48 }, (_, i) => i)
        .filter((i) => DAY_MS + (i + 1) * 1_800_000 <= upTo)
        .map((i) => `2026-03-02 ${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'},support,${i >= 16 && i < 36 ? 30 : 0},200`)
        .join('\n') + '\n';
    const answers: string[] = [];
    for (const upTo of [Infinity, at('10:30')]) {
      const dir = mkdtempSync(join(tmpdir(), 'wfm-intraday-vol-'));
      writeFileSync(join(dir, 'v.csv'), csv(upTo));
      expect(wfm(['import', 'volumes', 'v.csv', '--quiet'], dir).code).toBe(0);
      const store = await openStore(join(dir, 'wfm.db'), { mode: 'write' });
      const f = forecastSnapshot();
      await store.saveForecast('default', { ...f, rows: f.rows.filter((x) => x.queue === 'billing').map((x) => ({ ...x, queue: 'support' })), methods: { support: 'test' } });
      await store.close();
      const r = run(dir, ['--at', '10:40', '--forecast', 'morning', '--format', 'json']);
      expect(r.code).toBe(0);
      answers.push(r.stdout);
    }
    expect(answers[0]).toBe(answers[1]);
    const q = (JSON.parse(answers[0]) as Json).queues[0];
    expect(q.source).toBe('volumes');
    // 10:00-10:30 has ended by 10:40 and counts; 10:30-11:00 has not
    expect(q.intervals[20].actualCalls).toBe(30);
    expect(q.intervals[21].actualCalls).toBeNull();
    expect(q.day.callsSoFar).toBe(5 * 30);
  });
});

describe('wfm intraday --apply', () => {
  it('saves the accepted actions as a new roster version; the original stays; simulate and diff read it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wfm-intraday-apply-'));
    cpSync(full, dir, { recursive: true });
    const listed = JSON.parse(run(dir, ['--at', '10:00', '--forecast', 'morning', '--roster', 'week', '--format', 'json']).stdout) as Json;
    const first = listed.actions[0];
    const r = run(dir, ['--at', '10:00', '--forecast', 'morning', '--roster', 'week', '--format', 'json', '--apply', 'week-1000', '--accept', '1']);
    expect([0, 5]).toContain(r.code);
    expect(r.stderr).toContain('week-1000');
    const list = JSON.parse(wfm(['roster', 'list', '--format', 'json'], dir).stdout) as { name: string; solver: string }[];
    expect(list.find((x) => x.name === 'week-1000')?.solver).toBe('intraday:week');
    // the diff names the one agent whose shift the accepted action changed
    const diff = wfm(['roster', 'diff', 'week', 'week-1000', '--format', 'json'], dir);
    expect(diff.code).toBe(0);
    const changed = new Set((JSON.parse(diff.stdout) as { changes: { agent: string }[] }).changes.map((c) => c.agent));
    expect([...changed]).toEqual([first.agent]);
    // the original is as it was
    const again = run(dir, ['--at', '10:00', '--forecast', 'morning', '--roster', 'week', '--format', 'json']);
    expect(again.stdout).toBe(run(full, ['--at', '10:00', '--forecast', 'morning', '--roster', 'week', '--format', 'json']).stdout);
    // the simulator takes the new version
    expect(wfm(['simulate', '--forecast', 'morning', '--roster', 'week-1000', '--summary', '--by', 'total', '--replications', '2', '--format', 'json'], dir).code).toBe(0);
    // a name that exists is refused, nothing written, saying who saved it and when
    const twice = run(dir, ['--at', '10:00', '--forecast', 'morning', '--roster', 'week', '--apply', 'week-1000']);
    expect(twice.code).toBe(2);
    const by = /"week-1000" is already saved for site default \(by (.+), (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\)/.exec(twice.stderr);
    expect(by, twice.stderr).not.toBeNull();
    expect(by![1]).toBe(userInfo().username); // the store records the OS user
    expect(Math.abs(Date.parse(by![2]) - Date.now())).toBeLessThan(120_000);
    expect(twice.stdout).toBe('');
    expect((JSON.parse(wfm(['roster', 'list', '--format', 'json'], dir).stdout) as unknown[]).length).toBe(2);
  });
});

describe('wfm intraday without --roster after --apply', () => {
  it('a replay takes the root roster, not its own --apply output: the same answer before and after', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wfm-intraday-replay-'));
    cpSync(full, dir, { recursive: true });
    const args = ['--at', '10:00', '--forecast', 'morning', '--format', 'json'];
    const before = run(dir, args);
    expect([0, 5]).toContain(before.code);
    const b = JSON.parse(before.stdout) as Json;
    expect(b.roster).toBe('week');
    expect(b.actions.length).toBeGreaterThan(0);
    // the same as naming the roster
    expect(before.stdout).toBe(run(dir, [...args, '--roster', 'week']).stdout);
    // apply every action without --roster: the version records week as its parent
    const applied = run(dir, [...args, '--apply', 'week-1000']);
    expect([0, 5]).toContain(applied.code);
    const list = JSON.parse(wfm(['roster', 'list', '--format', 'json'], dir).stdout) as { name: string; solver: string }[];
    expect(list.find((x) => x.name === 'week-1000')?.solver).toBe('intraday:week');
    // the version is saved now, long after the replayed cut: not in force at 10:00 of the day
    const after = run(dir, args);
    expect(after.code).toBe(before.code);
    expect(after.stdout).toBe(before.stdout);
    // while the version (all the actions applied) differs from the root: naming it gives another answer
    expect(run(dir, [...args, '--roster', 'week-1000']).stdout).not.toBe(before.stdout);
  });
});

describe('wfm intraday: sites', () => {
  let two = '';
  beforeAll(async () => {
    // one queue_log imported for two sites: north in UTC, south in Shanghai; forecast and roster saved for north
    two = mkdtempSync(join(tmpdir(), 'wfm-intraday-sites-'));
    cpSync(join(full, 'queue_log'), join(two, 'queue_log'));
    cpSync(join(full, 'agents.csv'), join(two, 'agents.csv'));
    expect(wfm(['import', 'queue-log', 'queue_log', '--site', 'north', '--tz', 'UTC', '--quiet'], two).code).toBe(0);
    expect(wfm(['import', 'queue-log', 'queue_log', '--site', 'south', '--tz', 'Asia/Shanghai', '--quiet'], two).code).toBe(0);
    expect(wfm(['import', 'agents', 'agents.csv', '--site', 'north', '--quiet'], two).code).toBe(0);
    const store = await openStore(join(two, 'wfm.db'), { mode: 'write' });
    try {
      expect(await store.saveForecast('north', forecastSnapshot())).toEqual({ saved: true });
      expect(await store.saveRoster('north', rosterSnapshot())).toEqual({ saved: true });
    } finally {
      await store.close();
    }
  }, 120_000);

  it('several sites and none named: exit 2 listing them; the site of the saved forecast, or --site, gives the one-site answer', () => {
    const none = run(two, ['--at', '10:00', '--format', 'json']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('north, south');
    expect(none.stderr).toContain('--site');
    const args = ['--at', '10:00', '--forecast', 'morning', '--roster', 'week', '--format', 'json'];
    const single = run(full, args);
    expect(run(two, args).stdout).toBe(single.stdout);
    expect(run(two, [...args, '--site', 'north']).stdout).toBe(single.stdout);
    // south has no forecast of that name
    const south = run(two, [...args, '--site', 'south']);
    expect(south.code).toBe(2);
    expect(south.stderr).toContain('morning');
  });

  it("intervals in the site's zone: south's day is Shanghai's, its 16:00 half hour UTC 08:00", () => {
    const r = run(two, ['--site', 'south', '--at', '18:00', '--format', 'json']);
    expect([0, 5]).toContain(r.code);
    const j = JSON.parse(r.stdout) as Json;
    expect(j.at).toBe('2026-03-02T18:00:00+08:00');
    const billing = j.queues.find((q) => q.queue === 'billing')!;
    expect(billing.intervals[0].intervalStart).toBe('2026-03-02T00:00:00+08:00');
    // the generator: 25 billing calls each half hour of 08:00-18:00 UTC = 16:00-02:00 in Shanghai; the
    // day before 16:00 local (UTC 08:00) holds none of the day's calls (the UTC day before is history)
    billing.intervals.forEach((iv, i) => {
      if (i < 32) expect(iv.actualCalls, String(iv.intervalStart)).toBe(0);
      else if (i < 36) expect(iv.actualCalls, String(iv.intervalStart)).toBe(25);
      else expect(iv.actualCalls).toBeNull();
    });
    expect(billing.day.callsSoFar).toBe(100);
  });
});

describe('wfm intraday: other forms and bad input', () => {
  it('CSV: the intervals of every queue with the gap; table in Chinese', () => {
    const csv = run(full, ['--at', '10:00', '--forecast', 'morning', '--roster', 'week', '--format', 'csv']).stdout.trim().split('\n');
    expect(csv[0]).toBe('queue,intervalStart,forecastCalls,actualCalls,reforecastCalls,reforecastLow,reforecastHigh,requiredAgents,scheduledAgents,gap,projectedServiceLevel,projectedAbandonRate');
    expect(csv).toHaveLength(1 + 96);
    const zh = run(full, ['--at', '10:00', '--forecast', 'morning', '--roster', 'week', '--format', 'table', '--lang', 'zh-CN']);
    expect(zh.stdout).toContain('日内管理 2026-03-02');
    expect(zh.stdout).toContain('调整建议');
  });

  it('exits 2 naming the option or the name', () => {
    const bad = (args: string[], text: string) => {
      const r = run(full, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(text);
    };
    bad(['--at', '25:00'], '--at');
    bad(['--at', '10:00', '--accept', '1'], '--apply');
    bad(['--at', '10:00', '--forecast', 'nope'], 'nope');
    bad(['--at', '10:00', '--forecast', 'morning', '--roster', 'nope'], 'nope');
    bad(['--at', '10:00', '--forecast', 'morning', '--queue', 'nope'], 'nope');
    bad(['--at', 'now'], '--at now');
    expect(wfm(['intraday', '--date', '2026-02-30'], full).code).toBe(2);
  });
});

describe('wfm intraday: handle time where the history has none', () => {
  it("a day whose kind of day has no handle time in the history takes the queue's mean handle time (no exit 2)", () => {
    // the weekend before the Monday and the Monday itself: support gets 6 calls at 07:30-08:00, all
    // abandoned after 30 s, and 10 a half hour 08:00-12:00, answered after 10 s with 200 s of talk; the
    // forecast engine has no Monday in the history to take a handle time from
    const dir = mkdtempSync(join(tmpdir(), 'wfm-intraday-aht-'));
    const lines: { ms: number; text: string }[] = [];
    const s = (ms: number) => Math.round(ms / 1000);
    let id = 0;
    for (let d = 2; d >= 0; d--) {
      const dayMs = DAY_MS - d * 86_400_000;
      for (let k = 0; k < 6; k++) {
        const t = dayMs + 15 * 1_800_000 + k * 300_000;
        lines.push({ ms: t, text: `${s(t)}|a${id}|support|NONE|ENTERQUEUE||1|1` }, { ms: t + 30_000, text: `${s(t) + 30}|a${id++}|support|NONE|ABANDON|1|1|30` });
      }
      for (let i = 16; i < 24; i++) {
        for (let k = 0; k < 10; k++) {
          const t = dayMs + i * 1_800_000 + k * 180_000;
          lines.push(
            { ms: t, text: `${s(t)}|c${id}|support|NONE|ENTERQUEUE||1|1` },
            { ms: t + 10_000, text: `${s(t) + 10}|c${id}|support|A1|CONNECT|10|x|1` },
            { ms: t + 210_000, text: `${s(t) + 210}|c${id++}|support|A1|COMPLETECALLER|10|200|1` },
          );
        }
      }
    }
    lines.sort((a, b) => a.ms - b.ms);
    writeFileSync(join(dir, 'queue_log'), lines.map((l) => l.text).join('\n') + '\n');
    expect(wfm(['import', 'queue-log', 'queue_log', '--quiet'], dir).code).toBe(0);
    const r = run(dir, ['--at', '10:00', '--format', 'json']);
    expect([0, 5], r.stderr).toContain(r.code);
    const q = (JSON.parse(r.stdout) as Json).queues[0];
    expect(q.intervals[15].actualCalls).toBe(6);
    // the requirement of 6 calls at 200 s (the queue's mean handle time), as wfm staff has it
    writeFileSync(join(dir, 'demand.csv'), 'interval_start,queue,calls,aht\n2026-03-02 07:30,support,6,200\n');
    const staff = JSON.parse(wfm(['staff', '--input', 'demand.csv', '--interval', '30', '--format', 'json'], dir).stdout) as { intervals: { scheduledAgents: number }[] };
    expect(q.intervals[15].requiredAgents).toBe(staff.intervals[0].scheduledAgents);
  });
});
