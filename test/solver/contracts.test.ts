/**
 * Contract minimum hours: the pro-rated minimum (hand-computed), and rosters whose agents owe more
 * hours than the requirement needs: every agent reaches the minimum (transfers, swaps, top-up shifts,
 * extensions), the independent checker finds nothing, and the reported bound is the sum of minimums.
 */
import { describe, expect, it } from 'vitest';
import { checkRoster } from '../../src/solver/check.js';
import { solveRoster } from '../../src/solver/roster.js';
import { validateRules } from '../../src/solver/rules.js';
import { contractMinimumMinutes, type Agent, type Requirements, type Roster, type RosterRules } from '../../src/solver/types.js';

function rulesOf(raw: unknown): RosterRules {
  const v = validateRules(raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.rules;
}

const rules = rulesOf({
  openingHours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '06:00', close: '22:00' }],
  shifts: [
    { id: 'L8', length: '8:00', starts: { from: '06:00', to: '14:00', every: 60 }, breaks: [{ name: 'lunch', length: 30, paid: false, window: ['3:30', '4:30'] }] },
    { id: 'S4', length: '4:00', starts: { from: '06:00', to: '18:00', every: 60 } },
  ],
  rules: { minRestHours: 11, maxConsecutiveDays: 6, maxDaysPerWeek: 6 },
  contracts: [
    { id: 'full', minWeeklyHours: 30, maxWeeklyHours: 40, maxDaysPerWeek: 5 },
    { id: 'part', minWeeklyHours: 12, maxWeeklyHours: 20, maxDaysPerWeek: 4 },
  ],
  defaultContract: 'full',
});

// two agents 08:00-20:00 every day of one week, 30-minute grid
const requirements: Requirements = {
  intervalMinutes: 30,
  days: 7,
  startWeekday: 1,
  queues: [{ queue: 'q', required: Array.from({ length: 7 * 48 }, (_, i) => (i % 48 >= 16 && i % 48 < 40 ? 2 : 0)) }],
};

/** Paid minutes per agent in week 0, from the shifts (independent of the solver's bookkeeping). */
function paidByAgent(r: Roster): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of r.shifts) {
    const unpaid = s.breaks.filter((b) => !b.paid).reduce((x, b) => x + b.end - b.start, 0);
    m.set(s.agent, (m.get(s.agent) ?? 0) + s.end - s.start - unpaid);
  }
  return m;
}

describe('contractMinimumMinutes', () => {
  const full = rules.contracts[0];
  it('pro-rates by leave days (at least 4 h of leave in a day) and owes nothing in a partial week', () => {
    expect(contractMinimumMinutes(full, { id: 'a', skills: [] }, 0, 7)).toBe(1800);
    // two whole days of leave: 30 h x 5/7 = 1285.71 min
    expect(contractMinimumMinutes(full, { id: 'a', skills: [], leave: [{ start: 0, end: 2 * 1440 }] }, 0, 7)).toBe(1286);
    // 3 h of leave on day 3 is not a leave day; 4 h on day 4 is
    expect(contractMinimumMinutes(full, { id: 'a', skills: [], leave: [{ start: 3 * 1440 + 600, end: 3 * 1440 + 780 }] }, 0, 7)).toBe(1800);
    expect(contractMinimumMinutes(full, { id: 'a', skills: [], leave: [{ start: 4 * 1440 + 600, end: 4 * 1440 + 840 }] }, 0, 7)).toBe(1543);
    expect(contractMinimumMinutes(full, { id: 'a', skills: [] }, 1, 10)).toBe(0);
    expect(contractMinimumMinutes(full, { id: 'a', skills: [] }, 1, 14)).toBe(1800);
  });
});

describe('rosters that must honour contract minimums', () => {
  it('every agent reaches the minimum when the rules allow it; the bound is the sum of minimums', async () => {
    const agents: Agent[] = [
      ...Array.from({ length: 6 }, (_, i) => ({ id: `F${i}`, skills: ['q'], contract: 'full' })),
      { id: 'P0', skills: ['q'], contract: 'part' },
      { id: 'P1', skills: ['q'], contract: 'part' },
      { id: 'L0', skills: ['q'], contract: 'full', leave: [{ start: 0, end: 2 * 1440 }] },
    ];
    const owed = 6 * 1800 + 2 * 720 + 1286; // minutes
    const res = await solveRoster({ rules, requirements, agents }, { clock: () => performance.now(), timeLimitSeconds: 10 });
    expect(checkRoster({ rules, requirements, agents }, res)).toEqual([]);
    expect(res.understaffed).toBe(0);
    const paid = paidByAgent(res);
    for (const a of agents) expect(paid.get(a.id) ?? 0).toBeGreaterThanOrEqual(contractMinimumMinutes(a.contract === 'part' ? rules.contracts[1] : rules.contracts[0], a, 0, 7));
    expect(res.paidHours).toBeGreaterThanOrEqual(owed / 60 - 1e-9);
    // the requirement alone needs 2 x 12 h x 7 = 168 h: the contracts are the binding bound
    expect(res.lowerBound).toBeCloseTo(owed / 60, 9);
    expect(res.shifts.some((s) => s.agent === 'L0' && s.start < 2 * 1440)).toBe(false);
  });

  it('an agent who cannot reach the minimum is reported, and the bound is not the sum of minimums', async () => {
    const agents: Agent[] = [
      ...Array.from({ length: 7 }, (_, i) => ({ id: `F${i}`, skills: ['q'], contract: 'full' })),
      // available on one morning only: at most 4 h against 12 h owed
      { id: 'P9', skills: ['q'], contract: 'part', availability: [{ start: 480, end: 720 }] },
    ];
    const res = await solveRoster({ rules, requirements, agents }, { clock: () => performance.now(), timeLimitSeconds: 10 });
    const v = checkRoster({ rules, requirements, agents }, res);
    expect(v.map((x) => [x.code, x.agent, x.expected])).toEqual([['min-weekly-hours', 'P9', 12]]);
    // the minimums (7 x 30 h + 12 h = 222 h) exceed what the requirement needs, but one is not met
    expect(res.lowerBound).toBeLessThan(200);
    expect(res.paidHours).toBeGreaterThanOrEqual(210);
    for (let i = 0; i < 7; i++) expect(paidByAgent(res).get(`F${i}`) ?? 0).toBeGreaterThanOrEqual(1800);
  });
});

describe('contract minimums and anonymous agents (review findings)', () => {
  it('the sum of minimums is no bound when the agents are anonymous: their head count is a choice', async () => {
    const r2 = rulesOf({
      shifts: [
        { id: 'S4', length: '4:00', starts: { from: '00:00', to: '20:00', every: 60 } },
        { id: 'L16', length: '16:00', starts: { from: '00:00', to: '08:00', every: 60 } },
      ],
      rules: { minRestHours: 8 },
      contracts: [{ id: 'c', minWeeklyHours: 30, maxWeeklyHours: 48, maxDaysPerWeek: 5 }],
    });
    const req = new Array(7 * 48).fill(0);
    for (let t = 12; t < 16; t++) req[t] = 1; // day 0 06:00-08:00
    for (let t = 36; t < 40; t++) req[t] = 1; // day 0 18:00-20:00
    const rq: Requirements = { intervalMinutes: 30, days: 7, startWeekday: 1, queues: [{ queue: 'q', required: req }] };
    const res = await solveRoster({ rules: r2, requirements: rq }, { timeLimitSeconds: 3, clock: () => performance.now() });
    // a valid roster of 32 paid hours: one agent 06:00-22:00 on day 0 and 4 h on days 1-4
    const sh = (start: number, template: string, len: number) => ({ agent: 'A001', queue: 'q', template, start, end: start + len, breaks: [] });
    const alt = { intervalMinutes: 30, shifts: [sh(360, 'L16', 960), ...[1, 2, 3, 4].map((d) => sh(d * 1440 + 600, 'S4', 240))] };
    expect(checkRoster({ rules: r2, requirements: rq }, alt)).toEqual([]);
    expect(res.lowerBound).toBeLessThanOrEqual(32);
    // and no paid hours are added only to bring anonymous agents to a minimum: the stage-1 shifts stay
    expect(res.paidHours).toBeLessThanOrEqual(16);
  });

  it('a shift nobody can take is not replaced when the replacement costs more than the shortfall it removes', async () => {
    const r3 = rulesOf({
      shifts: [{ id: 'L8', length: '8:00', starts: { from: '00:00', to: '16:00', every: 60 } }],
      rules: { understaffPenaltyHours: 1 },
      contracts: [{ id: 'c', minWeeklyHours: 0, maxWeeklyHours: 40, maxDaysPerWeek: 5 }],
    });
    const req = new Array(48).fill(0);
    for (let t = 16; t < 32; t++) req[t] = 1; // 08:00-16:00
    const rq: Requirements = { intervalMinutes: 30, days: 1, startWeekday: 1, queues: [{ queue: 'q', required: req }] };
    // X may work from 14:00 only: 14:00-22:00 covers 4 short half-hours (penalty 4 h) for 8 h of pay
    const res = await solveRoster({ rules: r3, requirements: rq, agents: [{ id: 'X', skills: ['q'], availability: [{ start: 840, end: 1440 }] }] }, { timeLimitSeconds: 2, clock: () => performance.now() });
    expect(res.objective).toBeLessThanOrEqual(16);
  });
});

describe('tour repairs and the time limit', () => {
  it('top-ups reach the minimum when there is time, and stop at the deadline', async () => {
    const { buildTours } = await import('../../src/solver/stage2.js');
    const candidates = Array.from({ length: 7 }, (_, d) => ({ queue: 'q', start: d * 1440 + 540, end: d * 1440 + 1020, paidMinutes: 450 }));
    const topUp = { candidates, value: () => 1, gain: () => 1, commit: () => {}, remove: () => {} };
    const base = {
      rules,
      days: 7,
      startWeekday: 1,
      queues: ['q'],
      shifts: [{ queue: 'q', start: 540, end: 1020, paidMinutes: 450 }],
      agents: [{ id: 'F0', skills: ['q'], contract: 'full' }],
      topUp,
    };
    const open = buildTours({ ...base, deadline: () => false });
    // 7.5 h on day 0 plus top-ups of 7.5 h until 30 h: three more
    expect(open.extra.length).toBe(3);
    expect(open.extra.every((x) => x.agent === 'F0')).toBe(true);
    const late = buildTours({ ...base, deadline: () => true });
    expect(late.extra).toEqual([]);
    expect(late.agentOf).toEqual(['F0']);
  });
});
