/**
 * `wfm import agents|exams|training|skills`: rejects with file:line and field, exit codes 0/3/2,
 * --strict, --map, idempotent re-imports - checked through the reports' JSON against the input files.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, wfm } from '../helpers/wfm-cli.js';

beforeAll(() => ensureBuilt());
const tmp = () => mkdtempSync(join(tmpdir(), 'wfm-people-'));

const AGENTS =
  'id,name,team,supervisor,skills,contract,min_hours,max_hours,hire_date\n' +
  'A1,张三,T1,王五,billing:3;vip:2,全职,35,40,2024-03-01\n' +
  'A2,李四,T1,王五,billing,part,10,20,2024/5/1\n' +
  'A3,Bad,T2,,fault,weird,,,2024-01-01\n' + // line 4: bad contract
  'A4,Late,T2,,fault,full,40,30,2024-01-01\n' + // line 5: min > max
  'A5,Wrong,T2,,fault,full,,,2024-02-30\n'; // line 6: no such date

describe('import agents', () => {
  it('keeps good rows, rejects bad ones with line and field, exit 3; a re-import adds nothing new', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'agents.csv'), AGENTS);
    const r = wfm(['import', 'agents', 'agents.csv', '--format', 'json'], dir);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ accepted: 2, rejected: 3, newCalls: 2 });
    expect(r.stderr).toContain('agents.csv:4: field contract');
    expect(r.stderr).toContain('agents.csv:5: field min_hours');
    expect(r.stderr).toContain('agents.csv:6: field hire_date');
    const again = wfm(['import', 'agents', 'agents.csv', '--format', 'json'], dir);
    expect(JSON.parse(again.stdout)).toMatchObject({ accepted: 2, newCalls: 0 });
    // --strict: the file has bad lines, nothing is used; only bad rows: exit 2
    const dir2 = tmp();
    writeFileSync(join(dir2, 'agents.csv'), AGENTS);
    expect(wfm(['import', 'agents', 'agents.csv', '--strict', '--format', 'json'], dir2).code).toBe(2);
  });

  it('--map names the columns; the skills requirement drives "never sat" in report exams', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'hr.csv'), 'Emp,Group,Skillset\nB1,X,vip\nB2,X,billing\n');
    writeFileSync(join(dir, 'map.txt'), 'id = Emp\nteam = Group\nskills = Skillset\n');
    expect(wfm(['import', 'agents', 'hr.csv', '--map', 'map.txt'], dir).code).toBe(0);
    writeFileSync(join(dir, 'skills.csv'), 'skill,exam,certificate\nvip,VIP-1,\n');
    expect(wfm(['import', 'skills', 'skills.csv'], dir).code).toBe(0);
    const rep = JSON.parse(wfm(['report', 'exams', '--date', '2026-03-02', '--format', 'json'], dir).stdout);
    expect(rep.findings).toEqual([
      { site: 'default', agent: 'B1', name: null, team: 'X', exam: 'VIP-1', status: 'notTaken', lastDate: null, lastScore: null, passMark: null, attempts: 0, skills: 'vip' },
    ]);
  });
});

describe('import exams and training', () => {
  it('derives pass/fail from score and pass mark unless a result is given; unknown stays null', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'exams.csv'),
      'agent,exam,date,score,pass_mark,attempt,result\n' +
        'A1,E,2026-03-01,59.5,60,1,\n' + // fail by score
        'A1,E,2026-03-02,60,60,2,\n' + // pass (>=)
        'A2,E,2026-03-02,,,,通过\n' + // pass by result, no score
        'A3,E,2026-03-02,,,,\n' + // unknown
        'A4,E,2026-03-02,70,60,0,\n' + // line 6: attempt 0
        'A5,E,03/02/2026,70,60,1,\n', // line 7: bad date
    );
    const r = wfm(['import', 'exams', 'exams.csv', '--format', 'json'], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('exams.csv:6: field attempt');
    expect(r.stderr).toContain('exams.csv:7: field date');
    const rep = JSON.parse(wfm(['report', 'exams', '--from', '2026-03-01', '--to', '2026-03-02', '--format', 'json'], dir).stdout);
    const all = rep.summary.find((x: { level: string }) => x.level === 'exam');
    // 4 sittings: pass A1#2, pass A2, fail A1#1, unknown A3; pass rate 2/3; scores 59.5, 60
    expect(all).toMatchObject({ sittings: 4, agents: 3, passed: 2, failed: 1, unknown: 1, meanScore: 59.75, minScore: 59.5, maxScore: 60, retakes: 1, lt60: 1, '60to69': 1 });
    expect(all.passRate).toBeCloseTo(2 / 3, 12);
    // first attempts with a result: A1#1 (fail), A2 (earliest, pass) -> 1/2
    expect(all.firstTimePassRate).toBe(0.5);
    expect(rep.findings).toEqual([]); // A1's latest sitting passed
  });

  it('training: hours in the period, certificates expiring within --within, exit 0 on a clean file', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'agents.csv'), 'id,team,skills\nA1,T,vip\nA2,T,vip\nA3,T,billing\n');
    writeFileSync(join(dir, 'skills.csv'), 'skill,certificate\nvip,VIPCERT\n');
    writeFileSync(
      join(dir, 'training.csv'),
      'agent,course,date,hours,result,expiry\n' +
        'A1,VIPCERT,2025-03-05,8,pass,2026-03-31\n' + // expires in 29 days from 2026-03-02
        'A2,VIPCERT,2025-03-05,8,pass,2026-04-02\n' + // 31 days: outside 30d
        'A3,Intro,2026-03-01,2.5,,\n' +
        'A3,Intro2,2026-03-02,,pass,\n',
    );
    for (const [k, f] of [['agents', 'agents.csv'], ['skills', 'skills.csv'], ['training', 'training.csv']]) expect(wfm(['import', k, f], dir).code).toBe(0);
    const rep = JSON.parse(wfm(['report', 'training', '--from', '2026-03-01', '--to', '2026-03-02', '--within', '30d', '--required-hours', '2', '--format', 'json'], dir).stdout);
    expect(rep.certificates).toEqual([{ site: 'default', agent: 'A1', name: null, team: 'T', course: 'VIPCERT', expiry: '2026-03-31', daysLeft: 29, status: 'expiring', skills: 'vip' }]);
    expect(rep.hours.find((h: { agent: string }) => h.agent === 'A3')).toMatchObject({ hours: 2.5, unknownHours: 1, required: 2, shortfall: 0, met: true });
    expect(rep.hours.find((h: { agent: string }) => h.agent === 'A1')).toMatchObject({ hours: 0, shortfall: 2, met: false });
    expect(rep.coverage).toEqual([{ site: 'default', skill: 'vip', certificate: 'VIPCERT', agentsWithSkill: 2, agentsLosing: 1, scheduledHoursAtRisk: null, scheduledHours: null }]);
  });
});
