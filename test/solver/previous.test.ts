/**
 * Rosters that continue a previous one (agent.before): the rest rule from the last shift before the
 * start and consecutive days counted across the boundary, in the tours and in the checker.
 */
import { describe, expect, it } from 'vitest';
import { checkRoster } from '../../src/solver/check.js';
import { solveRoster } from '../../src/solver/roster.js';
import { validateRules } from '../../src/solver/rules.js';
import { daysWorkedBefore, type Agent, type Requirements, type RosterRules } from '../../src/solver/types.js';

function rulesOf(raw: unknown): RosterRules {
  const v = validateRules(raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.rules;
}
const rules = rulesOf({
  shifts: [{ id: 'D8', length: '8:00', starts: { from: '00:00', to: '23:00', every: 60 } }],
  rules: { minRestHours: 11, maxConsecutiveDays: 6, maxDaysPerWeek: 6 },
  contracts: [{ id: 'c', maxWeeklyHours: 48, maxDaysPerWeek: 6 }],
  defaultContract: 'c',
});
// one agent 06:00-22:00 on each of 3 days (30-minute grid)
const requirements: Requirements = {
  intervalMinutes: 30,
  days: 3,
  startWeekday: 1,
  queues: [{ queue: 'q', required: Array.from({ length: 3 * 48 }, (_, i) => (i % 48 >= 12 && i % 48 < 44 ? 1 : 0)) }],
};
// X worked the six days before day 0 (08:00-16:00); Y worked 18:00-02:00 into day 0
const sixDays = [-6, -5, -4, -3, -2, -1].map((d) => ({ start: d * 1440 + 480, end: d * 1440 + 960 }));
const night = [{ start: -360, end: 120 }];

describe('days worked before the roster', () => {
  it('counts the run of days ending the day before day 0', () => {
    expect(daysWorkedBefore({ id: 'x', skills: [], before: sixDays })).toBe(6);
    expect(daysWorkedBefore({ id: 'y', skills: [], before: night })).toBe(1);
    // a gap on day -2 cuts the run
    expect(daysWorkedBefore({ id: 'z', skills: [], before: sixDays.filter((_, i) => i !== 4) })).toBe(1);
    expect(daysWorkedBefore({ id: 'w', skills: [] })).toBe(0);
  });
});

describe('tours and checker across the roster start', () => {
  const shift = (agent: string, start: number) => ({ agent, queue: 'q', template: 'D8', start, end: start + 480, breaks: [] });
  it('the checker finds a short rest after a night before day 0 and a seventh day in a row', () => {
    const agents: Agent[] = [
      { id: 'X', skills: ['q'], before: sixDays },
      { id: 'Y', skills: ['q'], before: night },
    ];
    const roster = { intervalMinutes: 30, shifts: [shift('X', 480), shift('Y', 600)] };
    const codes = checkRoster({ rules, requirements, agents }, roster)
      .filter((v) => v.code === 'rest' || v.code === 'consecutive-days')
      .map((v) => [v.code, v.agent, v.actual])
      .sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    // Y: 02:00 -> 10:00 is 480 minutes of rest against 660; X: days -6..0 are 7 in a row
    expect(codes).toEqual([
      ['consecutive-days', 'X', 7],
      ['rest', 'Y', 480],
    ]);
    // the same shifts are fine for agents without that history
    expect(checkRoster({ rules, requirements, agents: agents.map((a) => ({ ...a, before: undefined })) }, roster).filter((v) => v.code === 'rest' || v.code === 'consecutive-days')).toEqual([]);
  });

  it('the tours keep them: X is off on day 0, Y starts day 0 at 13:00 or later', async () => {
    const agents: Agent[] = [
      { id: 'X', skills: ['q'], before: sixDays },
      { id: 'Y', skills: ['q'], before: night },
      { id: 'Z', skills: ['q'] },
      { id: 'W', skills: ['q'] },
    ];
    const res = await solveRoster({ rules, requirements, agents }, { clock: () => performance.now(), timeLimitSeconds: 10 });
    expect(checkRoster({ rules, requirements, agents }, res)).toEqual([]);
    expect(res.shifts.some((s) => s.agent === 'X' && s.start < 1440)).toBe(false);
    for (const s of res.shifts.filter((x) => x.agent === 'Y' && x.start < 1440)) expect(s.start).toBeGreaterThanOrEqual(120 + 660);
    expect(res.understaffed).toBe(0);
  });
});

describe('shifts no named agent can take', () => {
  it('are replaced by overlapping shifts someone may work: only the hours nobody is available stay short', async () => {
    // everyone is available 08:00-20:00 only; the requirement runs 06:00-22:00
    const avail = (d: number) => ({ start: d * 1440 + 480, end: d * 1440 + 1200 });
    const agents: Agent[] = ['A', 'B', 'C', 'D'].map((id) => ({ id, skills: ['q'], availability: [0, 1, 2].map(avail) }));
    const res = await solveRoster({ rules, requirements, agents }, { clock: () => performance.now(), timeLimitSeconds: 10 });
    expect(checkRoster({ rules, requirements, agents }, res)).toEqual([]);
    expect(res.unassigned).toEqual([]);
    const g = res.intervalMinutes;
    for (const c of res.coverage) {
      const m = (c.interval * g) % 1440;
      if (m >= 480 && m < 1200) expect(c.scheduled, `interval ${c.interval}`).toBeGreaterThanOrEqual(c.required);
    }
    // short: 06:00-08:00 and 20:00-22:00 on each of the 3 days, one agent each
    expect(res.understaffed).toBe(3 * (240 / g));
  });
});
