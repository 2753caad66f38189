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
import { bruteForce, DAYS, raw, START_WEEKDAY } from '../helpers/rotation-brute.js';

function rulesOf(raw: unknown): RosterRules {
  const v = validateRules(raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.rules;
}

const clock = () => performance.now();

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

  it('the roster before (agent.before) carries the rest rule and the run of days into day 0', async () => {
    // a1 worked 18:00-22:00 on days -3..-1: E on day 0 (10 h rest) is not allowed, and 3 days carried
    // + day 0 on L would be 4 > 3 (the contract's most days in a row)
    const before = [-3, -2, -1].map((d) => ({ start: d * 1440 + 1080, end: d * 1440 + 1320 }));
    const one: Agent[] = [{ id: 'a1', skills: ['q'], contract: 'c', before }];
    const cover: ShiftCover[] = [
      { day: 0, template: 'E', required: 1, underWeight: 50, overWeight: 0 },
      { day: 0, template: 'L', required: 1, underWeight: 40, overWeight: 0 },
    ];
    const roster = await solveRoster({ rules, requirements, agents: one, cover }, { timeLimitSeconds: 5, clock });
    expect(checkRoster({ rules, requirements, agents: one, cover }, roster)).toEqual([]);
    expect(roster.shifts.filter((x) => x.start < 1440)).toEqual([]);
    expect(roster.parts?.cover).toBe(90);
    // without what came before, the agent takes the E shift on day 0 (a run of 1 at the edge is exempt)
    const free = await solveRoster({ rules, requirements, agents: [{ id: 'a1', skills: ['q'], contract: 'c' }], cover }, { timeLimitSeconds: 5, clock });
    expect(free.shifts.filter((x) => x.start < 1440).map((x) => x.template)).toEqual(['E']);
    expect(free.objective).toBe(4 + 40);
  }, 30_000);

  it('a template of the shift-count cover is not given on a day its opening hours exclude', async () => {
    // open Monday-Thursday only (day 0 is a Friday): cover asked on days 0-3 can be met on day 3 (Monday)
    // only; the contract's runs of at least 2 days make the agent work day 4 too
    const open = rulesOf({ ...raw, openingHours: [{ days: [1, 2, 3, 4], open: '06:00', close: '23:00' }] });
    const cover: ShiftCover[] = [0, 1, 2, 3].map((day) => ({ day, template: 'E', required: 1, underWeight: 30, overWeight: 0 }));
    const roster = await solveRoster({ rules: open, requirements, agents, cover }, { timeLimitSeconds: 5, clock });
    expect(checkRoster({ rules: open, requirements, agents, cover }, roster)).toEqual([]);
    expect(roster.shifts.map((x) => Math.floor(x.start / 1440))).toEqual([3, 4]);
    expect(roster.objective).toBe(8 + 3 * 30);
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
