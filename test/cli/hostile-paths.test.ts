/**
 * Hostile paths and names through the built CLI (issue 15, items 6, 7 and 9): output folders and
 * files that name a file, lie under a file, or cannot be written; each is refused with exit 2 naming
 * the option and the path, before the long work; a link planted where the daily report's temporary
 * file would go does not redirect the report; a --save name with a line break is refused before
 * anything is solved or saved.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { BIN, ensureBuilt, wfm } from '../helpers/wfm-cli.js';
import { AS_USER, reachable, SKIP_REASON, wfmAsUser } from '../helpers/unprivileged.js';

beforeAll(() => ensureBuilt());

const tmp = () => mkdtempSync(join(tmpdir(), 'wfm-paths-'));

/** A queue_log of `n` answered calls (2026-12-07 from 09:00 UTC, one a minute, 10 s wait, 290 s talk). */
function queueLog(n: number): string {
  const t0 = Date.UTC(2026, 11, 7, 9) / 1000;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = t0 + i * 60;
    lines.push(`${t}|c${i}|billing|NONE|ENTERQUEUE||5551234|1`, `${t + 10}|c${i}|billing|Agent/1|CONNECT|10|c${i}.1|2`, `${t + 300}|c${i}|billing|Agent/1|COMPLETEAGENT|10|290|1`);
  }
  return lines.join('\n') + '\n';
}

/** A folder with a store holding 20 calls of 2026-12-07 and a plain file `afile`. */
function withStore(): string {
  const dir = tmp();
  writeFileSync(join(dir, 'q.log'), queueLog(20));
  const r = wfm(['import', 'queue-log', 'q.log', '--tz', 'UTC'], dir);
  expect(r.code, r.stderr).toBe(0);
  writeFileSync(join(dir, 'afile'), 'keep me\n');
  return dir;
}

const RULES = `
shifts:
  - id: S8
    length: "8:00"
    starts: { from: "06:00", to: "14:00", every: 60 }
    breaks: [{ name: lunch, length: 60, paid: false, window: ["3:00", "4:00"] }]
contracts: [{ id: full-time, maxWeeklyHours: 40, maxDaysPerWeek: 5 }]
`;

/** Requirements of one day: 2 agents 08:00-20:00 (UTC), 30-minute intervals. */
function reqCsv(): string {
  const lines = ['interval_start,queue,required'];
  for (let i = 0; i < 48; i++) lines.push(`2026-12-07 ${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'},billing,${i >= 16 && i < 40 ? 2 : 0}`);
  return lines.join('\n') + '\n';
}

function rosterDir(): string {
  const dir = tmp();
  writeFileSync(join(dir, 'rules.yaml'), RULES);
  writeFileSync(join(dir, 'req.csv'), reqCsv() + 'not,a,row\n');
  writeFileSync(join(dir, 'afile'), 'keep me\n');
  return dir;
}

const ROSTER = ['roster', '--requirements', 'req.csv', '--start', '2026-12-07', '--days', '1', '--rules', 'rules.yaml', '--tz', 'UTC', '--time-limit', '20', '--format', 'json'];

/** `wfm` in-process with stderr as a terminal, so the roster's progress line shows whether the solve began. */
async function inProcess(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s) => void (stdout += s), isTTY: false },
    stderr: { write: (s) => void (stderr += s), isTTY: true },
    env: { LANG: 'C' },
    cwd,
    now: () => new Date('2026-12-08T00:00:00Z'),
  });
  return { code, stdout, stderr };
}

describe('output folders and files (item 6)', () => {
  it('report daily --out naming a file, or a path under a file: exit 2 naming --out and the path', () => {
    const dir = withStore();
    const a = wfm(['report', 'daily', '--date', '2026-12-07', '--tz', 'UTC', '--out', 'afile'], dir);
    expect(a.code, a.stderr).toBe(2);
    expect(a.stderr).toMatch(/--out afile: .*afile is a file, not a folder/);
    expect(a.stderr).not.toMatch(/unexpected failure/);
    const b = wfm(['report', 'daily', '--date', '2026-12-07', '--tz', 'UTC', '--out', 'afile/reports'], dir);
    expect(b.code, b.stderr).toBe(2);
    expect(b.stderr).toMatch(/--out afile\/reports: .*afile is a file, not a folder/);
    expect(readFileSync(join(dir, 'afile'), 'utf8')).toBe('keep me\n');
    // a folder that does not exist yet is made
    const c = wfm(['report', 'daily', '--date', '2026-12-07', '--tz', 'UTC', '--out', 'reports/daily'], dir);
    expect(c.code, c.stderr).toBe(0);
    expect(readdirSync(join(dir, 'reports', 'daily'))).toEqual(['wfm-daily-2026-12-07.md']);
  });

  it('roster --ics naming a file or a path under one: exit 2 naming --ics, before the solve starts', async () => {
    const dir = rosterDir();
    for (const ics of ['afile', 'afile/ics']) {
      const r = await inProcess([...ROSTER, '--ics', ics], dir);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`--ics ${ics}: `);
      expect(r.stderr).toMatch(/afile is a file, not a folder/);
      // the progress line of the solve never appeared
      expect(r.stderr).not.toMatch(/rostering 1 queue/);
    }
    // the same through the built CLI: the exit code a script sees
    const r = wfm([...ROSTER, '--ics', 'afile'], dir);
    expect(r.code, r.stderr).toBe(2);
    // and a good folder still gets one file per agent
    const ok = await inProcess([...ROSTER, '--ics', 'out/ics'], dir);
    expect(ok.code, ok.stderr).toBe(3);
    const agents = new Set((JSON.parse(ok.stdout) as { shifts: { agent: string }[] }).shifts.map((s) => s.agent));
    expect(readdirSync(join(dir, 'out', 'ics')).sort()).toEqual([...agents].sort().map((a) => `${a}.ics`));
  });

  it('--rejects in a folder that does not exist, under a file, on a full disk: exit 2 naming --rejects and the path', () => {
    const dir = rosterDir();
    for (const rejects of ['nowhere/r.csv', 'afile/r.csv']) {
      const r = wfm([...ROSTER, '--rejects', rejects], dir);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`--rejects ${rejects}: `);
    }
    // a folder where a file is wanted
    mkdirSync(join(dir, 'folder'));
    const f = wfm([...ROSTER, '--rejects', 'folder'], dir);
    expect(f.code, f.stderr).toBe(2);
    expect(f.stderr).toMatch(/--rejects folder is a folder/);
    // /dev/full: opening works, writing fails with ENOSPC - said plainly, exit 2, never "please report it"
    if (existsSync('/dev/full')) {
      writeFileSync(join(dir, 'q.log'), queueLog(3) + 'garbage\n');
      const full = wfm(['import', 'queue-log', 'q.log', '--tz', 'UTC', '--rejects', '/dev/full'], dir);
      expect(full.code, full.stderr).toBe(2);
      expect(full.stderr).toMatch(/--rejects \/dev\/full: .*no space left on the device \(ENOSPC\)/);
      expect(full.stderr).not.toMatch(/unexpected failure|please report/);
    }
  });

  it('simulate --out and --master-csv: a folder, or under a file: exit 2 naming the option; neither file is touched', () => {
    const dir = rosterDir();
    const sim = ['simulate', '--calls', '10', '--agents', '3', '--aht', '180', '--days', '1', '--start', '2026-12-07', '--seed', '1'];
    const a = wfm([...sim, '--out', 'afile/q.log'], dir);
    expect(a.code, a.stderr).toBe(2);
    expect(a.stderr).toMatch(/--out afile\/q\.log: .*afile is a file, not a folder/);
    mkdirSync(join(dir, 'folder'));
    // --out is fine, --master-csv is a folder: refused before --out is created
    const b = wfm([...sim, '--out', 'q.log', '--master-csv', 'folder'], dir);
    expect(b.code, b.stderr).toBe(2);
    expect(b.stderr).toMatch(/--master-csv folder is a folder/);
    expect(existsSync(join(dir, 'q.log'))).toBe(false);
    if (existsSync('/dev/full')) {
      const c = wfm([...sim, '--out', '/dev/full'], dir);
      expect(c.code, c.stderr).toBe(2);
      expect(c.stderr).toMatch(/--out \/dev\/full: .*no space left on the device \(ENOSPC\)/);
    }
  });

  it('roster init FILE: a path under a file, or a folder (even with --force): exit 2 naming the path', () => {
    const dir = rosterDir();
    const a = wfm(['roster', 'init', 'afile/rules.yaml', '--defaults'], dir);
    expect(a.code, a.stderr).toBe(2);
    expect(a.stderr).toMatch(/afile is a file, not a folder/);
    mkdirSync(join(dir, 'folder'));
    const b = wfm(['roster', 'init', 'folder', '--defaults', '--force'], dir);
    expect(b.code, b.stderr).toBe(2);
    expect(b.stderr).toMatch(/folder is a folder/);
    const c = wfm(['roster', 'init', 'new-rules.yaml', '--defaults'], dir);
    expect(c.code, c.stderr).toBe(0);
    expect(readFileSync(join(dir, 'new-rules.yaml'), 'utf8')).toBe(readFileSync(new URL('../../data/roster-rules.yaml', import.meta.url), 'utf8'));
  });
});

describe.skipIf(!AS_USER)(`permissions: a folder the user cannot write (item 6)${SKIP_REASON ? ' - skipped: ' + SKIP_REASON : ''}`, () => {
  /** A store folder the test user can read but not write, with a read-only folder `ro` inside a writable `rw`. */
  function setUp(): string {
    const dir = withStore();
    writeFileSync(join(dir, 'rules.yaml'), RULES);
    writeFileSync(join(dir, 'req.csv'), reqCsv());
    mkdirSync(join(dir, 'ro'));
    reachable(dir, join(dir, 'ro'));
    chmodSync(join(dir, 'ro'), 0o555);
    return dir;
  }
  const denied = /permission denied \(EACCES\)/;

  it('report daily --out, roster --ics, --rejects, simulate --out, roster init, quickstart --dir: exit 2 "permission denied" naming option and path', () => {
    const dir = setUp();
    const cases: [string[], string][] = [
      [['report', 'daily', '--date', '2026-12-07', '--tz', 'UTC', '--out', 'ro'], '--out ro: '],
      [['report', 'daily', '--date', '2026-12-07', '--tz', 'UTC', '--out', 'ro/reports'], '--out ro/reports: '],
      [[...ROSTER, '--ics', 'ro/ics'], '--ics ro/ics: '],
      [[...ROSTER, '--rejects', 'ro/rejects.csv'], '--rejects ro/rejects.csv: '],
      [['simulate', '--calls', '10', '--agents', '3', '--aht', '180', '--days', '1', '--start', '2026-12-07', '--out', 'ro/q.log'], '--out ro/q.log: '],
      [['roster', 'init', 'ro/rules.yaml', '--defaults'], 'ro/rules.yaml: '],
      [['quickstart', '--dir', 'ro'], '--dir ro: '],
      [['quickstart', '--dir', 'ro/qs'], '--dir ro/qs: '],
    ];
    for (const [args, named] of cases) {
      const r = wfmAsUser(args, dir);
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(named);
      expect(r.stderr, args.join(' ')).toMatch(denied);
      expect(r.stderr).not.toMatch(/unexpected failure|please report/);
    }
    expect(readdirSync(join(dir, 'ro'))).toEqual([]);
  });
});

describe('temporary files (item 7)', () => {
  it('a link planted where the daily report\'s temporary file would go does not redirect the report', () => {
    const dir = withStore();
    mkdirSync(join(dir, 'shared'));
    writeFileSync(join(dir, 'victim'), 'precious\n');
    // the shell plants links for its own pid - which the report's process inherits through exec -
    // under the temporary names of the old scheme, then runs the report as that same process
    const script =
      'for n in wfm-daily-2026-12-07.md; do ln -s ../victim "shared/.$n.$$.tmp"; done; ' +
      `exec "${process.execPath}" "${BIN}" report daily --date 2026-12-07 --tz UTC --out shared`;
    const r = spawnSync('sh', ['-c', script], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LANG: 'C' } });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'victim'), 'utf8')).toBe('precious\n');
    const report = join(dir, 'shared', 'wfm-daily-2026-12-07.md');
    expect(lstatSync(report).isFile()).toBe(true);
    expect(readFileSync(report, 'utf8')).toMatch(/2026-12-07/);
    // nothing of ours is left beside it (the planted link is the attacker's)
    expect(readdirSync(join(dir, 'shared')).filter((f) => !lstatSync(join(dir, 'shared', f)).isSymbolicLink())).toEqual(['wfm-daily-2026-12-07.md']);
  });

  it('a link planted under the report\'s own name is replaced by the report, not written through', () => {
    const dir = withStore();
    mkdirSync(join(dir, 'shared'));
    writeFileSync(join(dir, 'victim'), 'precious\n');
    symlinkSync('../victim', join(dir, 'shared', 'wfm-daily-2026-12-07.md'));
    const r = wfm(['report', 'daily', '--date', '2026-12-07', '--tz', 'UTC', '--out', 'shared'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'victim'), 'utf8')).toBe('precious\n');
    expect(lstatSync(join(dir, 'shared', 'wfm-daily-2026-12-07.md')).isFile()).toBe(true);
  });
});

describe('saved names (item 9)', () => {
  it('roster --save and forecast --save with a line break or another control character: exit 2 naming --save, nothing solved or saved', async () => {
    const dir = rosterDir();
    for (const name of ['week-50\nBEGIN:VEVENT', 'week\r50', 'week\u001b[2J50', 'week\u000050']) {
      const r = await inProcess([...ROSTER, '--save', name, '--ics', 'ics'], dir);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`--save ${JSON.stringify(name)}: `);
      expect(r.stderr).not.toMatch(/rostering 1 queue/);
    }
    expect(existsSync(join(dir, 'wfm.db'))).toBe(false);
    expect(existsSync(join(dir, 'ics'))).toBe(false);
    writeFileSync(join(dir, 'calls.csv'), 'interval_start,queue,calls\n' + Array.from({ length: 14 }, (_, d) => `2026-11-${String(16 + d).padStart(2, '0')} 09:00,billing,${10 + d}`).join('\n') + '\n');
    const f = wfm(['forecast', '--input', 'calls.csv', '--start', '2026-11-30', '--days', '1', '--save', 'next\rweek', '--tz', 'UTC'], dir);
    expect(f.code, f.stderr).toBe(2);
    expect(f.stderr).toContain('--save "next\\rweek": ');
    expect(existsSync(join(dir, 'wfm.db'))).toBe(false);
    // an ordinary name with punctuation is fine, and its calendars hold it escaped
    const ok = await inProcess([...ROSTER, '--save', 'week 50; team A, late', '--ics', 'ics', '--db', 'wfm.db'], dir);
    expect(ok.code, ok.stderr).toBe(3);
    const ics = readFileSync(join(dir, 'ics', readdirSync(join(dir, 'ics'))[0]), 'utf8');
    expect(ics).toMatch(/\r\nUID:week 50\\; team A\\, late-/);
  });
});
