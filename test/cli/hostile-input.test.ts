/**
 * Hostile input on the import paths, through the built CLI (issue 15, items 1-4): a --rejects file
 * that names an input, lines far longer than any format has, a stream that never ends a line, a
 * truncated .gz, and a second import while another one holds the store. Each case states the exit
 * code a cron job sees and what the store holds afterwards.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, wfm } from '../helpers/wfm-cli.js';

beforeAll(() => ensureBuilt());

const tmp = () => mkdtempSync(join(tmpdir(), 'wfm-hostile-'));

/** A queue_log of `n` answered calls (2026-12-07 from 09:00 UTC, one a minute). */
function queueLog(n: number, talk = 345): string {
  const t0 = Date.UTC(2026, 11, 7, 9) / 1000;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = t0 + i * 60;
    lines.push(`${t}|c${i}|billing|NONE|ENTERQUEUE||5551234|1`, `${t + 10}|c${i}|billing|Agent/1|CONNECT|10|c${i}.1|2`, `${t + 10 + talk}|c${i}|billing|Agent/1|COMPLETEAGENT|10|${talk}|1`);
  }
  return lines.join('\n') + '\n';
}

interface Summary {
  lines: number;
  accepted: number;
  rejected: number;
  calls: number;
}

function slaTotals(dir: string): { offered: number; ahtSeconds: number | null } {
  const r = wfm(['report', 'sla', '--from', '2026-12-07', '--to', '2026-12-07', '--interval', 'day', '--format', 'json', '--tz', 'UTC'], dir);
  expect(r.code, r.stderr).toBe(0);
  const rows = JSON.parse(r.stdout) as { queue: string; intervalStart: string | null; offered: number; ahtSeconds: number | null }[];
  return rows.find((x) => x.intervalStart === null) ?? { offered: 0, ahtSeconds: null };
}

describe('--rejects naming an input (item 1)', () => {
  it('is refused with exit 2 before anything is read or written: the input survives whole', () => {
    const dir = tmp();
    const log = queueLog(40) + 'garbage line\n';
    writeFileSync(join(dir, 'q.log'), log);
    const r = wfm(['import', 'queue-log', 'q.log', '--rejects', 'q.log', '--tz', 'UTC'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--rejects q\.log is one of the inputs/);
    expect(readFileSync(join(dir, 'q.log'), 'utf8')).toBe(log);
    // the same through another path to the same file
    const r2 = wfm(['import', 'queue-log', 'q.log', '--rejects', `./sub/../q.log`, '--tz', 'UTC'], dir);
    expect(r2.code).toBe(2);
    expect(readFileSync(join(dir, 'q.log'), 'utf8')).toBe(log);
    const agents = 'id,name,skills\nA1,Ann,billing\n';
    writeFileSync(join(dir, 'agents.csv'), agents);
    const a = wfm(['import', 'agents', 'agents.csv', '--rejects', 'agents.csv'], dir);
    expect(a.code).toBe(2);
    expect(readFileSync(join(dir, 'agents.csv'), 'utf8')).toBe(agents);
  });
});

describe('long lines (item 2)', () => {
  it('a 5 MiB line is one rejected line; the lines around it are imported', () => {
    const dir = tmp();
    const calls = queueLog(3).split('\n');
    const monster = `${Date.UTC(2026, 11, 7, 9) / 1000}|x|billing|NONE|ENTERQUEUE|${'A'.repeat(5 << 20)}`;
    writeFileSync(join(dir, 'q.log'), [...calls.slice(0, 3), monster, ...calls.slice(3)].join('\n'));
    const r = wfm(['import', 'queue-log', 'q.log', '--tz', 'UTC', '--format', 'json', '--rejects', 'rejects.csv'], dir);
    expect(r.code, r.stderr).toBe(3);
    const s = JSON.parse(r.stdout) as Summary;
    expect([s.lines, s.accepted, s.rejected, s.calls]).toEqual([10, 9, 1, 3]);
    expect(r.stderr).toMatch(/q\.log:4: .*longer than 1048576 bytes/);
    // the rejects file keeps a bounded excerpt, not the 5 MiB
    expect(statSync(join(dir, 'rejects.csv')).size).toBeLessThan(2000);
  });

  it('a gzip stream of zeros without a line end stops after a bounded read (exit 2, nothing stored)', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bomb.log.gz'), gzipSync(Buffer.alloc(200 << 20), { level: 9 }));
    const t0 = Date.now();
    const r = wfm(['import', 'queue-log', 'bomb.log.gz', '--tz', 'UTC', '--format', 'json'], dir);
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bomb\.log\.gz:1: .*no line end/);
  });
});

describe('a truncated .gz (item 3)', () => {
  it('the half-written last line is rejected, never parsed as a shorter value', () => {
    const dir = tmp();
    // 49 calls of 345 s and a last one of 987 s whose COMPLETEAGENT line the cut splits after "98"
    const text = queueLog(49) + queueLog(50, 987).split('\n').slice(147, 150).join('\n') + '\n';
    const full = gzipSync(Buffer.from(text));
    let cut = full.length;
    let got = '';
    for (; cut > 0; cut--) {
      try {
        got = gunzipSync(full.subarray(0, cut), { finishFlush: constants.Z_SYNC_FLUSH }).toString();
      } catch {
        continue;
      }
      if (/\|c49\|billing\|Agent\/1\|COMPLETEAGENT\|10\|98?$/.test(got)) break;
    }
    expect(got).toMatch(/\|COMPLETEAGENT\|10\|98?$/);
    writeFileSync(join(dir, 'cut.log.gz'), full.subarray(0, cut));
    const r = wfm(['import', 'queue-log', 'cut.log.gz', '--tz', 'UTC', '--format', 'json'], dir);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/cut\.log\.gz:150: .*truncated \.gz/);
    // the 49 calls talked 345 s each; the cut "...|98" was not taken for a 98-second call
    expect(slaTotals(dir)).toMatchObject({ offered: 49, ahtSeconds: 345 });
  });
});

describe('a second import while another holds the store (item 4)', () => {
  it('waits and then imports (exit 0), or after --wait gives exit 2 "store busy", never 1', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.log'), queueLog(30));
    writeFileSync(join(dir, 'b.log'), queueLog(30).replace(/\|c(\d+)/g, '|d$1'));
    expect(wfm(['import', 'queue-log', 'a.log', '--tz', 'UTC'], dir).code).toBe(0);
    // a process that holds a write transaction for 3 s
    const holder = spawn(
      process.execPath,
      ['-e', `const D=require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});const db=new D('wfm.db');db.exec('BEGIN IMMEDIATE');console.log('held');setTimeout(()=>{db.exec('COMMIT');db.close()},3000)`],
      { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((res) => holder.stdout!.once('data', () => res()));
    const quick = wfm(['import', 'queue-log', 'b.log', '--tz', 'UTC', '--wait', '1'], dir);
    expect(quick.code).toBe(2);
    expect(quick.stderr).toMatch(/the store wfm\.db stayed busy for 1 s/);
    const waited = await new Promise<{ code: number | null }>((res) => {
      const p = spawn(process.execPath, [BIN, 'import', 'queue-log', 'b.log', '--tz', 'UTC', '--wait', '30'], { cwd: dir, env: { PATH: process.env.PATH ?? '', LANG: 'C' } });
      p.on('close', (code) => res({ code }));
    });
    expect(waited.code).toBe(0);
    expect(slaTotals(dir).offered).toBe(60);
  });
});
