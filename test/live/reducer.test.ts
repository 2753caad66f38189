import { describe, expect, it } from 'vitest';
import { LiveState, intervalStart } from '../../src/live/reducer.js';
import { queueLogLineToEvent } from '../../src/live/queue-log-events.js';
import { demoSimInput } from '../../src/live/sim-source.js';
import { queueLogEvents, formatQueueLogLine } from '../../src/sim/index.js';
import { parseQueueLogLine } from '../../src/cdr/queue-log.js';
import { QueueLogAssembler } from '../../src/cdr/assembler.js';
import { intervalGrid, slaReport } from '../../src/report/sla.js';
import type { CallRecord } from '../../src/cdr/types.js';
import type { LiveEvent } from '../../src/live/types.js';

const T0 = Date.UTC(2026, 2, 2, 2, 0, 0); // 10:00 in Asia/Shanghai
const s = (sec: number) => T0 + sec * 1000;

function feed(state: LiveState, lines: string[]): void {
  for (const l of lines) {
    const e = queueLogLineToEvent(l, { zone: 'UTC', nowMs: T0 + 86_400_000 });
    if (e) state.apply(e);
  }
}
const line = (sec: number, rest: string) => `${Math.floor(s(sec) / 1000)}|${rest}`;

describe('LiveState: a hand-worked queue_log', () => {
  const lines = [
    line(0, 'NONE|billing|A1|ADDMEMBER|'),
    line(0, 'NONE|billing|A2|ADDMEMBER|'),
    line(0, 'NONE|fault|A2|ADDMEMBER|'),
    line(10, 'c1|billing|NONE|ENTERQUEUE||138|1'),
    line(25, 'c1|billing|A1|CONNECT|15|x|1'), // wait 15 <= 20: within
    line(30, 'c2|billing|NONE|ENTERQUEUE||139|1'),
    line(33, 'c2|billing|NONE|ABANDON|1|1|3'), // short abandon (3 < 5)
    line(40, 'c3|billing|NONE|ENTERQUEUE||140|1'),
    line(70, 'c3|billing|NONE|ABANDON|1|1|30'), // real abandon
    line(80, 'c4|fault|NONE|ENTERQUEUE||141|1'),
    line(110, 'c4|fault|A2|CONNECT|30|y|1'), // wait 30 > 20
    line(125, 'c1|billing|A1|COMPLETEAGENT|15|100|1'),
    line(200, 'c4|fault|A2|COMPLETECALLER|30|90|1'),
    line(300, 'NONE|billing|A1|PAUSE|Coaching'),
    line(400, 'c5|billing|NONE|ENTERQUEUE||142|1'),
  ];
  const st = new LiveState({ zone: 'Asia/Shanghai', wrapupS: 30, slThresholdS: 20, shortAbandonS: 5 });
  feed(st, lines);
  const snap = st.snapshot(s(460));

  it('counts offered, answered, abandoned and SL with the report sla definitions', () => {
    const billing = snap.queues.find((q) => q.queue === 'billing')!;
    // offered 3 (c1 answered, c2 short abandon, c3 abandon); SL = 1 / (3 - 1); abandon rate = (2 - 1) / 2
    expect(billing.window).toMatchObject({ offered: 3, answered: 1, abandoned: 2, shortAbandoned: 1, answeredWithin: 1 });
    expect(billing.window.serviceLevel).toBe(0.5);
    expect(billing.window.abandonRate).toBe(0.5);
    expect(billing.waiting).toBe(1);
    expect(billing.longestWaitSeconds).toBe(60); // c5 since 400 s, now 460 s
    const fault = snap.queues.find((q) => q.queue === 'fault')!;
    expect(fault.window).toMatchObject({ offered: 1, answered: 1, answeredWithin: 0, serviceLevel: 0 });
  });

  it('derives seat states, time in state, calls and AHT', () => {
    const a1 = snap.agents.find((a) => a.agent === 'A1')!;
    expect(a1).toMatchObject({ state: 'paused', pauseReason: 'Coaching', calls: 1, ahtSeconds: 100, queue: 'billing' });
    expect(a1.sinceMs).toBe(s(300));
    // A2 completed at 200 s; 30 s wrap-up ends at 230 s, then available since 230 s
    const a2 = snap.agents.find((a) => a.agent === 'A2')!;
    expect(a2).toMatchObject({ state: 'available', calls: 1, ahtSeconds: 90 });
    expect(a2.sinceMs).toBe(s(230));
    const billing = snap.queues.find((q) => q.queue === 'billing')!;
    expect(billing.agents).toEqual({ available: 1, ringing: 0, talking: 0, wrapup: 0, paused: 1, loggedOut: 0 });
  });

  it('is in wrap-up during the wrap-up time and talking while connected', () => {
    const st2 = new LiveState({ zone: 'UTC', wrapupS: 30 });
    feed(st2, lines.slice(0, 11));
    expect(st2.snapshot(s(115)).agents.find((a) => a.agent === 'A2')!.state).toBe('talking');
    feed(st2, lines.slice(11, 13));
    const at210 = st2.snapshot(s(210)).agents.find((a) => a.agent === 'A2')!;
    expect(at210.state).toBe('wrapup');
    expect(at210.sinceMs).toBe(s(200));
  });

  it('drops calls that entered before the sliding window', () => {
    const st3 = new LiveState({ zone: 'UTC', windowMs: 100_000 });
    feed(st3, lines);
    // window [360 s, 460 s]: none of c1..c4 entered in it
    const b = st3.snapshot(s(460)).queues.find((q) => q.queue === 'billing')!;
    expect(b.window.offered).toBe(0);
    expect(b.window.serviceLevel).toBeNull();
  });

  it('logs an agent out on REMOVEMEMBER of its last queue', () => {
    const st4 = new LiveState({ zone: 'UTC' });
    feed(st4, [...lines, line(500, 'NONE|billing|A2|REMOVEMEMBER|'), line(510, 'NONE|fault|A2|REMOVEMEMBER|')]);
    const snap4 = st4.snapshot(s(520));
    const a2 = snap4.agents.find((a) => a.agent === 'A2')!;
    expect(a2.state).toBe('loggedOut');
    expect(a2.sinceMs).toBe(s(510));
    expect(snap4.queues.find((q) => q.queue === 'fault')!.agents.loggedOut).toBe(1);
  });
});

describe('LiveState: AMI-style events', () => {
  it('maps device states and resolves a leave without outcome as an exit after a grace period', () => {
    const st = new LiveState({ zone: 'UTC' });
    const ev: LiveEvent[] = [
      { kind: 'agentStatus', t: s(0), agent: 'SIP/1', queue: 'vip', device: 1, paused: false, reason: null },
      { kind: 'agentStatus', t: s(0), agent: 'SIP/2', queue: 'vip', device: 2, paused: false, reason: null },
      { kind: 'agentStatus', t: s(0), agent: 'SIP/3', queue: 'vip', device: 5, paused: false, reason: null },
      { kind: 'agentStatus', t: s(0), agent: 'SIP/4', queue: 'vip', device: 1, paused: true, reason: 'Break' },
      { kind: 'callJoin', t: s(5), queue: 'vip', callId: 'u1' },
      { kind: 'callRing', t: s(6), queue: 'vip', callId: 'u1', agent: 'SIP/1' },
      { kind: 'callJoin', t: s(7), queue: 'vip', callId: 'u2' },
      { kind: 'callLeave', t: s(9), queue: 'vip', callId: 'u2' },
    ];
    for (const e of ev) st.apply(e);
    let snap = st.snapshot(s(10));
    const states = Object.fromEntries(snap.agents.map((a) => [a.agent, a.state]));
    expect(states).toEqual({ 'SIP/1': 'ringing', 'SIP/2': 'talking', 'SIP/3': 'loggedOut', 'SIP/4': 'paused' });
    expect(snap.queues[0].waiting).toBe(1);
    expect(snap.queues[0].window.offered).toBe(0);
    snap = st.snapshot(s(30)); // 21 s after the leave: no connect came, so it exited
    expect(snap.queues[0].window).toMatchObject({ offered: 1, exited: 1, answered: 0 });
  });
});

describe('intervalStart', () => {
  it('aligns to local midnight in the zone', () => {
    // 10:47:13 in Shanghai (UTC+8) -> 10:30 local = 02:30 UTC
    expect(intervalStart(Date.UTC(2026, 2, 2, 2, 47, 13), 30, 'Asia/Shanghai')).toBe(Date.UTC(2026, 2, 2, 2, 30));
    // Kathmandu is UTC+5:45: a 60-minute interval starts on the local hour, not the UTC hour
    expect(intervalStart(Date.UTC(2026, 2, 2, 4, 0), 60, 'Asia/Kathmandu')).toBe(Date.UTC(2026, 2, 2, 3, 15));
  });
});

describe('LiveState against the call assembler and wfm report sla (a second algorithm)', () => {
  it('gives the same window counts and waiting callers on a simulated day', () => {
    const start = Date.UTC(2026, 2, 2, 0, 0, 0) / 1000;
    const input = demoSimInput(30, start, 6, 7);
    const nowMs = (start + 5 * 3600) * 1000;
    const windowMs = 4 * 3_600_000;
    const fromMs = nowMs - windowMs;
    const st = new LiveState({ zone: 'UTC', windowMs, slThresholdS: 20, shortAbandonS: 5 });
    const asm = new QueueLogAssembler();
    const records: CallRecord[] = [];
    const opts = { zone: 'UTC', nowMs: nowMs + 86_400_000 };
    for (const qe of queueLogEvents(input)) {
      const text = formatQueueLogLine(qe);
      if (qe.time * 1000 <= nowMs) {
        const e = queueLogLineToEvent(text, opts);
        if (e) st.apply(e);
      }
      const p = parseQueueLogLine(text, opts);
      if (p.kind === 'call') {
        const r = asm.feed(p.event);
        if (r) records.push(r);
      }
    }
    const snap = st.snapshot(nowMs);
    // reference: calls that entered in the window and left the queue by now, through report sla
    const done = records.filter((r) => r.enteredMs >= fromMs && r.enteredMs + r.waitS * 1000 <= nowMs);
    const grid = intervalGrid(fromMs, nowMs, 'UTC', 'day');
    const rows = slaReport(done, grid, { slThresholdS: 20, shortAbandonS: 5 }).filter((r) => r.intervalStart === null);
    expect(rows.length).toBe(4);
    let totalOffered = 0;
    for (const ref of rows) {
      const q = snap.queues.find((x) => x.queue === ref.queue)!;
      expect(q.window.offered).toBe(ref.offered);
      expect(q.window.answered).toBe(ref.answered);
      expect(q.window.abandoned).toBe(ref.abandoned);
      expect(q.window.shortAbandoned).toBe(ref.shortAbandoned);
      expect(q.window.answeredWithin).toBe(ref.answeredWithin);
      expect(q.window.serviceLevel).toBeCloseTo(ref.serviceLevel!, 12);
      totalOffered += ref.offered;
      const waitingRef = records.filter((r) => r.queue === ref.queue && r.enteredMs <= nowMs && r.enteredMs + r.waitS * 1000 > nowMs).length;
      expect(q.waiting).toBe(waitingRef);
    }
    expect(totalOffered).toBeGreaterThan(500); // the comparison covered a real load
  });
});

describe('LiveState.enteredByMinute: the intraday panel\'s counts of the day', () => {
  it('counts every call that entered, by minute of entry, beyond the sliding window; waiting and talking calls too', () => {
    // a 10-minute window; 3 hours of calls: one every 2 minutes on billing (answered at once, 60 s talk),
    // one every 30 minutes on fault (abandoned after 5 s)
    const st = new LiveState({ zone: 'UTC', windowMs: 600_000 });
    const lines: string[] = [];
    for (let m = 0; m < 180; m += 2) {
      lines.push(line(m * 60, `b${m}|billing|NONE|ENTERQUEUE||1|1`), line(m * 60 + 1, `b${m}|billing|A1|CONNECT|1|x|1`), line(m * 60 + 61, `b${m}|billing|A1|COMPLETECALLER|1|60|1`));
    }
    for (let m = 0; m < 180; m += 30) lines.push(line(m * 60 + 10, `f${m}|fault|NONE|ENTERQUEUE||2|1`), line(m * 60 + 15, `f${m}|fault|NONE|ABANDON|1|1|5`));
    // at 03:00: one billing call waiting (entered 03:00:05) and one talking (entered 03:00:30)
    lines.push(line(180 * 60 + 5, 'w1|billing|NONE|ENTERQUEUE||3|1'), line(180 * 60 + 30, 't1|billing|NONE|ENTERQUEUE||4|1'), line(180 * 60 + 35, 't1|billing|A2|CONNECT|5|y|1'));
    lines.sort((a, b) => Number(a.split('|')[0]) - Number(b.split('|')[0]));
    feed(st, lines);
    st.snapshot(s(180 * 60 + 40));
    const all = st.enteredByMinute(T0, s(181 * 60));
    const billing = all.get('billing')!;
    const fault = all.get('fault')!;
    // 90 calls in the first 3 hours, then both at minute 180 (waiting + talking)
    expect([...billing.values()].reduce((a, b) => a + b, 0)).toBe(92);
    expect(billing.get(Math.floor(T0 / 60_000))).toBe(1);
    expect(billing.get(Math.floor(T0 / 60_000) + 1)).toBeUndefined();
    expect(billing.get(Math.floor(T0 / 60_000) + 180)).toBe(2);
    expect([...fault.values()].reduce((a, b) => a + b, 0)).toBe(6);
    // [01:00, 02:00): billing minutes 60, 62, ..., 118 (30 calls), fault the calls at 60 and 90
    const hour = st.enteredByMinute(s(3600), s(7200));
    expect([...hour.get('billing')!.values()].reduce((a, b) => a + b, 0)).toBe(30);
    expect([...hour.get('fault')!.keys()].map((k) => k - Math.floor(T0 / 60_000))).toEqual([60, 90]);
  });
});
