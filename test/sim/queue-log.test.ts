/**
 * The queue_log the simulator writes is well-formed by the Asterisk 11+ layouts (docs.asterisk.org
 * "Queue Logs"; app_queue.c): checked here by an independent line-by-line validator that replays
 * every call's and agent's state from the text alone.
 */
import { describe, expect, it } from 'vitest';
import { Simulation, queueLogEvents, runReplication } from '../../src/sim/engine.js';
import { formatQueueLogLine, formatMasterCsvLine } from '../../src/sim/pbx-format.js';
import type { CallRecord, SimInput } from '../../src/sim/types.js';
import { generateSample, parseSampleSpec } from '../../src/sim/sample.js';
import { readFileSync } from 'node:fs';

interface CallState {
  queue: string;
  enter: number;
  opos: number;
  state: 'waiting' | 'connected' | 'done';
  connect: number;
  hold: number;
  agent: string;
}

interface Report {
  errors: string[];
  counts: Record<string, number>;
  connectOrder: Map<string, string[]>; // queue -> call ids in CONNECT order
  enterOrder: Map<string, string[]>;
  agentEvents: Map<string, { t: number; ev: string; data: string[]; callId: string }[]>;
}

const DATA_FIELDS: Record<string, number> = {
  ENTERQUEUE: 3,
  CONNECT: 3,
  COMPLETEAGENT: 3,
  COMPLETECALLER: 3,
  ABANDON: 3,
  EXITEMPTY: 3,
  RINGNOANSWER: 1,
  ADDMEMBER: 1,
  REMOVEMEMBER: 1,
  PAUSE: 1,
  UNPAUSE: 1,
  AGENTLOGIN: 1,
  AGENTLOGOFF: 2,
};

/** Replays a queue_log; `exactPositions` checks ENTERQUEUE position = callers waiting + 1 (no ringing). */
function validate(lines: string[], opts: { exactPositions?: boolean; wrap?: Record<string, number> } = {}): Report {
  const errors: string[] = [];
  const err = (i: number, m: string) => {
    if (errors.length < 20) errors.push(`line ${i + 1}: ${m}: ${lines[i]}`);
  };
  const calls = new Map<string, CallState>();
  const members = new Map<string, { paused: boolean }>(); // queue + agent
  const agentCall = new Map<string, string>();
  const agentFreeAt = new Map<string, number>();
  const waiting = new Map<string, number>();
  const counts: Record<string, number> = {};
  const connectOrder = new Map<string, string[]>();
  const enterOrder = new Map<string, string[]>();
  const agentEvents = new Map<string, { t: number; ev: string; data: string[]; callId: string }[]>();
  let last = -Infinity;
  lines.forEach((line, i) => {
    const f = line.split('|');
    if (f.length < 6) return err(i, 'too few fields');
    const [ts, callId, queue, agent, ev, ...data] = f;
    if (!/^\d+$/.test(ts)) return err(i, 'time not an integer');
    const t = Number(ts);
    if (t < last) err(i, 'time goes back');
    last = t;
    counts[ev] = (counts[ev] ?? 0) + 1;
    if (!(ev in DATA_FIELDS)) return err(i, `unknown event ${ev}`);
    if (data.length !== DATA_FIELDS[ev]) return err(i, `expected ${DATA_FIELDS[ev]} data fields`);
    if (agent !== 'NONE') {
      if (!agentEvents.has(agent)) agentEvents.set(agent, []);
      agentEvents.get(agent)!.push({ t, ev, data, callId });
    }
    const int = (s: string) => (/^\d+$/.test(s) ? Number(s) : NaN);
    const c = calls.get(callId);
    switch (ev) {
      case 'ENTERQUEUE': {
        if (c) return err(i, 'call id reused');
        if (agent !== 'NONE') err(i, 'ENTERQUEUE agent must be NONE');
        if (!/^\d+\.\d+$/.test(callId)) err(i, 'call id is not epoch.sequence');
        if (!/^1[3-9]\d{9}$/.test(data[1])) err(i, 'caller id not a mobile number');
        const pos = int(data[2]);
        const w = waiting.get(queue) ?? 0;
        if (!(pos >= 1)) err(i, 'position < 1');
        if (opts.exactPositions ? pos !== w + 1 : pos > w + 1) err(i, `position ${pos} with ${w} waiting`);
        calls.set(callId, { queue, enter: t, opos: pos, state: 'waiting', connect: NaN, hold: NaN, agent: '' });
        waiting.set(queue, w + 1);
        if (!enterOrder.has(queue)) enterOrder.set(queue, []);
        enterOrder.get(queue)!.push(callId);
        return;
      }
      case 'RINGNOANSWER':
        if (!c || c.state !== 'waiting') return err(i, 'RINGNOANSWER for a call not waiting');
        if (!members.has(queue + '|' + agent)) err(i, 'RINGNOANSWER to a non-member');
        if (!(int(data[0]) >= 0)) err(i, 'ringtime not a number');
        return;
      case 'CONNECT': {
        if (!c || c.state !== 'waiting') return err(i, 'CONNECT for a call not waiting');
        if (c.queue !== queue) err(i, 'queue changed');
        const m = members.get(queue + '|' + agent);
        if (!m) err(i, 'CONNECT to an agent not logged in to the queue');
        else if (m.paused) err(i, 'CONNECT to a paused agent');
        if (agentCall.has(agent)) err(i, 'agent already on a call');
        const fa = agentFreeAt.get(agent);
        if (fa !== undefined && t < fa) err(i, 'CONNECT during wrap-up');
        if (int(data[0]) !== t - c.enter) err(i, `holdtime ${data[0]} != ${t - c.enter}`);
        if (!/^\d+\.\d+$/.test(data[1])) err(i, 'bridged uniqueid malformed');
        if (!(int(data[2]) >= 0)) err(i, 'ringtime malformed');
        c.state = 'connected';
        c.connect = t;
        c.hold = int(data[0]);
        c.agent = agent;
        agentCall.set(agent, callId);
        waiting.set(queue, waiting.get(queue)! - 1);
        if (!connectOrder.has(queue)) connectOrder.set(queue, []);
        connectOrder.get(queue)!.push(callId);
        return;
      }
      case 'COMPLETEAGENT':
      case 'COMPLETECALLER':
        if (!c || c.state !== 'connected') return err(i, 'COMPLETE for a call not connected');
        if (c.agent !== agent) err(i, 'COMPLETE by another agent');
        if (int(data[0]) !== c.hold) err(i, 'holdtime differs from CONNECT');
        if (int(data[1]) !== t - c.connect) err(i, `calltime ${data[1]} != ${t - c.connect}`);
        if (int(data[2]) !== c.opos) err(i, 'origposition differs from ENTERQUEUE');
        c.state = 'done';
        agentCall.delete(agent);
        agentFreeAt.set(agent, t + (opts.wrap?.[queue] ?? 0));
        return;
      case 'ABANDON':
      case 'EXITEMPTY': {
        if (!c || c.state !== 'waiting') return err(i, `${ev} for a call not waiting`);
        const w = waiting.get(queue)!;
        if (!(int(data[0]) >= 1 && int(data[0]) <= w)) err(i, `position ${data[0]} with ${w} waiting`);
        if (int(data[1]) !== c.opos) err(i, 'origposition differs from ENTERQUEUE');
        if (int(data[2]) !== t - c.enter) err(i, 'waittime inconsistent');
        c.state = 'done';
        waiting.set(queue, w - 1);
        return;
      }
      case 'ADDMEMBER':
        if (callId !== 'NONE') err(i, 'member event call id must be NONE');
        if (members.has(queue + '|' + agent)) err(i, 'already a member');
        members.set(queue + '|' + agent, { paused: false });
        return;
      case 'REMOVEMEMBER':
        if (!members.has(queue + '|' + agent)) err(i, 'not a member');
        if (agentCall.has(agent)) err(i, 'removed while on a call');
        members.delete(queue + '|' + agent);
        return;
      case 'PAUSE':
      case 'UNPAUSE': {
        const m = members.get(queue + '|' + agent);
        if (!m) return err(i, `${ev} of a non-member`);
        if (m.paused === (ev === 'PAUSE')) err(i, `${ev} twice`);
        if (ev === 'PAUSE' && data[0] === '') err(i, 'PAUSE without reason');
        m.paused = ev === 'PAUSE';
        return;
      }
    }
  });
  for (const [id, c] of calls) if (c.state !== 'done') errors.push(`call ${id} never ended`);
  if (members.size > 0) errors.push(`${members.size} members still logged in at the end`);
  return { errors, counts, connectOrder, enterOrder, agentEvents };
}

const T0 = 1_790_000_000 - (1_790_000_000 % 1800);

const flat: SimInput = {
  startEpoch: T0,
  intervalSeconds: 1800,
  queues: [
    {
      name: 'billing',
      expectedCalls: [60, 150, 240, 240, 180, 90, 30, 0],
      talk: { kind: 'lognormal', mean: 200, cv: 0.7 },
      wrap: { kind: 'fixed', value: 10 },
      patience: { kind: 'exponential', mean: 90 },
    },
    {
      name: 'complaints',
      expectedCalls: [10, 20, 40, 40, 20, 10, 5, 0],
      talk: { kind: 'exponential', mean: 300 },
      patience: { kind: 'none' },
    },
  ],
  staffing: { kind: 'flat', agents: { billing: [8, 18, 26, 24, 20, 10, 4, 2], complaints: 7 } },
  seed: 99,
};

function lines(input: SimInput, rep = 0): string[] {
  const out: string[] = [];
  runReplication(input, rep, { onEvent: (e) => out.push(formatQueueLogLine(e)) });
  return out;
}

describe('queue_log well-formedness', () => {
  it('flat staffing with abandons, wrap-up and staffing changes: every call and member sequence is valid', () => {
    const ls = lines(flat);
    const rep = validate(ls, { exactPositions: true, wrap: { billing: 10 } });
    expect(rep.errors).toEqual([]);
    const res = runReplication(flat, 0);
    const offered = res.queues.reduce((s, q) => s + q.counts.offered.reduce((a, b) => a + b, 0), 0);
    const answered = res.queues.reduce((s, q) => s + q.counts.answered.reduce((a, b) => a + b, 0), 0);
    const abandoned = res.queues.reduce((s, q) => s + q.counts.abandoned.reduce((a, b) => a + b, 0), 0);
    expect(rep.counts.ENTERQUEUE).toBe(offered);
    expect(rep.counts.CONNECT).toBe(answered);
    expect(rep.counts.ABANDON).toBe(abandoned);
    expect(rep.counts.COMPLETEAGENT + rep.counts.COMPLETECALLER).toBe(answered);
    expect(abandoned).toBeGreaterThan(0);
    expect(rep.counts.ADDMEMBER).toBe(rep.counts.REMOVEMEMBER);
  });

  it('FIFO: within a queue calls are answered in the order they entered', () => {
    const rep = validate(lines(flat));
    for (const q of ['billing', 'complaints']) {
      const connected = new Set(rep.connectOrder.get(q));
      const enteredAndAnswered = rep.enterOrder.get(q)!.filter((id) => connected.has(id));
      expect(rep.connectOrder.get(q)).toEqual(enteredAndAnswered);
    }
  });

  it('with ringing, ring-no-answer and unplanned pauses the log stays valid', () => {
    const input: SimInput = {
      ...flat,
      ring: { seconds: { kind: 'lognormal', mean: 4, cv: 0.5 }, noAnswerProbability: 0.08, timeoutSeconds: 15 },
      pauses: { perAgentPerHour: 1, duration: { kind: 'exponential', mean: 300 }, reason: 'Toilet' },
      loginEvents: 'both',
    };
    const ls = lines(input);
    const rep = validate(ls, { wrap: { billing: 10 } });
    expect(rep.errors).toEqual([]);
    expect(rep.counts.RINGNOANSWER).toBeGreaterThan(0);
    expect(rep.counts.PAUSE).toBeGreaterThan(0);
    expect(rep.counts.AGENTLOGIN).toBe(rep.counts.AGENTLOGOFF);
    expect(ls.some((l) => l.endsWith('|PAUSE|Toilet'))).toBe(true);
    expect(ls.some((l) => /\|RINGNOANSWER\|15000$/.test(l))).toBe(true);
  });

  it('patience none and no agent left: waiting callers leave with EXITEMPTY', () => {
    const input: SimInput = {
      startEpoch: T0,
      intervalSeconds: 900,
      queues: [{ name: 'q', expectedCalls: [20, 20], talk: { kind: 'fixed', value: 600 } }],
      staffing: { kind: 'flat', agents: { q: [1, 0] } },
      seed: 3,
    };
    const rep = validate(lines(input));
    expect(rep.errors).toEqual([]);
    expect(rep.counts.EXITEMPTY).toBeGreaterThan(0);
  });

  it('lines look like Asterisk writes them', () => {
    const ls = lines(flat);
    expect(ls[0]).toMatch(/^\d{10}\|NONE\|billing\|Agent\/10001\|ADDMEMBER\|$/);
    expect(ls.find((l) => l.includes('|ENTERQUEUE|'))).toMatch(/^\d{10}\|\d{10}\.\d+\|(billing|complaints)\|NONE\|ENTERQUEUE\|\|1[3-9]\d{9}\|\d+$/);
    expect(ls.find((l) => l.includes('|CONNECT|'))).toMatch(/^\d{10}\|\d{10}\.\d+\|\w+\|Agent\/\d{5}\|CONNECT\|\d+\|\d{10}\.\d+\|\d+$/);
  });
});

describe('the bundled sample', () => {
  it('two days of the sample spec (3 queues, per-interval staffing across midnight) give a valid log', () => {
    const spec = parseSampleSpec({ ...JSON.parse(readFileSync(new URL('../../data/sample-spec.json', import.meta.url), 'utf8')), days: 2 });
    const s = generateSample(spec);
    const wrap = Object.fromEntries(spec.queues.map((q) => [q.name, q.wrapSeconds]));
    const rep = validate(lines(s.simInput), { exactPositions: true, wrap });
    expect(rep.errors).toEqual([]);
    expect(rep.counts.ENTERQUEUE).toBeGreaterThan(5000);
  });
});

describe('roster: shifts, breaks, skills', () => {
  const H = 3600;
  const roster: SimInput = {
    startEpoch: T0,
    intervalSeconds: 1800,
    queues: [
      { name: 'billing', expectedCalls: new Array(8).fill(120), talk: { kind: 'exponential', mean: 180 }, patience: { kind: 'exponential', mean: 120 } },
      { name: 'fault-reports', expectedCalls: new Array(8).fill(60), talk: { kind: 'exponential', mean: 240 }, patience: { kind: 'exponential', mean: 200 } },
    ],
    staffing: {
      kind: 'roster',
      agents: Array.from({ length: 24 }, (_, k) => ({
        id: `SIP/${2000 + k}`,
        queues: k % 3 === 0 ? ['billing', 'fault-reports'] : k % 3 === 1 ? ['billing'] : ['fault-reports'],
        shifts: [
          {
            start: T0 + (k % 2) * 1800,
            end: T0 + 4 * H - (k % 2) * 1800,
            breaks: [
              { start: T0 + H + (k % 4) * 900, end: T0 + H + (k % 4) * 900 + 900, reason: 'Break' },
              { start: T0 + 2 * H + (k % 4) * 600, end: T0 + 2 * H + (k % 4) * 600 + 1800, reason: 'Lunch' },
            ],
          },
        ],
      })),
    },
    seed: 7,
  };

  it('the log is valid and breaks are honoured: no call connects to an agent during its break', () => {
    const ls = lines(roster);
    const rep = validate(ls);
    expect(rep.errors).toEqual([]);
    if (roster.staffing.kind !== 'roster') throw new Error('roster');
    let pausedBreaks = 0;
    for (const a of roster.staffing.agents) {
      const evs = rep.agentEvents.get(a.id) ?? [];
      const sh = a.shifts[0];
      for (const e of evs.filter((x) => x.ev === 'CONNECT')) {
        expect(e.t >= sh.start && e.t < sh.end, `${a.id} CONNECT outside shift`).toBe(true);
        for (const b of sh.breaks!) expect(e.t >= b.start && e.t < b.end, `${a.id} CONNECT at ${e.t} in break ${b.start}-${b.end}`).toBe(false);
      }
      for (const b of sh.breaks!) {
        const pauses = evs.filter((x) => x.ev === 'PAUSE' && x.data[0] === b.reason && x.t >= b.start && x.t <= b.end);
        if (pauses.length > 0) {
          pausedBreaks++;
          // one PAUSE per queue of the agent; UNPAUSE exactly at the break end
          expect(pauses.length).toBe(a.queues.length);
          const unp = evs.filter((x) => x.ev === 'UNPAUSE' && x.t === b.end);
          expect(unp.length).toBe(a.queues.length);
        } else {
          // skipped only when a single call covered the whole break
          const con = evs.filter((x) => x.ev === 'CONNECT' && x.t < b.start).pop();
          const done = evs.find((x) => (x.ev === 'COMPLETEAGENT' || x.ev === 'COMPLETECALLER') && x.callId === con?.callId);
          expect(con && done && done.t >= b.end, `${a.id} skipped a break without a covering call`).toBe(true);
        }
      }
      const add = evs.filter((x) => x.ev === 'ADDMEMBER');
      expect(add.length).toBe(a.queues.length);
      expect(add.every((x) => x.t === sh.start)).toBe(true);
      const rem = evs.filter((x) => x.ev === 'REMOVEMEMBER');
      expect(rem.every((x) => x.t >= sh.end)).toBe(true);
    }
    expect(pausedBreaks).toBeGreaterThan(30);
  });

  it('multi-skill agents answer both queues; single-skill agents only theirs', () => {
    const rep = validate(lines(roster));
    if (roster.staffing.kind !== 'roster') throw new Error('roster');
    const lineQueue = new Map<string, Set<string>>();
    for (const l of lines(roster)) {
      const f = l.split('|');
      if (f[4] === 'CONNECT') {
        if (!lineQueue.has(f[3])) lineQueue.set(f[3], new Set());
        lineQueue.get(f[3])!.add(f[2]);
      }
    }
    for (const a of roster.staffing.agents) {
      const qs = lineQueue.get(a.id) ?? new Set();
      for (const q of qs) expect(a.queues).toContain(q);
    }
    expect(lineQueue.get('SIP/2000')?.size).toBe(2);
    expect(rep.errors).toEqual([]);
  });
});

describe('determinism', () => {
  it('same input and seed: identical log; another seed or replication: a different one', () => {
    const a = lines(flat).join('\n');
    const b = lines(flat).join('\n');
    expect(a).toBe(b);
    expect(lines({ ...flat, seed: 100 }).join('\n')).not.toBe(a);
    expect(lines(flat, 1).join('\n')).not.toBe(a);
  });

  it('the generator yields the same lines as the callback', () => {
    const viaGen = [...queueLogEvents(flat, 2)].map(formatQueueLogLine);
    expect(viaGen).toEqual(lines(flat, 2));
  });

  it('writing the log does not change the simulated counts', () => {
    const quiet = runReplication(flat, 4);
    const loud = new Simulation(flat, 4, { onEvent: () => {}, onCall: () => {} }).run();
    expect(loud.queues.map((q) => Array.from(q.counts.answeredWithin))).toEqual(quiet.queues.map((q) => Array.from(q.counts.answeredWithin)));
  });
});

describe('Master.csv (cdr_csv column order)', () => {
  it('an answered call, Asia/Shanghai local time, uniqueid column (channel suffix: sequence as 8 hex digits)', () => {
    const rec: CallRecord = {
      uniqueId: '1790000000.17',
      queue: 'billing',
      callerNumber: '13800138000',
      enterTime: 1_790_000_000, // 2026-09-21 14:13:20 UTC = 22:13:20 +08:00
      connectTime: 1_790_000_012,
      endTime: 1_790_000_200,
      agent: 'Agent/10001',
      peerUniqueId: '1790000012.18',
      outcome: 'answered',
    };
    expect(formatMasterCsvLine(rec, { utcOffsetMinutes: () => 480 })).toBe(
      '"","13800138000","s","from-pstn","""13800138000"" <13800138000>","SIP/trunk-00000011","SIP/10001-00000012","Queue","billing",' +
        '"2026-09-21 22:13:20","2026-09-21 22:13:32","2026-09-21 22:16:40",200,188,"ANSWERED","DOCUMENTATION","1790000000.17"',
    );
  });

  it('an abandoned call: empty answer field, billsec 0, NO ANSWER; records come in hangup order', () => {
    const recs: CallRecord[] = [];
    runReplication(flat, 0, { onCall: (c) => recs.push(c) });
    const ab = recs.find((r) => r.outcome === 'abandoned')!;
    const cols = formatMasterCsvLine(ab).split(',');
    expect(cols[10]).toBe('');
    expect(cols[13]).toBe('0');
    expect(cols[14]).toBe('"NO ANSWER"');
    for (let i = 1; i < recs.length; i++) expect(recs[i].endTime).toBeGreaterThanOrEqual(recs[i - 1].endTime);
  });
});
