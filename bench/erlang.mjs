#!/usr/bin/env node
// bench/erlang — required agents for 7 days x 96 intervals x 20 queues (13,440 intervals), peak
// load about 400 Erlangs, then the same batch at ten times the volume (peak about 4,000 Erlangs).
// Prints the wall time of each batch (median of 7 runs after a warm-up) and the time per interval,
// and checks every count against the classic full Erlang B recursion from zero servers.
// Run: npm run bench:erlang   (needs the build: npm ci or npx tsc)
import { requiredAgents, erlangA } from '../dist/queueing/index.js';

function lcg(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function batch(volumeFactor, seed = 42) {
  const rnd = lcg(seed);
  const items = [];
  const targets = [
    { serviceLevel: { target: 0.8, seconds: 20 } },
    { serviceLevel: { target: 0.9, seconds: 15 } },
    { serviceLevel: { target: 0.7, seconds: 30 }, maxOccupancy: 0.9 },
    { serviceLevel: { target: 0.8, seconds: 20 }, maxAsaSeconds: 15 },
  ];
  for (let q = 0; q < 20; q++) {
    const peak = (20 + 380 * rnd()) * volumeFactor; // Erlangs at the daily peak
    const aht = 150 + 300 * rnd();
    const tg = targets[q % targets.length];
    for (let d = 0; d < 7; d++) {
      const dayFactor = d >= 5 ? 0.55 + 0.2 * rnd() : 0.9 + 0.1 * rnd();
      for (let i = 0; i < 96; i++) {
        const h = i / 4;
        const shape = 0.06 + Math.exp(-(((h - 10.5) / 2.3) ** 2)) + 0.8 * Math.exp(-(((h - 15) / 2.6) ** 2));
        const a = (peak * dayFactor * shape * (0.95 + 0.1 * rnd())) / 1.0;
        items.push({ trafficErlangs: a, ahtSeconds: aht, targets: tg });
      }
    }
  }
  return items;
}

/** The textbook method: Erlang B by recursion from 0 servers at every n, then C and SL. */
function referenceRequired({ trafficErlangs: a, ahtSeconds: aht, targets }) {
  if (a === 0) return 0;
  let b = 1;
  for (let n = 1; ; n++) {
    b = (a * b) / (n + a * b);
    if (n <= a) continue;
    const c = b / (1 - (a / n) * (1 - b));
    const t = targets.serviceLevel.seconds;
    const sl = 1 - c * Math.exp((-(n - a) * t) / aht);
    const asa = (c * aht) / (n - a);
    if (sl >= targets.serviceLevel.target && (targets.maxAsaSeconds === undefined || asa <= targets.maxAsaSeconds) && (targets.maxOccupancy === undefined || a / n <= targets.maxOccupancy)) return n;
  }
}

function time(fn, runs = 7) {
  fn();
  const times = [];
  let out;
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    out = fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((x, y) => x - y);
  return { ms: times[Math.floor(runs / 2)], out };
}

console.log(`node ${process.version}, ${process.arch}`);
console.log('batch                      intervals  peak Erl   wall ms  us/interval  agent-intervals  mismatches vs full recursion');
for (const factor of [1, 10]) {
  const items = batch(factor);
  const peak = Math.max(...items.map((x) => x.trafficErlangs));
  const { ms, out } = time(() => items.map((x) => requiredAgents(x, x.targets)));
  let mismatches = 0;
  items.forEach((x, i) => {
    if (referenceRequired(x) !== out[i]) mismatches++;
  });
  const total = out.reduce((s, n) => s + n, 0);
  console.log(
    `Erlang C, volume x${String(factor).padEnd(3)}     ${String(items.length).padStart(9)}  ${peak.toFixed(0).padStart(8)}  ${ms.toFixed(2).padStart(8)}  ${((ms * 1000) / items.length).toFixed(3).padStart(11)}  ${String(total).padStart(15)}  ${mismatches}`,
  );
}
// Erlang A on the base batch (patience 120 s), for reference: a different search (bracket + bisect).
{
  const items = batch(1).map((x) => ({ ...x, patienceSeconds: 120 }));
  const { ms } = time(() => items.map((x) => requiredAgents(x, { serviceLevel: x.targets.serviceLevel })), 3);
  console.log(`Erlang A (patience 120 s)   ${String(items.length).padStart(9)}            ${ms.toFixed(2).padStart(8)}  ${((ms * 1000) / items.length).toFixed(3).padStart(11)}`);
  void erlangA;
}
