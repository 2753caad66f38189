import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkRoster } from '../../src/solver/check.js';
import { RosterInputError, solveRoster } from '../../src/solver/roster.js';
import { validateRules } from '../../src/solver/rules.js';
import type { Agent, Requirements, RosterRules } from '../../src/solver/types.js';

function rulesOf(raw: unknown): RosterRules {
  const v = validateRules(raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.rules;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const clock = () => performance.now();

describe('stage 1 optimum against brute-force enumeration (both solvers)', () => {
  // One day, 30-minute grid. Templates: A = 2 h, no break, starts 08/09/10; B = 3 h with an unpaid
  // 30-minute break 1:00 or 1:30 after the start, starts 08/09. Penalty 1.5 h per short interval.
  const raw = {
    shifts: [
      { id: 'A', length: '2:00', starts: ['08:00', '09:00', '10:00'] },
      { id: 'B', length: '3:00', starts: ['08:00', '09:00'], breaks: [{ name: 'lunch', length: 30, paid: false, window: ['1:00', '1:30'] }] },
    ],
    rules: { understaffPenaltyHours: 1.5 },
  };
  const rules = rulesOf(raw);
  // explicit options: [start minute, length, break start or -1, paid hours]
  const options: [number, number, number, number][] = [
    [480, 120, -1, 2],
    [540, 120, -1, 2],
    [600, 120, -1, 2],
    [480, 180, 540, 2.5],
    [480, 180, 570, 2.5],
    [540, 180, 600, 2.5],
    [540, 180, 630, 2.5],
  ];
  function bruteForce(req: number[]): number {
    let best = Infinity;
    const counts = new Array(options.length).fill(0);
    const rec = (i: number) => {
      if (i === options.length) {
        const cov = new Array(48).fill(0);
        let paid = 0;
        options.forEach(([s, len, br, p], k) => {
          for (let m = s; m < s + len; m += 30) if (m !== br) cov[m / 30] += counts[k];
          paid += p * counts[k];
        });
        let short = 0;
        for (let t = 0; t < 48; t++) short += Math.max(0, req[t] - cov[t]);
        best = Math.min(best, paid + 1.5 * short);
        return;
      }
      for (let c = 0; c <= 3; c++) {
        counts[i] = c;
        rec(i + 1);
      }
    };
    rec(0);
    return best;
  }
  for (const seed of [1, 2, 3, 4]) {
    it(`seed ${seed}: HiGHS and javascript-lp-solver both reach the enumerated optimum`, async () => {
      const r = rng(seed);
      const req = new Array(48).fill(0);
      for (let t = 16; t < 26; t++) req[t] = Math.floor(r() * 3);
      const opt = bruteForce(req);
      const requirements: Requirements = { intervalMinutes: 30, days: 1, startWeekday: 3, queues: [{ queue: 'q', required: req }] };
      for (const solver of ['highs', 'lp-solver'] as const) {
        const res = await solveRoster({ rules, requirements }, { solver, clock, timeLimitSeconds: 20 });
        expect(res.solver).toBe(solver);
        expect(res.objective).toBeCloseTo(opt, 9);
        expect(res.lowerBound).toBeLessThanOrEqual(opt + 1e-9);
        expect(checkRoster({ rules, requirements }, res)).toEqual([]);
      }
    });
  }
});

describe('hand-computed optimum: a break inside the only required block', () => {
  // Need 1 agent 10:00-14:00 on a 15-minute grid. A 4 h shift has a paid 15-minute break 1:30-2:15
  // after its start, so one shift alone leaves one interval short: cost 4 + P. Two shifts can cover
  // each other's break (e.g. 08:00-12:00 with its break at 09:30, plus 10:00-14:00): cost 8.
  const raw = (penalty: number) => ({
    shifts: [{ id: 'S4', length: '4:00', starts: { from: '00:00', to: '23:45', every: 15 }, breaks: [{ length: 15, paid: true, window: ['1:30', '2:15'] }] }],
    rules: { understaffPenaltyHours: penalty },
  });
  const req = new Array(96).fill(0);
  for (let t = 40; t < 56; t++) req[t] = 1;
  const requirements: Requirements = { intervalMinutes: 15, days: 1, startWeekday: 1, queues: [{ queue: 'q', required: req }] };
  for (const [penalty, expected, short] of [
    [2, 6, 1],
    [12, 8, 0],
  ] as const)
    for (const solver of ['highs', 'lp-solver'] as const)
      it(`penalty ${penalty} h, ${solver}: objective ${expected}`, async () => {
        const rules = rulesOf(raw(penalty));
        const res = await solveRoster({ rules, requirements }, { solver, clock, timeLimitSeconds: 20 });
        expect(res.objective).toBe(expected);
        expect(res.understaffed).toBe(short);
        expect(res.gap).toBe(0); // the rounded LP bound proves it here
        expect(checkRoster({ rules, requirements }, res)).toEqual([]);
      });
});

describe('an impossible week', () => {
  it('returns the best partial roster and lists the short intervals', async () => {
    // 3 agents needed 09:00-17:00 every day; only 2 agents, each at most 5 days / 40 h of 8 h shifts.
    const rules = rulesOf({
      shifts: [{ id: 'D', length: '8:00', starts: ['09:00'] }],
      contracts: [{ id: 'ft', maxWeeklyHours: 40, maxDaysPerWeek: 5 }],
    });
    const req = new Array(7 * 48).fill(0);
    for (let d = 0; d < 7; d++) for (let t = 18; t < 34; t++) req[d * 48 + t] = 3;
    const requirements: Requirements = { intervalMinutes: 30, days: 7, startWeekday: 1, queues: [{ queue: 'billing', required: req }] };
    const agents: Agent[] = [
      { id: 'zhang', skills: ['billing'] },
      { id: 'li', skills: ['billing'] },
    ];
    const res = await solveRoster({ rules, requirements, agents }, { clock, timeLimitSeconds: 20 });
    // 10 shifts of 8 h can be worked; 21 are needed: 11 x 16 intervals short
    expect(res.shifts.length).toBe(10);
    expect(res.paidHours).toBe(80);
    expect(res.understaffed).toBe(11 * 16);
    expect(res.shortIntervals.reduce((s, x) => s + x.short, 0)).toBe(176);
    expect(res.shortIntervals.every((x) => x.interval % 48 >= 18 && x.interval % 48 < 34)).toBe(true);
    expect(res.objective).toBe(80 + 12 * 176);
    expect(res.lowerBound).toBe(res.objective); // capacity rows make the LP exact here
    expect(checkRoster({ rules, requirements, agents }, res)).toEqual([]);
  });
});

describe('named agents and the default rules', () => {
  const rules = rulesOf(parse(readFileSync(new URL('../../data/roster-rules.yaml', import.meta.url), 'utf8')));
  const days = 3; // three days keep the LP under a second
  const profile = (peak: number, seed: number) => {
    const r = rng(seed);
    const out: number[] = [];
    for (let d = 0; d < days; d++)
      for (let i = 0; i < 96; i++) {
        const h = i / 4;
        out.push(Math.round(peak * (0.15 + 0.85 * Math.exp(-((h - 13) ** 2) / 18)) * (0.9 + 0.2 * r())));
      }
    return out;
  };
  const requirements: Requirements = {
    intervalMinutes: 15,
    days,
    startWeekday: 1,
    holidays: [2],
    queues: [
      { queue: 'billing', required: profile(4, 7) },
      { queue: 'vip', required: profile(2, 8) },
    ],
  };

  it('anonymous agents: every interval covered, every rule kept, bound below objective', async () => {
    const res = await solveRoster({ rules, requirements }, { clock, timeLimitSeconds: 10 });
    expect(res.understaffed).toBe(0);
    expect(res.agents[0]).toBe('A001');
    expect(res.lowerBound).toBeLessThanOrEqual(res.objective);
    expect(res.lowerBound).toBeGreaterThan(0);
    expect(res.gap).toBeCloseTo((res.objective - res.lowerBound) / res.objective, 12);
    expect(checkRoster({ rules, requirements }, res)).toEqual([]);
    // fairness rows add up to the shifts
    expect(res.fairness.reduce((s, f) => s + f.days, 0)).toBe(res.shifts.length);
    expect(res.fairness.reduce((s, f) => s + f.paidHours, 0)).toBeCloseTo(res.paidHours, 9);
  });

  it('skills, leave and day-off requests are honoured', async () => {
    const agents: Agent[] = [];
    for (let i = 0; i < 40; i++)
      agents.push({
        id: `E${i}`,
        skills: i % 4 === 0 ? ['vip', 'billing'] : i % 4 === 1 ? ['vip'] : ['billing'],
        contract: i % 3 === 0 ? 'part-time' : 'full-time',
        ...(i === 5 ? { leave: [{ start: 2 * 1440, end: 4 * 1440 }] } : {}),
        ...(i === 6 ? { daysOff: [0, 1] } : {}),
      });
    const res = await solveRoster({ rules, requirements, agents }, { clock, timeLimitSeconds: 10 });
    expect(checkRoster({ rules, requirements, agents }, res)).toEqual([]);
    expect(res.shifts.some((s) => s.agent === 'E5' && s.start < 4 * 1440 && s.end > 2 * 1440)).toBe(false);
    expect(res.shifts.some((s) => s.agent === 'E6' && s.start < 2 * 1440)).toBe(false);
    expect(res.understaffed).toBe(0);
  });

  it('rejects malformed input with key paths', async () => {
    const bad: Requirements = { ...requirements, queues: [{ queue: 'billing', required: [1, 2, 3] }] };
    await expect(solveRoster({ rules, requirements: bad, agents: [{ id: 'x', skills: ['nope'], contract: 'zz' }] })).rejects.toBeInstanceOf(RosterInputError);
    try {
      await solveRoster({ rules, requirements: bad, agents: [{ id: 'x', skills: ['nope'], contract: 'zz' }] });
    } catch (e) {
      expect((e as RosterInputError).issues.map((i) => `${i.path} ${i.code}`)).toEqual([
        'requirements.queues[0].required length',
        'agents[0].contract unknown-contract',
        'agents[0].skills[0] unknown-queue',
      ]);
    }
  });
});

describe('per-day skills (exam and certificate gates) in the tours', () => {
  it('an agent is never given a gated queue on a day it is not allowed; the checker agrees', async () => {
    const rules = rulesOf({
      shifts: [{ id: 'D8', length: '8:00', starts: ['08:00'], breaks: [] }],
      rules: { understaffPenaltyHours: 4, maxDaysPerWeek: 6, maxConsecutiveDays: 6 },
      contracts: [{ id: 'ft', maxWeeklyHours: 48, maxDaysPerWeek: 6 }],
      defaultContract: 'ft',
    });
    // one agent needed per queue 08:00-16:00 on each of 4 days
    const req = (q: string): { queue: string; required: number[] } => ({ queue: q, required: Array.from({ length: 4 * 48 }, (_, t) => (t % 48 >= 16 && t % 48 < 32 ? 1 : 0)) });
    const requirements: Requirements = { intervalMinutes: 30, days: 4, startWeekday: 1, queues: [req('billing'), req('vip')] };
    // b1 may do vip on days 0 and 1 only; b2 only billing; v1 vip only from day 2
    const agents: Agent[] = [
      { id: 'b1', skills: ['billing', 'vip'], skillDays: { vip: [0, 1] } },
      { id: 'b2', skills: ['billing'] },
      { id: 'v1', skills: ['vip'], skillDays: { vip: [2, 3, 4] } },
    ];
    const res = await solveRoster({ rules, requirements, agents }, { solver: 'highs', clock, timeLimitSeconds: 20 });
    // feasible by hand: days 0-1 b1 vip + b2 billing, days 2-3 v1 vip + b1/b2 billing
    expect(res.understaffed).toBe(0);
    expect(res.unassigned).toEqual([]);
    for (const s of res.shifts) {
      const d = Math.floor(s.start / 1440);
      if (s.agent === 'b1' && s.queue === 'vip') expect(d).toBeLessThan(2);
      if (s.agent === 'v1') expect(d).toBeGreaterThanOrEqual(2);
    }
    expect(checkRoster({ rules, requirements, agents }, res)).toEqual([]);
  });
});
