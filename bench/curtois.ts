/**
 * bench/curtois.ts: the Curtois & Qu employee shift scheduling benchmark (shared/data/curtois) through
 * the rotation-rules engine, as `wfm roster curtois` runs it. Prints per instance: objective, best
 * known, gap to the best known, the engine's lower bound, seconds, and the checker's verdict.
 *
 *   npx vite-node bench/curtois.ts [seconds=30] [first=1] [last=24] [dir=../shared/data/curtois]
 *
 * Measured 2026-12-07, 30 s each, this 2-core machine (objective / best known, gap; bound):
 *   1 607/607 0 % (607, 12 s); 2 828/828 0 % (828, 1 s); 3 1001/1001 0 % (1001, 1 s);
 *   4 1716/1716 0 % (1716, 1 s); 5 1144/1143 0.1 % (1141); 6 1952/1950 0.1 % (1949);
 *   7 1366/1056 29 % (1053); 8 1867/1300 44 %; 9 746/439 70 %; 10 5942/4631 28 %; 11 3446/3443 0.1 %;
 *   12 8239/4040 104 %; 13 8552/1348 534 %; 14 2094/1278 64 %; 15 7889/3834 106 %; 16 4470/3225 39 %;
 *   17 7015/5746 22 %; 18 6697/4459 50 %; 19 7830/3149 149 %; 20 16804/4943 240 %; 21 65918/21159 212 %;
 *   22-24: no roster within 30 s (the agent-by-agent start alone takes longer). Every roster returned
 *   keeps every hard rule.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCurtois } from '../src/roster-io/curtois.js';
import { checkCount, highsSolver, solveCount } from '../src/solver/index.js';

/** Best-known objective values (optimal where proven), from the data set's README. */
const BEST = [607, 828, 1001, 1716, 1143, 1950, 1056, 1300, 439, 4631, 3443, 4040, 1348, 1278, 3834, 3225, 5746, 4459, 3149, 4943, 21159, 33155, 17428, 48777];

const seconds = Number(process.argv[2] ?? 30);
const first = Number(process.argv[3] ?? 1);
const last = Number(process.argv[4] ?? 24);
const dir = process.argv[5] ?? join(import.meta.dirname, '..', '..', 'shared', 'data', 'curtois');

console.log(`| instance | objective | best known | gap | lower bound | seconds | hard rules |`);
console.log(`|---|---|---|---|---|---|---|`);
for (let i = first; i <= last; i++) {
  const p = parseCurtois(readFileSync(join(dir, `Instance${i}.txt`), 'utf8'), `Instance${i}.txt`);
  const t0 = performance.now();
  try {
    const r = await solveCount(p, { solver: highsSolver, timeLimitSeconds: seconds, clock: () => performance.now() });
    const s = (performance.now() - t0) / 1000;
    const broken = checkCount(p, r.assignment).length;
    const gap = ((r.cost.total - BEST[i - 1]) / BEST[i - 1]) * 100;
    console.log(`| ${i} | ${r.cost.total} | ${BEST[i - 1]} | ${gap.toFixed(1)} % | ${r.lowerBound} | ${s.toFixed(1)} | ${broken === 0 ? 'kept' : `${broken} broken`} |`);
  } catch (err) {
    console.log(`| ${i} | - | ${BEST[i - 1]} | - | - | ${((performance.now() - t0) / 1000).toFixed(1)} | ${(err as Error).message} |`);
  }
}
