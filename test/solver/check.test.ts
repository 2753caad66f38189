import { describe, expect, it } from 'vitest';
import { checkRoster, type ViolationCode } from '../../src/solver/check.js';
import { validateRules } from '../../src/solver/rules.js';
import type { Agent, Requirements, RosterRules, RosterShift } from '../../src/solver/types.js';

function rulesOf(raw: unknown): RosterRules {
  const v = validateRules(raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.rules;
}

const rawRules = {
  shifts: [{ id: 'D8', length: '8:00', starts: ['08:00', '22:00'], breaks: [{ name: 'lunch', length: 30, paid: false, window: ['3:30', '4:30'] }] }],
  rules: { minRestHours: 11, maxConsecutiveDays: 3, maxDaysPerWeek: 5, nights: { maxPerWeek: 1 }, weekends: { maxDaysPerWeek: 1 } },
  contracts: [
    { id: 'ft', minWeeklyHours: 16, maxWeeklyHours: 40, maxDaysPerWeek: 5 },
    { id: 'pt', minWeeklyHours: 0, maxWeeklyHours: 20, maxDaysPerWeek: 5 },
  ],
  defaultContract: 'ft',
};
const rules = rulesOf(rawRules);
const requirements: Requirements = {
  intervalMinutes: 30,
  days: 7,
  startWeekday: 1, // day 0 is a Monday: days 5 and 6 are the weekend
  queues: [
    { queue: 'billing', required: new Array(336).fill(0) },
    { queue: 'vip', required: new Array(336).fill(0) },
  ],
};
const agents: Agent[] = [
  { id: 'a1', skills: ['billing'] },
  { id: 'a2', skills: ['billing'] },
  { id: 'p1', skills: ['billing'], contract: 'pt' },
];
/** A day shift on day d at 08:00 with lunch 3:30 after the start (7.5 h paid). */
const day = (agent: string, d: number, queue = 'billing'): RosterShift => {
  const s = d * 1440 + 480;
  return { agent, queue, template: 'D8', start: s, end: s + 480, breaks: [{ start: s + 210, end: s + 240, paid: false }] };
};
const night = (agent: string, d: number): RosterShift => {
  const s = d * 1440 + 1320;
  return { agent, queue: 'billing', template: 'D8', start: s, end: s + 480, breaks: [{ start: s + 240, end: s + 270, paid: false }] };
};
const baseline = (): RosterShift[] => [day('a1', 0), day('a1', 1), day('a1', 2), day('a2', 0), day('a2', 1), night('a2', 3), day('p1', 4)];

const codes = (shifts: RosterShift[], r = rules, ag: Agent[] | undefined = agents) =>
  checkRoster({ rules: r, requirements, agents: ag }, { intervalMinutes: 30, shifts }).map((v) => v.code);

describe('checkRoster: each rule violated on purpose is caught', () => {
  it('the baseline roster keeps every rule', () => {
    expect(codes(baseline())).toEqual([]);
  });

  it('per-day skill gates that allow every day a shift touches are kept', () => {
    // a2 works days 0, 1 and the night 3 -> 4 (22:00-06:00)
    const gated = [{ ...agents[0], skillDays: { billing: [0, 1, 2] } }, { ...agents[1], skillDays: { billing: [0, 1, 3, 4] } }, agents[2]];
    expect(codes(baseline(), rules, gated)).toEqual([]);
  });

  const cases: [string, ViolationCode, (s: RosterShift[]) => RosterShift[], RosterRules?, Agent[]?][] = [
    ['rest under 11 h (night then early)', 'rest', (s) => [...s, night('a1', 3), day('a1', 4)]],
    ['two night shifts in a week (max 1)', 'nights-per-week', (s) => [...s, night('a1', 4), night('a1', 6)]],
    ['four days in a row (max 3)', 'consecutive-days', (s) => [...s, day('a1', 3)]],
    ['six days in a week (max 5)', 'days-per-week', (s) => [...s, day('a1', 4), day('a1', 5), day('a1', 6)]],
    ['both weekend days (max 1)', 'weekend-days-per-week', (s) => [...s, day('a1', 5), day('a1', 6)]],
    ['part-time over 20 h', 'max-weekly-hours', (s) => [...s, day('p1', 0), day('p1', 2)]],
    ['full-time under 16 h', 'min-weekly-hours', (s) => s.filter((x) => !(x.agent === 'a1' && x.start > 1440))],
    ['queue without the skill', 'skill', (s) => [...s, day('a1', 5, 'vip')]],
    ['shift during leave', 'leave', (s) => s, undefined, [{ ...agents[0], leave: [{ start: 1440 + 600, end: 1440 + 700 }] }, agents[1], agents[2]]],
    ['shift outside availability', 'availability', (s) => s, undefined, [{ ...agents[0], availability: [{ start: 0, end: 2 * 1440 }] }, agents[1], agents[2]]],
    ['skill gated off on that day (certificate lapsed after day 1)', 'skill', (s) => s, undefined, [{ ...agents[0], skillDays: { billing: [0, 1] } }, agents[1], agents[2]]],
    ['night shift running into the day the skill lapses', 'skill', (s) => s, undefined, [agents[0], { ...agents[1], skillDays: { billing: [0, 1, 2, 3] } }, agents[2]]],
    ['shift on an approved day off', 'day-off', (s) => s, undefined, [agents[0], { ...agents[1], daysOff: [1] }, agents[2]]],
    ['lunch outside its window', 'break-window', (s) => s.map((x, i) => (i === 0 ? { ...x, breaks: [{ start: x.start + 60, end: x.start + 90, paid: false }] } : x))],
    ['lunch too long', 'break-length', (s) => s.map((x, i) => (i === 0 ? { ...x, breaks: [{ start: x.start + 210, end: x.start + 255, paid: false }] } : x))],
    ['unpaid lunch marked paid', 'break-paid', (s) => s.map((x, i) => (i === 0 ? { ...x, breaks: [{ ...x.breaks[0], paid: true }] } : x))],
    ['lunch missing', 'break-count', (s) => s.map((x, i) => (i === 0 ? { ...x, breaks: [] } : x))],
    ['shift 15 minutes too long', 'shift-length', (s) => s.map((x, i) => (i === 0 ? { ...x, end: x.end + 15 } : x))],
    ['start time not allowed', 'start-not-allowed', (s) => s.map((x, i) => (i === 0 ? { ...x, start: x.start + 60, end: x.end + 60, breaks: [{ start: x.start + 270, end: x.start + 300, paid: false }] } : x))],
    ['two shifts on one day', 'two-shifts-one-day', (s) => [...s, night('a1', 0)]],
    ['overlapping shifts', 'overlap', (s) => [...s, { ...day('a1', 0), start: 720, end: 1200 }]],
    ['unknown agent', 'unknown-agent', (s) => [...s, day('ghost', 6)]],
    ['unknown template', 'unknown-template', (s) => [...s, { ...day('a2', 6), template: 'X' }]],
    [
      'night shift outside opening hours',
      'outside-opening-hours',
      (s) => s,
      rulesOf({ ...rawRules, openingHours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '07:00', close: '20:00' }] }),
    ],
  ];
  for (const [name, code, mutate, r, ag] of cases)
    it(`${name} -> ${code}`, () => {
      expect(codes(mutate(baseline()), r, ag)).toContain(code);
    });

  it('reported coverage, paid hours, understaffing and objective are recomputed', () => {
    const req: Requirements = { ...requirements, queues: [{ queue: 'billing', required: new Array(336).fill(0) }, requirements.queues[1]] };
    req.queues[0].required[16] = 2; // 08:00-08:30 on day 0: needs 2
    const shifts = [day('a1', 0), day('a2', 0)];
    // on the 30-minute grid: 16 intervals per shift, one of them on lunch -> 15 working intervals each
    const coverage = req.queues.flatMap((q) =>
      Array.from({ length: 336 }, (_, t) => {
        let n = 0;
        if (q.queue === 'billing') for (const s of shifts) if (t * 30 >= s.start && t * 30 < s.end && !(t * 30 >= s.breaks[0].start && t * 30 < s.breaks[0].end)) n++;
        return { queue: q.queue, interval: t, required: q.required[t], scheduled: n };
      }),
    );
    const good = { intervalMinutes: 30, shifts, coverage, paidHours: 15, understaffed: 0, objective: 15 };
    const noMin = (v: { code: string }[]) => v.filter((x) => x.code !== 'min-weekly-hours');
    expect(noMin(checkRoster({ rules, requirements: req, agents }, good))).toEqual([]);
    const badCov = coverage.map((c) => (c.queue === 'billing' && c.interval === 16 ? { ...c, scheduled: 3 } : c));
    const got = noMin(checkRoster({ rules, requirements: req, agents }, { ...good, coverage: badCov, paidHours: 16, understaffed: 1, objective: 17 })).map((v) => v.code);
    expect(got).toEqual(['coverage-mismatch', 'paid-hours-mismatch', 'understaffed-mismatch', 'objective-mismatch']);
    // one agent only: interval 16 is one short (penalty 12 h)
    const one = checkRoster({ rules, requirements: req, agents }, { intervalMinutes: 30, shifts: [day('a1', 0)], understaffed: 1, objective: 7.5 + 12 });
    expect(one.filter((v) => v.code !== 'min-weekly-hours')).toEqual([]);
  });
});
