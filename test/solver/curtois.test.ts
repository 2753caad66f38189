/**
 * The Curtois & Qu benchmark: the test evaluator (curtois-evaluator.ts, written from the format
 * description) on hand-built instances with hand-computed scores; the reader; the rotation-rules engine
 * against enumeration on tiny instances and against the best-known optimum of instance 1, every answer
 * scored by the evaluator; the same through the ordinary roster engine (solveRoster on
 * curtoisRosterInput, the path of `wfm roster curtois`), also accepted by the ordinary checker.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { curtoisRosterInput, parseCurtois } from '../../src/roster-io/curtois.js';
import { agentCosts, bestSchedule, checkCount, checkRoster, countCost, highsSolver, solveCount, solveRoster, type CountAssignment, type CountProblem, type Roster } from '../../src/solver/index.js';
import { evaluateCurtois, type Assignment } from './curtois-evaluator.js';
import { ROOT } from '../helpers/cli.js';

const DATA = join(ROOT, '..', 'shared', 'data', 'curtois');

const T1 = `# tiny
SECTION_HORIZON
7
SECTION_SHIFTS
E,480,
L,480,E
SECTION_STAFF
A,E=3|L=3,2400,960,3,2,2,1
B,E=7|L=7,3360,0,5,1,1,1
SECTION_DAYS_OFF
A,6
SECTION_SHIFT_ON_REQUESTS
A,0,E,2
B,5,L,3
SECTION_SHIFT_OFF_REQUESTS
B,1,E,4
SECTION_COVER
0,E,1,100,1
1,E,2,100,1
5,L,1,100,1
`;

const as = (list: [string, number, string][]): Assignment[] => list.map(([employee, day, shift]) => ({ employee, day, shift }));

describe('the test evaluator, on hand-scored rosters of a 7-day instance', () => {
  it('a roster keeping every rule: only the off-request B,1,E is paid (4)', () => {
    const r = evaluateCurtois(
      T1,
      as([
        ['A', 0, 'E'],
        ['A', 1, 'E'],
        ['B', 1, 'E'],
        ['B', 5, 'L'],
      ]),
    );
    expect(r).toEqual({ objective: 4, violations: [] });
  });
  it('succession, a one-day block of work and of rest, a day off worked; 2 + 3 + 3 x 100 = 305', () => {
    const r = evaluateCurtois(
      T1,
      as([
        ['A', 0, 'L'],
        ['A', 1, 'E'],
        ['A', 3, 'E'],
        ['A', 6, 'E'],
      ]),
    );
    expect(r.objective).toBe(305);
    expect(r.violations).toHaveLength(4);
    expect(r.violations.join('\n')).toMatch(/L then E on day 1/);
    expect(r.violations.join('\n')).toMatch(/1 days off < 2 at day 2/);
    expect(r.violations.join('\n')).toMatch(/1 consecutive shifts < 2 at day 3/);
    expect(r.violations.join('\n')).toMatch(/works day off 6/);
  });
  it('seven days in a row (max 5), an agent below its minimum minutes; 2 + 3 + 4 + 200 = 209', () => {
    const r = evaluateCurtois(
      T1,
      as([0, 1, 2, 3, 4, 5, 6].map((d): [string, number, string] => ['B', d, 'E'])),
    );
    expect(r.objective).toBe(209);
    expect(r.violations.sort()).toEqual(['A 0 min < 960', 'B 7 consecutive shifts > 5']);
  });
  it('weekends: Saturday of week 1 and Sunday of week 2 are two weekends', () => {
    const text = T1.replace(/SECTION_HORIZON\n7/, 'SECTION_HORIZON\n14');
    const r = evaluateCurtois(
      text,
      as([
        ['B', 5, 'E'],
        ['B', 13, 'E'],
      ]),
    );
    expect(r.violations).toEqual(['A 0 min < 960', 'B 2 weekends > 1']);
  });
});

describe('the reader', () => {
  it('reads the hand-built instance into the engine problem', () => {
    const p = parseCurtois(T1, 't1.txt');
    expect(p.days).toBe(7);
    expect(p.shifts).toEqual([
      { id: 'E', minutes: 480 },
      { id: 'L', minutes: 480 },
    ]);
    expect(p.forbidden).toEqual([[1, 0]]);
    expect(p.agents[0]).toEqual({
      id: 'A',
      daysOff: [6],
      rules: { maxShifts: { E: 3, L: 3 }, maxTotalMinutes: 2400, minTotalMinutes: 960, maxConsecutiveDays: 3, minConsecutiveDays: 2, minConsecutiveDaysOff: 2, maxWeekends: 1 },
    });
    expect(p.requests).toEqual([
      { agent: 0, day: 0, shift: 0, kind: 'on', weight: 2 },
      { agent: 1, day: 5, shift: 1, kind: 'on', weight: 3 },
      { agent: 1, day: 1, shift: 0, kind: 'off', weight: 4 },
    ]);
    expect(p.cover).toHaveLength(3);
  });
  it('names the line and field of a bad value', () => {
    expect(() => parseCurtois(T1.replace('B,5,L,3', 'B,9,L,3'), 't1.txt')).toThrow(/t1\.txt:14: bad day "9"/);
    expect(() => parseCurtois(T1.replace('L,480,E', 'L,480,X'), 't1.txt')).toThrow(/t1\.txt:6: bad forbidden successor "X"/);
    expect(() => parseCurtois(T1.replace('A,6', 'Z,6'), 't1.txt')).toThrow(/t1\.txt:11: bad staff id "Z"/);
  });
  it.skipIf(!existsSync(DATA))('reads all 24 instances (sizes as the data set describes)', () => {
    const sizes: number[][] = [];
    for (let i = 1; i <= 24; i++) {
      const p = parseCurtois(readFileSync(join(DATA, `Instance${i}.txt`), 'utf8'), `Instance${i}.txt`);
      sizes.push([p.days, p.agents.length, p.shifts.length]);
    }
    expect(sizes[0]).toEqual([14, 8, 1]);
    expect(sizes[23]).toEqual([364, 150, 32]);
    expect(Math.min(...sizes.map((s) => s[0]))).toBe(14);
    expect(Math.max(...sizes.map((s) => s[1]))).toBe(150);
  });
});

/** The assignments of an engine answer, in the evaluator's terms. */
function toAssignments(p: CountProblem, a: CountAssignment): Assignment[] {
  const out: Assignment[] = [];
  a.forEach((row, e) => row.forEach((s, d) => s >= 0 && out.push({ employee: p.agents[e].id, day: d, shift: p.shifts[s].id })));
  return out;
}

/** The least objective over every roster keeping the hard rules (brute force with the evaluator). */
function enumerate(text: string, staff: string[], days: number, shifts: string[]): number {
  const n = staff.length * days;
  const k = shifts.length + 1;
  let best = Infinity;
  const digits = new Array<number>(n).fill(0);
  for (let c = 0; c < k ** n; c++) {
    let v = c;
    for (let i = 0; i < n; i++) {
      digits[i] = v % k;
      v = Math.floor(v / k);
    }
    const list: Assignment[] = [];
    digits.forEach((x, i) => x > 0 && list.push({ employee: staff[Math.floor(i / days)], day: i % days, shift: shifts[x - 1] }));
    const r = evaluateCurtois(text, list);
    if (r.violations.length === 0) best = Math.min(best, r.objective);
  }
  return best;
}

const T2 = `SECTION_HORIZON
5
SECTION_SHIFTS
E,480,
L,600,E
SECTION_STAFF
A,E=5|L=2,2880,1440,3,2,2,1
B,E=1|L=5,3000,960,4,1,2,1
SECTION_DAYS_OFF
B,2
SECTION_SHIFT_ON_REQUESTS
A,4,L,5
B,0,E,2
SECTION_SHIFT_OFF_REQUESTS
A,1,E,3
SECTION_COVER
0,E,1,50,1
1,E,2,50,2
1,L,1,30,1
2,E,1,50,1
3,L,2,40,3
4,E,1,50,1
4,L,1,20,1
`;

const T3 = `SECTION_HORIZON
7
SECTION_SHIFTS
D,480,
SECTION_STAFF
A,D=7,2400,1440,4,2,2,0
B,D=7,2880,960,3,1,1,1
SECTION_DAYS_OFF
A,1
SECTION_SHIFT_ON_REQUESTS
A,3,D,4
B,6,D,2
SECTION_SHIFT_OFF_REQUESTS
B,2,D,3
SECTION_COVER
0,D,2,100,1
1,D,1,100,1
2,D,2,100,1
3,D,1,100,1
4,D,2,100,1
5,D,1,100,1
6,D,2,100,1
`;

describe('the rotation-rules engine against enumeration', () => {
  for (const [name, text, days, shifts] of [
    ['5 days, 2 templates with a forbidden succession', T2, 5, ['E', 'L']],
    ['7 days with a weekend rule', T3, 7, ['D']],
  ] as const) {
    it(name, async () => {
      const best = enumerate(text, ['A', 'B'], days, [...shifts]);
      expect(Number.isFinite(best)).toBe(true);
      const p = parseCurtois(text, 'x.txt');
      const r = await solveCount(p, { solver: highsSolver, timeLimitSeconds: 10, clock: () => performance.now() });
      const ev = evaluateCurtois(text, toAssignments(p, r.assignment));
      expect(ev.violations).toEqual([]);
      expect(ev.objective).toBe(best);
      expect(r.cost.total).toBe(best);
      expect(r.lowerBound).toBe(best);
      expect(r.status).toBe('optimal');
      expect(checkCount(p, r.assignment)).toEqual([]);
    }, 30_000);
  }
  it('the engine checker and cost agree with the evaluator on the hand-scored roster', () => {
    const p = parseCurtois(T1, 't1.txt');
    const a: CountAssignment = [
      [1, 0, -1, 0, -1, -1, 0],
      [-1, -1, -1, -1, -1, -1, -1],
    ];
    expect(countCost(p, a).total).toBe(305);
    expect(
      checkCount(p, a)
        .map((v) => v.code)
        .sort(),
    ).toEqual(['day-off', 'min-consecutive-days', 'min-consecutive-days-off', 'succession']);
  });
});

/** The assignments of a roster of the benchmark's inputs, in the evaluator's terms. */
function rosterAssignments(r: Roster): Assignment[] {
  return r.shifts.map((x) => ({ employee: x.agent, day: Math.floor(x.start / 1440), shift: x.template }));
}

describe("the ordinary roster engine on the benchmark's inputs (curtoisRosterInput + solveRoster)", () => {
  for (const [name, text, days, shifts] of [
    ['5 days, 2 templates with a forbidden succession', T2, 5, ['E', 'L']],
    ['7 days with a weekend rule', T3, 7, ['D']],
  ] as const) {
    it(`${name}: the enumerated optimum, proven by the roster's own bound`, async () => {
      const best = enumerate(text, ['A', 'B'], days, [...shifts]);
      const input = curtoisRosterInput(parseCurtois(text, 'x.txt'));
      const r = await solveRoster(input, { solver: 'highs', timeLimitSeconds: 10, clock: () => performance.now() });
      const ev = evaluateCurtois(text, rosterAssignments(r));
      expect(ev.violations).toEqual([]);
      expect(ev.objective).toBe(best);
      expect(r.objective).toBe(best);
      expect(r.lowerBound).toBe(best);
      expect(r.paidHours).toBeGreaterThan(0);
      expect(checkRoster(input, r)).toEqual([]);
    }, 30_000);
  }
  it("the hand-scored 7-day instance: objective = the evaluator's, every start at the nominal midnight", async () => {
    const input = curtoisRosterInput(parseCurtois(T1, 't1.txt'));
    expect(input.rules.minRestMinutes).toBe(0);
    expect(input.requirements.queues[0].required.every((v) => v === 0)).toBe(true);
    const r = await solveRoster(input, { solver: 'highs', timeLimitSeconds: 5, clock: () => performance.now() });
    const ev = evaluateCurtois(T1, rosterAssignments(r));
    expect(ev.violations).toEqual([]);
    expect(r.objective).toBe(ev.objective);
    expect(r.shifts.every((x) => x.start % 1440 === 0)).toBe(true);
    expect(checkRoster(input, r)).toEqual([]);
  }, 30_000);
});

describe.skipIf(!existsSync(DATA))('the benchmark', () => {
  it('instance 1: the known optimum 607, every hard rule kept (evaluator)', async () => {
    const text = readFileSync(join(DATA, 'Instance1.txt'), 'utf8');
    const p = parseCurtois(text, 'Instance1.txt');
    const r = await solveCount(p, { solver: highsSolver, timeLimitSeconds: 20, clock: () => performance.now() });
    const ev = evaluateCurtois(text, toAssignments(p, r.assignment));
    expect(ev.violations).toEqual([]);
    expect(ev.objective).toBe(607);
    expect(r.cost.total).toBe(607);
  }, 60_000);
  it('instance 24 (364 days, 32 shifts, minutes within 720 of the minimum): a narrow search at prices 0 finds a schedule keeping every hard rule of each agent', () => {
    const text = readFileSync(join(DATA, 'Instance24.txt'), 'utf8');
    const p = parseCurtois(text, 'Instance24.txt');
    const zero = new Float64Array(p.days * p.shifts.length);
    for (let e = 0; e < 8; e++) {
      const b = bestSchedule(p, e, agentCosts(p, e, zero), 5, true);
      expect(b.row).not.toBeNull();
      const id = p.agents[e].id;
      const mine = toAssignments(p, [b.row as number[]]).map((a) => ({ ...a, employee: id }));
      expect(evaluateCurtois(text, mine).violations.filter((v) => v.startsWith(`${id} `))).toEqual([]);
    }
  }, 60_000);
  it('instance 1 through solveRoster: 607, the ordinary checker and the evaluator agree', async () => {
    const text = readFileSync(join(DATA, 'Instance1.txt'), 'utf8');
    const input = curtoisRosterInput(parseCurtois(text, 'Instance1.txt'));
    const r = await solveRoster(input, { solver: 'highs', timeLimitSeconds: 25, clock: () => performance.now() });
    const ev = evaluateCurtois(text, rosterAssignments(r));
    expect(ev.violations).toEqual([]);
    expect(ev.objective).toBe(607);
    expect(r.objective).toBe(607);
    expect(checkRoster(input, r)).toEqual([]);
  }, 60_000);
});
