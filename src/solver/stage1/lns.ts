/**
 * Stage 1 large-neighbourhood search: the shifts starting in a window of slots re-solved as a MIP with
 * everything else fixed (startWindowMip); solveStage1 slides the window over the horizon.
 */
import type { MipSolver } from '../lp.js';
import { buildModel, type Stage1Capacity, type Stage1Input } from './model.js';
import { fromColumns, Solution, toColumns, usageOf } from './solution.js';

/** Status of the last window MIP (progress trace only; solveStage1 reads it, a live ESM binding). */
export let lastWindowStatus = '';

/**
 * Re-optimises the shifts that start in slots [a, b) with everything else fixed: a MIP on the
 * residual requirement (r - staffing of the fixed shifts) over the shift types starting there,
 * warm-started from the current shifts of the window. Replaces them when the MIP finds a cheaper set
 * (a large-neighbourhood step; Shaw 1998). Returns whether it improved.
 */
export async function startWindowMip(sol: Solution, a: number, b: number, solver: MipSolver, seconds: number): Promise<boolean> {
  const inp = sol.inp;
  const T = sol.T;
  const winJ: number[] = [];
  const inside = (j: number) => sol.types[j].s0 >= a && sol.types[j].s0 < b;
  sol.types.forEach((_, j) => {
    if (inside(j)) winJ.push(j);
  });
  if (winJ.length === 0) return false;
  const inWin = sol.shifts.filter((s) => inside(s.j));
  const fixed = sol.shifts.filter((s) => !inside(s.j));
  // staffing of the fixed shifts
  const fixedSol = new Solution(inp, sol.types);
  for (const s of fixed) fixedSol.add(s.j, s.offs);
  // residual requirement restricted to slots the window can reach
  const reach = inp.queues.map(() => new Uint8Array(T));
  for (const j of winJ) {
    const ty = sol.types[j];
    for (let t = ty.s0; t < Math.min(T, ty.s0 + ty.len); t++) reach[ty.q][t] = 1;
  }
  const residual = inp.required.map((r, q) => r.map((v, t) => (reach[q][t] ? Math.max(0, v - fixedSol.staffed[q][t]) : 0)));
  let capacity: Stage1Capacity | undefined;
  if (inp.capacity) {
    const u = usageOf(fixedSol);
    const c = inp.capacity;
    capacity = {
      perDay: c.perDay?.map((v, i) => v - u.day[i]),
      perQueueDay: c.perQueueDay?.map((row, q) => row.map((v, i) => v - u.qDay[q][i])),
      totalShifts: c.totalShifts === undefined ? undefined : c.totalShifts - u.total,
      totalPaidHours: c.totalPaidHours === undefined ? undefined : c.totalPaidHours - u.hours,
    };
  }
  const subInp: Stage1Input = { ...inp, required: residual, capacity };
  const subTypes = winJ.map((j) => sol.types[j]);
  const built = buildModel(subInp, subTypes);
  const local = new Map(winJ.map((j, i) => [j, i]));
  const cur = new Solution(subInp, subTypes);
  for (const s of inWin) cur.add(local.get(s.j) as number, s.offs);
  const before = cur.objective();
  const r = await solver.solve(built.model, { timeLimitSeconds: seconds, start: toColumns(built, cur), mipRelGap: 1e-4 });
  lastWindowStatus = `${r.status} ${built.model.numCols} cols`;
  if (!r.x) return false;
  const next = new Solution(subInp, subTypes);
  fromColumns(built, r.x, next);
  if (next.objective() >= before - 1e-9) return false;
  for (const s of next.shifts) fixedSol.add(winJ[s.j], s.offs);
  sol.shifts = fixedSol.shifts;
  sol.staffed = fixedSol.staffed;
  return true;
}
