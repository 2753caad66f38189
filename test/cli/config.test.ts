/**
 * wfm.yaml end to end through the built CLI, as a planner would use it: found from a subfolder,
 * shown by `wfm config show` with where each setting came from, a bad file reported with file, line
 * and key path (exit 2, but --help still works), and the read-only commands that must not create a
 * store. Also: `--format` written before the command, and a subcommand's own --format.
 */
import { existsSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { wfm, wfmJson } from '../helpers/cli.js';

let site: string;
let sub: string;
beforeAll(() => {
  site = realpathSync(mkdtempSync(join(tmpdir(), 'wfm-site-')));
  sub = join(site, 'reports', 'daily');
  mkdirSync(sub, { recursive: true });
  writeFileSync(
    join(site, 'wfm.yaml'),
    'db: data/wfm.db\ntz: Asia/Shanghai\ndefaults:\n  sla: 80/20\n  shrinkage: 30%\nqueues:\n  vip:\n    sla: 90/10\n    max-occupancy: 85%\n    shrinkage: 35%\n',
  );
  writeFileSync(join(site, 'demand.csv'), 'interval_start,queue,calls,aht\n2026-12-07 09:00,vip,60,300\n2026-12-07 09:00,billing,300,240\n');
});

type Setting = { key: string; value: string; source: string; from: string | null };
const settings = (args: string[], env: Record<string, string> = {}, cwd = sub) => {
  const r = wfmJson<{ file: string; settings: Setting[] }>(['config', 'show', ...args], { cwd, env });
  expect(r.code, r.stderr).toBe(0);
  return { file: r.json.file, get: (k: string) => r.json.settings.find((s) => s.key === k) };
};

describe('wfm.yaml', () => {
  it('is found from a subfolder; config show says where each setting came from', () => {
    const c = settings([]);
    expect(c.file).toBe(join(site, 'wfm.yaml'));
    expect(c.get('db')).toEqual({ key: 'db', value: join(site, 'data', 'wfm.db'), source: 'file', from: join(site, 'wfm.yaml') });
    expect(c.get('tz')).toMatchObject({ value: 'Asia/Shanghai', source: 'file' });
    expect(c.get('lang')).toMatchObject({ value: 'en', source: 'locale', from: 'LANG' });
    expect(c.get('queues.vip.sla')).toMatchObject({ value: '90/10', source: 'file' });
    expect(c.get('queues.vip.max-occupancy')).toMatchObject({ value: '85%', source: 'file' });
    expect(c.get('defaults.shrinkage')).toMatchObject({ value: '30%', source: 'file' });
    expect(c.get('defaults.short-abandon')).toMatchObject({ value: '5', source: 'built-in' });
  });

  it('precedence: a flag over the environment over the file', () => {
    expect(settings([], { WFM_TZ: 'UTC', WFM_LANG: 'zh-CN' }).get('tz')).toMatchObject({ value: 'UTC', source: 'env', from: 'WFM_TZ' });
    expect(settings([], { WFM_LANG: 'zh-CN' }).get('lang')).toMatchObject({ value: 'zh-CN', source: 'env' });
    expect(settings(['--tz', 'Europe/Berlin', '--db', 'x.db'], { WFM_TZ: 'UTC' }).get('tz')).toMatchObject({ value: 'Europe/Berlin', source: 'flag' });
    expect(settings(['--db', 'x.db']).get('db')).toMatchObject({ value: 'x.db', source: 'flag' });
    // --config names another file; without any file the built-in defaults
    writeFileSync(join(site, 'other.yaml'), 'tz: Asia/Tokyo\n');
    expect(settings(['--config', join(site, 'other.yaml')]).get('tz')).toMatchObject({ value: 'Asia/Tokyo', source: 'file' });
    const bare = realpathSync(mkdtempSync(join(tmpdir(), 'wfm-nosite-')));
    const none = settings([], { TZ: 'UTC' }, bare);
    expect(none.file).toBeNull();
    expect(none.get('db')).toMatchObject({ value: 'wfm.db', source: 'built-in' });
  });

  it('staff takes each queue\'s targets from it (table head per queue), flags override', () => {
    const r = wfm(['staff', '--input', '../../demand.csv', '--interval', '30', '--format', 'table'], { cwd: sub });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^billing: Erlang C.*80% within 20 s, shrinkage 30\.0%$/m);
    expect(r.stdout).toMatch(/^vip: Erlang C.*90% within 10 s, shrinkage 35\.0%$/m);
    const flagged = wfm(['staff', '--input', '../../demand.csv', '--interval', '30', '--sla', '70/30', '--format', 'table'], { cwd: sub });
    expect(flagged.stdout).toMatch(/^billing: Erlang C.*70% within 30 s, shrinkage 30\.0%$/m);
  });

  it('a bad file: exit 2 naming file, line and key path; --help still works', () => {
    const bad = realpathSync(mkdtempSync(join(tmpdir(), 'wfm-badsite-')));
    writeFileSync(join(bad, 'wfm.yaml'), 'tz: Asia/Shanghai\nqueues:\n  vip:\n    sla: 90-10\n');
    const r = wfm(['erlang', '--calls', '10', '--aht', '100'], { cwd: bad });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`wfm: ${join(bad, 'wfm.yaml')}:4: field queues.vip.sla: "90-10" is not a service-level target: write X/T, e.g. 80/20 for 80% answered within 20 seconds\n`);
    expect(wfm(['erlang', '--help'], { cwd: bad }).code).toBe(0);
  });
});

describe('read-only commands on a missing store', () => {
  it('roster list, report sla and a saved roster lookup: exit 2 "no store at PATH", and no file is created', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'wfm-nostore-')));
    for (const args of [
      ['roster', 'list'],
      ['report', 'sla', '--from', '2026-12-01', '--to', '2026-12-01'],
      ['report', 'exams', '--date', '2026-12-01'],
    ]) {
      const r = wfm([...args, '--db', 'none.db'], { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('no store at none.db');
    }
    const lookup = wfm(['roster', 'diff', 'a', 'b', '--db', 'none.db'], { cwd: dir });
    expect(lookup.code).toBe(2);
    expect(lookup.stderr).toContain('no roster file "a"');
    expect(existsSync(join(dir, 'none.db'))).toBe(false);
  });
});

describe('--format', () => {
  it('before the command is moved after it; a subcommand reads its own', () => {
    const a = wfm(['--format', 'json', 'erlang', '--calls', '10', '--aht', '100'], { cwd: sub });
    expect(a.code, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout).model).toBe('erlang-c');
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'wfm-fmt-')));
    writeFileSync(join(dir, 'r.json'), JSON.stringify([{ agent: 'A', queue: 'q', start: '2026-12-07 09:00', end: '2026-12-07 17:00' }]));
    const diff = wfm(['roster', 'diff', 'r.json', 'r.json', '--format', 'csv', '--tz', 'UTC'], { cwd: dir });
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toBe('agent,date,kind,fields,before,after\n');
    const bad = wfm(['staff', '--input', join(site, 'demand.csv'), '--format', 'html'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format <format>' argument 'html' is invalid\. Allowed choices are table, json, csv/);
  });
});

describe('review fixes', () => {
  it('staff --forecast lays a saved forecast out in its own zone unless a zone is given (a UTC cron host)', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'wfm-fczone-')));
    const rows = ['interval_start,queue,calls,aht'];
    for (let d = 1; d <= 28; d++) for (const h of ['09:00', '09:30']) rows.push(`2026-11-${String(d).padStart(2, '0')} ${h},billing,100,200`);
    writeFileSync(join(dir, 'h.csv'), rows.join('\n') + '\n');
    const saved = wfm(['forecast', '--input', 'h.csv', '--start', '2026-11-30', '--days', '1', '--save', 'fc', '--tz', 'Asia/Shanghai', '--holidays', 'none'], { cwd: dir });
    expect(saved.code, saved.stderr).toBe(0);
    // no --tz, no WFM_TZ, the system zone UTC: the forecast's own zone
    const own = wfmJson<{ intervals: { intervalStart: string }[] }>(['staff', '--forecast', 'fc'], { cwd: dir });
    expect(own.code, own.stderr).toBe(0);
    expect(own.json.intervals[0].intervalStart).toBe('2026-11-30T09:00:00+08:00');
    // a zone given: that zone
    const utc = wfmJson<{ intervals: { intervalStart: string }[] }>(['staff', '--forecast', 'fc', '--tz', 'UTC'], { cwd: dir });
    expect(utc.json.intervals[0].intervalStart).toBe('2026-11-30T01:00:00Z');
  });

  it('--format between a group and its subcommand reaches the subcommand, and is checked against its choices', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'wfm-grpfmt-')));
    writeFileSync(join(dir, 'agents.csv'), 'id,name,skills\nA1,Ann,billing\n');
    const imp = wfm(['import', '--format', 'json', 'agents', 'agents.csv'], { cwd: dir });
    expect(imp.code, imp.stderr).toBe(0);
    expect(JSON.parse(imp.stdout).accepted).toBe(1);
    const sla = wfm(['report', '--format', 'csv', 'sla', '--from', '2026-12-01', '--to', '2026-12-01'], { cwd: dir });
    expect(sla.code, sla.stderr).toBe(0);
    expect(sla.stdout.split('\n')[0]).toBe('queue,intervalStart,offered,answered,abandoned,shortAbandoned,exited,answeredWithin,serviceLevel,abandonRate,asaSeconds,ahtSeconds,maxWaitSeconds');
    const bad = wfm(['report', '--format', 'html', 'sla', '--from', '2026-12-01', '--to', '2026-12-01'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('wfm: --format html: this command prints table, json, csv\n');
  });

  it('--tz overrides a bad WFM_TZ; a bad WFM_TZ alone is exit 2 naming it', () => {
    expect(wfm(['erlang', '--calls', '1', '--aht', '100', '--tz', 'UTC'], { cwd: sub, env: { WFM_TZ: 'Nope' } }).code).toBe(0);
    const r = wfm(['config', 'show'], { cwd: sub, env: { WFM_TZ: 'Nope' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/WFM_TZ/);
  });

  it('max-abandon without patience stops only the commands that staff, naming its line; reports still run', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'wfm-maxab-')));
    writeFileSync(join(dir, 'wfm.yaml'), 'tz: UTC\ndefaults:\n  max-abandon: 5%\nqueues:\n  billing:\n    patience: 150\n');
    writeFileSync(join(dir, 'd.csv'), 'interval_start,queue,calls,aht\n2026-12-07 09:00,billing,100,200\n2026-12-07 09:00,complaints,10,200\n');
    const staffed = wfm(['staff', '--input', 'd.csv', '--interval', '30'], { cwd: dir });
    expect(staffed.code).toBe(2);
    expect(staffed.stderr).toContain(`${join(dir, 'wfm.yaml')}:3: field defaults.max-abandon: queue complaints: max-abandon needs patience`);
    writeFileSync(join(dir, 'agents.csv'), 'id,skills\nA1,billing\n');
    expect(wfm(['import', 'agents', 'agents.csv'], { cwd: dir }).code).toBe(0);
    expect(wfm(['report', 'sla', '--from', '2026-12-07', '--to', '2026-12-07'], { cwd: dir }).code).toBe(0);
    // --patience none switches Erlang A off for every queue, and so the check
    expect(wfm(['staff', '--input', 'd.csv', '--interval', '30', '--patience', 'none', '--max-abandon', 'none'], { cwd: dir }).code).toBe(0);
  });

  it('quickstart leaves a folder holding a site\'s files alone without --force', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'wfm-qssite-')));
    writeFileSync(join(dir, 'wfm.yaml'), 'tz: Asia/Shanghai\n');
    const r = wfm(['quickstart', '--dir', '.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/wfm\.yaml already exists.*--force/);
    expect(existsSync(join(dir, 'wfm.db'))).toBe(false);
  });

  it('erlang --queue a queue wfm.yaml does not list: a note that the defaults apply', () => {
    const r = wfm(['erlang', '--calls', '10', '--aht', '100', '--queue', 'vipp', '--format', 'json'], { cwd: sub });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`wfm: queue vipp is not in ${join(site, 'wfm.yaml')}: the defaults apply\n`);
  });

  it('an unreachable target after rejected lines: the lines are shown first, then the error', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'wfm-unreach-')));
    const lines = ['interval_start,queue,calls,aht', '2026-12-07 09:00,billing,100,200', '2026-12-07 09:30,billing,100,200'];
    for (let i = 0; i < 7; i++) lines.push(`bad-${i},billing,1,1`);
    writeFileSync(join(dir, 'd.csv'), lines.join('\n') + '\n');
    const r = wfm(['staff', '--input', 'd.csv', '--sla', '100/0', '--tz', 'UTC'], { cwd: dir });
    expect(r.code).toBe(2);
    const err = r.stderr.trim().split('\n');
    expect(err.slice(0, 5).every((l) => /^wfm: d\.csv:\d+: field interval_start:/.test(l))).toBe(true);
    expect(err[5]).toBe('wfm: ... and 2 more rejected lines (write them all with --rejects FILE)');
    expect(err[6]).toMatch(/no staffing up to/);
  });
});
