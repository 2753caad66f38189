/**
 * Rules files of hostile size (issue 15, item 10), through the built CLI: a roster rules file or an
 * alert rules file over the documented 1 MiB (a 50 MB file, an endless /dev/zero) is refused with
 * exit 2 naming the file before it is read or parsed; the limit is in --help. The duplicate checks
 * behind a file just under the limit are tested directly in test/solver/rules.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, wfm } from '../helpers/wfm-cli.js';

beforeAll(() => ensureBuilt());

/** Write a YAML rules file of about `mb` MB: `head`, then `entry` repeated. */
function bigFile(path: string, head: string, entry: string, mb: number): void {
  const fd = openSync(path, 'w');
  writeSync(fd, head);
  const chunk = Buffer.from(entry.repeat(Math.ceil((1 << 20) / entry.length)));
  for (let written = 0; written < mb * 1e6; written += chunk.length) writeSync(fd, chunk);
  closeSync(fd);
}

/** `wfm` with a time bound: a run that reads and parses 50 MB takes minutes (or runs out of memory) and is stopped. */
function bounded(args: string[], cwd: string, seconds = 30) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: seconds * 1000, env: { PATH: process.env.PATH ?? '', LANG: 'C', WFM_TZ: 'UTC' } });
  return { code: r.status ?? -1, stderr: r.stderr, seconds: (performance.now() - t0) / 1000 };
}

const REQ = 'interval_start,queue,required\n2026-12-07 09:00,billing,1\n2026-12-07 09:30,billing,1\n';
const ROSTER = ['roster', '--requirements', 'req.csv', '--start', '2026-12-07', '--days', '1', '--tz', 'UTC', '--time-limit', '10', '--format', 'json'];

describe('rules files over 1 MiB', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wfm-rules-'));
    const fd = openSync(join(dir, 'req.csv'), 'w');
    writeSync(fd, REQ);
    closeSync(fd);
    bigFile(join(dir, 'big.yaml'), 'shifts:\n', '  - {id: s, length: 480, starts: ["08:00"]}\n', 50);
    bigFile(join(dir, 'big.json'), '{"shifts":[', '{"id":"s","length":480,"starts":["08:00"]},', 50);
    bigFile(join(dir, 'alerts.yaml'), 'rules:\n', '  - {rule: service_level_below, threshold: 80%}\n', 50);
    // just over the limit: a comment line of 1 MiB and its line end
    const over = openSync(join(dir, 'over.yaml'), 'w');
    writeSync(over, '#'.repeat(1 << 20) + '\n');
    closeSync(over);
  });

  it('wfm roster --rules of 50 MB (YAML or JSON), just over 1 MiB, or /dev/zero: exit 2 naming the file, in well under a second of work', () => {
    const files = ['big.yaml', 'big.json', 'over.yaml', ...(existsSync('/dev/zero') ? ['/dev/zero'] : [])];
    for (const f of files) {
      const r = bounded([...ROSTER, '--rules', f], dir);
      expect(r.code, `${f}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(`${f}: the file is larger than 1 MiB`);
      expect(r.seconds, f).toBeLessThan(10);
    }
  });

  it('the alert rules of alerts check and report daily: the same', () => {
    for (const args of [['alerts', 'check'], ['report', 'daily']]) {
      const r = bounded([...args, '--date', '2026-12-07', '--rules', 'alerts.yaml'], dir);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('alerts.yaml: the file is larger than 1 MiB');
      expect(r.seconds).toBeLessThan(10);
    }
  });

  it('a file under the limit with thousands of problems lists the first 20 and counts the rest', () => {
    const fd = openSync(join(dir, 'dups.yaml'), 'w');
    writeSync(fd, 'shifts:\n' + Array.from({ length: 5000 }, (_, i) => `  - {id: s${i - (i % 2)}, length: 480, starts: ["08:00"]}\n`).join(''));
    closeSync(fd);
    const r = bounded([...ROSTER, '--rules', 'dups.yaml'], dir);
    expect(r.code, r.stderr).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, k) => `wfm: dups.yaml: shifts[${2 * k + 1}].id: duplicate id "s${2 * k}"`));
    expect(lines.slice(20)).toEqual(['wfm: dups.yaml: ... and 2480 more problems', 'wfm: dups.yaml: 2500 problem(s) in the rules file (first at shifts[1].id); see above']);
  });

  it('--help says so', () => {
    for (const args of [['roster'], ['alerts', 'check'], ['report', 'daily']]) {
      const r = wfm([...args, '--help'], dir);
      expect(r.code).toBe(0);
      expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/--rules <file> .*at most 1 MiB/);
    }
  });
});
