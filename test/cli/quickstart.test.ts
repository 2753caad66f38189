/**
 * `wfm quickstart` end to end through the built CLI in a temporary directory: exit 0, the outputs
 * exist, and the numbers hold together against independent figures: the imported calls equal the
 * simulated calls and the ENTERQUEUE lines of the log; the people files import row for row;
 * the forecast of the next week is within 15% of the sample spec's expected calls for that week
 * (generateSample over 63 days); the requirements cover every interval of the week; the roster's
 * shifts belong to listed agents and its simulated check covers 3 queues x 7 days. The folder holds a
 * wfm.yaml with each queue's own targets, so the printed commands, run by hand inside it, give the
 * same results.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { generateSample, parseSampleSpec } from '../../src/sim/sample.js';

interface Step {
  step: string;
  status: 'done' | 'failed';
  commands: string[];
  outputs: string[];
  detail: Record<string, string | number>;
}
interface Result {
  dir: string;
  db: string;
  config: string;
  seconds: number;
  steps: Step[];
}

function wfm(args: string[], cwd: string, lang = 'C'): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LANG: lang, TZ: 'UTC' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function csv(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

const specJson = JSON.parse(readFileSync(new URL('../../data/sample-spec.json', import.meta.url), 'utf8'));

let cwd: string;
let res: Result;
let run: { code: number; stdout: string; stderr: string };
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'wfm-qs-'));
  run = wfm(['quickstart', '--format', 'json'], cwd);
  res = JSON.parse(run.stdout) as Result;
});

const step = (name: string) => res.steps.find((s) => s.step === name)!;

describe('wfm quickstart', () => {
  it('exits 0 with every step done, into ./wfm-quickstart, with the short commands of its wfm.yaml', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(res.dir).toBe('wfm-quickstart');
    expect(res.config).toBe(join('wfm-quickstart', 'wfm.yaml'));
    expect(res.steps.map((s) => s.step)).toEqual(['simulate', 'import', 'people', 'forecast', 'staff', 'roster', 'check', 'report']);
    for (const s of res.steps) {
      expect(s.status).toBe('done');
      expect(s.commands.length).toBeGreaterThan(0);
      for (const c of s.commands) {
        expect(c).toMatch(/^wfm /);
        // the store, the zone and the targets come from wfm.yaml
        expect(c).not.toMatch(/--db|--tz|--sla|--shrinkage|--patience/);
      }
      for (const o of s.outputs) expect(existsSync(join(cwd, o)), o).toBe(true);
    }
    // each sample queue has its own targets, shown with where they came from
    const shown = wfm(['config', 'show', '--format', 'json'], join(cwd, 'wfm-quickstart'));
    expect(shown.code, shown.stderr).toBe(0);
    const settings = (JSON.parse(shown.stdout) as { settings: { key: string; value: string; source: string }[] }).settings;
    const get = (k: string) => settings.find((x) => x.key === k);
    expect(get('db')).toMatchObject({ value: join(cwd, 'wfm-quickstart', 'wfm.db'), source: 'file' });
    expect(get('tz')).toMatchObject({ value: 'Asia/Shanghai', source: 'file' });
    expect(get('queues.complaints.sla')).toMatchObject({ value: '90/15', source: 'file' });
    expect(get('queues.billing.sla')).toMatchObject({ value: '80/20', source: 'file' });
  });

  it('imports exactly the calls it simulated', () => {
    const sim = step('simulate');
    const log = gunzipSync(readFileSync(join(cwd, 'wfm-quickstart', 'history.log.gz'))).toString('utf8');
    let enter = 0;
    for (const line of log.split('\n')) if (line.includes('|ENTERQUEUE|')) enter++;
    expect(sim.detail.calls).toBe(enter);
    const imp = step('import');
    expect(imp.detail.calls).toBe(enter);
    expect(imp.detail.rejected).toBe(0);
    // the same volume as the spec's expected calls (Poisson and day noise: within 3%)
    const spec = parseSampleSpec(specJson);
    const expected = generateSample(spec).queues.reduce((a, q) => a + q.expectedCalls.reduce((x, y) => x + y, 0), 0);
    expect(Math.abs(enter - expected) / expected).toBeLessThan(0.03);
  });

  it('imports the sample people files row for row', () => {
    const p = step('people');
    if (p.status !== 'done') return;
    const rows = (f: string) => readFileSync(new URL(`../../data/${f}`, import.meta.url), 'utf8').trim().split('\n').length - 1;
    expect(p.detail).toMatchObject({ agents: rows('agents.csv'), exams: rows('exams.csv'), training: rows('training.csv'), skills: rows('skills.csv') });
  });

  it('forecasts the next week near the expected calls of the spec', () => {
    const fc = step('forecast');
    if (fc.status !== 'done') return;
    const rows = csv(readFileSync(join(cwd, 'wfm-quickstart', 'forecast.csv'), 'utf8'));
    expect(rows[0].intervalStart).toBe('2026-10-26T00:00:00+08:00');
    expect(new Set(rows.map((r) => r.queue))).toEqual(new Set(['billing', 'fault-reports', 'complaints']));
    const spec = parseSampleSpec({ ...specJson, days: 63 });
    const s = generateSample(spec);
    const from = 56 * s.intervalsPerDay;
    const nextWeek = s.queues.reduce((a, q) => a + q.expectedCalls.slice(from).reduce((x, y) => x + y, 0), 0);
    const forecast = rows.reduce((a, r) => a + Number(r.calls), 0);
    expect(Math.abs(forecast - nextWeek) / nextWeek).toBeLessThan(0.15);
  });

  it('requirements cover every interval of the forecast', () => {
    if (step('staff').status !== 'done') return;
    const rows = csv(readFileSync(join(cwd, 'wfm-quickstart', 'requirements.csv'), 'utf8'));
    const fc = csv(readFileSync(join(cwd, 'wfm-quickstart', 'forecast.csv'), 'utf8'));
    const key = (r: Record<string, string>) => `${r.queue} ${r.intervalStart}`;
    expect(rows.map(key).sort()).toEqual(fc.map(key).sort());
    // the forecast week: 7 days x 48 half hours x 3 queues (a night interval without any history
    // call may be left out by the forecast)
    expect(rows.length).toBeGreaterThan(0.95 * 3 * 7 * 48);
    expect(rows.length).toBeLessThanOrEqual(3 * 7 * 48);
    expect(rows.every((r) => Number(r.scheduledAgents) >= Number(r.agents))).toBe(true);
    expect(Number(step('staff').detail.peakScheduledAgents)).toBeGreaterThan(0);
  });

  it('rosters the sample agents and simulates the roster per queue and day', () => {
    const r = step('roster');
    if (r.status !== 'done') return;
    const shifts = csv(readFileSync(join(cwd, 'wfm-quickstart', 'roster.csv'), 'utf8'));
    expect(shifts.length).toBe(r.detail.shifts);
    const agents = new Set(readFileSync(new URL('../../data/agents.csv', import.meta.url), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]));
    for (const sh of shifts) expect(agents.has(sh.agent), sh.agent).toBe(true);
    const check = step('check');
    expect(check.status).toBe('done');
    const days = csv(readFileSync(join(cwd, 'wfm-quickstart', 'roster-check.csv'), 'utf8'));
    expect(days).toHaveLength(3 * 7);
    for (const d of days) {
      const sl = Number(d.serviceLevel);
      expect(sl).toBeGreaterThanOrEqual(0);
      expect(sl).toBeLessThanOrEqual(1);
    }
    // the printed check, run by hand inside the folder with the roster's CSV export instead of the
    // saved roster: the same simulation
    const printed = check.commands[0].replace(/^wfm /, '').replace(/ > roster-check\.csv$/, '').split(' ');
    expect(printed).toContain('next-week');
    const byHand = printed.map((w, i) => (w === 'next-week' && printed[i - 1] === '--roster' ? 'roster.csv' : w));
    const fromCsv = wfm(byHand, join(cwd, 'wfm-quickstart'));
    expect(fromCsv.code, fromCsv.stderr).toBe(0);
    expect(fromCsv.stdout).toBe(readFileSync(join(cwd, 'wfm-quickstart', 'roster-check.csv'), 'utf8'));
  });

  it('refuses to reuse the store without --force (exit 2), and starts again with it', { timeout: 180_000 }, () => {
    const again = wfm(['quickstart'], cwd);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/--force/);
    const a = gunzipSync(readFileSync(join(cwd, 'wfm-quickstart', 'history.log.gz')));
    const other = wfm(['quickstart', '--force', '--format', 'table', '--lang', 'zh-CN'], cwd);
    expect(other.code, other.stderr).toBe(0);
    expect(other.stdout).toMatch(/wfm-quickstart/);
    expect(other.stdout).toMatch(/\$ wfm simulate --sample/);
    expect(other.stdout).toMatch(/已导入/); // zh-CN catalogue
    // the same seed: the second run's log is byte-identical
    const b = gunzipSync(readFileSync(join(cwd, 'wfm-quickstart', 'history.log.gz')));
    expect(b.equals(a)).toBe(true);
  });
});
