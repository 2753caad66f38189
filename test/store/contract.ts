/**
 * The store contract: one suite every backend of `Store` passes (test/store/contract-sqlite.test.ts,
 * test/store/contract-postgres.test.ts). `fresh` makes a new, empty store on the current schema,
 * open for writing. Expectations are written out by hand, or come from a different algorithm: the
 * per-call paths of the reports (`cellsFromCalls` in src/report/sla.ts, `agentTotalsFromCalls` in
 * src/report/agents.ts) over the generated calls, never from the store under test.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { PendingCall } from '../../src/cdr/assembler.js';
import type { AgentEvent, CallRecord, VolumeRecord } from '../../src/cdr/types.js';
import type { AgentRecord, ExamRecord, SkillRequirement, TrainingRecord } from '../../src/people/types.js';
import { agentTotalsFromCalls } from '../../src/report/agents.js';
import { cellsFromCalls, intervalGrid } from '../../src/report/sla.js';
import { TABLES, type ForecastSnapshot, type RosterSnapshot, type Store } from '../../src/store/index.js';
import { generate } from '../helpers/queue-log-gen.js';

export type FreshStore = () => Promise<Store>;

const T0 = Date.UTC(2026, 5, 10, 8); // 2026-06-10 08:00 UTC
const MIN = 60_000;

/** A call; by default answered on queue `vip` by SIP/8001 after `i` seconds. */
export function call(i: number, over: Partial<CallRecord> = {}): CallRecord {
  return {
    queue: 'vip',
    callId: `c${i}`,
    enteredMs: T0 + i * 1000,
    outcome: 'answered',
    waitS: i,
    agent: 'SIP/8001',
    talkS: 100,
    wrapS: null,
    ringNoAnswers: 0,
    transfer: null,
    source: 'test',
    ...over,
  };
}

/** Every call of a site as the store yields it, and the page sizes. */
async function readCalls(store: Store, site: string, fromMs = 0, toMs = 4e12, queues?: string[]): Promise<{ calls: CallRecord[]; pages: number[] }> {
  const calls: CallRecord[] = [];
  const pages: number[] = [];
  for await (const page of store.callsInRange({ site, fromMs, toMs, queues })) {
    pages.push(page.length);
    calls.push(...page);
  }
  return { calls, pages };
}

/** Code-point (= UTF-8 byte) order, as both backends sort text. */
const byKey = (a: CallRecord, b: CallRecord) =>
  a.queue !== b.queue ? (a.queue < b.queue ? -1 : 1) : a.enteredMs !== b.enteredMs ? a.enteredMs - b.enteredMs : a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : 0;

/**
 * Generated calls around the Berlin DST change of 2026-03-29 and an ordinary day, with fractional
 * waits, talk and wrap-up (milliseconds, eighths), several agents, every outcome.
 */
function generatedCalls(): CallRecord[] {
  const out: CallRecord[] = [];
  const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
  for (const [seed, start] of [[11, '2026-03-28T20:00'], [12, '2026-06-10T06:00']] as const) {
    const g = generate({ seed, calls: 1500, startS: berlin(start) / 1000, meanGapS: 40 });
    g.calls.forEach((c, i) => {
      const frac = (i * 37) % 1000;
      out.push({
        ...c,
        callId: `${seed}-${c.callId}`,
        waitS: c.waitS + frac / 1000,
        talkS: c.talkS === null ? null : c.talkS + (i % 8) / 8 + 0.1,
        wrapS: c.outcome === 'answered' && i % 3 === 0 ? 7.3 + (i % 5) / 100 : null,
        source: 'gen',
      });
    });
  }
  return out.sort(byKey);
}

function forecastSnapshot(name: string, createdMs: number, rows: number[] = [1.1, 2.2, 3.3]): ForecastSnapshot {
  return {
    name,
    createdMs,
    tz: 'Asia/Shanghai',
    intervalMinutes: 30,
    startDate: '2026-06-11',
    days: 1,
    methods: { vip: 'seasonal-naive', billing: 'ets' },
    rows: rows.map((calls, i) => ({ queue: i % 2 ? 'billing' : 'vip', intervalStartMs: T0 + i * 30 * MIN, calls, ahtSeconds: i === 0 ? null : 180 + i, callsLow: calls / 2, callsHigh: calls * 2 })),
  };
}

function rosterSnapshot(name: string, createdMs: number): RosterSnapshot {
  const h = 3600_000;
  return {
    name,
    createdMs,
    tz: 'Asia/Shanghai',
    startDate: '2026-06-11',
    days: 1,
    intervalMinutes: 30,
    solver: 'highs',
    paidHours: 16,
    lowerBound: 15.5,
    gap: 0.03125,
    understaffed: 1,
    seconds: 0.75,
    rules: '{"shifts":[]}',
    shifts: [
      { agent: 'b', queue: 'vip', template: 'early', startMs: T0 + h, endMs: T0 + 9 * h, breaks: [{ startMs: T0 + 4 * h, endMs: T0 + 4.5 * h, paid: false }] },
      { agent: 'a', queue: 'vip', template: 'early', startMs: T0 + h, endMs: T0 + 9 * h, breaks: [] },
      { agent: 'a', queue: 'billing', template: 'late', startMs: T0, endMs: T0 + 8 * h, breaks: [{ startMs: T0 + 3 * h, endMs: T0 + 3.25 * h, paid: true }] },
    ],
    coverage: [
      { queue: 'vip', intervalStartMs: T0 + 30 * MIN, required: 1.5, scheduled: 2 },
      { queue: 'billing', intervalStartMs: T0, required: 0.25, scheduled: 1 },
      { queue: 'vip', intervalStartMs: T0, required: 2, scheduled: 1 },
    ],
  };
}

const agentRecord = (id: string, over: Partial<AgentRecord> = {}): AgentRecord => ({
  id,
  name: `Agent ${id}`,
  team: 'red',
  supervisor: 'sup',
  skills: [{ skill: 'vip', proficiency: 3 }],
  contract: 'full',
  minWeeklyHours: 30,
  maxWeeklyHours: 40,
  hireDate: '2024-01-02',
  ...over,
});

/**
 * Something in every table of the schema, in two sites (counts in `FILLED`): the data of the
 * dump/load round trip and of the status counts.
 */
export async function fill(store: Store): Promise<void> {
  await store.begin();
  await store.saveSite({ name: 'default', tz: 'Asia/Shanghai' });
  await store.saveSite({ name: 'north', tz: 'Europe/Berlin' });
  await store.importCalls('default', [call(1), call(2, { queue: 'billing', outcome: 'abandoned', agent: null, talkS: null, waitS: 3.25 }), call(3, { wrapS: 12.5, transfer: 'BLINDTRANSFER 200@sales' })], 'Asia/Shanghai');
  await store.importCalls('north', [call(1, { ringNoAnswers: 2 }), call(4, { outcome: 'timeout', agent: null, talkS: null })], 'Europe/Berlin');
  await store.importAgentEvents('default', [{ agent: 'SIP/8001', queue: null, kind: 'pause', timeMs: T0, reason: 'lunch\tbreak' }, { agent: 'SIP/8001', queue: 'vip', kind: 'add', timeMs: T0 - 1, reason: null }], 'Asia/Shanghai');
  await store.replacePendingCalls('default', 'queue_log', [{ queue: 'vip', callId: 'p1', enteredMs: T0 } as PendingCall]);
  await store.importVolumes('north', [{ queue: 'acd', intervalStartMs: T0, intervalMinutes: 30, offered: 10, answered: 8, abandoned: 2, answeredWithin: 7, ahtS: 190.5, asaS: 12.25 }], 'Europe/Berlin');
  await store.recordImport('default', { kind: 'queue-log', files: ['q.log'], tz: 'Asia/Shanghai', startedMs: T0, finishedMs: T0 + 5, lines: 9, accepted: 8, rejected: 1, calls: 3 });
  await store.importAgents('default', [agentRecord('a', { skills: [{ skill: 'vip', proficiency: 3 }, { skill: 'billing', proficiency: null }] }), agentRecord('b', { name: null, contract: null })]);
  await store.importExams('default', [{ agent: 'a', exam: 'vip-cert', date: '2026-05-01', score: 88.5, passMark: 80, attempt: null, passed: true }]);
  await store.importTraining('default', [{ agent: 'a', course: 'vip-course', date: '2026-04-01', hours: 7.5, result: 'pass', certificateExpiry: '2027-04-01' }]);
  await store.importSkillRequirements('default', [{ skill: 'vip', exam: 'vip-cert', certificate: 'vip-course' }]);
  await store.commit();
  expect((await store.saveForecast('default', forecastSnapshot('week-24', T0))).saved).toBe(true);
  expect((await store.saveRoster('north', rosterSnapshot('week-24', T0 + 1))).saved).toBe(true);
}

/** Rows per table after `fill` (call buckets: default's vip and billing, north's vip, all in 08:00-08:15 UTC; audit: the migration's row, the import's, the two saves). */
export const FILLED: Record<string, number> = {
  sites: 2, calls: 5, call_buckets: 3, queues: 4, agent_events: 2, pending_calls: 1, volumes: 1, imports: 1, forecasts: 1, forecast_rows: 3,
  agents: 2, agent_skills: 3, exams: 1, training: 1, skill_requirements: 1, rosters: 1, roster_shifts: 3, roster_coverage: 3, audit: 4,
};

/** Every row of every table (pages flattened), by table name. */
export async function dumpAll(store: Store, except: readonly string[] = []): Promise<Record<string, unknown[][]>> {
  const out: Record<string, unknown[][]> = {};
  for (const t of TABLES) {
    if (except.includes(t.name)) continue;
    const rows: unknown[][] = [];
    for await (const page of store.dumpTable(t.name)) rows.push(...page);
    out[t.name] = rows;
  }
  return out;
}

export function storeContract(name: string, fresh: FreshStore): void {
  describe(`store contract: ${name}`, () => {
    const open: Store[] = [];
    const make = async () => {
      const s = await fresh();
      open.push(s);
      return s;
    };
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });

    it('a new store is empty but for the audit row of its migration', async () => {
      const s = await make();
      expect(await s.isEmpty()).toBe(true);
      const st = await s.status();
      expect(st.backend).toBe(s.backend);
      expect(st.version).toBe(7);
      expect(st.sites).toEqual([]);
      expect(st.user).toBe(s.user);
      expect(Object.keys(st.rows)).toEqual(TABLES.map((t) => t.name));
      expect(Object.entries(st.rows).filter(([, n]) => n > 0)).toEqual([['audit', 1]]);
      const [migration] = await s.auditLog({});
      expect(migration).toMatchObject({ action: 'db.migrate', site: null, user: s.user, detail: { from: 0, to: 7 } });
    });

    it('sites: a new zone replaces the old one; listed by name; a site makes the store non-empty', async () => {
      const s = await make();
      await s.saveSite({ name: 'north', tz: 'Europe/Berlin' });
      await s.saveSite({ name: 'default', tz: 'UTC' });
      await s.saveSite({ name: 'north', tz: 'Europe/Paris' });
      expect(await s.sites()).toEqual([
        { name: 'default', tz: 'UTC' },
        { name: 'north', tz: 'Europe/Paris' },
      ]);
      expect(await s.isEmpty()).toBe(false);
    });

    it('calls by natural key: a re-import updates and counts only new calls; a key twice in a batch keeps the last', async () => {
      const s = await make();
      const batch = Array.from({ length: 200 }, (_, i) => call(i, { queue: i % 2 ? 'billing' : 'vip' }));
      expect(await s.importCalls('default', batch, 'UTC')).toBe(200);
      const changed = batch.map((c, i) => (i === 70 ? { ...c, outcome: 'abandoned' as const, talkS: null, agent: null } : c));
      expect(await s.importCalls('default', [...changed, call(500), call(500, { waitS: 9.5 })], 'UTC')).toBe(1);
      const { calls } = await readCalls(s, 'default');
      expect(calls.length).toBe(201);
      expect(calls.find((c) => c.callId === 'c70')).toMatchObject({ outcome: 'abandoned', agent: null, talkS: null });
      expect(calls.find((c) => c.callId === 'c500')!.waitS).toBe(9.5);
      expect(await s.queues('default')).toEqual(['billing', 'vip']);
      // the same id at another enter time or in another queue is another call
      expect(await s.importCalls('default', [call(1, { enteredMs: T0 + 1001 }), call(1, { queue: 'other' })], 'UTC')).toBe(2);
      expect(await s.importCalls('default', [], 'UTC')).toBe(0);
    });

    it('every field of a call comes back as stored, text with tabs, line breaks and backslashes included', async () => {
      const s = await make();
      const odd = call(7, { callId: 'a\tb\nc\\d\re', agent: 'Agent "Zoë" 张', transfer: 'ATTENDEDTRANSFER 3\\1', wrapS: 0.1, talkS: 1e-3, waitS: 123456.789, ringNoAnswers: 3, source: 'csv' });
      const plain = call(8, { outcome: 'empty', agent: null, talkS: null, wrapS: null, waitS: 0 });
      await s.importCalls('default', [odd, plain], 'UTC');
      expect((await readCalls(s, 'default')).calls).toEqual([odd, plain]);
    });

    it('two sites with the same call ids are two sets of calls that never mix', async () => {
      const s = await make();
      const a = [call(1), call(2), call(3, { queue: 'billing' })];
      const b = [call(1, { outcome: 'abandoned', agent: null, talkS: null, waitS: 40 }), call(2, { agent: 'SIP/9001', waitS: 30 })];
      expect(await s.importCalls('east', a, 'Asia/Shanghai')).toBe(3);
      expect(await s.importCalls('west', b, 'Asia/Urumqi')).toBe(2);
      expect(await s.importCalls('east', a, 'Asia/Shanghai')).toBe(0);
      expect((await readCalls(s, 'east')).calls).toEqual([a[2], a[0], a[1]]);
      expect((await readCalls(s, 'west')).calls).toEqual(b);
      expect(await s.queues('east')).toEqual(['billing', 'vip']);
      expect(await s.queues('west')).toEqual(['vip']);
      expect(await s.hasCall('west', 'billing', 'c3', T0, T0 + 5000)).toBe(false);
      expect(await s.hasCall('east', 'billing', 'c3', T0, T0 + 5000)).toBe(true);
      const grid = { starts: [T0], endMs: T0 + 30 * MIN, slThresholdS: 20, shortAbandonS: 5 };
      const east = await s.callCells('east', grid);
      const west = await s.callCells('west', grid);
      expect(east.map((c) => [c.queue, c.offered, c.answered, c.answeredWaitS])).toEqual([['billing', 1, 1, 3], ['vip', 2, 2, 3]]);
      expect(west.map((c) => [c.queue, c.offered, c.answered, c.abandoned, c.answeredWaitS, c.maxWaitS])).toEqual([['vip', 2, 1, 1, 30, 40]]);
      const totals = { fromMs: T0, toMs: T0 + 30 * MIN, enteredFromMs: T0 };
      expect((await s.agentCallTotals('west', totals)).map((t) => [t.agent, t.queue, t.answeredCalls])).toEqual([['SIP/9001', 'vip', 1]]);
      expect((await s.agentCallTotals('east', totals)).map((t) => [t.agent, t.queue, t.answeredCalls])).toEqual([['SIP/8001', 'billing', 1], ['SIP/8001', 'vip', 2]]);
      expect((await readCalls(s, 'nowhere')).calls).toEqual([]);
      expect(await s.callCells('nowhere', grid)).toEqual([]);
    });

    it('calls in a range: [from, to), by queue then enter time then id (byte order), in pages of at most 5000', async () => {
      const s = await make();
      // 12,001 calls: ids c0..c12000 over two queues, pairs sharing an enter time (so ids order the ties)
      const batch = Array.from({ length: 12_001 }, (_, i) => call(i, { queue: i % 3 ? 'vip' : 'billing', enteredMs: T0 + Math.floor(i / 2) * 1000 }));
      for (let i = 0; i < batch.length; i += 4096) await s.importCalls('default', batch.slice(i, i + 4096), 'UTC');
      const all = await readCalls(s, 'default');
      expect(all.calls.length).toBe(12_001);
      expect(all.pages.every((n) => n <= 5000)).toBe(true);
      expect(all.pages.length).toBeGreaterThanOrEqual(3);
      expect(all.calls.map((c) => c.callId)).toEqual([...batch].sort(byKey).map((c) => c.callId));
      // [T0 + 5 s, T0 + 8 s): c10 .. c15; c10 and c11 share an enter time
      const from = T0 + 5000;
      const to = T0 + 8000;
      const some = await readCalls(s, 'default', from, to, ['vip', 'vip']);
      expect(some.calls.map((c) => c.callId)).toEqual(['c10', 'c11', 'c13', 'c14']);
      expect((await readCalls(s, 'default', from, to, ['billing'])).calls.map((c) => c.callId)).toEqual(['c12', 'c15']);
    });

    it('hasCall: the window [from, to] holds both ends; fractional ends widen to whole ms', async () => {
      const s = await make();
      await s.importCalls('default', [call(5)], 'UTC');
      const at = T0 + 5000;
      expect(await s.hasCall('default', 'vip', 'c5', at, at)).toBe(true);
      expect(await s.hasCall('default', 'vip', 'c5', at - 5000, at - 1)).toBe(false);
      expect(await s.hasCall('default', 'vip', 'c5', at + 1, at + 5000)).toBe(false);
      expect(await s.hasCall('default', 'vip', 'c5', at - 0.5, at - 0.5)).toBe(true);
      expect(await s.hasCall('default', 'vip', 'c5', at + 0.5, at + 2)).toBe(true);
      expect(await s.hasCall('default', 'vip', 'c6', at - 5000, at + 5000)).toBe(false);
      expect(await s.hasCall('default', 'billing', 'c5', at - 5000, at + 5000)).toBe(false);
    });

    it('open calls are kept per site and source, in order, and replaced whole', async () => {
      const s = await make();
      const p = (id: string, extra: Partial<PendingCall> = {}): PendingCall => ({ queue: 'vip', callId: id, enteredMs: T0, ...extra }) as PendingCall;
      await s.replacePendingCalls('default', 'queue_log', [p('b'), p('a', { connectMs: T0 + 5, connectAgent: 'SIP/1' }), p('c')]);
      await s.replacePendingCalls('default', 'other', [p('x')]);
      await s.replacePendingCalls('north', 'queue_log', [p('n')]);
      expect(await s.pendingCalls('default', 'queue_log')).toEqual([p('b'), p('a', { connectMs: T0 + 5, connectAgent: 'SIP/1' }), p('c')]);
      await s.replacePendingCalls('default', 'queue_log', [p('d')]);
      expect(await s.pendingCalls('default', 'queue_log')).toEqual([p('d')]);
      expect(await s.pendingCalls('default', 'other')).toEqual([p('x')]);
      expect(await s.pendingCalls('north', 'queue_log')).toEqual([p('n')]);
      await s.replacePendingCalls('default', 'queue_log', []);
      expect(await s.pendingCalls('default', 'queue_log')).toEqual([]);
      expect(await s.pendingCalls('south', 'queue_log')).toEqual([]);
    });

    it('agent events: a repeat is ignored (the first kept) and counted as not new; a range by time then agent', async () => {
      const s = await make();
      const e = (agent: string, kind: AgentEvent['kind'], timeMs: number, queue: string | null = null, reason: string | null = null): AgentEvent => ({ agent, queue, kind, timeMs, reason });
      const batch = [e('SIP/2', 'login', T0), e('SIP/1', 'pause', T0, null, 'lunch'), e('SIP/1', 'pause', T0, null, 'other'), e('SIP/1', 'add', T0 - 1, 'vip'), e('SIP/1', 'unpause', T0 + 10)];
      expect(await s.importAgentEvents('default', batch, 'UTC')).toBe(4);
      expect(await s.importAgentEvents('default', [e('SIP/1', 'pause', T0, null, 'again'), e('SIP/3', 'login', T0 + 5)], 'UTC')).toBe(1);
      expect(await s.importAgentEvents('north', [e('SIP/1', 'login', T0)], 'UTC')).toBe(1);
      expect(await s.agentEventsInRange('default', T0 - 1, T0 + 10)).toEqual([
        e('SIP/1', 'add', T0 - 1, 'vip'),
        e('SIP/1', 'pause', T0, null, 'lunch'),
        e('SIP/2', 'login', T0),
        e('SIP/3', 'login', T0 + 5),
      ]);
      expect(await s.agentEventsInRange('north', 0, 4e12)).toEqual([e('SIP/1', 'login', T0)]);
    });

    it('volumes: a re-import replaces the row; new rows counted; by queue then time; queues noted', async () => {
      const s = await make();
      const v = (queue: string, i: number, offered: number, over: Partial<VolumeRecord> = {}): VolumeRecord => ({
        queue, intervalStartMs: T0 + i * 30 * MIN, intervalMinutes: 30, offered, answered: offered - 1, abandoned: 1, answeredWithin: offered - 2, ahtS: 200.5, asaS: 9.75, ...over,
      });
      expect(await s.importVolumes('default', [v('vip', 1, 10), v('acd', 0, 5), v('vip', 0, 7)], 'UTC')).toBe(3);
      expect(await s.importVolumes('default', [v('vip', 1, 12, { answered: null, ahtS: null }), v('vip', 2, 3), v('vip', 2, 4)], 'UTC')).toBe(1);
      expect(await s.volumesInRange({ site: 'default', fromMs: T0, toMs: T0 + 90 * MIN })).toEqual([
        v('acd', 0, 5),
        v('vip', 0, 7),
        v('vip', 1, 12, { answered: null, ahtS: null }),
        v('vip', 2, 4),
      ]);
      expect(await s.volumesInRange({ site: 'default', fromMs: T0 + 30 * MIN, toMs: T0 + 60 * MIN, queues: ['vip'] })).toEqual([v('vip', 1, 12, { answered: null, ahtS: null })]);
      expect(await s.queues('default')).toEqual(['acd', 'vip']);
      expect(await s.volumesInRange({ site: 'north', fromMs: 0, toMs: 4e12 })).toEqual([]);
    });

    it('callCells by hand: thresholds at their edges, interval edges, clipping, exact sums', async () => {
      const s = await make();
      const a = (i: number, enteredMs: number, outcome: CallRecord['outcome'], waitS: number, talkS: number | null = null, wrapS: number | null = null) =>
        call(i, { enteredMs, outcome, waitS, talkS, wrapS, agent: outcome === 'answered' ? 'SIP/1' : null });
      const half = T0 + 30 * MIN;
      await s.importCalls(
        'default',
        [
          a(1, T0, 'answered', 0.1, 10, 0.5),
          a(2, T0 + 1, 'answered', 0.2, 20.25),
          a(3, T0 + 2, 'answered', 0.3, null, 4),
          a(4, T0 + 3, 'answered', 20, 1), // exactly the threshold: within
          a(5, T0 + 4, 'answered', 20.000001, 1), // just over
          a(6, T0 + 5, 'abandoned', 5), // exactly the short-abandon limit: not short
          a(7, T0 + 6, 'abandoned', 4.999),
          a(8, T0 + 7, 'timeout', 300.5),
          a(9, T0 + 8, 'key', 12),
          a(10, T0 + 9, 'empty', 0.25),
          a(11, half - 1, 'abandoned', 0), // last ms of the first interval
          a(12, half, 'answered', 1.5, 30), // first ms of the second
          a(13, T0 - 1, 'answered', 1, 1), // before the grid
          a(14, T0 + 60 * MIN, 'answered', 1, 1), // at its end
        ],
        'UTC',
      );
      const q = { starts: [T0, half], endMs: T0 + 60 * MIN, slThresholdS: 20, shortAbandonS: 5 };
      const cells = await s.callCells('default', q);
      expect(cells).toEqual([
        {
          queue: 'vip', interval: 0, offered: 11, answered: 5, abandoned: 3, shortAbandoned: 2, timeout: 1, key: 1, empty: 1, answeredWithin: 4,
          // 0.1 + 0.2 + 0.3 + 20 + 20.000001, exactly, rounded once (a naive left-to-right sum gives 40.600001000000006)
          answeredWaitS: 40.600001, handleS: 10.5 + 20.25 + 4 + 1 + 1, maxWaitS: 300.5,
        },
        { queue: 'vip', interval: 1, offered: 1, answered: 1, abandoned: 0, shortAbandoned: 0, timeout: 0, key: 0, empty: 0, answeredWithin: 1, answeredWaitS: 1.5, handleS: 30, maxWaitS: 1.5 },
      ]);
      // 0.1 + 0.2 + 0.3: the correctly rounded sum is 0.6 (naively 0.6000000000000001)
      const clipped = await s.callCells('default', { ...q, toMs: T0 + 3 });
      expect(clipped.map((c) => [c.interval, c.answered, c.answeredWaitS, c.handleS])).toEqual([[0, 3, 0.6, 34.75]]);
      const late = await s.callCells('default', { ...q, fromMs: half - 1 });
      expect(late.map((c) => [c.interval, c.offered, c.abandoned, c.shortAbandoned])).toEqual([[0, 1, 1, 1], [1, 1, 0, 0]]);
      const noShort = await s.callCells('default', { ...q, shortAbandonS: 0, slThresholdS: 0 });
      expect(noShort.map((c) => [c.shortAbandoned, c.answeredWithin])).toEqual([[0, 0], [0, 0]]);
      expect(await s.callCells('default', { ...q, queues: ['billing'] })).toEqual([]);
      expect(await s.callCells('default', { ...q, starts: [], endMs: T0 })).toEqual([]);
      await expect(s.callCells('default', { ...q, starts: [half, T0] })).rejects.toThrow(RangeError);
    });

    it('callCells equal the per-call cells on generated calls (DST and even grids, fractional seconds, every threshold)', async () => {
      const s = await make();
      const calls = generatedCalls();
      await s.importCalls('default', calls, 'Europe/Berlin');
      const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
      const cases = [
        { from: '2026-03-29', days: 1, interval: 30 as const, sl: 20, short: 5 }, // 23 hours
        { from: '2026-03-28', days: 2, interval: 15 as const, sl: 10.5, short: 0 },
        { from: '2026-03-28', days: 80, interval: 'day' as const, sl: 30, short: 3 },
        { from: '2026-06-10', days: 1, interval: 60 as const, sl: 0, short: 7.25 },
        // evenly spaced grids (no DST change inside): PostgreSQL divides instead of searching
        { from: '2026-06-08', days: 5, interval: 'day' as const, sl: 20, short: 5 },
        { from: '2026-06-10', days: 1, interval: 15 as const, sl: 12.5, short: 2 },
      ];
      for (const c of cases) {
        const fromMs = berlin(c.from);
        const toMs = DateTime.fromMillis(fromMs, { zone: 'Europe/Berlin' }).plus({ days: c.days }).toMillis();
        const grid = intervalGrid(fromMs, toMs, 'Europe/Berlin', c.interval);
        const opts = { slThresholdS: c.sl, shortAbandonS: c.short };
        const got = await s.callCells('default', { starts: grid.starts, endMs: grid.endMs, ...opts });
        const want = cellsFromCalls(calls, grid, opts);
        expect(want.length).toBeGreaterThan(0);
        expect(got).toEqual(want);
        // a period inside the grid, on some queues
        const inner = { fromMs: fromMs + 3 * 3600_000 + 17, toMs: fromMs + 9 * 3600_000 - 5 };
        const queues = ['vip', 'billing'];
        const gotInner = await s.callCells('default', { starts: grid.starts, endMs: grid.endMs, ...opts, ...inner, queues });
        const wantInner = cellsFromCalls(calls.filter((x) => x.enteredMs >= inner.fromMs && x.enteredMs < inner.toMs && queues.includes(x.queue)), grid, opts);
        expect(gotInner).toEqual(wantInner);
      }
    });

    it('call buckets: the quarter-hour counts of the calls as they stand after every import (inside and outside a transaction, re-imports that change an outcome, two sites)', async () => {
      const s = await make();
      const calls = generatedCalls();
      // per-call reference: offered, answered and handle time per site, queue and quarter hour
      const reference = (site: string, list: readonly CallRecord[], fromMs = 0, toMs = 4e12, queues?: string[]) => {
        const m = new Map<string, { queue: string; startMs: number; offered: number; answered: number; handleS: number; talked: number; talkedHandleS: number }>();
        for (const c of list) {
          const startMs = Math.floor(c.enteredMs / 900_000) * 900_000;
          if (startMs < fromMs || startMs >= toMs || (queues && !queues.includes(c.queue))) continue;
          const k = `${startMs}|${c.queue}`;
          const b = m.get(k) ?? { queue: c.queue, startMs, offered: 0, answered: 0, handleS: 0, talked: 0, talkedHandleS: 0 };
          b.offered++;
          if (c.outcome === 'answered') {
            b.answered++;
            b.handleS += (c.talkS ?? 0) + (c.wrapS ?? 0);
            if (c.talkS !== null) {
              b.talked++;
              b.talkedHandleS += c.talkS + (c.wrapS ?? 0);
            }
          }
          m.set(k, b);
        }
        void site;
        return [...m.values()].sort((a, b) => a.startMs - b.startMs || (a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : 0));
      };
      const r6 = (b: { handleS: number; talkedHandleS: number }) => ({ ...b, handleS: Math.round(b.handleS * 1e6) / 1e6, talkedHandleS: Math.round(b.talkedHandleS * 1e6) / 1e6 });
      const close = (got: { handleS: number; talkedHandleS: number }[], want: { handleS: number; talkedHandleS: number }[]) => expect(got.map(r6)).toEqual(want.map(r6));
      // the first half outside a transaction, the second half in one
      const half = Math.floor(calls.length / 2);
      await s.importCalls('default', calls.slice(0, half), 'Europe/Berlin');
      close(await s.callBuckets('default', { fromMs: 0, toMs: 4e12 }), reference('default', calls.slice(0, half)));
      await s.begin();
      await s.importCalls('default', calls.slice(half, half + 700), 'Europe/Berlin');
      await s.importCalls('default', calls.slice(half + 700), 'Europe/Berlin');
      await s.commit();
      const all = reference('default', calls);
      expect(all.length).toBeGreaterThan(100);
      close(await s.callBuckets('default', { fromMs: 0, toMs: 4e12 }), all);
      // a re-import that turns every fifth answered call into an abandoned one (no talk), every seventh into one answered without a talk time
      const changed = calls.map((c, i) =>
        i % 5 === 0 && c.outcome === 'answered'
          ? { ...c, outcome: 'abandoned' as const, agent: null, talkS: null, wrapS: null }
          : i % 7 === 0 && c.outcome === 'answered'
            ? { ...c, talkS: null, wrapS: 4.5 }
            : c,
      );
      await s.begin();
      await s.importCalls('default', changed.filter((_, i) => i % 5 === 0 || i % 7 === 0), 'Europe/Berlin');
      expect(changed.filter((c) => c.outcome === 'answered' && c.talkS === null).length).toBeGreaterThan(10);
      await s.commit();
      close(await s.callBuckets('default', { fromMs: 0, toMs: 4e12 }), reference('default', changed));
      // a range and some queues; a rolled-back import leaves the buckets as they were
      const fromMs = Date.UTC(2026, 2, 28, 22);
      const toMs = Date.UTC(2026, 2, 29, 3, 7);
      close(await s.callBuckets('default', { fromMs, toMs, queues: ['vip'] }), reference('default', changed, fromMs, toMs, ['vip']));
      await s.begin();
      await s.importCalls('default', [call(1, { enteredMs: fromMs + 60_000, queue: 'vip', callId: 'extra' })], 'UTC');
      await s.rollback();
      close(await s.callBuckets('default', { fromMs, toMs, queues: ['vip'] }), reference('default', changed, fromMs, toMs, ['vip']));
      // another site's calls are its own
      await s.importCalls('north', [call(2, { enteredMs: fromMs + 120_000, callId: 'n1' })], 'UTC');
      expect(await s.callBuckets('north', { fromMs: 0, toMs: 4e12 })).toEqual([{ queue: 'vip', startMs: fromMs, offered: 1, answered: 1, handleS: 100, talked: 1, talkedHandleS: 100 }]);
      // a time before 1970 rounds down too (a minute before the epoch is in the quarter hour from -15 min)
      await s.importCalls('north', [call(3, { enteredMs: -60_000, callId: 'old' })], 'UTC');
      expect(await s.callBuckets('north', { fromMs: -1e7, toMs: 0 })).toEqual([{ queue: 'vip', startMs: -900_000, offered: 1, answered: 1, handleS: 100, talked: 1, talkedHandleS: 100 }]);
      close(await s.callBuckets('default', { fromMs, toMs, queues: ['vip'] }), reference('default', changed, fromMs, toMs, ['vip']));
    });

    it('agentCallTotals equal the per-call totals on generated calls, and by hand', async () => {
      const s = await make();
      const calls = generatedCalls();
      await s.importCalls('default', calls, 'Europe/Berlin');
      const day = Date.UTC(2026, 5, 10, 0) - 2 * 3600_000; // 2026-06-10 in Berlin (UTC+2)
      for (const q of [
        { fromMs: day, toMs: day + 86400_000, enteredFromMs: day - 3600_000 },
        { fromMs: day + 8 * 3600_000, toMs: day + 9 * 3600_000, enteredFromMs: day + 7 * 3600_000, queues: ['vip', 'fault'] },
        { fromMs: 0, toMs: 4e12, enteredFromMs: 0 },
      ]) {
        const want = agentTotalsFromCalls(calls, q);
        expect(want.length).toBeGreaterThan(0);
        expect(await s.agentCallTotals('default', q)).toEqual(want);
      }
      // by hand: entered before the period and answered in it counts as answered only; answered after it, entered only
      const h = await make();
      const from = T0 + 3600_000;
      const to = from + 3600_000;
      await h.importCalls(
        'default',
        [
          call(1, { enteredMs: from - 60_000, waitS: 61, talkS: 10.1, wrapS: 0.2 }), // answered at from + 1 s
          call(2, { enteredMs: from - 60_000, waitS: 59, talkS: 99 }), // answered before the period: neither
          call(3, { enteredMs: to - 1000, waitS: 2, talkS: 20.2 }), // entered in it, answered after
          call(4, { enteredMs: from, waitS: 0, talkS: 0.1, agent: 'SIP/8002' }),
          call(5, { enteredMs: from + 5, outcome: 'abandoned', agent: null, talkS: null }),
          call(6, { enteredMs: from + 6, agent: null }), // no agent: not counted
        ],
        'UTC',
      );
      expect(await h.agentCallTotals('default', { fromMs: from, toMs: to, enteredFromMs: from - 3600_000 })).toEqual([
        { agent: 'SIP/8001', queue: 'vip', enteredCalls: 1, answeredCalls: 1, handleS: 10.299999999999999 },
        { agent: 'SIP/8002', queue: 'vip', enteredCalls: 1, answeredCalls: 1, handleS: 0.1 },
      ]);
    });

    it('people: agents (skills replaced whole), exams, training and skill requirements by key; new rows counted', async () => {
      const s = await make();
      expect(await s.importAgents('default', [agentRecord('b'), agentRecord('a'), agentRecord('a', { team: 'blue', skills: [{ skill: 'x', proficiency: 1 }, { skill: 'x', proficiency: 2 }] })])).toBe(2);
      expect(await s.importAgents('default', [agentRecord('b', { skills: [], name: null, minWeeklyHours: 12.5 }), agentRecord('c')])).toBe(1);
      expect(await s.importAgents('north', [agentRecord('a', { contract: 'part' })])).toBe(1);
      expect(await s.agents('default')).toEqual([
        agentRecord('a', { team: 'blue', skills: [{ skill: 'x', proficiency: 2 }] }),
        agentRecord('b', { skills: [], name: null, minWeeklyHours: 12.5 }),
        agentRecord('c'),
      ]);
      expect(await s.agents('north')).toEqual([agentRecord('a', { contract: 'part' })]);

      const ex = (agent: string, date: string, attempt: number | null, score: number | null, passed: boolean | null): ExamRecord => ({ agent, exam: 'vip-cert', date, attempt, score, passMark: 80, passed });
      expect(await s.importExams('default', [ex('a', '2026-05-02', null, 70, false), ex('a', '2026-05-01', 1, 90, true), ex('b', '2026-05-01', 2, null, null)])).toBe(3);
      // attempt null and attempt 0 are one key: the sitting is replaced
      expect(await s.importExams('default', [ex('a', '2026-05-02', 0, 75, false), ex('c', '2026-06-01', null, 99, true)])).toBe(1);
      expect(await s.exams('default')).toEqual([ex('a', '2026-05-01', 1, 90, true), ex('b', '2026-05-01', 2, null, null), ex('a', '2026-05-02', 0, 75, false), ex('c', '2026-06-01', null, 99, true)]);
      expect(await s.exams('default', '2026-05-02', '2026-05-31')).toEqual([ex('a', '2026-05-02', 0, 75, false)]);

      const tr = (agent: string, course: string, date: string, hours: number | null, expiry: string | null = null): TrainingRecord => ({ agent, course, date, hours, result: hours ? 'pass' : null, certificateExpiry: expiry });
      expect(await s.importTraining('default', [tr('a', 'vip', '2026-04-01', 7.5, '2027-04-01'), tr('b', 'vip', '2026-03-01', null)])).toBe(2);
      expect(await s.importTraining('default', [tr('a', 'vip', '2026-04-01', 8, '2027-05-01'), tr('a', 'basic', '2026-04-01', 2)])).toBe(1);
      expect(await s.training('default')).toEqual([tr('b', 'vip', '2026-03-01', null), tr('a', 'basic', '2026-04-01', 2), tr('a', 'vip', '2026-04-01', 8, '2027-05-01')]);
      expect(await s.training('default', '2026-03-31')).toEqual([tr('b', 'vip', '2026-03-01', null)]);

      const req = (skill: string, exam: string | null, certificate: string | null): SkillRequirement => ({ skill, exam, certificate });
      expect(await s.importSkillRequirements('default', [req('vip', 'vip-cert', null), req('billing', null, 'basic')])).toBe(2);
      expect(await s.importSkillRequirements('default', [req('vip', 'vip-cert', 'vip')])).toBe(0);
      expect(await s.skillRequirements('default')).toEqual([req('billing', null, 'basic'), req('vip', 'vip-cert', 'vip')]);
      expect(await s.skillRequirements('north')).toEqual([]);
    });

    it('forecasts: saved once per site and name (createdBy is the store user), a taken name refused with who and when', async () => {
      const s = await make();
      const f = forecastSnapshot('week-24', T0);
      expect(await s.saveForecast('default', f)).toEqual({ saved: true });
      expect(await s.saveForecast('default', forecastSnapshot('week-24', T0 + 99, [5]))).toEqual({ saved: false, createdBy: s.user, createdMs: T0 });
      expect(await s.saveForecast('north', forecastSnapshot('week-24', T0 + 1, [0.1, 0.2, 0.3]))).toEqual({ saved: true });
      expect(await s.saveForecast('default', forecastSnapshot('week-25', T0 - 5, []))).toEqual({ saved: true });
      const loaded = await s.forecast('default', 'week-24');
      expect(loaded).toEqual({ ...f, createdBy: s.user, rows: [...f.rows].sort((x, y) => (x.queue < y.queue ? -1 : x.queue > y.queue ? 1 : x.intervalStartMs - y.intervalStartMs)) });
      expect(await s.forecast('north', 'week-25')).toBeNull();
      const list = await s.listForecasts();
      expect(list.map((x) => [x.site, x.name, x.rowCount, x.totalCalls, x.createdBy])).toEqual([
        ['default', 'week-25', 0, 0, s.user],
        ['default', 'week-24', 3, 6.6, s.user],
        ['north', 'week-24', 3, 0.6, s.user], // 0.1 + 0.2 + 0.3 exactly (naively 0.6000000000000001)
      ]);
      expect((await s.listForecasts('north')).map((x) => x.name)).toEqual(['week-24']);
      const audit = await s.auditLog({ site: 'default' });
      expect(audit.map((r) => [r.action, r.detail])).toEqual([
        ['forecast.save', { name: 'week-25', rows: 0, startDate: '2026-06-11', days: 1 }],
        ['forecast.save', { name: 'week-24', rows: 3, startDate: '2026-06-11', days: 1 }],
      ]);
    });

    it('rosters: saved once per site and name, shifts by start then agent, coverage by queue then time, listed newest first', async () => {
      const s = await make();
      const r = rosterSnapshot('week-24', T0);
      expect(await s.saveRoster('default', r)).toEqual({ saved: true });
      expect(await s.saveRoster('default', { ...rosterSnapshot('week-24', T0 + 5), shifts: [] })).toEqual({ saved: false, createdBy: s.user, createdMs: T0 });
      expect(await s.saveRoster('default', { ...rosterSnapshot('week-25', T0 + 5), shifts: [] })).toEqual({ saved: true });
      const loaded = await s.roster('default', 'week-24');
      expect(loaded).toEqual({ ...r, createdBy: s.user, shifts: [r.shifts[2], r.shifts[1], r.shifts[0]], coverage: [r.coverage[1], r.coverage[2], r.coverage[0]] });
      expect(await s.roster('north', 'week-24')).toBeNull();
      expect((await s.listRosters()).map((x) => [x.site, x.name, x.shiftCount, x.agentCount, x.createdBy, x.gap])).toEqual([
        ['default', 'week-25', 0, 0, s.user, 0.03125],
        ['default', 'week-24', 3, 2, s.user, 0.03125],
      ]);
      expect(await s.listRosters('north')).toEqual([]);
      expect((await s.auditLog({})).filter((a) => a.action === 'roster.save').map((a) => a.detail.name)).toEqual(['week-25', 'week-24']);
    });

    it('audit: rows newest first, filtered by time, site and user, limited; an import run logs its row and an audit row', async () => {
      const s = await make();
      // after the migration's row, by the clock the store keeps (this machine's, or its server's)
      await new Promise((r) => setTimeout(r, 5));
      const before = Date.now();
      await s.audit({ action: 'test.one', site: 'north', detail: { n: 1 } });
      await s.audit({ action: 'test.two', site: null, detail: { nested: { list: [1, 'x'] } } });
      await s.recordImport('north', { kind: 'cdr', files: ['a.csv', 'b.csv'], tz: 'Europe/Berlin', startedMs: T0, finishedMs: T0 + 1, lines: 10, accepted: 9, rejected: 1, calls: 9 });
      const all = await s.auditLog({});
      expect(all.map((r) => r.action)).toEqual(['import.cdr', 'test.two', 'test.one', 'db.migrate']);
      expect(all.every((r) => r.user === s.user)).toBe(true);
      expect(all[0]).toMatchObject({ site: 'north', detail: { files: ['a.csv', 'b.csv'], lines: 10, accepted: 9, rejected: 1, calls: 9 } });
      expect(all[1].detail).toEqual({ nested: { list: [1, 'x'] } });
      expect(all[0].id).toBeGreaterThan(all[1].id);
      expect(all[0].atMs).toBeGreaterThanOrEqual(all[1].atMs);
      expect((await s.auditLog({ site: 'north' })).map((r) => r.action)).toEqual(['import.cdr', 'test.one']);
      expect((await s.auditLog({ sinceMs: before })).map((r) => r.action)).toEqual(['import.cdr', 'test.two', 'test.one']);
      expect((await s.auditLog({ sinceMs: Date.now() + 3600_000 })).length).toBe(0);
      expect((await s.auditLog({ user: `${s.user}-other` })).length).toBe(0);
      expect((await s.auditLog({ user: s.user, limit: 2 })).map((r) => r.action)).toEqual(['import.cdr', 'test.two']);
      expect((await s.status()).rows.imports).toBe(1);
    });

    it('a rolled-back transaction leaves nothing; a committed one keeps everything', async () => {
      const s = await make();
      await s.begin('import:default');
      expect(await s.importCalls('default', [call(1), call(2, { queue: 'billing' })], 'UTC')).toBe(2);
      await s.importVolumes('default', [{ queue: 'acd', intervalStartMs: T0, intervalMinutes: 30, offered: 1, answered: 1, abandoned: 0, answeredWithin: 1, ahtS: 1, asaS: 1 }], 'UTC');
      await s.importAgentEvents('default', [{ agent: 'SIP/1', queue: null, kind: 'login', timeMs: T0, reason: null }], 'UTC');
      await s.replacePendingCalls('default', 'queue_log', [{ queue: 'vip', callId: 'p' } as PendingCall]);
      await s.saveSite({ name: 'default', tz: 'UTC' });
      await s.recordImport('default', { kind: 'queue-log', files: ['x'], tz: 'UTC', startedMs: 1, finishedMs: 2, lines: 3, accepted: 3, rejected: 0, calls: 2 });
      await s.rollback();
      expect(await s.isEmpty()).toBe(true);
      expect(await s.queues('default')).toEqual([]);
      expect((await s.auditLog({})).map((r) => r.action)).toEqual(['db.migrate']);
      // the same run again, committed: the queues the rolled-back run had seen are recorded now
      await s.begin('import:default');
      expect(await s.importCalls('default', [call(1), call(2, { queue: 'billing' })], 'UTC')).toBe(2);
      await s.commit();
      expect(await s.queues('default')).toEqual(['billing', 'vip']);
      expect((await readCalls(s, 'default')).calls.length).toBe(2);
      // writes outside a transaction are kept at once
      expect(await s.importCalls('default', [call(3, { queue: 'acd' })], 'UTC')).toBe(1);
      expect(await s.queues('default')).toEqual(['acd', 'billing', 'vip']);
    });

    it('status counts every table; dump then load into a second store gives identical dumps', async () => {
      const a = await make();
      await fill(a);
      const st = await a.status();
      expect(st.rows).toEqual(FILLED);
      expect(st.sites).toEqual([
        { name: 'default', tz: 'Asia/Shanghai' },
        { name: 'north', tz: 'Europe/Berlin' },
      ]);
      expect(await a.isEmpty()).toBe(false);
      const b = await make();
      // the audit log is left out: the second store has its own migration's row under id 1
      await b.begin();
      for (const t of TABLES) {
        if (t.name === 'audit') continue;
        for await (const page of a.dumpTable(t.name)) await b.loadTable(t.name, page);
      }
      await b.commit();
      const dumpA = await dumpAll(a, ['audit']);
      expect(await dumpAll(b, ['audit'])).toEqual(dumpA);
      expect(dumpA.calls.length).toBe(5);
      expect(dumpA.calls[0]).toEqual(['default', 'billing', T0 + 2000, 'c2', 'Asia/Shanghai', 'abandoned', 3.25, null, null, null, 0, null, 'test']);
      expect(dumpA.agent_events.map((r) => r[5])).toEqual(['lunch\tbreak', null]);
      expect(dumpA.imports).toEqual([[1, 'default', 'queue-log', '["q.log"]', 'Asia/Shanghai', T0, T0 + 5, 9, 8, 1, 3]]);
      const copied = await b.status();
      expect({ ...copied.rows, audit: 0 }).toEqual({ ...FILLED, audit: 0 });
      // the copy reads as the original
      expect(await b.roster('north', 'week-24')).toEqual(await a.roster('north', 'week-24'));
      expect(await b.agents('default')).toEqual(await a.agents('default'));
      // a generated id is not kept: the loaded rows were numbered after b's own (none), the next row comes after them
      await b.recordImport('default', { kind: 'cdr', files: [], tz: 'UTC', startedMs: 0, finishedMs: 0, lines: 0, accepted: 0, rejected: 0, calls: 0 });
      const imports: unknown[][] = [];
      for await (const page of b.dumpTable('imports')) imports.push(...page);
      expect(imports.map((r) => r[0])).toEqual([1, 2]);
    });

    it('loaded audit rows are numbered after the store\'s own (ids given are not kept), in the order given; the next row comes after them', async () => {
      const s = await make();
      await s.begin();
      const past = Date.UTC(2020, 0, 1);
      await s.loadTable('audit', [
        [100, past, 'alice', 'forecast.save', 'default', '{"name":"x"}'],
        [7, past + 1, 'bob', 'db.copy', null, '{}'],
      ]);
      await s.commit();
      await s.audit({ action: 'test.after', site: null, detail: {} });
      const rows = await s.auditLog({});
      // newest first (by time: the loaded rows are from 2020); the migration's row is id 1
      expect(rows.map((r) => [r.id, r.user, r.action])).toEqual([
        [4, s.user, 'test.after'],
        [1, s.user, 'db.migrate'],
        [3, 'bob', 'db.copy'],
        [2, 'alice', 'forecast.save'],
      ]);
      expect((await s.auditLog({ user: 'alice' })).map((r) => r.detail)).toEqual([{ name: 'x' }]);
    });
  });
}
