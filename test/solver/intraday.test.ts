/**
 * Intraday actions (src/solver/intraday.ts): hand-built days whose best action is known (a break
 * moved out of the peak, one agent moved between queues, overtime for the one agent the rules allow,
 * time off only where a queue has more agents than it needs), and a property test on random rosters
 * under the bundled rules: no action ever breaks a rule, as the roster checker (src/solver/check.ts)
 * sees the roster with the actions applied, and nothing before the cut ever changes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { checkRoster } from '../../src/solver/check.js';
import { agentViolations, applyActions, coverage, planActions, type ActionInput, type PlanShift } from '../../src/solver/intraday.js';
import { validateRules } from '../../src/solver/rules.js';
import type { Agent, Requirements, RosterRules, RosterShift } from '../../src/solver/types.js';
import { QueueProjection } from '../../src/staff/intraday.js';
import { erlangCExact, ratioToNumber } from '../helpers/exact.js';
import { rng } from '../helpers/queue-log-gen.js';

function rulesOf(raw: unknown): RosterRules {
  const v = validateRules(raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.rules;
}

/** Erlang C service level with n whole agents at a load of p/q Erlangs (C exact), 0 at or below the load. */
function slRef(n: number, p: bigint, q: bigint, aht: number, t: number): number {
  const a = Number(p) / Number(q);
  if (n <= a) return 0;
  const c = erlangCExact(n, p, q);
  return 1 - ratioToNumber(c.num, c.den) * Math.exp((-(n - a) * t) / aht);
}

const H = (h: number, m = 0) => h * 60 + m;
const G = 30;
const GRID = { dayStart: 0, intervalMinutes: G, intervals: 48 };
const AHT = 300;

/** A shift on day 0 (or day d) with one lunch. */
function shift(agent: string, start: number, len: number, lunch: number, queue = 'q', template = `D${len / 60}`, day = 0): PlanShift {
  const s = day * 1440 + start;
  const b = day * 1440 + lunch;
  return { agent, template, start: s, end: s + len, breaks: [{ start: b, end: b + 30, paid: false }], parts: [{ start: s, end: s + len, queue }] };
}

function requirements(queues: string[], days = 7): Requirements {
  return { intervalMinutes: 15, days, startWeekday: 1, queues: queues.map((queue) => ({ queue, required: new Array(days * 96).fill(0) })) };
}

/** The planner's input with Erlang C values from calls per interval of each queue (80/20, AHT 300 s). */
function input(o: { rules: RosterRules; shifts: PlanShift[]; calls: Record<string, number[]>; cut: number; agents?: Agent[]; maxActions?: number }): ActionInput {
  const queues = Object.keys(o.calls);
  const staffing = { targets: { serviceLevel: { target: 0.8, seconds: 20 } }, shrinkage: 0 };
  const proj = queues.map((q) => new QueueProjection(o.calls[q].map((c) => ({ calls: c, ahtSeconds: AHT })), G, staffing));
  const ahead = (i: number) => (i + 1) * G > o.cut;
  return {
    rules: o.rules,
    requirements: requirements(queues),
    agents: o.agents,
    shifts: o.shifts,
    grid: GRID,
    cut: o.cut,
    queues,
    value: (q, i, n) => (ahead(i) ? proj[q].value(i, n) : 0),
    required: (q, i) => proj[q].required(i),
    remainingCalls: queues.map((q) => o.calls[q].reduce((s, c, i) => s + (ahead(i) ? c : 0), 0)),
    maxActions: o.maxActions,
  };
}

/** Calls per 30-minute interval of the day: `base` from `from` to `to` (hours), with exceptions. */
function day(base: number, from: number, to: number, at: Record<number, number> = {}): number[] {
  return Array.from({ length: 48 }, (_, i) => (i in at ? at[i] : i >= from * 2 && i < to * 2 ? base : 0));
}

const lunchRule = { name: 'lunch', length: 30, paid: false, window: ['2:00', '5:00'] };
const rules = rulesOf({
  shifts: [
    { id: 'D6', length: '6:00', starts: { from: '00:00', to: '23:30', every: 30 }, breaks: [{ name: 'lunch', length: 30, paid: false, window: ['2:00', '3:00'] }] },
    { id: 'D8', length: '8:00', starts: { from: '00:00', to: '23:30', every: 30 }, breaks: [lunchRule] },
    { id: 'D9', length: '9:00', starts: { from: '00:00', to: '23:30', every: 30 }, breaks: [lunchRule] },
  ],
  rules: { minRestHours: 11, maxConsecutiveDays: 6, maxDaysPerWeek: 6 },
  contracts: [
    { id: 'ft', minWeeklyHours: 0, maxWeeklyHours: 40, maxDaysPerWeek: 6 },
    { id: 'tight', minWeeklyHours: 0, maxWeeklyHours: 38, maxDaysPerWeek: 6 },
  ],
  defaultContract: 'ft',
});

describe('a break moved out of the peak', () => {
  // One queue, two agents 08:00-16:00. A1's lunch 11:00-11:30 falls on the peak (6 calls, 1 Erlang: one
  // agent gives SL 0); 12:30-13:00 has no calls; A2 lunches 13:00-13:30. Cut 09:00.
  const calls = { q: day(2, 9, 16, { 22: 6, 25: 0 }) };
  const shifts = [shift('A1', H(8), 480, H(11)), shift('A2', H(8), 480, H(13))];

  it('moves A1\'s lunch to 12:30, the only half hour without calls, gaining 6 × SL(2 agents, 1 Erlang) calls', () => {
    const { actions } = planActions(input({ rules, shifts, calls, cut: H(9) }));
    const a = actions[0];
    expect(a).toMatchObject({ kind: 'break', agent: 'A1', from: { start: H(11), end: H(11, 30) }, window: { start: H(12, 30), end: H(13) } });
    // the gain by hand: at 11:00 two agents instead of one (one gives 0 at a load of 1 Erlang); at 12:30 nothing is lost
    expect(a.gain).toBeCloseTo(6 * slRef(2, 1n, 1n, AHT, 20), 9);
    const total = calls.q.slice(18).reduce((s, c) => s + c, 0);
    expect(a.lift).toBeCloseTo(a.gain / total, 12);
    expect(a.agentHours).toBe(0.5);
  });

  it('a lunch already taken stays where it is', () => {
    const { actions } = planActions(input({ rules, shifts, calls, cut: H(11, 15) }));
    expect(actions.filter((x) => x.agent === 'A1' && x.kind === 'break')).toEqual([]);
  });
});

describe('one agent moved between queues', () => {
  // Queue a: 1 call per half hour; three agents. Queue b: 8 calls per half hour 12:00-14:00 (1.33 Erlangs)
  // and one agent. Only X1 is skilled for b.
  const calls = { a: day(1, 9, 16), b: day(0, 0, 0, { 24: 8, 25: 8, 26: 8, 27: 8 }) };
  const shifts = [
    shift('X1', H(8), 480, H(10), 'a'),
    shift('X2', H(8), 480, H(10, 30), 'a'),
    shift('X3', H(8), 480, H(11), 'a'),
    shift('Y1', H(8), 480, H(11), 'b'),
  ];
  const agents: Agent[] = [
    { id: 'X1', skills: ['a', 'b'] },
    { id: 'X2', skills: ['a'] },
    { id: 'X3', skills: ['a'] },
    { id: 'Y1', skills: ['b'] },
  ];

  it('moves X1 from a to b for exactly 12:00-14:00, where b is short', () => {
    const { actions, shifts: after } = planActions(input({ rules, shifts, calls, cut: H(9), agents }));
    const a = actions[0];
    expect(a).toMatchObject({ kind: 'move', agent: 'X1', queue: 'a', toQueue: 'b', window: { start: H(12), end: H(14) }, agentHours: 2 });
    // by hand: b gains 8 × SL(2) − 8 × SL(1) per half hour (SL(1) = 0 at 1.33 Erlangs), a loses 1 × (SL(3) − SL(2)) at 1/6 Erlang
    const gain = 4 * (8 * slRef(2, 4n, 3n, AHT, 20) - 1 * (slRef(3, 1n, 6n, AHT, 20) - slRef(2, 1n, 6n, AHT, 20)));
    expect(a.gain).toBeCloseTo(gain, 9);
    expect(after[0]!.parts).toEqual([
      { start: H(8), end: H(12), queue: 'a' },
      { start: H(12), end: H(14), queue: 'b' },
      { start: H(14), end: H(16), queue: 'a' },
    ]);
    expect(actions.filter((x) => x.kind === 'move')).toHaveLength(1);
  });

  it('no move without the skill, or when a lapsed certificate gates the skill on the day', () => {
    const noSkill = agents.map((x) => (x.id === 'X1' ? { ...x, skills: ['a'] } : x));
    expect(planActions(input({ rules, shifts, calls, cut: H(9), agents: noSkill })).actions.filter((x) => x.kind === 'move')).toEqual([]);
    const gated = agents.map((x) => (x.id === 'X1' ? { ...x, skillDays: { b: [1, 2, 3] } } : x));
    expect(planActions(input({ rules, shifts, calls, cut: H(9), agents: gated })).actions.filter((x) => x.kind === 'move')).toEqual([]);
  });

  it('without agents (skills unknown) there are no moves', () => {
    expect(planActions(input({ rules, shifts, calls, cut: H(9) })).actions.filter((x) => x.kind === 'move')).toEqual([]);
  });
});

describe('a move only takes an agent from a queue over-staffed in the window', () => {
  // Queue b as above: 8 calls per half hour 12:00-14:00 (4/3 Erlang), one agent (SL 0 alone). Queue a:
  // 6 calls per half hour 12:00-14:00 (1 Erlang), which needs 3 agents at 80/20 (SL(2) < 0.8 <= SL(3)),
  // 1 call per half hour otherwise. X1 (skilled for both) is the only agent who could move. Moving X1
  // from a to b would gain calls pooled (b gains 8·SL(2), a loses 6·(SL(3) − SL(2)) each half hour),
  // but a is not over-staffed with three.
  const calls = { a: day(1, 9, 16, { 24: 6, 25: 6, 26: 6, 27: 6 }), b: day(0, 0, 0, { 24: 8, 25: 8, 26: 8, 27: 8 }) };
  const base = [
    shift('X1', H(8), 480, H(10), 'a'),
    shift('X2', H(8), 480, H(10, 30), 'a'),
    shift('X3', H(8), 480, H(11), 'a'),
    shift('Y1', H(8), 480, H(11), 'b'),
  ];
  const agents: Agent[] = [
    { id: 'X1', skills: ['a', 'b'] },
    { id: 'X2', skills: ['a'] },
    { id: 'X3', skills: ['a'] },
    { id: 'X4', skills: ['a'] },
    { id: 'Y1', skills: ['b'] },
  ];
  const bGain = 8 * slRef(2, 4n, 3n, AHT, 20); // b: 8 × SL(2) − 8 × SL(1), SL(1) = 0 at 4/3 Erlang
  const moves = (o: Parameters<typeof input>[0]) => planActions(input(o)).actions.filter((x) => x.kind === 'move');

  it('the setting: a needs 3 agents at 12:00-14:00 and the pooled gain of the move would be positive', () => {
    const inp = input({ rules, shifts: base, calls, cut: H(9), agents });
    expect(inp.required(0, 24)).toBe(3);
    expect(slRef(2, 1n, 1n, AHT, 20)).toBeLessThan(0.8);
    expect(slRef(3, 1n, 1n, AHT, 20)).toBeGreaterThanOrEqual(0.8);
    expect(bGain - 6 * (slRef(3, 1n, 1n, AHT, 20) - slRef(2, 1n, 1n, AHT, 20))).toBeGreaterThan(0);
  });

  it('no move when the only source queue has just the agents it needs', () => {
    expect(moves({ rules, shifts: base, calls, cut: H(9), agents })).toEqual([]);
  });

  it('with a fourth agent on a (over-staffed by one), X1 moves to b for 12:00-14:00', () => {
    const shifts = [...base, shift('X4', H(8), 480, H(11, 30), 'a')];
    const m = moves({ rules, shifts, calls, cut: H(9), agents });
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ agent: 'X1', queue: 'a', toQueue: 'b', window: { start: H(12), end: H(14) }, agentHours: 2 });
    // by hand: four half hours of b's gain less a's loss from 4 to 3 agents at 1 Erlang
    expect(m[0].gain).toBeCloseTo(4 * (bGain - 6 * (slRef(4, 1n, 1n, AHT, 20) - slRef(3, 1n, 1n, AHT, 20))), 9);
  });

  it('the window keeps to the intervals where a is over-staffed: 13:00-14:00 when a needs 3 only until 13:00', () => {
    const early = { a: day(1, 9, 16, { 24: 6, 25: 6 }), b: calls.b };
    const m = moves({ rules, shifts: base, calls: early, cut: H(9), agents });
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ agent: 'X1', queue: 'a', toQueue: 'b', window: { start: H(13), end: H(14) }, agentHours: 1 });
    // a at 1/6 Erlang from 13:00: 1 agent meets 80/20, so three leave two to spare
    expect(m[0].gain).toBeCloseTo(2 * (bGain - (slRef(3, 1n, 6n, AHT, 20) - slRef(2, 1n, 6n, AHT, 20))), 9);
  });
});

describe('overtime only where the rules allow it', () => {
  // 2 calls per half hour 09:00-16:00, 4 calls 16:00-17:00 when only L (09:00-17:00) is at work.
  // O1, O2, O3 work 08:00-16:00 today; staying to 17:00 (template D9) would help each of them.
  // O1 has four more days this week: 5 × 7.5 h = 37.5 h, one hour more breaks its 38 h contract.
  // O2 starts at 03:30 tomorrow: rest 16:00 -> 03:30 is 11.5 h, staying to 17:00 leaves 10.5 h.
  const calls = { q: day(2, 9, 17, { 32: 4, 33: 4 }) };
  const week = [1, 2, 3, 4].map((d) => shift('O1', H(8), 480, H(12), 'q', 'D8', d));
  const shifts = [
    shift('O1', H(8), 480, H(11)),
    ...week,
    shift('O2', H(8), 480, H(11, 30)),
    shift('O2', H(3, 30), 480, H(7), 'q', 'D8', 1),
    shift('O3', H(8), 480, H(12)),
    shift('L', H(9), 480, H(13)),
  ];
  const agents: Agent[] = [{ id: 'O1', skills: ['q'], contract: 'tight' }, { id: 'O2', skills: ['q'] }, { id: 'O3', skills: ['q'] }, { id: 'L', skills: ['q'] }];

  it('the baseline keeps every rule', () => {
    expect(checkRoster({ rules, requirements: requirements(['q']), agents }, { intervalMinutes: 15, shifts: shifts.map((s) => asRosterShift(s)) })).toEqual([]);
  });

  it('offers O3 overtime 16:00-17:00; O1 (weekly hours) and O2 (rest) get none, and the checker says why', () => {
    const inp = input({ rules, shifts, calls, cut: H(9), agents });
    const { actions } = planActions(inp);
    expect(actions[0]).toMatchObject({ kind: 'overtime', agent: 'O3', window: { start: H(16), end: H(17) }, agentHours: 1 });
    expect(actions.filter((x) => x.kind === 'overtime').map((x) => x.agent)).toEqual(['O3']);
    const longer = (s: PlanShift): PlanShift => ({ ...s, template: 'D9', end: s.end + 60, parts: [{ ...s.parts[0], end: s.end + 60 }] });
    const o1 = shifts.map((s, k) => (k === 0 ? longer(s) : s));
    expect(agentViolations(inp, 'O1', o1).map((v) => v.code)).toEqual(['max-weekly-hours']);
    const o2 = shifts.map((s, k) => (k === 5 ? longer(s) : s));
    expect(agentViolations(inp, 'O2', o2).map((v) => v.code)).toEqual(['rest']);
  });
});

describe('time off where a queue has more agents than it needs', () => {
  // 1 call per half hour 09:00-18:00 (1/6 Erlang: one agent meets 80/20), four agents 08:00-16:00 and
  // a late one 10:00-18:00.
  const calls = { q: day(1, 9, 18) };
  const shifts = [shift('T1', H(8), 480, H(11)), shift('T2', H(8), 480, H(11, 30)), shift('T3', H(8), 480, H(12)), shift('T4', H(8), 480, H(12, 30)), shift('T5', H(10), 480, H(13))];

  it('offers time off, never leaving an interval below its requirement, and nothing that lifts is missed', () => {
    const inp = input({ rules, shifts, calls, cut: H(9), maxActions: 10 });
    const { actions, shifts: after } = planActions(inp);
    const off = actions.filter((x) => x.kind === 'timeOff');
    expect(off.length).toBeGreaterThan(0);
    for (const x of off) expect(x.agentHours).toBeLessThan(0);
    const cov = coverage(after.filter((s): s is PlanShift => s !== null), GRID, ['q'], H(9))[0];
    for (let i = 18; i < 36; i++) expect(cov[i]).toBeGreaterThanOrEqual(inp.required(0, i) - 1e-9);
  });

  it('no time off when every agent is needed', () => {
    const busy = { q: day(8, 9, 18) };
    const { actions } = planActions(input({ rules, shifts, calls: busy, cut: H(9) }));
    expect(actions.filter((x) => x.kind === 'timeOff')).toEqual([]);
  });
});

// ---- property: no action breaks a rule --------------------------------------------------------

/** The checker's shift for a plan shift serving `queue` (the test's own conversion). */
function asRosterShift(s: PlanShift, queue = s.parts[0].queue): RosterShift {
  return { agent: s.agent, queue, template: s.template ?? '', start: s.start, end: s.end, breaks: s.breaks.map((b) => ({ ...b })) };
}

/** Every violation of the roster, each shift checked for every queue it serves. */
function violations(rules: RosterRules, req: Requirements, agents: Agent[], shifts: PlanShift[]) {
  const base = shifts.map((s) => asRosterShift(s));
  const out = checkRoster({ rules, requirements: req, agents }, { intervalMinutes: 15, shifts: base });
  shifts.forEach((s, k) => {
    for (const q of new Set(s.parts.slice(1).map((p) => p.queue))) {
      if (q === s.parts[0].queue) continue;
      const variant = base.map((x, j) => (j === k ? asRosterShift(s, q) : x));
      out.push(...checkRoster({ rules, requirements: req, agents }, { intervalMinutes: 15, shifts: variant }).filter((v) => v.code === 'skill' || v.code === 'unknown-queue'));
    }
  });
  return out;
}

const BUNDLED = rulesOf(parseYaml(readFileSync(new URL('../../data/roster-rules.yaml', import.meta.url), 'utf8')));

/** A random week under the bundled rules: agents with 3-5 shifts of random templates, starts and break positions. */
function randomCase(seed: number) {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const queues = ['a', 'b', 'c'].slice(0, 2 + Math.floor(r() * 2));
  const agents: Agent[] = [];
  const shifts: PlanShift[] = [];
  const nAgents = 8 + Math.floor(r() * 10);
  for (let k = 0; k < nAgents; k++) {
    const id = `G${k}`;
    const skills = queues.filter(() => r() < 0.6);
    if (skills.length === 0) skills.push(pick(queues));
    const agent: Agent = { id, skills, contract: r() < 0.3 ? 'part-time' : 'full-time' };
    if (r() < 0.2) agent.skillDays = { [pick(skills)]: [0, 1, 2, 3, 4, 5, 6, 7].filter(() => r() < 0.6) };
    agents.push(agent);
    let lastEnd = -Infinity;
    for (let d = 0; d < 7; d++) {
      if (r() < 0.35) continue;
      const t = pick(BUNDLED.shifts.filter((x) => x.minutes <= 600));
      const start = d * 1440 + pick(t.starts.filter((m) => m >= 300 && m <= 900));
      if (start - lastEnd < 660) continue;
      const breaks = [];
      let prev = start;
      for (const b of t.breaks) {
        const offs = [];
        for (let o = b.earliest; o <= b.latest; o += 15) if (start + o >= prev) offs.push(o);
        const o = pick(offs);
        breaks.push({ start: start + o, end: start + o + b.minutes, paid: b.paid });
        prev = start + o + b.minutes;
      }
      const queue = pick(skills);
      shifts.push({ agent: id, template: t.id, start, end: start + t.minutes, breaks, parts: [{ start, end: start + t.minutes, queue }] });
      lastEnd = start + t.minutes;
    }
  }
  const dayIdx = Math.floor(r() * 7);
  const calls: Record<string, number[]> = {};
  const peak = pick([2, 5, 12]);
  for (const q of queues) calls[q] = Array.from({ length: 48 }, (_, i) => (i >= 14 && i < 44 ? Math.round(r() * peak * Math.sin((Math.PI * (i - 14)) / 30) ** 2) : 0));
  const cut = dayIdx * 1440 + 360 + Math.floor(r() * 48) * 15;
  return { queues, agents, shifts, calls, dayIdx, cut };
}

describe('property: no action ever breaks a rule (random weeks under the bundled rules)', () => {
  it('for every action, the roster with it (and with all of them) passes the checker for that agent; nothing before the cut changes; a move leaves its source queue the agents it needs', () => {
    const kinds = new Map<string, number>();
    let checked = 0;
    let moveIntervals = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const c = randomCase(seed);
      const req = requirements(c.queues);
      const staffing = { targets: { serviceLevel: { target: 0.8, seconds: 20 } }, shrinkage: 0 };
      const proj = c.queues.map((q) => new QueueProjection(c.calls[q].map((x) => ({ calls: x, ahtSeconds: AHT })), G, staffing));
      const grid = { dayStart: c.dayIdx * 1440, intervalMinutes: G, intervals: 48 };
      const ahead = (i: number) => grid.dayStart + (i + 1) * G > c.cut;
      const inp: ActionInput = {
        rules: BUNDLED, requirements: req, agents: c.agents, shifts: c.shifts, grid, cut: c.cut, queues: c.queues,
        value: (q, i, n) => (ahead(i) ? proj[q].value(i, n) : 0),
        required: (q, i) => proj[q].required(i),
        remainingCalls: c.queues.map((q) => c.calls[q].reduce((s, x, i) => s + (ahead(i) ? x : 0), 0)),
        maxActions: 15,
      };
      const before = violations(BUNDLED, req, c.agents, c.shifts);
      const { actions } = planActions(inp);
      const agentsActed = new Set<string>();
      const applied: typeof actions = [];
      for (const a of actions) {
        applied.push(a);
        if (a.kind === 'move') {
          // the queue left keeps the agents it needs in every interval of the window (with the actions before it)
          const cov = coverage(applyActions(c.shifts, applied), grid, c.queues, c.cut);
          const src = c.queues.indexOf(a.queue);
          for (let i = (a.window.start - grid.dayStart) / G; i < (a.window.end - grid.dayStart) / G; i++) {
            expect(cov[src][i], `seed ${seed}, move of ${a.agent} at interval ${i}`).toBeGreaterThanOrEqual(proj[src].required(i) - 1e-9);
            moveIntervals++;
          }
        }
        expect(agentsActed.has(a.agent)).toBe(false); // at most one action per agent
        agentsActed.add(a.agent);
        kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
        expect(before.filter((v) => v.agent === a.agent || (v.shift !== undefined && c.shifts[v.shift].agent === a.agent))).toEqual([]);
        // alone
        const one = applyActions(c.shifts, [a]);
        const found = violations(BUNDLED, req, c.agents, one).filter((v) => v.agent === a.agent || (v.shift !== undefined && one[v.shift].agent === a.agent));
        expect(found, `seed ${seed}, ${a.kind} for ${a.agent}`).toEqual([]);
        // nothing before the cut changes
        const old = c.shifts[a.shift];
        const neu = a.after;
        if (neu) {
          if (old.start < c.cut) expect(neu.start).toBe(old.start);
          expect(neu.breaks.filter((b) => b.start < c.cut)).toEqual(old.breaks.filter((b) => b.start < c.cut));
          for (const p of neu.parts) if (p.start < c.cut) expect(old.parts.find((x) => x.start <= p.start && x.end > p.start)!.queue).toBe(p.queue);
          if (neu.end < old.end) expect(neu.end).toBeGreaterThanOrEqual(c.cut);
        } else expect(old.start).toBeGreaterThanOrEqual(c.cut);
        checked++;
      }
      // all of them at once
      const all = applyActions(c.shifts, actions);
      const acted = violations(BUNDLED, req, c.agents, all).filter((v) => agentsActed.has(v.agent ?? (v.shift !== undefined ? all[v.shift].agent : '')));
      expect(acted, `seed ${seed}, all actions`).toEqual([]);
    }
    // the property was exercised on every kind of action
    expect(checked).toBeGreaterThan(100);
    expect(moveIntervals).toBeGreaterThan(0);
    for (const k of ['break', 'overtime', 'timeOff', 'move']) expect(kinds.get(k) ?? 0, k).toBeGreaterThan(0);
  });
});
