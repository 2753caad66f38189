/**
 * Hostile values on the import paths, through the built CLI (issue 15, items 5, 8 and 11):
 * implausible numbers and dates, control characters in names, and CSV quoting. Each case states the
 * exit code, which line is rejected for which field, and what the reports computed from the store
 * show afterwards (the figures of the other calls, worked out by hand).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, wfm, type Run } from '../helpers/wfm-cli.js';

beforeAll(() => ensureBuilt());

const tmp = () => mkdtempSync(join(tmpdir(), 'wfm-values-'));

interface Summary {
  lines: number;
  accepted: number;
  rejected: number;
  calls: number;
  pending: number;
}

const summary = (r: Run): Summary => JSON.parse(r.stdout) as Summary;

/** The total row of `wfm report sla` for one day (UTC). */
function slaTotal(dir: string, day: string): Record<string, unknown> {
  const r = wfm(['report', 'sla', '--from', day, '--to', day, '--interval', 'day', '--format', 'json', '--tz', 'UTC'], dir);
  expect(r.code, r.stderr).toBe(0);
  const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
  return rows.find((x) => x.intervalStart === null) ?? {};
}

/** Local date-time "YYYY-MM-DD HH:MM:SS" in UTC of epoch ms. */
const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

const NINES = '9'.repeat(400);
const T0 = Date.UTC(2026, 11, 1, 9) / 1000; // 2026-12-01 09:00 UTC, epoch seconds

/** queue_log lines of one answered call: enter at t, connect after `wait`, complete after `talk`. */
function answered(id: string, t: number, wait: number | string, talk: number | string, queue = 'billing', agent = 'Agent/1'): string[] {
  const w = typeof wait === 'number' ? wait : 10;
  const k = typeof talk === 'number' ? talk : 100;
  return [
    `${t}|${id}|${queue}|NONE|ENTERQUEUE||5551234|1`,
    `${t + w}|${id}|${queue}|${agent}|CONNECT|${wait}|${id}.1|2`,
    `${t + w + k}|${id}|${queue}|${agent}|COMPLETEAGENT|${wait}|${talk}|1`,
  ];
}

describe('implausible numbers (item 5)', () => {
  it('queue_log: a holdtime of 400 nines and a talk of 10^20 s are rejected lines; ASA and AHT are those of the other calls', () => {
    const dir = tmp();
    const lines = [
      ...answered('c1', T0, 10, 300),
      ...answered('c2', T0 + 600, 30, 200),
      ...answered('c3', T0 + 1200, NINES, 200), // lines 7-9: CONNECT and COMPLETEAGENT carry the holdtime
      ...answered('c4', T0 + 1800, 20, '100000000000000000000'), // lines 10-12: the COMPLETEAGENT calltime
      ...answered('c5', T0 + 2400, 5, 86_401), // lines 13-15: a day and a second of talk
    ];
    writeFileSync(join(dir, 'q.log'), lines.join('\n') + '\n');
    const r = wfm(['import', 'queue-log', 'q.log', '--tz', 'UTC', '--format', 'json', '--rejects', 'rej.csv'], dir);
    expect(r.code, r.stderr).toBe(3);
    expect(summary(r)).toMatchObject({ lines: 15, accepted: 11, rejected: 4, calls: 2 });
    expect(r.stderr).toMatch(/q\.log:8: field holdtime: .*0 to 86400/);
    const rej = readFileSync(join(dir, 'rej.csv'), 'utf8');
    expect(rej).toMatch(/q\.log,9,holdtime,/);
    expect(rej).toMatch(/q\.log,12,calltime,/);
    expect(rej).toMatch(/q\.log,15,calltime,/);
    // c1 and c2 only: ASA (10 + 30) / 2 = 20 s, AHT (300 + 200) / 2 = 250 s, longest wait 30 s
    expect(slaTotal(dir, '2026-12-01')).toMatchObject({ offered: 2, answered: 2, asaSeconds: 20, ahtSeconds: 250, maxWaitSeconds: 30 });
  });

  it('mapped CSV CDRs: waits and talk times outside 0..86400 s, a year-9999 entry and a wait ending after now + 1 day are rejected', () => {
    const dir = tmp();
    const soon = Date.now() + 20 * 3600_000; // within the day of clock tolerance ...
    writeFileSync(
      join(dir, 'calls.csv'),
      [
        'Skill,Id,Arrived,Waited,Talked',
        'vip,1,2026-12-01 10:00:00,15,300',
        'vip,2,2026-12-01 10:05:00,45,100',
        `vip,3,2026-12-01 10:10:00,${NINES},100`, // line 4
        'vip,4,2026-12-01 10:15:00,10,100000000000000000000', // line 5
        'vip,5,9999-12-01 10:20:00,10,100', // line 6
        `vip,6,${stamp(soon)},${5 * 3600},0`, // line 7: ... but waiting 5 h more ends 25 h from now
        'vip,7,2026-12-01 10:25:00,86401,0', // line 8
      ].join('\n') + '\n',
    );
    writeFileSync(join(dir, 'map.txt'), 'queue = Skill\ncall_id = Id\nentered = Arrived\nwait = Waited\ntalk = Talked\n');
    const r = wfm(['import', 'cdr', 'calls.csv', '--type', 'csv', '--map', 'map.txt', '--tz', 'UTC', '--format', 'json', '--rejects', 'rej.csv'], dir);
    expect(r.code, r.stderr).toBe(3);
    expect(summary(r)).toMatchObject({ accepted: 2, rejected: 5 });
    const rej = readFileSync(join(dir, 'rej.csv'), 'utf8');
    expect(rej).toMatch(/calls\.csv,4,waited,/);
    expect(rej).toMatch(/calls\.csv,5,talked,/);
    expect(rej).toMatch(/calls\.csv,6,arrived,/);
    expect(rej).toMatch(/calls\.csv,7,waited,.*after/);
    expect(rej).toMatch(/calls\.csv,8,waited,/);
    // calls 1 and 2: ASA (15 + 45) / 2 = 30, AHT (300 + 100) / 2 = 200
    expect(slaTotal(dir, '2026-12-01')).toMatchObject({ offered: 2, answered: 2, asaSeconds: 30, ahtSeconds: 200, maxWaitSeconds: 45 });
  });

  it('Asterisk Master.csv: a billsec or duration beyond a day is one rejected line', () => {
    const dir = tmp();
    const row = (id: string, start: string, answer: string, duration: string, billsec: string, disposition = 'ANSWERED') =>
      `"","138","4000","from-pstn","","SIP/trunk-${id}","SIP/8001-0a","Queue","billing,t","${start}","${answer}","2026-12-01 09:59:00",${duration},${billsec},"${disposition}","DOCUMENTATION","${id}",""`;
    writeFileSync(
      join(dir, 'Master.csv'),
      [
        row('1', '2026-12-01 09:00:00', '2026-12-01 09:00:12', '192', '180'),
        row('2', '2026-12-01 09:10:00', '2026-12-01 09:10:20', '100000', '99980'), // line 2
        row('3', '2026-12-01 09:20:00', '', NINES, '0', 'NO ANSWER'), // line 3
        row('4', '2026-12-01 09:30:00', '2026-12-03 09:30:00', '172900', '100'), // line 4: answered two days after the start
      ].join('\n') + '\n',
    );
    const r = wfm(['import', 'cdr', 'Master.csv', '--type', 'asterisk', '--tz', 'UTC', '--format', 'json', '--rejects', 'rej.csv'], dir);
    expect(r.code, r.stderr).toBe(3);
    expect(summary(r)).toMatchObject({ accepted: 1, rejected: 3 });
    const rej = readFileSync(join(dir, 'rej.csv'), 'utf8');
    expect(rej).toMatch(/Master\.csv,2,duration,/);
    expect(rej).toMatch(/Master\.csv,3,duration,/);
    expect(rej).toMatch(/Master\.csv,4,(duration|answer),/);
    expect(slaTotal(dir, '2026-12-01')).toMatchObject({ offered: 1, asaSeconds: 12, ahtSeconds: 180 });
  });

  it('ACD volumes: more than 10^7 calls in an interval, or an AHT beyond a day, is rejected', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'acd.csv'),
      'interval_start,queue,offered,answered,abandoned,answered_within,aht\n' +
        '2026-12-01 09:00,fault,100,90,10,72,300\n' +
        `2026-12-01 09:30,fault,${NINES},0,0,0,100\n` + // line 3
        '2026-12-01 10:00,fault,10000001,0,0,0,100\n' + // line 4
        '2026-12-01 10:30,fault,10,10,0,10,86401\n', // line 5
    );
    const r = wfm(['import', 'volumes', 'acd.csv', '--tz', 'UTC', '--format', 'json', '--rejects', 'rej.csv'], dir);
    expect(r.code, r.stderr).toBe(3);
    expect(summary(r)).toMatchObject({ accepted: 1, rejected: 3 });
    const rej = readFileSync(join(dir, 'rej.csv'), 'utf8');
    expect(rej).toMatch(/acd\.csv,3,offered,/);
    expect(rej).toMatch(/acd\.csv,4,offered,.*10000000/);
    expect(rej).toMatch(/acd\.csv,5,aht,/);
    expect(slaTotal(dir, '2026-12-01')).toMatchObject({ offered: 100, answered: 90, ahtSeconds: 300 });
  });

  it('people: exam scores, pass marks, attempts, training hours, weekly hours, proficiencies and dates out of range are rejected', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'agents.csv'),
      'id,name,skills,min_hours,max_hours,hire_date\n' +
        'A1,Ann,billing:3,20,40,2024-03-01\n' +
        'A2,Bob,billing,500,,2024-03-01\n' + // line 3: min_hours beyond a week
        'A3,Cy,billing:1000,,,2024-03-01\n' + // line 4: proficiency
        'A4,Di,billing,,,1900-01-01\n' + // line 5: hire date
        'A5,Ed,billing,,,9999-01-01\n', // line 6
    );
    const a = wfm(['import', 'agents', 'agents.csv', '--format', 'json', '--rejects', 'rej-a.csv'], dir);
    expect(a.code, a.stderr).toBe(3);
    expect(summary(a)).toMatchObject({ accepted: 1, rejected: 4 });
    const ra = readFileSync(join(dir, 'rej-a.csv'), 'utf8');
    for (const [line, field] of [[3, 'min_hours'], [4, 'skills'], [5, 'hire_date'], [6, 'hire_date']]) expect(ra).toMatch(new RegExp(`agents\\.csv,${line},${field},`));

    writeFileSync(
      join(dir, 'exams.csv'),
      'agent,exam,date,score,pass_mark,attempt\n' +
        'A1,E,2026-03-01,70,60,1\n' +
        `A1,E,2026-03-02,${NINES},60,2\n` + // line 3
        'A1,E,2026-03-03,250,60,3\n' + // line 4
        'A1,E,2026-03-04,70,101,4\n' + // line 5
        'A1,E,2026-03-05,70,60,1000\n' + // line 6
        'A1,E,9999-03-05,70,60,5\n', // line 7
    );
    const e = wfm(['import', 'exams', 'exams.csv', '--format', 'json', '--rejects', 'rej-e.csv'], dir);
    expect(e.code, e.stderr).toBe(3);
    expect(summary(e)).toMatchObject({ accepted: 1, rejected: 5 });
    const re = readFileSync(join(dir, 'rej-e.csv'), 'utf8');
    for (const [line, field] of [[3, 'score'], [4, 'score'], [5, 'pass_mark'], [6, 'attempt'], [7, 'date']]) expect(re).toMatch(new RegExp(`exams\\.csv,${line},${field},`));
    // the one sitting left: mean score 70, not infinity
    const rep = JSON.parse(wfm(['report', 'exams', '--from', '2026-03-01', '--to', '2026-03-31', '--format', 'json'], dir).stdout);
    expect(rep.summary.find((x: { level: string }) => x.level === 'exam')).toMatchObject({ sittings: 1, meanScore: 70, maxScore: 70 });

    writeFileSync(
      join(dir, 'training.csv'),
      'agent,course,date,hours,result,expiry\n' +
        'A1,C1,2026-03-01,8,pass,2027-03-01\n' +
        'A1,C2,2026-03-01,2.5,pass,9999-12-31\n' + // "no end date": a certificate that does not expire
        'A1,C3,2026-03-01,1000000000,pass,\n' + // line 4
        'A1,C4,2026-03-01,2001,pass,\n' + // line 5
        'A1,C5,2026-03-01,8,pass,3026-03-01\n', // line 6: a typo for 2026, not a certificate for 1000 years
    );
    const t = wfm(['import', 'training', 'training.csv', '--format', 'json', '--rejects', 'rej-t.csv'], dir);
    expect(t.code, t.stderr).toBe(3);
    expect(summary(t)).toMatchObject({ accepted: 2, rejected: 3 });
    const rt = readFileSync(join(dir, 'rej-t.csv'), 'utf8');
    for (const [line, field] of [[4, 'hours'], [5, 'hours'], [6, 'expiry']]) expect(rt).toMatch(new RegExp(`training\\.csv,${line},${field},`));
    const tr = JSON.parse(wfm(['report', 'training', '--from', '2026-03-01', '--to', '2026-03-02', '--required-hours', '2', '--format', 'json'], dir).stdout);
    expect(tr.hours.find((h: { agent: string }) => h.agent === 'A1')).toMatchObject({ hours: 10.5 });
  });

  it('--help of each import names the ranges', () => {
    const dir = tmp();
    for (const cmd of ['queue-log', 'cdr', 'volumes']) expect(wfm(['import', cmd, '--help'], dir).stdout).toMatch(/86400|86,400/);
    expect(wfm(['import', 'volumes', '--help'], dir).stdout).toMatch(/10000000|10,000,000|10\^7/);
    expect(wfm(['import', 'exams', '--help'], dir).stdout).toMatch(/0\.\.100|0 to 100/);
    expect(wfm(['import', 'training', '--help'], dir).stdout).toMatch(/2000|2,000/);
    expect(wfm(['import', 'agents', '--help'], dir).stdout).toMatch(/168/);
  });
});

describe('control characters in names (item 8)', () => {
  it('queue_log: a queue or agent name with ESC or BEL is a rejected line naming the field and code point; a pause reason is neutralised', () => {
    const dir = tmp();
    const lines = [
      ...answered('c1', T0, 10, 300),
      ...answered('c2', T0 + 600, 30, 200, 'bil\u001bling'), // lines 4-6
      ...answered('c3', T0 + 1200, 30, 200, 'billing', 'Agent/\u00072'), // lines 7-9: CONNECT and COMPLETEAGENT name the agent
      `${T0}|MANAGER|billing|Agent/1|ADDMEMBER|`,
      `${T0 + 60}|MANAGER|billing|Agent/1|PAUSE|Lunch\u001b[31m`, // line 11
      `${T0 + 120}|MANAGER|billing|Agent/1|UNPAUSE|`,
      `${T0 + 180}|MANAGER|billing|Agent/\u009b1|ADDMEMBER|`, // line 13: C1 CSI
      `${T0 + 240}|c\t9|billing|NONE|ENTERQUEUE||5551234|1`, // line 14: tab in the call id
    ];
    writeFileSync(join(dir, 'q.log'), lines.join('\n') + '\n');
    const r = wfm(['import', 'queue-log', 'q.log', '--tz', 'UTC', '--format', 'json', '--rejects', 'rej.csv'], dir);
    expect(r.code, r.stderr).toBe(3);
    expect(summary(r)).toMatchObject({ lines: 14, rejected: 7 });
    expect(r.stderr).toContain('q.log:4: field queuename: ');
    expect(r.stderr).toContain('U+001B');
    const rej = readFileSync(join(dir, 'rej.csv'), 'utf8');
    for (const line of [4, 5, 6]) expect(rej).toMatch(new RegExp(`q\\.log,${line},queuename,.*U\\+001B`));
    for (const line of [8, 9]) expect(rej).toMatch(new RegExp(`q\\.log,${line},agent,.*U\\+0007`));
    expect(rej).toMatch(/q\.log,13,agent,.*U\+009B/);
    expect(rej).toMatch(/q\.log,14,callid,.*U\+0009/);
    expect(slaTotal(dir, '2026-12-01')).toMatchObject({ queue: 'billing', offered: 1, asaSeconds: 10, ahtSeconds: 300 });
    // the pause counts (60 s), under its reason with the ESC replaced
    const ag = wfm(['report', 'agents', '--date', '2026-12-01', '--format', 'json', '--tz', 'UTC'], dir);
    expect(ag.code, ag.stderr).toBe(0);
    const row = (JSON.parse(ag.stdout) as { agent: string; pausedByReason: Record<string, number> }[]).find((x) => x.agent === 'Agent/1')!;
    expect(row.pausedByReason).toEqual({ 'Lunch\uFFFD[31m': 60 });
  });

  it('CDR, volumes and people CSVs: control characters in queue, agent and name fields are rejected', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'calls.csv'), 'Skill,Id,Arrived,Waited,Talked,Agent\nvip,1,2026-12-01 10:00:00,15,300,8001\nv\u001bip,2,2026-12-01 10:05:00,45,100,8001\nvip,3,2026-12-01 10:05:00,45,100,80\u007f01\n');
    writeFileSync(join(dir, 'map.txt'), 'queue = Skill\ncall_id = Id\nentered = Arrived\nwait = Waited\ntalk = Talked\nagent = Agent\n');
    const c = wfm(['import', 'cdr', 'calls.csv', '--type', 'csv', '--map', 'map.txt', '--tz', 'UTC', '--format', 'json', '--rejects', 'rej-c.csv'], dir);
    expect(c.code, c.stderr).toBe(3);
    expect(summary(c)).toMatchObject({ accepted: 1, rejected: 2 });
    const rc = readFileSync(join(dir, 'rej-c.csv'), 'utf8');
    expect(rc).toMatch(/calls\.csv,3,skill,.*U\+001B/);
    expect(rc).toMatch(/calls\.csv,4,agent,.*U\+007F/);

    writeFileSync(join(dir, 'acd.csv'), 'interval_start,queue,offered\n2026-12-01 09:00,fault,100\n2026-12-01 09:30,fa\u0085ult,100\n');
    const v = wfm(['import', 'volumes', 'acd.csv', '--tz', 'UTC', '--format', 'json', '--rejects', 'rej-v.csv'], dir);
    expect(v.code, v.stderr).toBe(3);
    expect(readFileSync(join(dir, 'rej-v.csv'), 'utf8')).toMatch(/acd\.csv,3,queue,.*U\+0085/);

    writeFileSync(
      join(dir, 'agents.csv'),
      'id,name,team,supervisor,skills\n' +
        'A1,Ann,T1,Sue,billing\n' +
        'A2,Bob\tSmith,T1,Sue,billing\n' + // line 3: a tab in the name
        'A3,Cy,T\u001b1,Sue,billing\n' + // line 4
        'A4,Di,T1,Su\u0007e,billing\n' + // line 5
        'A\u00905,Ed,T1,Sue,billing\n' + // line 6
        'A6,Flo,T1,Sue,bil\u001bling\n', // line 7: a skill name
    );
    const a = wfm(['import', 'agents', 'agents.csv', '--format', 'json', '--rejects', 'rej-a.csv'], dir);
    expect(a.code, a.stderr).toBe(3);
    expect(summary(a)).toMatchObject({ accepted: 1, rejected: 5 });
    const ra = readFileSync(join(dir, 'rej-a.csv'), 'utf8');
    for (const [line, field, cp] of [[3, 'name', '0009'], [4, 'team', '001B'], [5, 'supervisor', '0007'], [6, 'id', '0090'], [7, 'skills', '001B']]) {
      expect(ra).toMatch(new RegExp(`agents\\.csv,${line},${field},.*U\\+${cp}`));
    }
    writeFileSync(join(dir, 'skills.csv'), 'skill,exam,certificate\nvip,VIP\u001b-1,\n');
    expect(wfm(['import', 'skills', 'skills.csv'], dir).code).toBe(2);
    writeFileSync(join(dir, 'exams.csv'), 'agent,exam,date,score\nA1,E\u001b,2026-03-01,70\n');
    expect(wfm(['import', 'exams', 'exams.csv'], dir).code).toBe(2);
    writeFileSync(join(dir, 'training.csv'), 'agent,course,date,result\nA1,C\u001b,2026-03-01,pass\nA1,C,2026-03-01,in\u001bprogress\n');
    const t = wfm(['import', 'training', 'training.csv', '--format', 'json'], dir);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('training.csv:2: field course');
    expect(t.stderr).toContain('training.csv:3: field result');
  });
});

describe('CSV quoting (item 11)', () => {
  it('people CSV: a quoted newline keeps the row whole; messages name the record\'s first line', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'agents.csv'),
      'id,name,notes,skills,contract\n' +
        'A1,Ann,"first line\nsecond line, with a comma",billing:3,full\n' + // lines 2-3
        'A2,Bob,"one\r\ntwo\r\n""three""",fault,part\n' + // lines 4-6
        'A3,Cy,"x\ny",vip,weird\n' + // lines 7-8: bad contract, reported at line 7
        'A4,Di,,vip,full\n', // line 9
    );
    const r = wfm(['import', 'agents', 'agents.csv', '--format', 'json'], dir);
    expect(r.code, r.stderr).toBe(3);
    expect(summary(r)).toMatchObject({ lines: 9, accepted: 3, rejected: 1 });
    expect(r.stderr).toContain('agents.csv:7: field contract');
    // A1 and A2 kept their skills (before: each row ended at the newline, its skills were lost and the
    // next physical line was read as another agent)
    writeFileSync(join(dir, 'skills.csv'), 'skill,certificate\nbilling,CERT\nfault,CERT\nvip,CERT\n');
    expect(wfm(['import', 'skills', 'skills.csv'], dir).code).toBe(0);
    const rep = JSON.parse(wfm(['report', 'training', '--from', '2026-03-01', '--to', '2026-03-02', '--format', 'json'], dir).stdout) as {
      coverage: { skill: string; agentsWithSkill: number }[];
    };
    expect(rep.coverage.map((c) => [c.skill, c.agentsWithSkill])).toEqual([
      ['billing', 1],
      ['fault', 1],
      ['vip', 1],
    ]);
  });

  it('people CSV: a broken quote rejects every line it swallowed, each with its reason; reading resumes after it', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'agents.csv'),
      'id,name,skills\n' +
        'A1,Ann,billing\n' +
        'A2,"Di"x,vip\n' + // line 3: text after the closing quote
        'A3,Cy,fault\n' +
        'A4,"Bob,billing\n' + // line 5: a quote that does not close here ...
        'A5,Ed,fault\n' + // line 6: ... so this line is inside it ...
        'A6,"Flo",vip\n' + // line 7: ... and this undoubled quote breaks it
        'A7,Gus,vip\n' +
        'A8,"Hal,vip\n', // line 9: open at the end of the file
    );
    const r = wfm(['import', 'agents', 'agents.csv', '--format', 'json', '--rejects', 'rej.csv'], dir);
    expect(r.code, r.stderr).toBe(3);
    expect(summary(r)).toMatchObject({ lines: 9, accepted: 3, rejected: 5 });
    const rej = readFileSync(join(dir, 'rej.csv'), 'utf8');
    for (const line of [3, 5, 6, 7, 9]) expect(rej).toMatch(new RegExp(`agents\\.csv,${line},name,`));
    expect(rej).toMatch(/agents\.csv,6,name,.*line 5/);
    expect(r.stderr).toMatch(/agents\.csv:9: field name: .*end of the file/);
  });

  it('a quoted field longer than 1 MiB: its lines are rejected in bounded memory and the reading goes on', () => {
    const dir = tmp();
    const big = Array.from({ length: 40 }, () => 'x'.repeat(32 * 1024)).join('\n'); // 40 lines of 32 KiB: 1.25 MiB
    writeFileSync(join(dir, 'agents.csv'), `id,name,notes\nA1,Ann,"${big}"\nA2,Bob,\n`);
    const r = wfm(['import', 'agents', 'agents.csv', '--format', 'json', '--rejects', 'rej.csv'], dir);
    expect(r.code, r.stderr).toBe(3);
    // lines 2-41 are the one field; line 42 (A2) is a row
    expect(summary(r)).toMatchObject({ lines: 42, accepted: 1, rejected: 40 });
    const rej = readFileSync(join(dir, 'rej.csv'), 'utf8');
    expect(rej).toMatch(/agents\.csv,2,notes,.*1048576/);
    expect(rej).toMatch(/agents\.csv,41,notes,/);
    expect(rej.length).toBeLessThan(40 * 400);
  });

  it('a CDR line with broken quoting is counted as rejected with its line number (before: skipped as a non-queue row)', () => {
    const dir = tmp();
    const good = (id: string) =>
      `"","138","4000","from-pstn","Zhang <138>","SIP/trunk-${id}","SIP/8001-0a","Queue","billing,t","2026-12-01 09:00:00","2026-12-01 09:00:12","2026-12-01 09:03:12",192,180,"ANSWERED","DOCUMENTATION","${id}",""`;
    writeFileSync(
      join(dir, 'Master.csv'),
      [
        good('1'),
        good('2').replace('"Zhang <138>"', '"Zhang <138>'), // line 2: the quote of clid is not closed where it should be
        good('3').replace(',"3",""', ',"3",""x'), // line 3: text after a closing quote
        good('4').replace(',"4",""', ',"4","'), // line 4: open at the end of the line
        good('5'),
      ].join('\n') + '\n',
    );
    const r = wfm(['import', 'cdr', 'Master.csv', '--type', 'asterisk', '--tz', 'UTC', '--format', 'json', '--rejects', 'rej.csv'], dir);
    expect(r.code, r.stderr).toBe(3);
    expect(summary(r)).toMatchObject({ lines: 5, accepted: 2, rejected: 3 });
    const rej = readFileSync(join(dir, 'rej.csv'), 'utf8');
    expect(rej).toMatch(/Master\.csv,2,clid,.*quot/);
    expect(rej).toMatch(/Master\.csv,3,userfield,.*quot/);
    expect(rej).toMatch(/Master\.csv,4,userfield,.*quot/);
  });
});

describe('--queue with a control character', () => {
  it('is bad usage (exit 2) before anything is read', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'Master.csv'), '');
    const r = wfm(['import', 'cdr', 'Master.csv', '--type', 'asterisk', '--queue', 'vip\u001b[0m'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--queue contains the control character U+001B');
  });
});
