/**
 * How much of the small-queue roster gap is the bound and how much the roster (issue 15): one-day
 * slices of the bench/roster week families, small enough for HiGHS branch and bound to make
 * progress, each solved twice on the same stage-1 model:
 *   - solveStage1 as `wfm roster` runs it (time limit --limit, default 5 s; the full MIP of small
 *     models turned off so that the heuristic roster and the LP bound are what a week gets), and
 *   - HiGHS branch and bound on the full stage-1 MIP for --mip seconds (default 60).
 * The true optimum lies in [MIP dual bound, min(heuristic, MIP incumbent)], so
 *   (MIP dual bound - LP bound) is bound weakness the LP certainly has, and
 *   (heuristic - MIP incumbent) is roster weakness the heuristic certainly has,
 * each as a share of the heuristic objective. A slice starts at midnight with nobody on duty (no
 * shift from the day before), so it is a different instance than the day inside the week, of the
 * same shape.
 *
 *   npx vite-node bench/roster-exact.ts [--families all|one-peak,...] [--peaks 10,20] [--seeds 0]
 *       [--day 1] [--limit 5] [--mip 60]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parse } from 'yaml';
import { highsSolver, validateRules } from '../src/solver/index.js';
import { buildModel, enumerateTypes, solveStage1 } from '../src/solver/stage1/index.js';
import { FAMILIES, familyWeek, type Family } from './roster-weeks.js';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
}
const v = validateRules(parse(readFileSync(new URL('../data/roster-rules.yaml', import.meta.url), 'utf8')));
if (!v.ok) throw new Error(JSON.stringify(v.errors));
const famArg = arg('families', 'all');
const families = (famArg === 'all' ? [...FAMILIES] : famArg.split(',')) as Family[];
const peaks = arg('peaks', '10,20').split(',').map(Number);
const seeds = arg('seeds', '0').split(',').map(Number);
const day = Number(arg('day', '1'));
const limit = Number(arg('limit', '5'));
const mipSeconds = Number(arg('mip', '60'));
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const pct = (x: number) => `${(x * 100).toFixed(2)}%`.padStart(7);
console.log(`one-day slices (day ${day} of each week), stage 1 in ${limit} s, HiGHS branch and bound ${mipSeconds} s; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log('family     peak  seed   cols   LP bound  heuristic (gap)     MIP best  MIP bound  cpu s  bound weakness >=  roster weakness >=  load');
for (const family of families)
  for (const peak of peaks)
    for (const seed of seeds) {
      const required = [familyWeek(family, peak, seed).slice(day * 96, (day + 1) * 96)];
      const inp = { rules: v.rules, grid: 15, days: 1, startWeekday: ((day % 7) + 1), queues: ['q'], required };
      const built = buildModel(inp, enumerateTypes(inp));
      const s1 = await solveStage1(inp, { solver: highsSolver, timeLimitSeconds: limit, clock: () => performance.now(), fullMipMaxCols: 0 });
      const c0 = cpu();
      const mip = await highsSolver.solve(built.model, { timeLimitSeconds: mipSeconds, mipRelGap: 1e-6 });
      const c1 = cpu();
      const h = s1.objective;
      const best = Math.min(h, mip.status === 'none' ? Infinity : mip.objective);
      const lb = Math.max(s1.lowerBound, mip.bound);
      console.log(
        [
          family.padEnd(10),
          String(peak).padEnd(5),
          String(seed).padStart(4),
          String(built.model.numCols).padStart(6),
          s1.lowerBound.toFixed(2).padStart(9),
          `${h.toFixed(2)} (${pct((h - s1.lowerBound) / h).trim()})`.padStart(17),
          (mip.status === 'none' ? '-' : mip.objective.toFixed(2)).padStart(11),
          mip.bound.toFixed(2).padStart(10),
          (c1 - c0).toFixed(1).padStart(6),
          pct(Math.max(0, lb - s1.lowerBound) / h).padStart(18),
          pct(Math.max(0, h - best) / h).padStart(19),
          loadavg()[0].toFixed(2).padStart(6),
        ].join('  '),
      );
    }
