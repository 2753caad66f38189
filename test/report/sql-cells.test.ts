/**
 * The store's SQL aggregates (`Store.callCells`, `Store.agentCallTotals`) against the per-call path
 * (`slaReport` / `agentTotalsFromCalls` over `callsInRange`): identical reports on generated data in
 * several zones (Europe/Berlin across both 2026 DST changes), interval lengths and thresholds, and
 * hand-counted edge cases: waits exactly at the service-level threshold and at the short-abandon
 * limit, fractional seconds, calls on interval boundaries, answers across midnight.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { openStore, type Store } from '../../src/store/index.js';
import type { AgentCallQuery, CallCellQuery } from '../../src/report/cells.js';
import type { CallRecord, VolumeRecord } from '../../src/cdr/types.js';
import { intervalGrid, slaFromCells, slaReport } from '../../src/report/sla.js';
import { agentTotalsFromCalls } from '../../src/report/agents.js';
import { generate } from '../helpers/queue-log-gen.js';

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();

let dir: string;
let store: Store;
const calls: CallRecord[] = [];

/** A hand-made call on queue "edge" (fractional seconds allowed). */
function edge(enteredMs: number, outcome: CallRecord['outcome'], waitS: number, over: Partial<CallRecord> = {}): CallRecord {
  const answered = outcome === 'answered';
  return {
    queue: 'edge', callId: `e${calls.length}`, enteredMs, outcome, waitS, agent: answered ? 'SIP/7001' : null,
    talkS: answered ? 100.25 : null, wrapS: answered ? 3.5 : null, ringNoAnswers: 0, transfer: null, source: 'test', ...over,
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wfm-cells-'));
  store = await openStore(join(dir, 'w.db'), { mode: 'write' });
  // generated days around both Berlin DST changes and an ordinary day (integer seconds)
  for (const [seed, start] of [[3, '2026-03-28T20:00'], [4, '2026-10-24T20:00'], [5, '2026-06-10T00:00']] as const) {
    const g = generate({ seed, calls: 3000, startS: berlin(start) / 1000, meanGapS: 25 });
    for (const c of g.calls) calls.push({ ...c, callId: `${seed}-${c.callId}`, wrapS: c.outcome === 'answered' && c.enteredMs % 3 === 0 ? 7 : null, source: 'gen' });
  }
  // edge cases in the 10:00-10:30 interval of 2026-06-10 (Berlin, UTC+2); threshold 20 s, short abandon 5 s
  const t0 = berlin('2026-06-10T10:00');
  calls.push(
    edge(t0, 'answered', 20), // exactly the threshold: within
    edge(t0 + 1000, 'answered', 20.000001), // just over: not within
    edge(t0 + 2000, 'answered', 19.5),
    edge(t0 + 3000, 'answered', 0, { talkS: null, wrapS: null }), // no talk known: handle 0
    edge(t0 + 4000, 'abandoned', 5), // exactly the short-abandon limit: not short (wait < 5 is)
    edge(t0 + 5000, 'abandoned', 4.999),
    edge(t0 + 6000, 'abandoned', 0),
    edge(t0 + 7000, 'timeout', 300.5),
    edge(t0 + 8000, 'key', 12),
    edge(t0 + 9000, 'empty', 0.25),
    edge(berlin('2026-06-10T10:30') - 1, 'answered', 0.1), // last ms of the interval
    edge(berlin('2026-06-10T10:30'), 'answered', 0.2, { agent: 'SIP/7002' }), // first ms of the next
    // across midnight: entered before the day, answered in it; entered in it, answered after it
    edge(berlin('2026-06-09T23:50'), 'answered', 900, { agent: 'SIP/7003' }),
    edge(berlin('2026-06-10T23:55'), 'answered', 420, { agent: 'SIP/7003' }),
  );
  await store.begin();
  await store.importCalls(SITE, calls, 'Europe/Berlin');
  // the same calls at another site, doubled: never counted with these
  await store.importCalls('other', [...calls, ...calls.map((c) => ({ ...c, callId: `${c.callId}-2` }))], 'Europe/Berlin');
  await store.commit();
});

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const SITE = 'default';

/** The per-call path as the reports ran it before: every call row of the period out of the store. */
async function perCall(fromMs: number, toMs: number): Promise<CallRecord[]> {
  const out: CallRecord[] = [];
  for await (const page of store.callsInRange({ site: SITE, fromMs, toMs })) out.push(...page);
  return out;
}
const cellsOf = (q: CallCellQuery) => store.callCells(SITE, q);
const totalsOf = (q: AgentCallQuery) => store.agentCallTotals(SITE, q);

describe('store.callCells + slaFromCells = slaReport over the calls', () => {
  const cases: { zone: string; day: string; days: number; interval: number | 'day'; sl: number; short: number }[] = [
    { zone: 'Europe/Berlin', day: '2026-03-29', days: 1, interval: 30, sl: 20, short: 5 }, // 23-hour day
    { zone: 'Europe/Berlin', day: '2026-10-25', days: 1, interval: 15, sl: 20, short: 5 }, // 25-hour day
    { zone: 'Europe/Berlin', day: '2026-03-28', days: 3, interval: 'day', sl: 10, short: 0 },
    { zone: 'Europe/Berlin', day: '2026-06-10', days: 1, interval: 30, sl: 20, short: 5 },
    { zone: 'Europe/Berlin', day: '2026-06-10', days: 1, interval: 60, sl: 0, short: 0 },
    { zone: 'Asia/Shanghai', day: '2026-10-24', days: 2, interval: 30, sl: 20, short: 5 },
    { zone: 'UTC', day: '2026-06-09', days: 3, interval: 5, sl: 30, short: 3 },
  ];
  for (const c of cases) {
    it(`${c.zone} ${c.day} +${c.days}d, ${c.interval}-minute intervals, ${c.sl} s / short ${c.short} s`, async () => {
      const from = DateTime.fromISO(c.day, { zone: c.zone });
      const fromMs = from.toMillis();
      const toMs = from.plus({ days: c.days }).toMillis();
      const grid = intervalGrid(fromMs, toMs, c.zone, c.interval);
      const opts = { slThresholdS: c.sl, shortAbandonS: c.short };
      const expected = slaReport(await perCall(fromMs, toMs), grid, opts);
      const cells = await cellsOf({ starts: grid.starts, endMs: grid.endMs, ...opts });
      const got = slaFromCells(cells, grid);
      expect(expected.length).toBeGreaterThan(4);
      expect(got).toEqual(expected);
      // every call of the period is counted once
      const offered = got.filter((r) => r.intervalStart === null).reduce((s, r) => s + r.offered, 0);
      expect(offered).toBe(calls.filter((x) => x.enteredMs >= fromMs && x.enteredMs < toMs).length);
    });
  }

  it('DST days have 46 and 50 half-hour intervals in Europe/Berlin, and calls land in the local interval', async () => {
    const spring = intervalGrid(berlin('2026-03-29T00:00'), berlin('2026-03-30T00:00'), 'Europe/Berlin', 30);
    const fall = intervalGrid(berlin('2026-10-25T00:00'), berlin('2026-10-26T00:00'), 'Europe/Berlin', 30);
    expect(spring.starts).toHaveLength(46);
    expect(fall.starts).toHaveLength(50);
    // 02:00-03:00 does not exist in spring; in autumn 02:00-03:00 happens twice (+02:00, then +01:00)
    expect(spring.labels).not.toContain('2026-03-29T02:00:00+02:00');
    expect(fall.labels.filter((l) => l.slice(11, 16) === '02:30')).toEqual(['2026-10-25T02:30:00+02:00', '2026-10-25T02:30:00+01:00']);
    const rows = slaFromCells(await cellsOf({ starts: fall.starts, endMs: fall.endMs, slThresholdS: 20, shortAbandonS: 5 }), fall);
    // count by local wall clock independently: calls entered in each of the two 02:30 half-hours
    for (const [label, startIso] of [['2026-10-25T02:30:00+02:00', '2026-10-25T00:30:00Z'], ['2026-10-25T02:30:00+01:00', '2026-10-25T01:30:00Z']]) {
      const s = Date.parse(startIso);
      for (const q of ['billing', 'fault', 'complaints', 'vip']) {
        const n = calls.filter((x) => x.queue === q && x.enteredMs >= s && x.enteredMs < s + 1_800_000).length;
        expect(rows.find((r) => r.queue === q && r.intervalStart === label)?.offered ?? 0).toBe(n);
      }
    }
  });

  it('edge cases: wait == threshold is within, wait == short-abandon limit is not short; fractional sums; boundaries', async () => {
    const fromMs = berlin('2026-06-10T10:00');
    const grid = intervalGrid(fromMs, berlin('2026-06-11T00:00'), 'Europe/Berlin', 30);
    const rows = slaFromCells(await cellsOf({ starts: grid.starts, endMs: grid.endMs, queues: ['edge'], slThresholdS: 20, shortAbandonS: 5 }), grid);
    const r = rows.find((x) => x.intervalStart === '2026-06-10T10:00:00+02:00')!;
    // hand count: answered waits 20, 20.000001, 19.5, 0, 0.1 (at 10:29:59.999); abandoned 5, 4.999, 0; timeout, key, empty
    expect(r).toMatchObject({ offered: 11, answered: 5, abandoned: 3, shortAbandoned: 2, exited: 3, answeredWithin: 4, maxWaitSeconds: 300.5 });
    expect(r.serviceLevel).toBe(4 / 9);
    expect(r.abandonRate).toBe(1 / 9);
    expect(r.asaSeconds).toBeCloseTo((20 + 20.000001 + 19.5 + 0 + 0.1) / 5, 12);
    expect(r.ahtSeconds).toBeCloseTo((4 * (100.25 + 3.5)) / 5, 12);
    expect(rows.find((x) => x.intervalStart === '2026-06-10T10:30:00+02:00')).toMatchObject({ offered: 1, answered: 1, answeredWithin: 1 });
    // the per-call path agrees to the bit (Neumaier sums in the same order as SQLite's total())
    expect(rows).toEqual(slaReport((await perCall(fromMs, grid.endMs)).filter((c) => c.queue === 'edge'), grid, { slThresholdS: 20, shortAbandonS: 5 }));
    // short abandons off (0): none counted
    const off = slaFromCells(await cellsOf({ starts: grid.starts, endMs: grid.endMs, queues: ['edge'], slThresholdS: 20, shortAbandonS: 0 }), grid);
    expect(off.find((x) => x.intervalStart === '2026-06-10T10:00:00+02:00')!.shortAbandoned).toBe(0);
  });

  it('a period inside an interval counts only its calls (report sla --from/--to with a time)', async () => {
    const fromMs = berlin('2026-06-10T10:00:04');
    const toMs = berlin('2026-06-10T10:30:00.5');
    const grid = intervalGrid(fromMs, toMs, 'Europe/Berlin', 30);
    const got = slaFromCells(await cellsOf({ starts: grid.starts, endMs: grid.endMs, fromMs, toMs, queues: ['edge'], slThresholdS: 20, shortAbandonS: 5 }), grid);
    expect(got).toEqual(slaReport((await perCall(fromMs, toMs)).filter((c) => c.queue === 'edge'), grid, { slThresholdS: 20, shortAbandonS: 5 }));
    expect(got.find((r) => r.intervalStart === null)!.offered).toBe(6 + 1 + 1); // 10:00:04..10:00:09, 10:29:59.999, 10:30:00
  });

  it('interval volumes count only for queues without calls, in both paths', async () => {
    const fromMs = berlin('2026-06-10T00:00');
    const grid = intervalGrid(fromMs, fromMs + 86_400_000, 'Europe/Berlin', 30);
    const volumes: VolumeRecord[] = [
      { queue: 'acd', intervalStartMs: fromMs + 1_800_000, intervalMinutes: 30, offered: 40, answered: 30, abandoned: 6, answeredWithin: 24, ahtS: 200, asaS: 12 },
      { queue: 'billing', intervalStartMs: fromMs, intervalMinutes: 30, offered: 999, answered: 1, abandoned: 0, answeredWithin: 0, ahtS: 1, asaS: 1 },
    ];
    const opts = { slThresholdS: 20, shortAbandonS: 5 };
    const got = slaFromCells(await cellsOf({ starts: grid.starts, endMs: grid.endMs, ...opts }), grid, volumes);
    expect(got).toEqual(slaReport(await perCall(fromMs, grid.endMs), grid, opts, volumes));
    expect(got.find((r) => r.queue === 'acd' && r.intervalStart === null)).toMatchObject({ offered: 40, exited: 4, serviceLevel: 24 / 40, asaSeconds: 12 });
  });
});

describe('store.agentCallTotals = agentTotalsFromCalls over the calls', () => {
  it('per agent and queue: answered calls entered in the day, answered in the day, handle time', async () => {
    for (const [zone, day] of [['Europe/Berlin', '2026-06-10'], ['Europe/Berlin', '2026-10-25'], ['Asia/Shanghai', '2026-03-29']] as const) {
      const from = DateTime.fromISO(day, { zone });
      const q = { fromMs: from.toMillis(), toMs: from.plus({ days: 1 }).toMillis(), enteredFromMs: from.toMillis() - 3_600_000 };
      const got = await totalsOf(q);
      expect(got.length).toBeGreaterThan(10);
      expect(got).toEqual(agentTotalsFromCalls(await perCall(q.enteredFromMs, q.toMs), q));
    }
  });

  it('answers across midnight count on the day of the answer; entering counts on the day of entry', async () => {
    const from = berlin('2026-06-10T00:00');
    const q = { fromMs: from, toMs: berlin('2026-06-11T00:00'), enteredFromMs: from - 3_600_000, queues: ['edge'] };
    const got = await totalsOf(q);
    // SIP/7003: entered 23:50 the day before (answered 00:05: in the day) and 23:55 (answered 00:02 the next day)
    expect(got.find((t) => t.agent === 'SIP/7003')).toEqual({ agent: 'SIP/7003', queue: 'edge', enteredCalls: 1, answeredCalls: 1, handleS: 103.75 });
    expect(got.find((t) => t.agent === 'SIP/7001')).toEqual({ agent: 'SIP/7001', queue: 'edge', enteredCalls: 5, answeredCalls: 5, handleS: 4 * 103.75 });
    expect(got).toEqual(agentTotalsFromCalls(await perCall(q.enteredFromMs, q.toMs), q));
  });
});
