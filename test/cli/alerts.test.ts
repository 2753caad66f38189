/**
 * `wfm alerts check` as cron runs it: no TTY (pipes), --quiet, the exit code decides (5 = alerts
 * fired, 0 = none, 2 = bad rules). Figures against the generated day of test/report/fixture.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, wfm } from '../helpers/wfm-cli.js';
import { DAY, expectedDay, writeFixture, type Fixture } from '../report/fixture.js';

let dir: string;
let fx: Fixture;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'wfm-alerts-'));
  fx = writeFixture(dir);
  expect(wfm(['import', 'queue-log', 'queue_log', '--quiet'], dir).code).toBe(0);
  expect(wfm(['import', 'exams', 'exams.csv', '--quiet'], dir).code).toBe(0);
}, 120_000);

describe('alerts check (cron)', () => {
  it('default rules: one line per alert on stdout, nothing on stderr with --quiet, exit 5', () => {
    const r = wfm(['alerts', 'check', '--date', DAY, '--quiet'], dir);
    expect(r.code).toBe(5);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    const exp = expectedDay(fx);
    const slQueues = [...exp].filter(([, e]) => e.sl < 0.8).map(([q]) => q).sort();
    expect(lines.filter((l) => l.includes(' service_level_below: ')).map((l) => /queue (\S+):/.exec(l)![1]).sort()).toEqual(slQueues);
    expect(lines.every((l) => l.startsWith(`${DAY} `))).toBe(true);
    expect(lines.some((l) => l.includes('exam_failed') && l.includes('SIP/8003'))).toBe(true);
  });

  it('--format json: an array of {rule, queue, agent, intervalStart, value, threshold, message}, null where not applicable', () => {
    const r = wfm(['alerts', 'check', '--date', DAY, '--format', 'json', '--quiet'], dir);
    expect(r.code).toBe(5);
    const alerts = JSON.parse(r.stdout) as Record<string, unknown>[];
    for (const a of alerts) expect(Object.keys(a).sort()).toEqual(['agent', 'intervalStart', 'message', 'queue', 'rule', 'site', 'threshold', 'value']);
    const exp = expectedDay(fx);
    const ab = alerts.filter((a) => a.rule === 'abandon_rate_above');
    expect(ab.map((a) => a.queue).sort()).toEqual([...exp].filter(([, e]) => e.abandonRate > 0.05).map(([q]) => q).sort());
    for (const a of ab) {
      expect(a.value as number).toBeCloseTo(exp.get(a.queue as string)!.abandonRate, 12);
      expect(a).toMatchObject({ agent: null, intervalStart: null, threshold: 0.05 });
    }
    const exam = alerts.find((a) => a.rule === 'exam_failed')!;
    expect(exam).toMatchObject({ queue: null, agent: 'SIP/8003', value: 41, threshold: 60 });
  });

  it('rules that nothing breaks: no output, exit 0; a bad rules file: exit 2 naming the entry', () => {
    writeFileSync(join(dir, 'calm.yaml'), 'rules:\n  - rule: service_level_below\n    threshold: 0%\n    seconds: 20\n  - rule: abandon_rate_above\n    threshold: 100%\n');
    const r = wfm(['alerts', 'check', '--date', DAY, '--rules', 'calm.yaml', '--quiet'], dir);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    // a per-queue entry replaces the generic one for that queue only
    const e = expectedDay(fx);
    writeFileSync(join(dir, 'vip.yaml'), 'rules:\n  - rule: abandon_rate_above\n    threshold: 100%\n  - rule: abandon_rate_above\n    queues: [vip]\n    threshold: 0.001\n');
    const v = wfm(['alerts', 'check', '--date', DAY, '--rules', 'vip.yaml', '--format', 'json'], dir);
    expect(v.code).toBe(e.get('vip')!.abandonRate > 0.001 ? 5 : 0);
    expect((JSON.parse(v.stdout) as { queue: string }[]).map((a) => a.queue)).toEqual(['vip']);
    writeFileSync(join(dir, 'bad.yaml'), 'rules:\n  - rule: abandon_rate_above\n    threshold: 5%\n  - rule: sl_too_low\n');
    const b = wfm(['alerts', 'check', '--date', DAY, '--rules', 'bad.yaml'], dir);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('bad.yaml');
    expect(b.stderr).toContain('rules[2]');
    expect(b.stderr).toContain('sl_too_low');
  });

  it('the daily report for cron: --out with --quiet prints nothing and exits 0; zh-CN messages', () => {
    const r = wfm(['report', 'daily', '--date', DAY, '--format', 'md', '--out', 'out', '--quiet'], dir);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const zh = wfm(['alerts', 'check', '--date', DAY, '--quiet'], dir, { LANG: 'zh_CN.UTF-8' });
    expect(zh.code).toBe(5);
    expect(zh.stdout).toContain('服务水平');
    // no store: bad usage, exit 2
    expect(wfm(['alerts', 'check', '--date', DAY, '--db', 'missing.db'], dir).code).toBe(2);
  });
});
