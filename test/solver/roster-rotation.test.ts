/**
 * `solveRoster` with rotation rules, forbidden successions, requests and shift-count cover (issue 18):
 * the optimum of small instances against brute-force enumeration of every roster (with an evaluator of
 * the rules written here from their definitions), the checker on every answer, and the greedy path
 * unchanged when none of the new inputs is given.
 */
import { describe, expect, it } from 'vitest';
import { checkRoster } from '../../src/solver/check.js';
import { solveRoster } from '../../src/solver/roster.js';
import { validateRules } from '../../src/solver/rules.js';
import type { Agent, Requirements, RosterRules, ShiftCover, ShiftRequest } from '../../src/solver/types.js';

function rulesOf(raw: unknown): RosterRules {
  const v = validateRules(raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.rules;
}

const clock = () => performance.now();

// E 08:00-12:00, L 18:00-22:00 (4 h paid each); rest 11 h forbids L then E; the rules forbid E then L
const raw = {
  shifts: [
    { id: 'E', length: '4:00', starts: ['08:00'] },
    { id: 'L', length: '4:00', starts: ['18:00'] },
  ],
  rules: { minRestHours: 11, maxConsecutiveDays: 6, forbiddenSuccessions: [['E', 'L']], understaffPenaltyHours: 1 },
  contracts: [{ id: 'c', maxWeeklyHours: 40, maxDaysPerWeek: 5, rotation: { minConsecutiveDays: 2, maxConsecutiveDays: 3, minConsecutiveDaysOff: 2, maxWeekends: 1, maxShifts: { L: 2 } } }],
};
const DAYS = 5;
const START_WEEKDAY = 5; // day 0 is a Friday: days 1 and 2 are a weekend

/** Every rule of the instance, from the definitions (not the engine's code). */
function feasible(rows: number[][]): boolean {
  for (const row of rows) {
    for (let d = 0; d + 1 < DAYS; d++) {
      if (row[d] === 2 && row[d + 1] === 1) return false; // L then E: 10 h rest
      if (row[d] === 1 && row[d + 1] === 2) return false; // E then L: forbidden succession
    }
    if (row.filter((x) => x === 2).length > 2) return false;
    if (row.filter((x) => x > 0).length > 5) return false;
    if (row[1] > 0 || row[2] > 0) {
      // one weekend only in 5 days: at most 1, always kept
    }
    // runs
    let start = 0;
    for (let d = 1; d <= DAYS; d++) {
      if (d < DAYS && row[d] > 0 === row[start] > 0) continue;
      const len = d - start;
      const interior = start > 0 && d < DAYS;
      if (row[start] > 0 && len > 3) return false;
      if (row[start] > 0 && interior && len < 2) return false;
      if (row[start] === 0 && interior && len < 2) return false;
      start = d;
    }
  }
  return true;
}

function cost(rows: number[][], agents: string[], cover: ShiftCover[], requests: ShiftRequest[]): number {
  let c = 0;
  for (const row of rows) c += row.filter((x) => x > 0).length * 4;
  for (const k of cover) {
    const t = k.template === 'E' ? 1 : 2;
    const n = rows.filter((row) => row[k.day] === t).length;
    c += n < k.required ? (k.required - n) * k.underWeight : (n - k.required) * k.overWeight;
  }
  for (const q of requests) {
    const x = rows[agents.indexOf(q.agent)][q.day];
    const works = q.template === null ? x > 0 : x === (q.template === 'E' ? 1 : 2);
    if (works !== (q.kind === 'on')) c += q.weight;
  }
  return c;
}

function bruteForce(agents: string[], cover: ShiftCover[], requests: ShiftRequest[]): number {
  const n = agents.length * DAYS;
  let best = Infinity;
  for (let code = 0; code < 3 ** n; code++) {
    let v = code;
    const rows = agents.map(() => new Array<number>(DAYS).fill(0));
    for (let i = 0; i < n; i++) {
      rows[Math.floor(i / DAYS)][i % DAYS] = v % 3;
      v = Math.floor(v / 3);
    }
    if (!feasible(rows)) continue;
    best = Math.min(best, cost(rows, agents, cover, requests));
  }
  return best;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('solveRoster with rotation rules, requests and shift-count cover', () => {
  const rules = rulesOf(raw);
  const agentIds = ['a1', 'a2'];
  const agents: Agent[] = agentIds.map((id) => ({ id, skills: ['q'], contract: 'c' }));
  // no interval requirement: the objective is paid hours + cover + requests, exactly
  const requirements: Requirements = { intervalMinutes: 30, days: DAYS, startWeekday: START_WEEKDAY, queues: [{ queue: 'q', required: new Array(DAYS * 48).fill(0) }] };
  for (let seed = 1; seed <= 4; seed++)
    it(`random case ${seed}: the optimum of every roster of 2 agents x ${DAYS} days`, async () => {
      const r = rng(seed);
      const cover: ShiftCover[] = [];
      for (let d = 0; d < DAYS; d++)
        for (const template of ['E', 'L'])
          if (r() < 0.6) cover.push({ day: d, template, required: 1 + Math.floor(r() * 2), underWeight: 5 + Math.floor(r() * 6), overWeight: Math.floor(r() * 3) });
      const requests: ShiftRequest[] = [];
      for (let k = 0; k < 3; k++)
        requests.push({ agent: agentIds[Math.floor(r() * 2)], day: Math.floor(r() * DAYS), template: r() < 0.3 ? null : r() < 0.5 ? 'E' : 'L', kind: r() < 0.5 ? 'on' : 'off', weight: 1 + Math.floor(r() * 8) });
      const expected = bruteForce(agentIds, cover, requests);
      const roster = await solveRoster({ rules, requirements, agents, cover, requests }, { timeLimitSeconds: 6, clock });
      expect(roster.objective).toBe(expected);
      expect(roster.shifts.length).toBeGreaterThan(0);
      expect(roster.parts?.intervals).toBe(roster.paidHours);
      expect(roster.requests).toHaveLength(requests.length);
      expect(checkRoster({ rules, requirements, agents, cover, requests }, roster)).toEqual([]);
    }, 30_000);

  it('without the new inputs, stage 2 is the greedy one (no parts, no requests in the answer)', async () => {
    const plain = rulesOf({ shifts: raw.shifts });
    const req: Requirements = { intervalMinutes: 30, days: 2, startWeekday: 1, queues: [{ queue: 'q', required: new Array(96).fill(0).map((_, t) => (t >= 16 && t < 24 ? 1 : 0)) }] };
    const roster = await solveRoster({ rules: plain, requirements: req, agents: agentIds.map((id) => ({ id, skills: ['q'] })) }, { timeLimitSeconds: 5, clock });
    expect(roster.parts).toBeUndefined();
    expect(roster.requests).toBeUndefined();
    expect(roster.shifts.map((s) => s.template)).toEqual(['E']);
  });
});
