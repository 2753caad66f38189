/**
 * An import killed half-way (SIGKILL of `node bin/wfm.js`) leaves the store as before or fully
 * updated, never in between; running it again finishes the job.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIN, ensureBuilt, wfm } from '../helpers/wfm-cli.js';
import { generate } from '../helpers/queue-log-gen.js';

beforeAll(() => ensureBuilt());

function count(db: string): number {
  if (!existsSync(db)) return 0;
  const d = new Database(db, { readonly: true });
  try {
    const has = d.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'calls'`).pluck().get() as number;
    return has ? (d.prepare('SELECT count(*) FROM calls').pluck().get() as number) : 0;
  } finally {
    d.close();
  }
}

describe('import killed half-way', () => {
  it('store unchanged (or complete) after SIGKILL; a re-run completes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wfm-kill-'));
    const start = Date.UTC(2025, 0, 1) / 1000;
    // a first, small import so "as before" is a non-empty state
    const small = generate({ seed: 3, calls: 200, startS: start - 86_400 * 30 });
    writeFileSync(join(dir, 'old'), small.lines.map((l) => l.text + '\n').join(''));
    expect(wfm(['import', 'queue-log', 'old', '--db', 'w.db'], dir).code).toBe(0);
    const before = count(join(dir, 'w.db'));
    expect(before).toBe(200);

    const big = generate({ seed: 4, calls: 120_000, startS: start, meanGapS: 5 });
    writeFileSync(join(dir, 'big'), big.lines.map((l) => l.text + '\n').join(''));
    const observed: number[] = [];
    // kill at a few points of the run; every observation must be all-or-nothing
    for (const delayMs of [300, 700, 1200]) {
      const child = spawn(process.execPath, [BIN, 'import', 'queue-log', 'big', '--db', 'w.db'], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', LANG: 'C', WFM_TZ: 'UTC' },
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
      await new Promise((r) => setTimeout(r, delayMs));
      child.kill('SIGKILL');
      await exited;
      const n = count(join(dir, 'w.db'));
      observed.push(n);
      expect([before, before + big.calls.length]).toContain(n);
    }
    expect(observed.some((n) => n === before)).toBe(true); // at least one kill hit mid-run
    const again = wfm(['import', 'queue-log', 'big', '--db', 'w.db', '--format', 'json'], dir);
    expect(again.code).toBe(0);
    expect(count(join(dir, 'w.db'))).toBe(before + big.calls.length);
    // and the store is consistent: a re-run adds nothing
    const third = JSON.parse(wfm(['import', 'queue-log', 'big', '--db', 'w.db', '--format', 'json'], dir).stdout);
    expect(third.newCalls).toBe(0);
  }, 120_000);
});
