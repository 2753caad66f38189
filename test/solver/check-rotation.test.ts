/**
 * The roster checker (src/solver/check.ts) on the rules of issue 18: each hand-made roster breaks one
 * rule (a forbidden succession, a rotation rule of the contract, a soft cost misreported) and the
 * checker names exactly that one; a roster keeping them all passes.
 */
import { describe, expect, it } from 'vitest';
import { checkRoster, type CheckInput } from '../../src/solver/check.js';
import { validateRules } from '../../src/solver/rules.js';
import type { Agent, Requirements, RosterRules, RosterShift, ShiftCover, ShiftRequest } from '../../src/solver/types.js';

function rulesOf(raw: unknown): RosterRules {
  const v = validateRules(raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.rules;
}

const DAYS = 14;
// day 0 is a Monday; days 5, 6 and 12, 13 are weekends
const requirements: Requirements = { intervalMinutes: 60, days: DAYS, startWeekday: 1, queues: [{ queue: 'q', required: new Array(DAYS * 24).fill(0) }] };
const base = {
  shifts: [
    { id: 'E', length: '4:00', starts: ['08:00'] },
    { id: 'L', length: '4:00', starts: ['14:00'] },
  ],
  rules: { maxConsecutiveDays: 7, maxDaysPerWeek: 7, forbiddenSuccessions: [['L', 'E']] },
  contracts: [{ id: 'c', maxWeeklyHours: 60, maxDaysPerWeek: 7, rotation: { minConsecutiveDays: 2, maxConsecutiveDays: 4, minConsecutiveDaysOff: 2, maxWeekends: 1, minTotalHours: 8, maxTotalHours: 40, maxShifts: { L: 2 } } }],
};
const rules = rulesOf(base);
const agents: Agent[] = [{ id: 'a', skills: ['q'], contract: 'c' }];

/** Shifts of agent a from a pattern: one character a day, '.' off, 'E' or 'L'. */
function shifts(pattern: string): RosterShift[] {
  const out: RosterShift[] = [];
  [...pattern].forEach((c, d) => {
    if (c === '.') return;
    const start = d * 1440 + (c === 'E' ? 480 : 840);
    out.push({ agent: 'a', queue: 'q', template: c, start, end: start + 240, breaks: [] });
  });
  return out;
}
const codes = (pattern: string, input: Partial<CheckInput> = {}) => checkRoster({ rules, requirements, agents, ...input }, { intervalMinutes: 60, shifts: shifts(pattern) }).map((v) => v.code);

describe('the checker on rotation rules and successions', () => {
  it('passes a roster that keeps every rule', () => {
    expect(codes('EEE..LL..EEE..')).toEqual([]);
  });
  it('a forbidden succession (L then E)', () => {
    expect(codes('ELE...........')).toEqual(['succession']);
    expect(codes('LEE...........')).toEqual(['succession']);
  });
  it('from the roster before (agent.before) on day -1 into day 0: a forbidden succession, a start moved too far', () => {
    // L worked on day -1 (14:00-18:00, the only template of that length and start), E on day 0
    const before = [{ start: -1440 + 840, end: -1440 + 1080 }];
    const withBefore = [{ ...agents[0], before }];
    expect(codes('EE..EE........', { agents: withBefore })).toEqual(['succession']);
    expect(codes('LL..EE........', { agents: withBefore })).toEqual([]);
    // a start-change limit of 2 h: E at 08:00 after 14:00 moves 6 h
    const limited = rulesOf({ ...base, rules: { ...base.rules, forbiddenSuccessions: [], maxStartChangeHours: 2 } });
    const v = checkRoster({ rules: limited, requirements, agents: withBefore }, { intervalMinutes: 60, shifts: shifts('EE..EE........') });
    expect(v.map((x) => [x.code, x.day, x.actual])).toEqual([['start-change', 0, 6]]);
    // a shift before day -1 says nothing about day 0
    expect(codes('EE..EE........', { agents: [{ ...agents[0], before: [{ start: -2880 + 840, end: -2880 + 1080 }] }] })).toEqual([]);
  });
  it('a start that moves too far from one working day to the next (rules.maxStartChangeHours)', () => {
    const moving = rulesOf({ ...base, rules: { ...base.rules, forbiddenSuccessions: [], maxStartChangeHours: 5.75 } });
    const check = (p: string) => checkRoster({ rules: moving, requirements, agents }, { intervalMinutes: 60, shifts: shifts(p) });
    // E starts 08:00, L 14:00: 6 h apart
    expect(check('EEL...........').map((v) => [v.code, v.day, v.actual])).toEqual([['start-change', 2, 6]]);
    expect(check('EE..LL........')).toEqual([]);
  });
  it('too many days in a row (contract: 4)', () => {
    expect(codes('EEEEE.........')).toEqual(['rotation-max-run']);
  });
  it('a run of work shorter than 2 inside the horizon (an edge run is exempt)', () => {
    expect(codes('E..E..........')).toEqual(['rotation-min-run']);
    expect(codes('E..EE.........')).toEqual([]);
    expect(codes('E...........EE')).toEqual([]);
  });
  it('a run of days off shorter than 2 inside the horizon', () => {
    expect(codes('EE.EE.........')).toEqual(['rotation-min-days-off']);
  });
  it('with what came before known, a run from day 0 is not exempt and counts the days carried', () => {
    const before = [{ start: -1440 + 480, end: -1440 + 720 }];
    // one day carried + 4 days = 5 > 4
    expect(codes('EEEE..........', { agents: [{ ...agents[0], before }] })).toEqual(['rotation-max-run']);
    // day -1 worked, day 0 off and day 1 worked: the rest run of 1 day is interior
    expect(codes('.EE...........', { agents: [{ ...agents[0], before }] })).toEqual(['rotation-min-days-off']);
    // day -1 off (nothing before): a single day of work on day 0 is not exempt
    expect(codes('E...........EE', { agents: [{ ...agents[0], before: [{ start: -3 * 1440 + 480, end: -3 * 1440 + 720 }] }] })).toEqual(['rotation-min-run']);
    expect(codes('E...........EE')).toEqual([]);
  });
  it('more weekends than allowed (a Saturday or a Sunday makes one)', () => {
    expect(codes('....EE......EE')).toEqual(['rotation-max-weekends']);
    expect(codes('....EE........')).toEqual([]);
  });
  it('total hours above the maximum and below the minimum', () => {
    const tight = rulesOf({ ...base, contracts: [{ ...base.contracts[0], rotation: { ...base.contracts[0].rotation, maxTotalHours: 20 } }] });
    expect(checkRoster({ rules: tight, requirements, agents }, { intervalMinutes: 60, shifts: shifts('EEE..EEE......') }).map((v) => v.code)).toEqual(['rotation-max-total']);
    expect(codes('..............')).toEqual(['rotation-min-total']);
    expect(codes('E.............')).toEqual(['rotation-min-total']);
  });
  it('more shifts of a template than allowed', () => {
    expect(codes('LLL...........')).toEqual(['rotation-max-shifts']);
  });
  it('soft costs: an objective that leaves out the requests or the cover is caught', () => {
    const requests: ShiftRequest[] = [{ agent: 'a', day: 0, template: 'E', kind: 'off', weight: 5 }];
    const cover: ShiftCover[] = [{ day: 1, template: 'E', required: 2, underWeight: 3, overWeight: 1 }];
    const sh = shifts('EE............');
    const paid = 8;
    const ok = checkRoster({ rules, requirements, agents, requests, cover }, { intervalMinutes: 60, shifts: sh, objective: paid + 5 + 3 });
    expect(ok).toEqual([]);
    const bad = checkRoster({ rules, requirements, agents, requests, cover }, { intervalMinutes: 60, shifts: sh, objective: paid });
    expect(bad.map((v) => v.code)).toEqual(['objective-mismatch']);
    expect(bad[0].expected).toBe(16);
  });
});
