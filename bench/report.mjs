#!/usr/bin/env node
// bench/report: `wfm report daily` over a day of 1,000,000 calls (4 queues, 200 agents, seeded), the
// store filled through the Store API (dist/), then the report run as a process (start-up included)
// in JSON and HTML. Target: under 2 s each. Then `report sla` and `alerts check` of the day for
// comparison. The reports read the store's SQL aggregates (src/store/aggregates.ts), not call rows.
// Needs the build (npm run build).
// Usage: node bench/report.mjs [calls=1000000] [seed=1]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'wfm.js');
const n = Number(process.argv[2] ?? 1_000_000);
const seed = Number(process.argv[3] ?? 1);
const { openStore } = await import(join(root, 'dist', 'store', 'index.js'));

// the project's seeded generator (src/sim/rng.ts, xoshiro128**), uniform in [0, 1)
const { Rng } = await import(join(root, 'dist', 'sim', 'rng.js'));
function rng(s) {
  const r = new Rng(s);
  return () => r.next();
}

const dir = mkdtempSync(join(tmpdir(), 'wfm-bench-report-'));
try {
  const db = join(dir, 'wfm.db');
  const r = rng(seed);
  const exp = (m) => -Math.log(1 - r()) * m;
  const queues = ['billing', 'fault', 'complaints', 'vip'];
  const day = Date.UTC(2026, 2, 1, 16); // 2026-03-02 00:00 +08:00
  const t0 = process.hrtime.bigint();
  const store = openStore(db);
  store.begin();
  let batch = [];
  for (let i = 0; i < n; i++) {
    const entered = day + Math.floor((i / n) * 86_400_000);
    const answered = r() < 0.85;
    const wait = Math.round(exp(25));
    batch.push({
      queue: queues[i % 4], callId: `c${i}`, enteredMs: entered, outcome: answered ? 'answered' : 'abandoned', waitS: wait,
      agent: answered ? `SIP/8${String(i % 200).padStart(3, '0')}` : null, talkS: answered ? 10 + Math.round(exp(200)) : null,
      wrapS: null, ringNoAnswers: 0, transfer: null, source: 'bench',
    });
    if (batch.length === 8192) {
      store.importCalls(batch, 'Asia/Shanghai');
      batch = [];
    }
  }
  store.importCalls(batch, 'Asia/Shanghai');
  store.commit();
  store.close();
  console.log(`store: ${n.toLocaleString('en')} calls on 2026-03-02 in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s`);
  for (const format of ['json', 'html']) {
    const t = process.hrtime.bigint();
    const p = spawnSync(process.execPath, [bin, 'report', 'daily', '--date', '2026-03-02', '--db', db, '--tz', 'Asia/Shanghai', '--format', format, '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const s = Number(process.hrtime.bigint() - t) / 1e9;
    if (p.status !== 0) {
      console.error(`report daily failed (${p.status}): ${p.stderr}`);
      process.exit(1);
    }
    console.log(`wfm report daily --format ${format}: ${s.toFixed(2)} s (${(p.stdout.length / 1024).toFixed(0)} KB; target < 2 s, process start included)`);
  }
  // the other readers of the same aggregates, for comparison (no targets of their own)
  for (const args of [['report', 'sla', '--from', '2026-03-02', '--to', '2026-03-02', '--interval', '30', '--format', 'json'], ['alerts', 'check', '--date', '2026-03-02', '--format', 'json']]) {
    const t = process.hrtime.bigint();
    const p = spawnSync(process.execPath, [bin, ...args, '--db', db, '--tz', 'Asia/Shanghai', '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const s = Number(process.hrtime.bigint() - t) / 1e9;
    if (p.status !== 0 && p.status !== 5) {
      console.error(`wfm ${args.join(' ')} failed (${p.status}): ${p.stderr}`);
      process.exit(1);
    }
    console.log(`wfm ${args.slice(0, 2).join(' ')}: ${s.toFixed(2)} s`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
