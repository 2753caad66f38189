/**
 * `wfm simulate` through the built CLI: seeded determinism, the queue_log layout (Asterisk 11+
 * "Queue Logs" docs) checked line by line, the log and Master.csv going through `wfm import`
 * unchanged in count, the JSON summary's documented fields, agreement with Erlang C (exact rational
 * arithmetic, test/helpers/exact.ts) and Erlang A for stationary cases, roster files, and bad
 * options failing with exit 2 and the option's name.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { erlangCExact, ratioToNumber } from '../helpers/exact.js';
import { erlangA } from '../../src/queueing/index.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function wfm(args: string[], cwd: string): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LANG: 'C', TZ: 'UTC' },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function json<T>(args: string[], cwd: string): T {
  const r = wfm([...args, '--format', 'json'], cwd);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wfm-sim-'));
});

// 2026-10-26 00:00 Asia/Shanghai = 2026-10-25T16:00:00Z
const START_SH = Date.UTC(2026, 9, 25, 16) / 1000;
const FLAT = ['simulate', '--calls', '40', '--aht', '150', '--agents', '5', '--patience', '90', '--start', '2026-10-26', '--tz', 'Asia/Shanghai'];

interface Result {
  calls: number;
  answered: number;
  abandoned: number;
  exited: number;
  queueLogLines: number;
  from: string;
  to: string;
}

describe('wfm simulate: the queue_log', () => {
  it('is the same for the same seed and differs for another seed', () => {
    wfm([...FLAT, '--seed', '7', '--out', 'a.log'], dir);
    wfm([...FLAT, '--seed', '7', '--out', 'b.log'], dir);
    wfm([...FLAT, '--seed', '8', '--out', 'c.log'], dir);
    const a = readFileSync(join(dir, 'a.log'), 'utf8');
    expect(a.length).toBeGreaterThan(10_000);
    expect(readFileSync(join(dir, 'b.log'), 'utf8')).toBe(a);
    expect(readFileSync(join(dir, 'c.log'), 'utf8')).not.toBe(a);
  });

  it('writes well-formed Asterisk 11+ lines whose calls match the reported counts', () => {
    const res = json<Result>([...FLAT, '--seed', '3', '--out', 'day.log.gz'], dir);
    const text = gunzipSync(readFileSync(join(dir, 'day.log.gz'))).toString('utf8');
    const lines = text.split('\n').filter(Boolean);
    expect(lines.length).toBe(res.queueLogLines);
    expect(res.from).toBe('2026-10-26T00:00:00+08:00');
    expect(res.to).toBe('2026-10-27T00:00:00+08:00');
    const enter = new Map<string, number>();
    const ends = new Map<string, string>();
    let lastTime = 0;
    for (const line of lines) {
      const f = line.split('|');
      expect(f.length).toBeGreaterThanOrEqual(6);
      const [time, callId, queue, agent, event] = f;
      const t = Number(time);
      expect(Number.isInteger(t)).toBe(true);
      expect(t).toBeGreaterThanOrEqual(lastTime); // time order
      lastTime = t;
      expect(queue).toBe('default');
      if (event === 'ENTERQUEUE') {
        expect(agent).toBe('NONE');
        enter.set(callId, t);
        expect(t).toBeGreaterThanOrEqual(START_SH);
        expect(t).toBeLessThan(START_SH + 86400);
      } else if (event === 'CONNECT') {
        // CONNECT|holdtime|bridgeduniqueid|ringtime: holdtime is the wait since ENTERQUEUE
        expect(Number(f[5])).toBe(t - enter.get(callId)!);
      } else if (event === 'COMPLETEAGENT' || event === 'COMPLETECALLER' || event === 'ABANDON' || event === 'EXITEMPTY') {
        expect(ends.has(callId)).toBe(false);
        ends.set(callId, event);
        if (event === 'ABANDON') expect(Number(f[7])).toBe(t - enter.get(callId)!); // ABANDON|pos|origpos|waittime
      }
    }
    expect(enter.size).toBe(res.calls);
    expect(ends.size).toBe(res.calls); // every call ends exactly once
    const abandoned = [...ends.values()].filter((e) => e === 'ABANDON').length;
    expect(abandoned).toBe(res.abandoned);
    expect(res.answered + res.abandoned + res.exited).toBe(res.calls);
    // 40 calls per half hour for a day: Poisson total with mean 1920
    expect(Math.abs(res.calls - 1920)).toBeLessThan(5 * Math.sqrt(1920));
  });

  it('goes through `wfm import queue-log` and `wfm import cdr` with every call kept', () => {
    const res = json<Result>([...FLAT, '--seed', '5', '--out', 'imp.log.gz', '--master-csv', 'Master.csv'], dir);
    const db = join(dir, 'imp.db');
    const q = json<{ calls: number; rejected: number; accepted: number; lines: number }>(['import', 'queue-log', 'imp.log.gz', '--db', db, '--tz', 'Asia/Shanghai'], dir);
    expect(q.rejected).toBe(0);
    expect(q.accepted).toBe(res.queueLogLines);
    expect(q.calls).toBe(res.calls);
    const db2 = join(dir, 'imp-cdr.db');
    const c = json<{ calls: number; rejected: number }>(['import', 'cdr', 'Master.csv', '--type', 'asterisk', '--db', db2, '--tz', 'Asia/Shanghai'], dir);
    expect(c.rejected).toBe(0);
    expect(c.calls).toBe(res.calls);
    // the imported calls give the same abandon count in the store's report
    const sla = json<{ queue: string; intervalStart: string | null; offered: number; abandoned: number }[]>(
      ['report', 'sla', '--from', '2026-10-26', '--to', '2026-10-27', '--interval', 'day', '--db', db, '--tz', 'Asia/Shanghai'],
      dir,
    );
    const total = sla.find((r) => r.intervalStart === null) ?? sla[0];
    expect(total.offered).toBe(res.calls);
    expect(total.abandoned).toBe(res.abandoned);
  });

  it('writes the log to stdout without --out and --summary', () => {
    const r = wfm([...FLAT, '--seed', '7'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(dir, 'a.log'), 'utf8'));
  });
});

interface Row {
  queue: string;
  intervalStart: string;
  calls: number;
  agents: number;
  serviceLevel: number | null;
  serviceLevelCi: [number, number] | null;
  asaSeconds: number | null;
  asaCi: [number, number] | null;
  abandonRate: number | null;
  erlangServiceLevel: number | null;
  erlangAsaSeconds: number | null;
  expectedCalls: number;
}

const ISSUE_FIELDS = ['queue', 'intervalStart', 'calls', 'agents', 'serviceLevel', 'serviceLevelCi', 'asaSeconds', 'asaCi', 'abandonRate', 'erlangServiceLevel', 'erlangAsaSeconds'];

describe('wfm simulate --summary', () => {
  it('prints the documented fields per interval, times in --tz', () => {
    const rows = json<Row[]>([...FLAT, '--summary', '--replications', '4'], dir);
    expect(rows).toHaveLength(48);
    for (const f of ISSUE_FIELDS) expect(Object.keys(rows[0])).toContain(f);
    expect(rows[0].intervalStart).toBe('2026-10-26T00:00:00+08:00');
    expect(rows[1].intervalStart).toBe('2026-10-26T00:30:00+08:00');
    for (const r of rows) {
      expect(r.agents).toBeCloseTo(5, 9);
      expect(r.expectedCalls).toBe(40);
      if (r.serviceLevelCi) {
        expect(r.serviceLevelCi[0]).toBeLessThanOrEqual(r.serviceLevel!);
        expect(r.serviceLevelCi[1]).toBeGreaterThanOrEqual(r.serviceLevel!);
        expect(r.serviceLevelCi[0]).toBeGreaterThanOrEqual(0);
        expect(r.serviceLevelCi[1]).toBeLessThanOrEqual(1);
      }
    }
    const day = json<Row[]>([...FLAT, '--summary', '--replications', '4', '--by', 'day', '--days', '2'], dir);
    expect(day.map((r) => r.intervalStart)).toEqual(['2026-10-26T00:00:00+08:00', '2026-10-27T00:00:00+08:00']);
    expect(day[0].expectedCalls).toBe(1920);
  });

  it('agrees with Erlang C (exact) for a stationary M/M/n queue', () => {
    // a = 100 calls / 1800 s x 180 s = 10 Erlangs, n = 12, T = 20 s
    const [row] = json<Row[]>(
      ['simulate', '--calls', '100', '--aht', '180', '--agents', '12', '--days', '1', '--start', '2026-10-26', '--tz', 'UTC', '--summary', '--by', 'total', '--warmup', '60', '--replications', '30', '--seed', '11'],
      dir,
    );
    const c = erlangCExact(12, 10n, 1n);
    const pw = ratioToNumber(c.num, c.den);
    const sl = 1 - pw * Math.exp((-(12 - 10) * 20) / 180);
    const asa = (pw * 180) / (12 - 10);
    expect(row.erlangServiceLevel).toBeCloseTo(sl, 9);
    expect(row.erlangAsaSeconds).toBeCloseTo(asa, 9);
    const [lo, hi] = row.serviceLevelCi!;
    expect(hi - lo).toBeLessThan(0.05); // the interval has teeth
    expect(sl).toBeGreaterThanOrEqual(lo);
    expect(sl).toBeLessThanOrEqual(hi);
    expect(asa).toBeGreaterThanOrEqual(row.asaCi![0]);
    expect(asa).toBeLessThanOrEqual(row.asaCi![1]);
    expect(row.abandonRate).toBe(0);
  });

  it('agrees with Erlang A with exponential patience', () => {
    // a = 120 / 1800 x 240 = 16 Erlangs on 16 agents: only abandons keep it stable
    const [row] = json<Row[] & { erlangAbandonRate: number }[]>(
      ['simulate', '--calls', '120', '--aht', '240', '--agents', '16', '--patience', '120', '--start', '2026-10-26', '--tz', 'UTC', '--summary', '--by', 'total', '--warmup', '60', '--replications', '30', '--seed', '12'],
      dir,
    );
    const e = erlangA(16, 16, 240, 120, 20);
    expect(row.erlangServiceLevel).toBeCloseTo(e.serviceLevel, 9);
    const [lo, hi] = row.serviceLevelCi!;
    expect(hi - lo).toBeLessThan(0.05);
    expect(e.serviceLevel).toBeGreaterThanOrEqual(lo);
    expect(e.serviceLevel).toBeLessThanOrEqual(hi);
    const ab = (row as unknown as { abandonRateCi: [number, number] }).abandonRateCi;
    expect(e.probAbandon!).toBeGreaterThanOrEqual(ab[0]);
    expect(e.probAbandon!).toBeLessThanOrEqual(ab[1]);
  });
});

describe('wfm simulate inputs', () => {
  it('reads a demand CSV: expected calls per queue and interval, talk time = aht - wrap', () => {
    writeFileSync(
      join(dir, 'demand.csv'),
      'interval_start,queue,calls,aht\n2026-10-26 09:00,billing,60,200\n2026-10-26 09:30,billing,80,200\n2026-10-26 09:00,vip,10,300\n2026-10-26 10:00,vip,6,300\n',
    );
    const rows = json<(Row & { erlangModel: string })[]>(
      ['simulate', '--input', 'demand.csv', '--agents', 'billing=9,vip=3', '--wrap', '20', '--tz', 'Asia/Shanghai', '--summary', '--replications', '3'],
      dir,
    );
    // grid 09:00 .. 10:00 (30 min, inferred), both queues, missing rows are 0 calls
    expect(rows.map((r) => `${r.queue} ${r.intervalStart} ${r.expectedCalls}`)).toEqual([
      'billing 2026-10-26T09:00:00+08:00 60',
      'billing 2026-10-26T09:30:00+08:00 80',
      'billing 2026-10-26T10:00:00+08:00 0',
      'vip 2026-10-26T09:00:00+08:00 10',
      'vip 2026-10-26T09:30:00+08:00 0',
      'vip 2026-10-26T10:00:00+08:00 6',
    ]);
    // Erlang C with AHT = talk (200 - 20) + wrap 20 = 200 s: a = 60/1800 x 200, n = 9
    const a = (60 / 1800) * 200;
    const c = erlangCExact(9, BigInt(Math.round(a * 3)), 3n); // a = 20/3 exactly
    const sl = 1 - ratioToNumber(c.num, c.den) * Math.exp((-(9 - a) * 20) / 200);
    expect(rows[0].erlangServiceLevel).toBeCloseTo(sl, 9);
    // --days 2 repeats the input's day from local midnight
    const days = json<Row[]>(
      ['simulate', '--input', 'demand.csv', '--agents', '3', '--aht', '100', '--days', '2', '--tz', 'Asia/Shanghai', '--summary', '--by', 'day', '--replications', '2'],
      dir,
    );
    expect(days.map((r) => `${r.queue} ${r.intervalStart} ${r.expectedCalls}`)).toEqual([
      'billing 2026-10-26T00:00:00+08:00 140',
      'billing 2026-10-27T00:00:00+08:00 140',
      'vip 2026-10-26T00:00:00+08:00 16',
      'vip 2026-10-27T00:00:00+08:00 16',
    ]);
  });

  it('staffs from a roster file: login, breaks and logoff at the scheduled local times', () => {
    writeFileSync(
      join(dir, 'roster.csv'),
      'agent,queues,start,end,breaks\nAgent/7001,default,2026-10-26 08:00,2026-10-26 12:00,2026-10-26 10:00~2026-10-26 10:15\nAgent/7002,default,2026-10-26 09:00,2026-10-26 13:00,\n',
    );
    const r = wfm(['simulate', '--calls', '5', '--aht', '120', '--roster', 'roster.csv', '--patience', '60', '--start', '2026-10-26', '--tz', 'Asia/Shanghai', '--seed', '2'], dir);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter(Boolean).map((l) => l.split('|'));
    const at = (h: number, m = 0) => START_SH + h * 3600 + m * 60;
    const add = lines.filter((f) => f[4] === 'ADDMEMBER').map((f) => [f[3], Number(f[0])]);
    expect(add).toEqual([
      ['Agent/7001', at(8)],
      ['Agent/7002', at(9)],
    ]);
    const pause = lines.find((f) => f[4] === 'PAUSE' && f[3] === 'Agent/7001')!;
    expect(Number(pause[0])).toBeGreaterThanOrEqual(at(10));
    expect(Number(pause[0])).toBeLessThan(at(10, 15));
    const unpause = lines.find((f) => f[4] === 'UNPAUSE' && f[3] === 'Agent/7001')!;
    expect(Number(unpause[0])).toBe(at(10, 15));
    const removed = lines.filter((f) => f[4] === 'REMOVEMEMBER' && f[3] === 'Agent/7002').map((f) => Number(f[0]));
    expect(removed).toHaveLength(1);
    expect(removed[0]).toBeGreaterThanOrEqual(at(13));
    // nobody is logged in before 08:00: every call before then is abandoned or never answered
    for (const f of lines) if (f[4] === 'CONNECT') expect(Number(f[0])).toBeGreaterThanOrEqual(at(8));
  });

  it('reads the CSV of `wfm roster` (queue column, breaks as start/end paid|unpaid)', () => {
    writeFileSync(
      join(dir, 'roster-out.csv'),
      'agent,date,queue,template,start,end,paid_hours,breaks\n' +
        'Agent/8001,2026-10-26,default,S6,2026-10-26T08:00:00+08:00,2026-10-26T14:00:00+08:00,5.5,' +
        '2026-10-26T09:45:00+08:00/2026-10-26T10:00:00+08:00 paid; 2026-10-26T11:30:00+08:00/2026-10-26T12:00:00+08:00 unpaid\n',
    );
    const r = wfm(['simulate', '--calls', '2', '--aht', '60', '--roster', 'roster-out.csv', '--patience', '30', '--start', '2026-10-26', '--tz', 'Asia/Shanghai'], dir);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n').filter(Boolean).map((l) => l.split('|'));
    const at = (h: number, m = 0) => START_SH + h * 3600 + m * 60;
    const pauses = lines.filter((f) => f[4] === 'PAUSE').map((f) => [Number(f[0]), f[5]] as [number, string]);
    expect(pauses.map((p) => p[1])).toEqual(['Break', 'Lunch']);
    expect(pauses[0][0]).toBeGreaterThanOrEqual(at(9, 45));
    expect(pauses[1][0]).toBeGreaterThanOrEqual(at(11, 30));
    const unpauses = lines.filter((f) => f[4] === 'UNPAUSE').map((f) => Number(f[0]));
    expect(unpauses).toEqual([at(10), at(12)]);
  });

  it('takes its arrivals from a forecast saved in the store (--forecast NAME)', () => {
    const db = join(dir, 'fc.db');
    // 4 weeks of history at 4 calls per half hour, imported, forecast and saved
    const sim = wfm(['simulate', '--calls', '4', '--aht', '120', '--agents', '2', '--days', '28', '--start', '2026-09-28', '--tz', 'Asia/Shanghai', '--queue', 'billing', '--out', 'fc-hist.log', '--seed', '9'], dir);
    expect(sim.code, sim.stderr).toBe(0);
    expect(wfm(['import', 'queue-log', 'fc-hist.log', '--db', db, '--tz', 'Asia/Shanghai'], dir).code).toBe(0);
    const fc = json<{ calls: number }[]>(['forecast', '--db', db, '--tz', 'Asia/Shanghai', '--start', '2026-10-26', '--days', '1', '--save', 'mon', '--holidays', 'none', '--quiet'], dir);
    const total = fc.reduce((a, r) => a + r.calls, 0);
    expect(total).toBeGreaterThan(100);
    const [row] = json<Row[]>(['simulate', '--forecast', 'mon', '--db', db, '--agents', '3', '--tz', 'Asia/Shanghai', '--summary', '--by', 'total', '--replications', '2'], dir);
    expect(row.queue).toBe('billing');
    expect(row.expectedCalls).toBeCloseTo(total, 6);
    const missing = wfm(['simulate', '--forecast', 'nope', '--db', db, '--agents', '3', '--tz', 'Asia/Shanghai'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--forecast/);
  });

  it('the bundled sample spans the spec period and keeps its seed', () => {
    const res = json<Result & { seed: number; queues: string[] }>(['simulate', '--sample', '--days', '2', '--out', 'sample.log.gz', '--tz', 'Asia/Shanghai'], dir);
    const spec = JSON.parse(readFileSync(new URL('../../data/sample-spec.json', import.meta.url), 'utf8'));
    expect(res.seed).toBe(spec.seed);
    expect(res.queues).toEqual(spec.queues.map((q: { name: string }) => q.name));
    expect(res.from).toBe(`${spec.startDate}T00:00:00+08:00`);
    expect(existsSync(join(dir, 'sample.log.gz'))).toBe(true);
  });
});

describe('wfm simulate: bad options exit 2 and name the option', () => {
  const cases: [string, string[], RegExp][] = [
    ['non-numeric --agents', ['--calls', '10', '--aht', '60', '--agents', 'many'], /--agents/],
    ['negative --patience', ['--calls', '10', '--aht', '60', '--agents', '2', '--patience', '-5'], /--patience/],
    ['zero --replications', ['--calls', '10', '--aht', '60', '--agents', '2', '--summary', '--replications', '0'], /--replications/],
    ['fractional --seed', ['--calls', '10', '--aht', '60', '--agents', '2', '--seed', '1.5'], /--seed/],
    ['bad --aht-cv', ['--calls', '10', '--aht', '60', '--agents', '2', '--aht-cv', 'x'], /--aht-cv/],
    ['no arrivals', ['--agents', '2', '--aht', '60'], /--input/],
    ['no staffing', ['--calls', '10', '--aht', '60'], /--agents/],
    ['no talk time', ['--calls', '10', '--agents', '2'], /--aht/],
    ['--agents and --roster', ['--calls', '10', '--aht', '60', '--agents', '2', '--roster', 'x.csv'], /--roster/],
    ['--agents for an unknown queue', ['--calls', '10', '--aht', '60', '--agents', 'billing=3'], /--agents.*billing/],
    ['missing roster file', ['--calls', '10', '--aht', '60', '--roster', 'nope.csv'], /--roster/],
    ['bad --by', ['--calls', '10', '--aht', '60', '--agents', '2', '--summary', '--by', 'week'], /--by/],
  ];
  it.each(cases)('%s', (_name, args, rx) => {
    const r = wfm(['simulate', ...args], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(rx);
  });

  it.skipIf(!existsSync('/dev/full'))('a failed write (disk full) exits 2 naming the option and the file, in plain words', () => {
    const r = wfm(['simulate', '--calls', '50', '--aht', '60', '--agents', '3', '--days', '3', '--out', '/dev/full'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out \/dev\/full: cannot write there: no space left on the device \(ENOSPC\)/);
  });

  it('names the file, line and field of a bad roster row', () => {
    writeFileSync(join(dir, 'bad-roster.csv'), 'agent,queues,start,end\nAgent/1,default,2026-10-26 08:00,2026-10-26 12:00\nAgent/2,default,tomorrow,2026-10-26 12:00\n');
    const r = wfm(['simulate', '--calls', '10', '--aht', '60', '--roster', 'bad-roster.csv', '--tz', 'UTC'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-roster\.csv:3: field start/);
  });
});
