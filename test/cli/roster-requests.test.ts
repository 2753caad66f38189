/**
 * `wfm roster --requests --cover` end to end through bin/wfm.js (issue 18): on a tiny instance the
 * printed objective equals the optimum found by enumerating every roster (test/helpers/rotation-brute.ts),
 * its parts are recomputed from the printed shifts, every request is listed in JSON, table and CSV,
 * and bad lines of either file stop the run naming the file, line and field (exit 2).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ShiftCover, ShiftRequest } from '../../src/solver/types.js';
import { bruteForce, cost, feasible, RULES_YAML } from '../helpers/rotation-brute.js';
import { ensureBuilt, wfm } from '../helpers/wfm-cli.js';

let dir: string;
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

// day 0 = Friday 2026-12-11 (as in the helper: days 1 and 2 are the weekend)
const DATES = ['2026-12-11', '2026-12-12', '2026-12-13', '2026-12-14', '2026-12-15'];
const cover: ShiftCover[] = [
  { day: 0, template: 'E', required: 1, underWeight: 10, overWeight: 1 },
  { day: 1, template: 'E', required: 1, underWeight: 10, overWeight: 1 },
  { day: 2, template: 'L', required: 2, underWeight: 10, overWeight: 1 },
  { day: 3, template: 'L', required: 1, underWeight: 10, overWeight: 1 },
];
const requests: ShiftRequest[] = [
  { agent: 'a1', day: 1, template: null, kind: 'off', weight: 3 },
  { agent: 'a2', day: 2, template: 'L', kind: 'on', weight: 2 },
  { agent: 'a1', day: 4, template: 'E', kind: 'on', weight: 1 },
];
const ARGS = ['roster', '--cover', 'cover.csv', '--requests', 'requests.csv', '--agents', 'agents.csv', '--rules', 'rules.yaml', '--start', DATES[0], '--days', '5', '--time-limit', '10'];

interface Json {
  shifts: { agent: string; start: string }[];
  paidHours: number;
  objective: number;
  objectiveLowerBound: number;
  parts: { intervals: number; cover: number; requests: number };
  requests: { agent: string; date: string; shift: string; kind: string; weight: number; met: boolean }[];
}

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'wfm-roster-requests-'));
  write('rules.yaml', RULES_YAML);
  write('agents.csv', 'id,contract\na1,c\na2,c\n');
  write('cover.csv', 'date,shift,required,under_weight,over_weight\n' + cover.map((c) => `${DATES[c.day]},${c.template},${c.required},${c.underWeight},${c.overWeight}`).join('\n') + '\n');
  write('requests.csv', 'agent,date,shift,kind,weight\n' + requests.map((q) => `${q.agent},${DATES[q.day]},${q.template ?? ''},${q.kind},${q.weight}`).join('\n') + '\n');
}, 120_000);

describe('wfm roster --requests --cover', () => {
  it('prints the optimal roster, its parts and every request (JSON)', () => {
    const r = wfm([...ARGS, '--format', 'json'], dir);
    expect(r.stderr).toContain('checker: 0 violation(s)');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    // the printed roster as rows (0 off, 1 E, 2 L) from its start times
    const rows = ['a1', 'a2'].map(() => new Array<number>(5).fill(0));
    for (const s of j.shifts) {
      const day = DATES.indexOf(s.start.slice(0, 10));
      rows[s.agent === 'a1' ? 0 : 1][day] = s.start.slice(11, 13) === '08' ? 1 : 2;
    }
    expect(feasible(rows)).toBe(true);
    expect(j.objective).toBe(cost(rows, ['a1', 'a2'], cover, requests));
    expect(j.objective).toBe(bruteForce(['a1', 'a2'], cover, requests));
    expect(j.parts.intervals).toBe(j.paidHours);
    expect(j.parts.intervals + j.parts.cover + j.parts.requests).toBe(j.objective);
    expect(j.requests.map((q) => [q.agent, q.date, q.shift, q.kind, q.weight])).toEqual(requests.map((q) => [q.agent, DATES[q.day], q.template ?? '', q.kind, q.weight]));
    for (const q of j.requests) {
      const x = rows[q.agent === 'a1' ? 0 : 1][DATES.indexOf(q.date)];
      const works = q.shift === '' ? x > 0 : x === (q.shift === 'E' ? 1 : 2);
      expect(q.met).toBe(works === (q.kind === 'on'));
    }
    expect(j.parts.requests).toBe(j.requests.filter((q) => !q.met).reduce((a, q) => a + q.weight, 0));
  }, 60_000);

  it('lists the requests in the table and the CSV', () => {
    const t = wfm([...ARGS, '--format', 'table'], dir);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/objective \d+\.\d\d h = intervals/);
    expect(t.stdout).toContain('Requests');
    expect(t.stdout).toMatch(/a2\s+2026-12-13\s+L\s+on\s+2\.00\s+(yes|NO)/);
    const c = wfm([...ARGS, '--format', 'csv'], dir);
    expect(c.code).toBe(0);
    const lines = c.stdout.trim().split('\n');
    expect(lines[0]).toBe('record,agent,date,queue,template,start,end,paid_hours,breaks,kind,weight,met');
    expect(lines.filter((l) => l.startsWith('request,'))).toHaveLength(3);
    expect(lines).toContainEqual(expect.stringMatching(/^request,a1,2026-12-12,,,,,,,off,3,(yes|no)$/));
    // a1 asked for 12 Dec off: met exactly when the CSV has no shift of a1 that day
    const a1Works = lines.some((l) => l.startsWith('shift,a1,2026-12-12,'));
    expect(lines).toContain(`request,a1,2026-12-12,,,,,,,off,3,${a1Works ? 'no' : 'yes'}`);
    // the CSV reads back as a roster (its request rows skipped): diff against itself, --previous
    write('out.csv', c.stdout);
    const d = wfm(['roster', 'diff', 'out.csv', 'out.csv', '--format', 'json'], dir);
    expect(d.stderr).toBe('');
    expect(d.code).toBe(0);
  }, 60_000);

  it('a shift of the roster before (--previous) on the day before: its forbidden successions and the start-change limit hold into day 0', () => {
    // a1 worked E (08:00-12:00) on 10 Dec; E then L is forbidden: the L of 11 Dec (cover 1, short
    // costs 10 > its 4 paid hours) must stay short rather than go to a1; the day after it may
    write('one.csv', 'id,contract\na1,c\n');
    write('prev.csv', 'agent,start,end\na1,2026-12-10 08:00,2026-12-10 12:00\n');
    write('cover-l.csv', 'date,shift,required,under_weight,over_weight\n2026-12-11,L,1,10,1\n2026-12-12,L,1,10,1\n');
    const base = ['roster', '--cover', 'cover-l.csv', '--agents', 'one.csv', '--rules', 'rules.yaml', '--start', DATES[0], '--days', '3', '--time-limit', '10', '--format', 'json'];
    const r = wfm([...base, '--previous', 'prev.csv'], dir);
    expect(r.stderr).toContain('checker: 0 violation(s)');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    expect(j.shifts.filter((s) => s.start.startsWith('2026-12-11'))).toEqual([]);
    // without the roster before, a1 takes the L of 11 Dec
    const free = JSON.parse(wfm(base, dir).stdout) as Json;
    expect(free.shifts.some((s) => s.agent === 'a1' && s.start.startsWith('2026-12-11T18:00'))).toBe(true);
  }, 60_000);

  it('a request to work a template nothing else asks for is met when it is worth its pay', () => {
    // only L is covered; a1 asks for E on Sunday 13 Dec at 20 h (E pays 4 h): met
    write('one.csv', 'id,contract\na1,c\n');
    write('req-e.csv', 'agent,date,shift,kind,weight\na1,2026-12-13,E,on,20\n');
    write('cover-l2.csv', 'date,shift,required,under_weight,over_weight\n2026-12-11,L,1,10,1\n');
    const r = wfm(['roster', '--cover', 'cover-l2.csv', '--requests', 'req-e.csv', '--agents', 'one.csv', '--rules', 'rules.yaml', '--start', DATES[0], '--days', '5', '--time-limit', '10', '--format', 'json'], dir);
    expect(r.stderr).toContain('checker: 0 violation(s)');
    const j = JSON.parse(r.stdout) as Json;
    expect(j.requests).toEqual([{ agent: 'a1', date: '2026-12-13', shift: 'E', kind: 'on', weight: 20, met: true }]);
    expect(j.shifts.some((s) => s.agent === 'a1' && s.start.startsWith('2026-12-13T08:00'))).toBe(true);
  }, 60_000);

  it('the bounds: never above a roster that exists, and the paid-hours bound never holds the cover costs', () => {
    // one template E, at most one E per agent in the week; 2 E a day for 7 days (short: 10 h each)
    write('one-e.yaml', 'version: 1\nshifts:\n  - { id: E, length: "4:00", starts: ["08:00"] }\nrules:\n  understaffPenaltyHours: 1\ncontracts:\n  - id: c\n    maxWeeklyHours: 40\n    maxDaysPerWeek: 5\n    rotation: { maxShifts: { E: 1 } }\ndefaultContract: c\n');
    const dates = ['2026-12-14', '2026-12-15', '2026-12-16', '2026-12-17', '2026-12-18', '2026-12-19', '2026-12-20'];
    write('cover-e.csv', 'date,shift,required,under_weight,over_weight\n' + dates.map((d) => `${d},E,2,10,1`).join('\n') + '\n');
    write('fourteen.csv', 'id,contract\n' + Array.from({ length: 14 }, (_, i) => `x${i},c`).join('\n') + '\n');
    const run = (extra: string[]) => {
      const r = wfm(['roster', '--cover', 'cover-e.csv', '--rules', 'one-e.yaml', '--start', dates[0], '--days', '7', '--time-limit', '10', '--format', 'json', ...extra], dir);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as Json & { lowerBound: number };
    };
    // 14 named agents, one E each, cover every row: 14 shifts x 4 h = 56, nothing short
    const named = run(['--agents', 'fourteen.csv']);
    expect(named.objective).toBe(56);
    expect(named.objectiveLowerBound).toBeLessThanOrEqual(56);
    expect(named.lowerBound).toBeLessThanOrEqual(named.paidHours);
    // anonymous agents: however many the solver takes, 56 is possible, so no bound may exceed it
    const anon = run([]);
    expect(anon.objectiveLowerBound).toBeLessThanOrEqual(56);
    // 3 named agents: the objective's bound may hold the short cover, the paid-hours bound may not
    write('three.csv', 'id,contract\nx0,c\nx1,c\nx2,c\n');
    const three = run(['--agents', 'three.csv']);
    expect(three.paidHours).toBe(12);
    expect(three.lowerBound).toBeLessThanOrEqual(12);
  }, 90_000);

  it('refuses a bad line naming the file, the line and the field (exit 2)', () => {
    const TAIL = ['--rules', 'rules.yaml', '--start', DATES[0], '--days', '5'];
    /** Writes `file`, runs wfm roster with `args`, and expects exit 2 with `message` on stderr. */
    const refused = (file: string, text: string, args: string[], message: string) => {
      write(file, text);
      const r = wfm(['roster', ...args, ...TAIL], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
    };
    const requests = (file: string) => ['--cover', 'cover.csv', '--requests', file, '--agents', 'agents.csv'];
    const coverOf = (file: string) => ['--cover', file, '--agents', 'agents.csv'];
    const REQ = 'agent,date,shift,kind,weight\n';
    refused('bad-requests.csv', `${REQ}a1,2026-12-12,,off,3\na2,2026-12-13,L,maybe,2\n`, requests('bad-requests.csv'), 'bad-requests.csv:3: field kind: "maybe" is not a kind');
    refused('bad-requests2.csv', `${REQ}zz,2026-12-12,,off,3\n`, requests('bad-requests2.csv'), 'bad-requests2.csv:2: field agent: no agent "zz"');
    refused('bad-requests3.csv', `${REQ}a1,2026-12-31,,off,3\n`, requests('bad-requests3.csv'), 'bad-requests3.csv:2: field date: "2026-12-31" is not a date of the roster');
    refused('bad-requests4.csv', `${REQ}a1,2026-12-12,,off,0\n`, requests('bad-requests4.csv'), 'bad-requests4.csv:2: field weight');
    const COVER = 'date,shift,required,under_weight,over_weight\n';
    refused('bad-cover.csv', `${COVER}2026-12-11,E,1,10,1\n2026-12-12,X,1,10,1\n`, coverOf('bad-cover.csv'), 'bad-cover.csv:3: field shift: no shift template "X"');
    refused('bad-cover2.csv', 'date,shift,required,under_weight\n2026-12-11,E,1,10\n', coverOf('bad-cover2.csv'), 'over_weight');
    // a typo of ten million agents is refused at once (it used to run out of memory past its time limit)
    refused('bad-cover3.csv', `${COVER}2026-12-11,E,10000000,10,1\n`, ['--cover', 'bad-cover3.csv', '--time-limit', '5'], 'bad-cover3.csv:2: field required: "10000000" is not a number of agents (a whole number from 0 to 10000)');
    // one row per date and shift; headers with a hyphen or a space are the same columns
    refused(
      'bad-cover4.csv',
      'date,shift,required,under-weight,over weight\n2026-12-11,E,1,10,1\n2026-12-12,E,1,10,1\n2026-12-11,E,1,10,1\n',
      coverOf('bad-cover4.csv'),
      'bad-cover4.csv:4: field shift: the cover of E on 2026-12-11 is already given on line 2',
    );
  }, 60_000);

  it('--cover alone, without agents: anonymous agents enough for the cover; --requests needs named agents', () => {
    const r = wfm(['roster', '--cover', 'cover.csv', '--rules', 'rules.yaml', '--start', DATES[0], '--days', '5', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    expect(j.parts.cover).toBe(0);
    expect(r.stderr).toContain('checker: 0 violation(s)');
    const q = wfm(['roster', '--cover', 'cover.csv', '--requests', 'requests.csv', '--rules', 'rules.yaml', '--start', DATES[0], '--days', '5'], dir);
    expect(q.code).toBe(2);
    expect(q.stderr).toContain('--requests names agents');
  }, 60_000);

  it('refuses a bad rotation rule naming its key path (exit 2)', () => {
    write('bad-rules.yaml', RULES_YAML.replace('maxShifts: { L: 2 }', 'maxShifts: { Q: 2 }'));
    const r = wfm(['roster', '--cover', 'cover.csv', '--agents', 'agents.csv', '--rules', 'bad-rules.yaml', '--start', DATES[0], '--days', '5'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('contracts[0].rotation.maxShifts.Q');
    expect(r.stderr).toContain('no shift template with id "Q"');
  }, 60_000);

  it('an agent whose rules cannot all hold is named (exit 2)', () => {
    // 5 days of 4 h shifts cannot reach 30 paid hours
    write('tight-rules.yaml', RULES_YAML.replace('maxShifts: { L: 2 }', 'maxShifts: { L: 2 }, minTotalHours: 30'));
    const r = wfm(['roster', '--cover', 'cover.csv', '--agents', 'agents.csv', '--rules', 'tight-rules.yaml', '--start', DATES[0], '--days', '5'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no schedule of agent a[12] keeps all of its rules together/);
  }, 60_000);

  it('--help teaches the new options', () => {
    const r = wfm(['roster', '--help'], dir);
    expect(r.stdout).toContain('--requests <file.csv>');
    expect(r.stdout).toContain('--cover <file.csv>');
    expect(r.stdout).toContain('forbiddenSuccessions');
    expect(r.stdout).toContain('minConsecutiveDaysOff');
  });
});
