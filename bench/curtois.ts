/**
 * bench/curtois.ts: the Curtois & Qu employee shift scheduling benchmark (shared/data/curtois) through
 * the rotation-rules engine, as `wfm roster curtois` runs it. Prints per instance: objective, best
 * known, gap to the best known, the engine's lower bound, seconds, and the checker's verdict.
 *
 *   npx vite-node bench/curtois.ts [seconds=30] [first=1] [last=24] [dir=../shared/data/curtois]
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
