/**
 * `wfm roster` end to end, in-process through main(): JSON shape, every output re-verified by the
 * checker against requirements rebuilt here from the CSV, coverage and paid hours recomputed from
 * the printed shifts, iCalendar files read back by a small independent parser, exit codes, rules
 * errors naming the key path, `roster init` without a terminal, `--save` and `roster diff`.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../src/cli.js';
import { checkRoster } from '../../src/solver/check.js';
import { validateRules } from '../../src/solver/rules.js';
import type { Agent, RosterRules } from '../../src/solver/types.js';
import { readIcsEvents } from '../roster-io/ics-reader.js';

interface Json {
  shifts: { agent: string; queue: string; start: string; end: string; breaks: { start: string; end: string; paid: boolean }[] }[];
  coverage: { queue: string; intervalStart: string; required: number; scheduled: number }[];
  paidHours: number;
  lowerBound: number;
  gap: number;
  understaffed: number;
  solver: string;
  seconds: number;
  fairness: unknown[];
}

let dir: string;
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

async function run(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s) => void (stdout += s), isTTY: false },
    stderr: { write: (s) => void (stderr += s), isTTY: false },
    env: { LANG: 'C', ...env },
    cwd: dir,
    now: () => new Date('2026-12-01T00:00:00Z'),
  });
  return { code, stdout, stderr };
}

// Small rules: 4 h and 8 h shifts starting every 2 hours, one paid break / an unpaid lunch.
const RULES = `
shifts:
  - id: S4
    length: "4:00"
    starts: { from: "00:00", to: "22:00", every: 120 }
    breaks: [{ name: break, length: 30, paid: true, window: ["1:30", "2:00"] }]
  - id: S8
    length: "8:00"
    starts: { from: "00:00", to: "22:00", every: 120 }
    breaks: [{ name: lunch, length: 60, paid: false, window: ["3:00", "4:00"] }]
rules: { minRestHours: 11, maxDaysPerWeek: 6, understaffPenaltyHours: 4 }
contracts: [{ id: full-time, maxWeeklyHours: 40, maxDaysPerWeek: 5 }]
`;
let rules: RosterRules;
// requirement per 30-minute interval over 2 days (Asia/Shanghai, UTC+8 all year)
const START = '2026-12-07';
const START_MS = Date.parse('2026-12-07T00:00:00+08:00');
function reqValue(d: number, i: number): number {
  const h = i / 2;
  return h >= 8 && h < 20 ? 2 + (h >= 10 && h < 16 ? 1 : 0) + (d === 1 && h >= 12 ? 1 : 0) : h >= 6 && h < 22 ? 1 : 0;
}
function reqCsv(days: number, queue = 'billing'): string {
  const lines = ['interval_start,queue,required'];
  for (let d = 0; d < days; d++)
    for (let i = 0; i < 48; i++) lines.push(`2026-12-${String(7 + d).padStart(2, '0')} ${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'},${queue},${reqValue(d, i)}`);
  return lines.join('\n') + '\n';
}
const minute = (iso: string) => (Date.parse(iso) - START_MS) / 60000;

/** The printed roster back in engine form (minutes from the roster start), for the checker. */
function toEngine(j: Json) {
  const tpl = (s: Json['shifts'][number]) => ((Date.parse(s.end) - Date.parse(s.start)) / 3600000 === 4 ? 'S4' : 'S8');
  return {
    intervalMinutes: 30,
    shifts: j.shifts.map((s) => ({ agent: s.agent, queue: s.queue, template: tpl(s), start: minute(s.start), end: minute(s.end), breaks: s.breaks.map((b) => ({ start: minute(b.start), end: minute(b.end), paid: b.paid })) })),
  };
}
const requirements = (days: number) => ({
  intervalMinutes: 30,
  days,
  startWeekday: 1,
  queues: [{ queue: 'billing', required: Array.from({ length: days * 48 }, (_, t) => reqValue(Math.floor(t / 48), t % 48)) }],
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wfm-roster-'));
  file('rules.yaml', RULES);
  file('req.csv', reqCsv(2));
  const v = validateRules(parse(RULES));
  if (!v.ok) throw new Error('rules');
  rules = v.rules;
});

describe('wfm roster --format json', () => {
  let j: Json;
  let stderr: string;
  beforeAll(async () => {
    const r = await run(['roster', '--requirements', 'req.csv', '--start', START, '--days', '2', '--rules', 'rules.yaml', '--tz', 'Asia/Shanghai', '--time-limit', '20', '--format', 'json', '--ics', 'ics', '--save', 'w1', '--db', join(dir, 'wfm.db')]);
    expect(r.code, r.stderr).toBe(0);
    j = JSON.parse(r.stdout) as Json;
    stderr = r.stderr;
  });

  it('names the rejected lines even when what is left is not enough to go on (exit 2)', async () => {
    const req = file('one-left.csv', 'interval_start,queue,required\n2026-12-07 09:00,billing,x\n2026-12-07 09:30,billing,3\n');
    const r = await run(['roster', '--requirements', req, '--start', START, '--days', '1', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${req}:2: field required`);
    expect(r.stderr).toContain('--interval');
  });

  it('prints exactly the documented keys, times in ISO 8601 with the +08:00 offset', () => {
    expect(Object.keys(j).sort()).toEqual(['coverage', 'fairness', 'gap', 'lowerBound', 'paidHours', 'seconds', 'shifts', 'solver', 'understaffed'].sort());
    // fairness per contract, recounted from the shifts printed: anonymous agents are all on the
    // default contract; Mon 7 and Tue 8 Dec hold no weekend; a night shift has >= 60 min in 22:00-06:00
    const agents = [...new Set(j.shifts.map((s) => s.agent))];
    const nightsOf = (a: string) =>
      j.shifts.filter((s) => {
        if (s.agent !== a) return false;
        let m = 0;
        for (let t = Date.parse(s.start); t < Date.parse(s.end); t += 60_000) {
          const h = new Date(t + 8 * 3_600_000).getUTCHours();
          if (h >= 22 || h < 6) m++;
        }
        return m >= 60;
      }).length;
    const nights = agents.map(nightsOf);
    expect(j.fairness).toEqual([
      {
        contract: 'full-time',
        agents: agents.length,
        weekendsWorked: { min: 0, max: 0, spread: 0 },
        nights: { min: Math.min(...nights), max: Math.max(...nights), spread: Math.max(...nights) - Math.min(...nights) },
        unmetRequests: { min: 0, max: 0, spread: 0 },
      },
    ]);
    expect(j.shifts.length).toBeGreaterThan(0);
    for (const s of j.shifts) {
      expect(Object.keys(s).sort()).toEqual(['agent', 'breaks', 'end', 'queue', 'start']);
      expect(s.start).toMatch(/^2026-12-0[789]T\d\d:\d\d:00\+08:00$/);
      for (const b of s.breaks) expect(Object.keys(b).sort()).toEqual(['end', 'paid', 'start']);
    }
    expect(j.coverage[0]).toEqual({ queue: 'billing', intervalStart: '2026-12-07T00:00:00+08:00', required: 0, scheduled: j.coverage[0].scheduled });
    expect(['highs', 'lp-solver']).toContain(j.solver);
    expect(j.understaffed).toBe(0);
  });

  it('every printed shift passes the independent checker against the CSV requirements', () => {
    const violations = checkRoster({ rules, requirements: requirements(2) }, toEngine(j));
    expect(violations).toEqual([]);
  });

  it('coverage, paid hours and gap agree with the shifts (recomputed here)', () => {
    // scheduled per interval: agents working (inside the shift, not on a break) through the interval
    for (const c of j.coverage) {
      const t0 = Date.parse(c.intervalStart);
      const working = j.shifts.filter((s) => Date.parse(s.start) <= t0 && t0 + 1800000 <= Date.parse(s.end) && !s.breaks.some((b) => Date.parse(b.start) < t0 + 1800000 && t0 < Date.parse(b.end))).length;
      expect(c.scheduled).toBe(working);
      const t = (t0 - START_MS) / 1800000;
      expect(c.required).toBe(reqValue(Math.floor(t / 48), t % 48));
      expect(c.scheduled).toBeGreaterThanOrEqual(c.required);
    }
    const paid = j.shifts.reduce((s, x) => s + (Date.parse(x.end) - Date.parse(x.start) - x.breaks.filter((b) => !b.paid).reduce((a, b) => a + Date.parse(b.end) - Date.parse(b.start), 0)) / 3600000, 0);
    expect(j.paidHours).toBeCloseTo(paid, 9);
    // the requirement itself is a lower bound on paid hours (every required agent-interval is a paid half hour)
    expect(j.lowerBound).toBeLessThanOrEqual(j.paidHours + 1e-9);
    expect(j.gap).toBeCloseTo((j.paidHours - j.lowerBound) / j.paidHours, 12);
    expect(stderr).toMatch(/checker: 0 violation/);
  });

  it('writes one iCalendar file per agent whose VEVENTs are the shifts, in UTC', () => {
    const files = readdirSync(join(dir, 'ics')).sort();
    const agents = [...new Set(j.shifts.map((s) => s.agent))].sort();
    expect(files).toEqual(agents.map((a) => `${a}.ics`));
    for (const a of agents) {
      const text = readFileSync(join(dir, 'ics', `${a}.ics`), 'utf8');
      expect(text.includes('\r\n')).toBe(true);
      expect(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
      const events = readIcsEvents(text);
      const mine = j.shifts.filter((s) => s.agent === a).map((s) => [Date.parse(s.start), Date.parse(s.end)]);
      expect(events.map((e) => [e.start, e.end]).sort((x, y) => x[0] - y[0])).toEqual(mine.sort((x, y) => x[0] - y[0]));
    }
  });

  it('saves the roster; a second save under the same name is refused (exit 2)', async () => {
    const list = await run(['roster', 'list', '--format', 'json', '--db', join(dir, 'wfm.db')]);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as { name: string; shiftCount: number; paidHours: number }[];
    expect(rows.map((r) => r.name)).toEqual(['w1']);
    expect(rows[0].shiftCount).toBe(j.shifts.length);
    expect(rows[0].paidHours).toBeCloseTo(j.paidHours, 9);
    const again = await run(['roster', '--requirements', 'req.csv', '--start', START, '--days', '2', '--rules', 'rules.yaml', '--tz', 'Asia/Shanghai', '--save', 'w1', '--db', join(dir, 'wfm.db'), '--format', 'json']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/"w1" is already saved/);
    expect(again.stdout).toBe('');
  });

  it('diff: a saved roster against an edited JSON copy shows the changed agent-day only', async () => {
    const edited = JSON.parse(JSON.stringify(j)) as Json;
    const s = edited.shifts[0];
    const shift = (iso: string) => new Date(Date.parse(iso) + 3600000).toISOString().replace('.000Z', 'Z');
    s.start = shift(s.start);
    s.end = shift(s.end);
    s.breaks = s.breaks.map((b) => ({ ...b, start: shift(b.start), end: shift(b.end) }));
    const p = file('edited.json', JSON.stringify(edited));
    const d = await run(['roster', 'diff', 'w1', p, '--format', 'json', '--tz', 'Asia/Shanghai', '--db', join(dir, 'wfm.db')]);
    expect(d.code, d.stderr).toBe(0);
    const out = JSON.parse(d.stdout) as { changes: { agent: string; date: string; kind: string; fields: string[] }[]; changed: number; unchanged: number; added: number; removed: number };
    expect(out.changes).toHaveLength(1);
    expect(out.changes[0]).toMatchObject({ agent: s.agent, kind: 'changed', fields: ['start', 'end', 'breaks'] });
    expect(out.changes[0].date).toBe(j.shifts[0].start.slice(0, 10));
    expect(out.unchanged).toBe(j.shifts.length - 1);
    const missing = await run(['roster', 'diff', 'w1', 'nope', '--db', join(dir, 'wfm.db')]);
    expect(missing.code).toBe(2);
  });
});


describe('wfm roster: exit codes and messages', () => {
  it('an impossible week (one agent) exits 0, lists the short intervals, and the checker still passes', async () => {
    file('one.csv', 'id,team,skills,contract\nAgent/1,t1,billing,full-time\n');
    const r = await run(['roster', '--requirements', 'req.csv', '--start', START, '--days', '2', '--rules', 'rules.yaml', '--agents', 'one.csv', '--tz', 'Asia/Shanghai', '--format', 'json', '--time-limit', '10']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    expect(j.understaffed).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/UNDERSTAFFED: \d+ agent-intervals short/);
    expect(r.stderr).toMatch(/billing 2026-12-0[78]T\d\d:\d\d:00\+08:00 short by \d/);
    expect(new Set(j.shifts.map((s) => s.agent))).toEqual(new Set(['Agent/1']));
    // the printed short count equals required minus scheduled summed over the coverage rows
    expect(j.understaffed).toBe(j.coverage.reduce((s, c) => s + Math.max(0, c.required - c.scheduled), 0));
    const agents: Agent[] = [{ id: 'Agent/1', skills: ['billing'], contract: 'full-time', team: 't1' }];
    expect(checkRoster({ rules, requirements: requirements(2), agents }, toEngine(j))).toEqual([]);
    expect(j.lowerBound).toBeLessThanOrEqual(j.paidHours);
  });

  it('agents: days off, leave and availability are kept (checker with the same agents)', async () => {
    file(
      'agents.csv',
      [
        'id,team,skills,contract,availability,leave,days_off',
        'a1,t,billing:3,full-time,,,2026-12-07',
        'a2,t,billing|vip,,Mon-Sun 06:00-18:00,,',
        'a3,t,billing,,,2026-12-08,',
        'a4,t,billing,,,,',
        'a5,t,billing,,,,',
        'a6,t,billing,,daily 12:00-23:59,,',
      ].join('\n') + '\n',
    );
    const r = await run(['roster', '--requirements', 'req.csv', '--start', START, '--days', '2', '--rules', 'rules.yaml', '--agents', 'agents.csv', '--tz', 'Asia/Shanghai', '--format', 'json', '--time-limit', '10']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    expect(j.shifts.some((s) => s.agent === 'a1' && s.start.startsWith('2026-12-07'))).toBe(false);
    expect(j.shifts.some((s) => s.agent === 'a3' && s.start.startsWith('2026-12-08'))).toBe(false);
    for (const s of j.shifts.filter((x) => x.agent === 'a2')) {
      expect(Number(s.start.slice(11, 13))).toBeGreaterThanOrEqual(6);
      expect(Date.parse(s.end)).toBeLessThanOrEqual(Date.parse(`${s.start.slice(0, 10)}T18:00:00+08:00`));
    }
    const agents: Agent[] = [
      { id: 'a1', skills: ['billing'], contract: 'full-time', daysOff: [0] },
      { id: 'a2', skills: ['billing'], availability: [-1, 0, 1, 2].map((d) => ({ start: d * 1440 + 360, end: d * 1440 + 1080 })) },
      { id: 'a3', skills: ['billing'], leave: [{ start: 1440, end: 2880 }] },
      { id: 'a4', skills: ['billing'] },
      { id: 'a5', skills: ['billing'] },
      { id: 'a6', skills: ['billing'], availability: [-1, 0, 1, 2].map((d) => ({ start: d * 1440 + 720, end: d * 1440 + 1439 })) },
    ];
    const v = checkRoster({ rules, requirements: requirements(2), agents }, toEngine(j));
    expect(v).toEqual([]);
  });

  it('--previous: rest and consecutive days continue from the roster before (a JSON file)', async () => {
    file('agents-prev.csv', ['id,team,skills,contract', ...['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((id) => `${id},t,billing,full-time`)].join('\n') + '\n');
    // p1 worked 18:00-02:00 into the first day; p2 worked 08:00-16:00 on the six days before it
    const iso = (day: number, h: number) => new Date(Date.parse('2026-12-01T00:00:00+08:00') + day * 86_400_000 + h * 3_600_000).toISOString();
    const prev = {
      shifts: [
        { agent: 'p1', queue: 'billing', start: iso(5, 18), end: iso(6, 2), breaks: [] },
        ...[0, 1, 2, 3, 4, 5].map((d) => ({ agent: 'p2', queue: 'billing', start: iso(d, 8), end: iso(d, 16), breaks: [] })),
      ],
    };
    file('prev.json', JSON.stringify(prev));
    const r = await run(['roster', '--requirements', 'req.csv', '--start', START, '--days', '2', '--rules', 'rules.yaml', '--agents', 'agents-prev.csv', '--previous', 'prev.json', '--tz', 'Asia/Shanghai', '--format', 'json', '--time-limit', '10']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/previous roster prev\.json: rest and consecutive days carried over for 2 agents/);
    const j = JSON.parse(r.stdout) as Json;
    // p1: 02:00 + 11 h rest; p2: a seventh day in a row is not allowed (maxConsecutiveDays 6)
    for (const x of j.shifts.filter((y) => y.agent === 'p1' && y.start.startsWith('2026-12-07'))) expect(minute(x.start)).toBeGreaterThanOrEqual(120 + 660);
    expect(j.shifts.some((x) => x.agent === 'p2' && x.start.startsWith('2026-12-07'))).toBe(false);
    const agents: Agent[] = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((id) => ({ id, skills: ['billing'], contract: 'full-time' }));
    agents[0].before = [{ start: -360, end: 120 }];
    agents[1].before = [-6, -5, -4, -3, -2, -1].map((d) => ({ start: d * 1440 + 480, end: d * 1440 + 960 }));
    expect(checkRoster({ rules, requirements: requirements(2), agents }, toEngine(j))).toEqual([]);
    // a name that is neither a file nor a saved roster: exit 2
    const bad = await run(['roster', '--requirements', 'req.csv', '--start', START, '--days', '2', '--rules', 'rules.yaml', '--agents', 'agents-prev.csv', '--previous', 'no-such', '--tz', 'Asia/Shanghai', '--format', 'json', '--db', join(dir, 'wfm.db')]);
    expect(bad.code).toBe(2);
  });

  it('--previous looks back as far as the consecutive-days rule needs (10 days in a row before, limit 10)', async () => {
    file('rules10.yaml', RULES.replace('rules: { minRestHours: 11, maxDaysPerWeek: 6,', 'rules: { minRestHours: 11, maxConsecutiveDays: 10, maxDaysPerWeek: 7,').replace('maxDaysPerWeek: 5 }]', 'maxDaysPerWeek: 7 }]'));
    file('agents-p10.csv', 'id,team,skills,contract\np1,t,billing,full-time\np2,t,billing,full-time\np3,t,billing,full-time\np4,t,billing,full-time\n');
    const iso = (day: number, h: number) => new Date(START_MS + day * 86_400_000 + h * 3_600_000).toISOString();
    const back = [-10, -9, -8, -7, -6, -5, -4, -3, -2, -1];
    file('prev10.json', JSON.stringify({ shifts: back.map((d) => ({ agent: 'p1', queue: 'billing', start: iso(d, 8), end: iso(d, 16), breaks: [] })) }));
    const r = await run(['roster', '--requirements', 'req.csv', '--start', START, '--days', '2', '--rules', 'rules10.yaml', '--agents', 'agents-p10.csv', '--previous', 'prev10.json', '--tz', 'Asia/Shanghai', '--format', 'json', '--time-limit', '10']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    // an eleventh day in a row on 12-07 is not allowed; after a day off p1 may work again
    expect(j.shifts.some((x) => x.agent === 'p1' && x.start.startsWith('2026-12-07'))).toBe(false);
    const rules10 = validateRules(parse(readFileSync(join(dir, 'rules10.yaml'), 'utf8')));
    if (!rules10.ok) throw new Error('rules10');
    const agents: Agent[] = ['p1', 'p2', 'p3', 'p4'].map((id) => ({ id, skills: ['billing'], contract: 'full-time' }));
    agents[0].before = back.map((d) => ({ start: d * 1440 + 480, end: d * 1440 + 960 }));
    expect(checkRoster({ rules: rules10.rules, requirements: requirements(2), agents }, toEngine(j))).toEqual([]);
  });

  it('--time-limit counts from the start of this run, not of the process (runs inside another, like quickstart)', async () => {
    // this worker has been alive for a while, as the process is when quickstart reaches its roster step
    while (performance.now() < 3000) await new Promise((res) => setTimeout(res, 50));
    const lines = ['interval_start,queue,required'];
    for (let d = 0; d < 7; d++)
      for (let i = 0; i < 48; i++) lines.push(`2026-12-${String(7 + d).padStart(2, '0')} ${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'},billing,${5 + ((i * 7919 + d * 104729) % 23)}`);
    file('req-week.csv', lines.join('\n') + '\n');
    // the bundled rules: 24x7, five shift lengths, breaks on a 15-minute grid (a model that uses its time)
    const r = await run(['roster', '--requirements', 'req-week.csv', '--start', START, '--days', '7', '--tz', 'Asia/Shanghai', '--format', 'json', '--time-limit', '3']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    // before: 3 s - performance.now() (> 3 s) hit the 0.5 s floor; now the solver gets what is left of 3 s
    expect(j.seconds, `gap ${j.gap}`).toBeGreaterThan(1.5);
    // the limit is checked between moves, and a machine busy with other work stretches a move (3.55 s
    // seen beside four benchmarks); what must not happen is the limit being ignored (the default is 10 s)
    expect(j.seconds).toBeLessThan(5);
  });

  it('rejected requirement lines: exit 3 with file:line; --strict exits 2', async () => {
    file('bad.csv', reqCsv(2) + '2026-12-07 25:00,billing,1\n2026-12-07 10:00,billing,-2\n');
    const r = await run(['roster', '--requirements', 'bad.csv', '--start', START, '--days', '2', '--rules', 'rules.yaml', '--tz', 'Asia/Shanghai', '--format', 'json', '--time-limit', '10']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/bad\.csv:98: field interval_start: /);
    expect(r.stderr).toMatch(/bad\.csv:99: field required: "-2" is not a number of agents/);
    expect(JSON.parse(r.stdout).shifts.length).toBeGreaterThan(0);
    const s = await run(['roster', '--requirements', 'bad.csv', '--start', START, '--days', '2', '--rules', 'rules.yaml', '--strict', '--format', 'json']);
    expect(s.code).toBe(2);
    expect(s.stdout).toBe('');
  });

  it('rules errors name the key path (exit 2), in both languages', async () => {
    file('broken.yaml', RULES.replace('window: ["3:00", "4:00"]', 'window: ["3:00", "9:00"]').replace('minRestHours: 11', 'minRestHour: 11'));
    const r = await run(['roster', '--requirements', 'req.csv', '--start', START, '--rules', 'broken.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml: shifts\[1\]\.breaks\[0\]\.window: break window must start/);
    expect(r.stderr).toMatch(/broken\.yaml: rules\.minRestHour: unknown key/);
    expect(r.stdout).toBe('');
    const zh = await run(['roster', '--requirements', 'req.csv', '--start', START, '--rules', 'broken.yaml', '--lang', 'zh-CN']);
    expect(zh.stderr).toMatch(/rules\.minRestHour: 未知的键/);
    file('syntax.yaml', 'shifts: [\n');
    const y = await run(['roster', '--requirements', 'req.csv', '--start', START, '--rules', 'syntax.yaml']);
    expect(y.code).toBe(2);
    expect(y.stderr).toMatch(/syntax\.yaml.*not valid YAML/);
  });

  it('usage errors: missing --requirements or --start, a bad date', async () => {
    expect((await run(['roster', '--start', START])).code).toBe(2);
    expect((await run(['roster', '--requirements', 'req.csv'])).code).toBe(2);
    const bad = await run(['roster', '--requirements', 'req.csv', '--start', '2026-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"2026-02-30" is not a date/);
  });

  it('table output has the per-agent rows, coverage, totals and fairness sections', async () => {
    const r = await run(['roster', '--requirements', 'req.csv', '--start', START, '--days', '2', '--rules', 'rules.yaml', '--tz', 'Asia/Shanghai', '--format', 'table', '--time-limit', '10']);
    expect(r.code).toBe(0);
    for (const h of ['Roster 2026-12-07 .. 2026-12-08 (Asia/Shanghai)', 'Coverage per queue', 'Totals', 'paid hours', 'Fairness per agent', 'weekend days']) expect(r.stdout).toContain(h);
  });
});

describe('wfm roster init', () => {
  it('without a terminal: exit 2 and says to copy data/roster-rules.yaml or use --defaults', async () => {
    const r = await run(['roster', 'init', 'mine.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/data\/roster-rules\.yaml/);
    expect(r.stderr).toMatch(/--defaults/);
    expect(existsSync(join(dir, 'mine.yaml'))).toBe(false);
  });
  it('--defaults writes the bundled commented file; a second run refuses to overwrite', async () => {
    const r = await run(['roster', 'init', 'mine.yaml', '--defaults']);
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, 'mine.yaml'), 'utf8');
    expect(text).toBe(readFileSync(new URL('../../data/roster-rules.yaml', import.meta.url), 'utf8'));
    expect(text).toMatch(/^# /m);
    expect(validateRules(parse(text)).ok).toBe(true);
    expect((await run(['roster', 'init', 'mine.yaml', '--defaults'])).code).toBe(2);
  });
});

describe('wfm roster --forecast', () => {
  it('staffs a saved forecast with the Erlang C targets and rosters it', async () => {
    const { openStore } = await import('../../src/store/index.js');
    const { erlangCExact, ratioToNumber } = await import('../helpers/exact.js');
    const db = join(dir, 'fc.db');
    const store = await openStore(db, { mode: 'write' });
    const rows = [];
    for (let i = 0; i < 96; i++) {
      const h = (i % 48) / 2;
      rows.push({ queue: 'billing', intervalStartMs: START_MS + i * 1800000, calls: h >= 9 && h < 18 ? 60 : 0, ahtSeconds: 180, callsLow: 0, callsHigh: 0 });
    }
    expect(await store.saveForecast('default', { name: 'f1', createdMs: 0, tz: 'Asia/Shanghai', intervalMinutes: 30, startDate: START, days: 2, methods: { billing: 'x' }, rows })).toEqual({ saved: true });
    await store.close();
    const r = await run(['roster', '--forecast', 'f1', '--start', START, '--days', '2', '--rules', 'rules.yaml', '--tz', 'Asia/Shanghai', '--db', db, '--format', 'json', '--time-limit', '10']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    // 60 calls x 180 s / 1800 s = 6 Erlangs; smallest n with SL(n) = 1 - C(n, 6) e^{-(n-6) 20/180} >= 0.8
    let n = 7;
    const sl = (k: number) => {
      const c = erlangCExact(k, 6n, 1n);
      return 1 - ratioToNumber(c.num, c.den) * Math.exp((-(k - 6) * 20) / 180);
    };
    while (sl(n) < 0.8) n++;
    const at = (iso: string) => j.coverage.find((c) => c.intervalStart === iso)!;
    expect(at('2026-12-07T10:00:00+08:00').required).toBe(n);
    expect(at('2026-12-07T03:00:00+08:00').required).toBe(0);
    expect(at('2026-12-07T10:00:00+08:00').scheduled).toBeGreaterThanOrEqual(n);
    expect(j.understaffed).toBe(0);
    const missing = await run(['roster', '--forecast', 'nope', '--start', START, '--db', db]);
    expect(missing.code).toBe(2);
  });
});

describe('wfm roster with stored agents: exam and certificate gates', () => {
  // Two queues over 3 days (2026-12-07..09). Skill "billing" needs the exam BILL-EXAM and a valid
  // certificate of course PRIV; "faults" needs nothing.
  //   G1: billing;faults, certificate expired 2026-11-30 (before the roster) -> never billing
  //   G2: billing;faults, certificate valid through 2026-12-07 -> billing only on shifts inside day 0
  //   G3..G6: billing;faults, passed, certificate valid until 2027 -> billing any day
  //   G7: billing only, exam failed -> no usable skill, left out
  let gdir: string;
  let j: Json;
  let stderr: string;
  let agents: Agent[];
  const runIn = async (args: string[]) => {
    let stdout = '';
    let err = '';
    const code = await main(args, {
      stdout: { write: (s) => void (stdout += s), isTTY: false },
      stderr: { write: (s) => void (err += s), isTTY: false },
      env: { LANG: 'C' },
      cwd: gdir,
      now: () => new Date('2026-12-01T00:00:00Z'),
    });
    return { code, stdout, stderr: err };
  };
  beforeAll(async () => {
    gdir = mkdtempSync(join(tmpdir(), 'wfm-roster-gates-'));
    const w = (name: string, text: string) => writeFileSync(join(gdir, name), text);
    const ids = ['G1', 'G2', 'G3', 'G4', 'G5', 'G6'];
    w('agents.csv', ['id,team,skills,contract', ...ids.map((id) => `${id},T1,billing;faults,full`), 'G7,T1,billing,full'].join('\n') + '\n');
    w('skills.csv', 'skill,exam,certificate\nbilling,BILL-EXAM,PRIV\n');
    w('exams.csv', ['agent,exam,date,score,pass_mark', ...ids.map((id) => `${id},BILL-EXAM,2026-01-10,90,80`), 'G7,BILL-EXAM,2026-01-10,50,80'].join('\n') + '\n');
    w(
      'training.csv',
      ['agent,course,date,hours,result,certificate_expiry', 'G1,PRIV,2025-11-30,8,pass,2026-11-30', 'G2,PRIV,2025-12-07,8,pass,2026-12-07', ...ids.slice(2).map((id) => `${id},PRIV,2026-02-01,8,pass,2027-02-01`), 'G7,PRIV,2026-02-01,8,pass,2027-02-01'].join('\n') + '\n',
    );
    for (const kind of ['agents', 'skills', 'exams', 'training']) {
      const r = await runIn(['import', kind, join(gdir, `${kind}.csv`), '--db', join(gdir, 'people.db')]);
      expect(r.code, `${kind}: ${r.stderr}`).toBe(0);
    }
    w('rules.yaml', RULES);
    const lines = ['interval_start,queue,required'];
    for (let d = 0; d < 3; d++)
      for (let i = 0; i < 48; i++) {
        const h = i / 2;
        const stamp = `2026-12-${String(7 + d).padStart(2, '0')} ${String(Math.floor(h)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`;
        lines.push(`${stamp},billing,${h >= 8 && h < 20 ? 2 : 0}`, `${stamp},faults,${h >= 8 && h < 16 ? 1 : 0}`);
      }
    w('req2.csv', lines.join('\n') + '\n');
    const r = await runIn(['roster', '--requirements', 'req2.csv', '--start', START, '--days', '3', '--rules', 'rules.yaml', '--tz', 'Asia/Shanghai', '--time-limit', '20', '--format', 'json', '--db', join(gdir, 'people.db')]);
    expect(r.code, r.stderr).toBe(0);
    j = JSON.parse(r.stdout) as Json;
    stderr = r.stderr;
    // the agents as the gates define them, written out by hand from the records above
    agents = [
      { id: 'G1', skills: ['faults'] },
      { id: 'G2', skills: ['billing', 'faults'], skillDays: { billing: [0] } },
      ...ids.slice(2).map((id) => ({ id, skills: ['billing', 'faults'] })),
    ];
  });

  it('uses the stored agents (not anonymous ones) and says which skills are gated on which days', () => {
    const used = new Set(j.shifts.map((s) => s.agent));
    expect([...used].every((a) => /^G[1-6]$/.test(a))).toBe(true);
    expect(used.has('G7')).toBe(false);
    expect(stderr).toContain('using 6 agents from the store');
    expect(stderr).toContain('G1 may not work billing on any day of this roster');
    expect(stderr).toContain('G2 may not work billing on 2026-12-08..2026-12-09');
    expect(stderr).toContain('G7');
  });

  it('the agent with the expired certificate never gets billing shifts; the lapsing one only on its valid day', () => {
    expect(j.shifts.some((s) => s.agent === 'G1' && s.queue === 'billing')).toBe(false);
    for (const s of j.shifts.filter((x) => x.agent === 'G2' && x.queue === 'billing')) {
      expect(Date.parse(s.start)).toBeGreaterThanOrEqual(START_MS);
      expect(Date.parse(s.end)).toBeLessThanOrEqual(START_MS + 86400000);
    }
    expect(j.understaffed).toBe(0);
  });

  it('the independent checker confirms the roster against the hand-written gated agents', () => {
    const T = 3 * 48;
    const req = {
      intervalMinutes: 30,
      days: 3,
      startWeekday: 1,
      queues: [
        { queue: 'billing', required: Array.from({ length: T }, (_, t) => ((t % 48) / 2 >= 8 && (t % 48) / 2 < 20 ? 2 : 0)) },
        { queue: 'faults', required: Array.from({ length: T }, (_, t) => ((t % 48) / 2 >= 8 && (t % 48) / 2 < 16 ? 1 : 0)) },
      ],
    };
    const engine = toEngine(j);
    expect(checkRoster({ rules, requirements: req, agents }, engine)).toEqual([]);
    // and the checker does catch a billing shift moved to G1 (its certificate has expired)
    const billing = engine.shifts.findIndex((s) => s.queue === 'billing');
    const tampered = { ...engine, shifts: engine.shifts.map((s, i) => (i === billing ? { ...s, agent: 'G1' } : s)) };
    expect(checkRoster({ rules, requirements: req, agents }, tampered).some((v) => v.code === 'skill' && v.agent === 'G1')).toBe(true);
    // and a G2 billing shift on day 1 (certificate lapsed after day 0)
    const day1 = engine.shifts.findIndex((s) => s.queue === 'billing' && s.start >= 1440);
    const moved = { ...engine, shifts: engine.shifts.map((s, i) => (i === day1 ? { ...s, agent: 'G2' } : s)) };
    expect(checkRoster({ rules, requirements: req, agents }, moved).some((v) => v.code === 'skill' && v.agent === 'G2')).toBe(true);
  });

  it('--agents still overrides the store', async () => {
    writeFileSync(join(gdir, 'own.csv'), 'id,skills\nX1,billing;faults\nX2,billing;faults\nX3,billing;faults\nX4,billing;faults\nX5,billing;faults\n');
    const r = await runIn(['roster', '--requirements', 'req2.csv', '--start', START, '--days', '3', '--rules', 'rules.yaml', '--tz', 'Asia/Shanghai', '--time-limit', '20', '--format', 'json', '--db', join(gdir, 'people.db'), '--agents', 'own.csv']);
    expect(r.code, r.stderr).toBe(0);
    const own = JSON.parse(r.stdout) as Json;
    expect(own.shifts.every((s) => /^X\d$/.test(s.agent))).toBe(true);
    expect(r.stderr).not.toContain('from the store');
  });
});
