/**
 * bench/simulate: one day of a 500-agent center (about 150,000 calls), three queues, 30-minute
 * intervals, staffing per interval from Erlang A (80% in 20 s), exponential patience, lognormal talk
 * times, wrap-up, flat staffing per interval (agents log in and out at interval boundaries). Times one replication without output (counts only) and
 * one that formats every queue_log line (the `wfm simulate --out` path), and the summary over 5
 * replications. Target: under 2 s per replication.
 *
 * Run: npx vite-node bench/simulate.ts
 */
import { requiredAgents } from '../src/queueing/index.js';
import { formatQueueLogLine, runReplication, simulateSummary, type SimInput, type SimQueueSpec } from '../src/sim/index.js';

const INTERVAL = 1800;
const N = 48;
// Intraday shape of a 7x24 hotline: low at night, peaks late morning and mid-afternoon.
const shape = Array.from({ length: N }, (_, i) => {
  const h = (i + 0.5) / 2;
  const day = Math.exp(-((h - 10.5) ** 2) / 8) + 0.85 * Math.exp(-((h - 15) ** 2) / 10) + 0.35 * Math.exp(-((h - 20) ** 2) / 6);
  return 0.08 + day;
});
const shapeSum = shape.reduce((a, b) => a + b, 0);

const queues: { name: string; daily: number; aht: number; wrap: number; patience: number }[] = [
  { name: 'billing', daily: 80_000, aht: 100, wrap: 10, patience: 150 },
  { name: 'fault-reports', daily: 50_000, aht: 140, wrap: 15, patience: 200 },
  { name: 'complaints', daily: 20_000, aht: 190, wrap: 20, patience: 240 },
];

const specs: SimQueueSpec[] = queues.map((q) => ({
  name: q.name,
  expectedCalls: shape.map((s) => (q.daily * s) / shapeSum),
  talk: { kind: 'lognormal', mean: q.aht, cv: 0.8 },
  wrap: { kind: 'fixed', value: q.wrap },
  patience: { kind: 'exponential', mean: q.patience },
}));
const agents: Record<string, number[]> = {};
let peak = 0;
const totals = new Array(N).fill(0);
queues.forEach((q, qi) => {
  agents[q.name] = specs[qi].expectedCalls.map((c, i) => {
    const aht = q.aht + q.wrap;
    const n = requiredAgents({ trafficErlangs: (c / INTERVAL) * aht, ahtSeconds: aht, patienceSeconds: q.patience }, {
      serviceLevel: { target: 0.8, seconds: 20 },
    });
    totals[i] += n;
    return n;
  });
});
for (const t of totals) peak = Math.max(peak, t);

const input: SimInput = {
  startEpoch: Date.UTC(2026, 9, 12) / 1000 - 8 * 3600,
  intervalSeconds: INTERVAL,
  queues: specs,
  staffing: { kind: 'flat', agents },
  seed: 20260930,
};

console.log(`center: ${queues.length} queues, peak ${peak} agents on the phones, ${Math.round(queues.reduce((a, q) => a + q.daily, 0))} expected calls/day`);

// Warm-up (JIT), not reported.
runReplication(input, 99);

// Each figure: the best of 3 runs (the machine may be shared), and the mean for reference.
function time(f: () => void): { best: number; mean: number } {
  const ts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  return { best: Math.min(...ts), mean: ts.reduce((a, b) => a + b, 0) / ts.length };
}

let calls = 0;
let rep = 0;
const quiet = time(() => {
  calls = runReplication(input, rep++).calls;
});
console.log(`counts only:     best ${quiet.best.toFixed(0)} ms, mean ${quiet.mean.toFixed(0)} ms per replication; ${calls} calls`);

let lines = 0;
let bytes = 0;
const loud = time(() => {
  lines = 0;
  bytes = 0;
  calls = runReplication(input, 0, {
    onEvent: (e) => {
      const s = formatQueueLogLine(e);
      lines++;
      bytes += s.length + 1;
    },
  }).calls;
});
console.log(
  `with queue_log:  best ${loud.best.toFixed(0)} ms, mean ${loud.mean.toFixed(0)} ms per replication; ${calls} calls, ${lines} lines, ${(bytes / 1e6).toFixed(1)} MB`,
);

const reps = 5;
let rows: ReturnType<typeof simulateSummary> = [];
const summ = time(() => {
  rows = simulateSummary(input, reps);
});
const tot = rows.reduce((a, r) => a + r.calls, 0);
console.log(
  `summary, ${reps} replications: best ${summ.best.toFixed(0)} ms (${(summ.best / reps).toFixed(0)} ms per replication); ${Math.round(tot)} mean calls per replication`,
);
const worst = Math.max(quiet.best, loud.best, summ.best / reps);
console.log(`target < 2000 ms per replication: ${worst < 2000 ? 'met' : 'NOT met'} (slowest path ${worst.toFixed(0)} ms)`);
