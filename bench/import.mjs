#!/usr/bin/env node
// bench/import: a seeded 1,000,000-line Asterisk queue_log, imported by `wfm import queue-log` and,
// in the same run, by the sqlite3 shell's `.import` into a bare table; prints both times, the ratio,
// wfm's peak RSS, and the time of `wfm report sla` over a month of 30-minute intervals.
// Needs the build (npm run build) and, for the comparison, the sqlite3 CLI (apt-get install sqlite3).
// Usage: node bench/import.mjs [lines=1000000] [seed=1]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'wfm.js');
const target = Number(process.argv[2] ?? 1_000_000);
const seed = Number(process.argv[3] ?? 1);

// the project's seeded generator (src/sim/rng.ts, xoshiro128**), uniform in [0, 1)
const { Rng } = await import(join(root, 'dist', 'sim', 'rng.js'));
function rng(s) {
  const r = new Rng(s);
  return () => r.next();
}

/** About `target` lines over one month (2026-03, Asia/Shanghai): ~4.4 lines per call. */
function generate() {
  const r = rng(seed);
  const exp = (m) => -Math.log(1 - r()) * m;
  const queues = ['billing', 'fault', 'complaints', 'vip'];
  const start = Date.UTC(2026, 1, 28, 16) / 1000; // 2026-03-01 00:00 +08:00
  const month = 31 * 86400;
  const calls = Math.round(target / 4.4);
  const gap = month / calls;
  const events = [];
  let t = start;
  for (let i = 0; events.length < target; i++) {
    t += exp(gap);
    const ts = Math.floor(t);
    const q = queues[i % 4];
    const id = `${ts}.${i}`;
    const u = r();
    const wait = Math.round(exp(30));
    events.push([ts, `${ts}|${id}|${q}|NONE|ENTERQUEUE||13800138000|1`]);
    if (r() < 0.2) events.push([ts + 1, `${ts + 1}|${id}|${q}|SIP/8100|RINGNOANSWER|15000`]);
    if (u < 0.8) {
      const agent = `SIP/80${String(i % 50).padStart(2, '0')}`;
      const talk = 10 + Math.round(exp(200));
      events.push([ts + wait, `${ts + wait}|${id}|${q}|${agent}|CONNECT|${wait}|${id}b|2`]);
      events.push([ts + wait + talk, `${ts + wait + talk}|${id}|${q}|${agent}|COMPLETECALLER|${wait}|${talk}|1`]);
    } else {
      events.push([ts + wait, `${ts + wait}|${id}|${q}|NONE|ABANDON|1|1|${wait}`]);
    }
    if (i % 40 === 0) {
      const a = `SIP/80${String(i % 50).padStart(2, '0')}`;
      events.push([ts, `${ts}|NONE|${q}|${a}|PAUSE|lunch`]);
      events.push([ts + 600, `${ts + 600}|NONE|${q}|${a}|UNPAUSE|`]);
    }
  }
  events.length = target;
  events.sort((a, b) => a[0] - b[0]);
  return events.map((e) => e[1]).join('\n') + '\n';
}

function time(cmd, args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 3) {
    console.error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
    process.exit(1);
  }
  return { s, r };
}

if (process.env.WFM_BENCH_OUT) {
  // only write the generated log (for profiling)
  writeFileSync(process.env.WFM_BENCH_OUT, generate());
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'wfm-bench-'));
try {
  const file = join(dir, 'queue_log');
  const text = generate();
  writeFileSync(file, text);
  console.log(`queue_log: ${target.toLocaleString('en')} lines, ${(text.length / 1e6).toFixed(1)} MB (seed ${seed})`);

  // wfm, measuring its peak RSS with GNU time when available
  const gnuTime = existsSync('/usr/bin/time');
  const wfmArgs = [bin, 'import', 'queue-log', file, '--db', join(dir, 'wfm.db'), '--tz', 'Asia/Shanghai', '--format', 'json', '--quiet'];
  const w = gnuTime ? time('/usr/bin/time', ['-v', process.execPath, ...wfmArgs]) : time(process.execPath, wfmArgs);
  const summary = JSON.parse(w.r.stdout);
  const rss = gnuTime ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(w.r.stderr)?.[1] ?? NaN) / 1024 : NaN;
  console.log(`wfm import queue-log: ${w.s.toFixed(2)} s (${summary.calls} calls, ${summary.agentEvents} agent events, ${summary.rejected} rejected), peak RSS ${Number.isFinite(rss) ? rss.toFixed(0) + ' MB' : 'n/a (no /usr/bin/time)'}`);

  const sqlite = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
  if (sqlite.status === 0) {
    const db = join(dir, 'bare.db');
    const script = `CREATE TABLE ql(t,callid,queue,agent,event,d1,d2,d3,d4,d5);\n.mode csv\n.separator |\n.import ${file} ql\n`;
    const s = time('sqlite3', [db], { input: script });
    console.log(`sqlite3 .import into a bare table: ${s.s.toFixed(2)} s`);
    console.log(`ratio wfm / sqlite3: ${(w.s / s.s).toFixed(2)} (target <= 3)`);
  } else {
    console.log('sqlite3 CLI not found: install it (apt-get install -y sqlite3) for the comparison');
  }

  const rep = time(process.execPath, [bin, 'report', 'sla', '--db', join(dir, 'wfm.db'), '--tz', 'Asia/Shanghai', '--from', '2026-03-01', '--to', '2026-03-31', '--interval', '30', '--format', 'json']);
  const rows = JSON.parse(rep.r.stdout).length;
  console.log(`wfm report sla, March, 30-minute intervals: ${rep.s.toFixed(2)} s (${rows} rows; target < 1 s, process start included)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
