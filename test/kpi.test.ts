import { describe, expect, it } from 'vitest';
import { abandonRate, aht, asa, occupancy, serviceLevel } from '../src/kpi.js';
import { intervalGrid, slaReport } from '../src/report/sla.js';
import { LiveState } from '../src/live/reducer.js';
import { simulateSummary } from '../src/sim/summary.js';
import type { CallRecord } from '../src/cdr/types.js';
import type { LiveEvent } from '../src/live/types.js';
import type { SimInput } from '../src/sim/types.js';

// Every expected value below is worked out by hand in the comment next to it.

describe('serviceLevel = answeredWithin / (offered - shortAbandoned)', () => {
  it('takes short abandons out of the base', () => {
    // 10 offered, 2 of them short abandons, 6 answered within T: 6 / (10 - 2) = 6/8
    expect(serviceLevel({ answeredWithin: 6, offered: 10, shortAbandoned: 2 })).toBe(0.75);
  });
  it('without short abandons it is answeredWithin / offered', () => {
    // 6 / 10
    expect(serviceLevel({ answeredWithin: 6, offered: 10 })).toBe(0.6);
    expect(serviceLevel({ answeredWithin: 6, offered: 10, shortAbandoned: 0 })).toBe(0.6);
  });
  it('is 0 (not null) when calls were offered and none answered within T, 1 when all were', () => {
    expect(serviceLevel({ answeredWithin: 0, offered: 5 })).toBe(0);
    // 4 answered within, 1 short abandon: 4 / (5 - 1)
    expect(serviceLevel({ answeredWithin: 4, offered: 5, shortAbandoned: 1 })).toBe(1);
  });
  it('is null when the base is 0: no call, or only short abandons', () => {
    expect(serviceLevel({ answeredWithin: 0, offered: 0 })).toBeNull();
    expect(serviceLevel({ answeredWithin: 0, offered: 3, shortAbandoned: 3 })).toBeNull();
  });
});

describe('abandonRate = (abandoned - shortAbandoned) / (offered - shortAbandoned)', () => {
  it('takes short abandons out of both sides', () => {
    // 3 abandons of which 2 short, 10 offered: (3 - 2) / (10 - 2) = 1/8
    expect(abandonRate({ abandoned: 3, offered: 10, shortAbandoned: 2 })).toBe(0.125);
    // only short abandons among the abandons: 0 / 8
    expect(abandonRate({ abandoned: 2, offered: 10, shortAbandoned: 2 })).toBe(0);
  });
  it('without short abandons it is abandoned / offered', () => {
    // 3 / 10
    expect(abandonRate({ abandoned: 3, offered: 10 })).toBe(0.3);
  });
  it('is null when the base is 0', () => {
    expect(abandonRate({ abandoned: 0, offered: 0 })).toBeNull();
    expect(abandonRate({ abandoned: 4, offered: 4, shortAbandoned: 4 })).toBeNull();
  });
});

describe('asa, aht, occupancy', () => {
  it('ASA = sum of answered waits / answered calls', () => {
    // waits 0 + 20 + 30 + 40 = 90 s over 4 answered calls
    expect(asa({ waitSeconds: 90, answered: 4 })).toBe(22.5);
    // answered at once: 0, not null
    expect(asa({ waitSeconds: 0, answered: 3 })).toBe(0);
    expect(asa({ waitSeconds: 0, answered: 0 })).toBeNull();
  });
  it('AHT = handle seconds / calls', () => {
    // 6 calls of 1500 s talk + wrap-up in all
    expect(aht({ handleSeconds: 1500, calls: 6 })).toBe(250);
    expect(aht({ handleSeconds: 0, calls: 0 })).toBeNull();
  });
  it('occupancy = handle seconds / available seconds, not capped', () => {
    // 30 min handling in 40 min available
    expect(occupancy({ handleSeconds: 1800, availableSeconds: 2400 })).toBe(0.75);
    expect(occupancy({ handleSeconds: 0, availableSeconds: 3600 })).toBe(0);
    // 4000 s of handle time counted against an hour available: 4000/3600 = 10/9
    expect(occupancy({ handleSeconds: 4000, availableSeconds: 3600 })).toBe(10 / 9);
    expect(occupancy({ handleSeconds: 100, availableSeconds: 0 })).toBeNull();
  });
});

// One queue, one interval, threshold T = 20 s, short-abandon limit S = 5 s, waits on both sides of
// each boundary:
//   c1 answered, wait 20 (exactly T: within)       talk 100
//   c2 answered, wait 20.5 (over T: not within)    talk 200
//   c3 answered, wait 0 (within)                   talk 300
//   c4 abandoned, wait 5 (exactly S: not short)
//   c5 abandoned, wait 4.5 (under S: short)
//   c6 timeout exit, wait 60
// offered 6, answered 3, answeredWithin 2, abandoned 2, shortAbandoned 1, exited 1;
// serviceLevel = 2 / (6 - 1) = 0.4; abandonRate = (2 - 1) / (6 - 1) = 0.2;
// ASA = (20 + 20.5 + 0) / 3 = 13.5; AHT = (100 + 200 + 300) / 3 = 200.
const T0 = Date.UTC(2026, 2, 2, 8, 0, 0);
const cases: { id: string; outcome: CallRecord['outcome']; waitS: number; talkS: number | null }[] = [
  { id: 'c1', outcome: 'answered', waitS: 20, talkS: 100 },
  { id: 'c2', outcome: 'answered', waitS: 20.5, talkS: 200 },
  { id: 'c3', outcome: 'answered', waitS: 0, talkS: 300 },
  { id: 'c4', outcome: 'abandoned', waitS: 5, talkS: null },
  { id: 'c5', outcome: 'abandoned', waitS: 4.5, talkS: null },
  { id: 'c6', outcome: 'timeout', waitS: 60, talkS: null },
];

describe('the call sites count the boundaries as kpi.ts says (wait <= T within, wait < S short)', () => {
  it('wfm report sla', () => {
    const calls: CallRecord[] = cases.map((c, k) => ({
      queue: 'q',
      callId: c.id,
      enteredMs: T0 + k * 60_000,
      outcome: c.outcome,
      waitS: c.waitS,
      agent: c.outcome === 'answered' ? 'A1' : null,
      talkS: c.talkS,
      wrapS: null,
      ringNoAnswers: 0,
      transfer: null,
      source: 'test',
    }));
    const grid = intervalGrid(T0, T0 + 1_800_000, 'UTC', 30);
    const rows = slaReport(calls, grid, { slThresholdS: 20, shortAbandonS: 5 });
    const row = rows.find((r) => r.intervalStart !== null)!;
    expect(row).toMatchObject({ offered: 6, answered: 3, answeredWithin: 2, abandoned: 2, shortAbandoned: 1, exited: 1 });
    expect(row.serviceLevel).toBe(0.4);
    expect(row.abandonRate).toBe(0.2);
    expect(row.asaSeconds).toBe(13.5);
    expect(row.ahtSeconds).toBe(200);
  });

  it('wfm live (same counts; AHT = talk of the calls completed in the window)', () => {
    const st = new LiveState({ zone: 'UTC', slThresholdS: 20, shortAbandonS: 5 });
    const events: LiveEvent[] = [];
    cases.forEach((c, k) => {
      const t = T0 + k * 60_000;
      events.push({ kind: 'callJoin', t, queue: 'q', callId: c.id });
      const end = t + c.waitS * 1000;
      if (c.outcome === 'answered') {
        events.push({ kind: 'callConnect', t: end, queue: 'q', callId: c.id, agent: 'A1', waitS: c.waitS });
        events.push({ kind: 'callComplete', t: end + c.talkS! * 1000, queue: 'q', callId: c.id, agent: 'A1', waitS: c.waitS, talkS: c.talkS! });
      } else if (c.outcome === 'abandoned') events.push({ kind: 'callAbandon', t: end, queue: 'q', callId: c.id, waitS: c.waitS });
      else events.push({ kind: 'callExit', t: end, queue: 'q', callId: c.id, waitS: c.waitS, reason: 'timeout' });
    });
    events.sort((a, b) => a.t - b.t);
    for (const e of events) st.apply(e);
    const snap = st.snapshot(T0 + 1_200_000);
    const q = snap.queues.find((x) => x.queue === 'q')!;
    expect(q.window).toMatchObject({ offered: 6, answered: 3, answeredWithin: 2, abandoned: 2, shortAbandoned: 1, exited: 1 });
    expect(q.window.serviceLevel).toBe(0.4);
    expect(q.window.abandonRate).toBe(0.2);
    // A1 completed c1, c2, c3: talk (100 + 200 + 300) / 3
    expect(snap.agents.find((a) => a.agent === 'A1')!.ahtSeconds).toBe(200);
  });

  it('wfm simulate --summary: no short-abandon exclusion, every arrival in the base', () => {
    // Nobody staffed and a fixed patience of 2 s: every call abandons after 2 s. The report would
    // call all of them short abandons (2 < 5) and give no service level (null); the simulator
    // counts every arrival: service level 0 / offered = 0, abandon rate offered / offered = 1.
    const input: SimInput = {
      startEpoch: T0 / 1000,
      intervalSeconds: 1800,
      queues: [{ name: 'q', expectedCalls: [40], talk: { kind: 'fixed', value: 60 }, patience: { kind: 'fixed', value: 2 } }],
      staffing: { kind: 'flat', agents: {} },
      seed: 5,
    };
    const [r] = simulateSummary(input, 3);
    expect(r.calls).toBeGreaterThan(0);
    expect(r.serviceLevel).toBe(0);
    expect(r.abandonRate).toBe(1);
    expect(r.asaSeconds).toBeNull();
    expect(serviceLevel({ answeredWithin: 0, offered: r.calls, shortAbandoned: r.calls })).toBeNull();
  });
});
