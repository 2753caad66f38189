/**
 * Where a roster's gap comes from, measured with the week LP's coverage duals (bench/roster.ts
 * --decompose). With prices y >= 0 that price out every shift type (repaired as the solver's bound
 * does, src/solver/stage1/bounds.ts, and capped at the penalty P), the objective of any roster splits
 * exactly into
 *   objective = L(y)                                   the Lagrangian bound sum_t r_t y_t
 *             + sum_shifts (paid - g(y))              shift types that are dear at these prices
 *             + sum_shifts (g(y) - g_placed(y))       breaks not at their cheapest position
 *             + sum_t y_t (staffed_t - r_t)^+          priced over-coverage
 *             + sum_t (r_t - staffed_t)^+ (P - y_t)    understaffing beyond its price
 * where g(y) is the value of the shift's worked slots with its breaks at their cheapest positions and
 * g_placed(y) with its breaks where they are. With the exact LP duals L(y) is the LP bound; the
 * other terms are what the integer roster loses against the LP, each >= 0.
 */
import { highsSolver, type Requirements, type Roster, type RosterRules } from '../src/solver/index.js';
import { priceBound, shiftValue } from '../src/solver/stage1/bounds.js';
import { buildModel, enumerateTypes, type Stage1Input } from '../src/solver/stage1/index.js';

export interface GapParts {
  bound: number;
  dearShifts: number;
  breaks: number;
  surplus: number;
  short: number;
  /** objective - (the five terms): 0 up to rounding when the roster's figures are exact. */
  residual: number;
  /** Surplus hours (unpriced) and priced surplus by slot price: y = 0, 0 < y < paid/slot, above. */
  surplusHours: number;
}

/** Decomposes `roster`'s objective (one queue, grid = requirement grid) with the week LP's duals. */
export async function decomposeGap(rules: RosterRules, req: Requirements, roster: Roster): Promise<GapParts> {
  const grid = roster.intervalMinutes;
  const queues = req.queues.map((q) => q.queue);
  const required = req.queues.map((q) => q.required);
  const inp: Stage1Input = { rules, grid, days: req.days, startWeekday: req.startWeekday, queues, required };
  const types = enumerateTypes(inp, true);
  const lpTypes = enumerateTypes(inp);
  const built = buildModel(inp, lpTypes);
  const lp = await highsSolver.solve(built.model, { relax: true, lpMethod: 'ipm', crossover: true });
  if (!lp.rowDual) throw new Error(`week LP ${lp.status}`);
  const T = required[0].length;
  const P = rules.understaffPenaltyHours;
  const y = queues.map((_, q) => Float64Array.from({ length: T }, (_, t) => (built.covRow[q][t] >= 0 ? Math.max(0, lp.rowDual![built.covRow[q][t]]) : 0)));
  const prices = priceBound(lpTypes, required, y, P).prices.map((a) => a.map((v) => Math.min(v, P)));
  const index = new Map(types.map((ty, j) => [`${ty.q} ${rules.shifts[ty.tpl].id} ${ty.start}`, j]));
  const parts: GapParts = { bound: 0, dearShifts: 0, breaks: 0, surplus: 0, short: 0, residual: 0, surplusHours: 0 };
  required.forEach((r, q) => r.forEach((v, t) => (parts.bound += v * prices[q][t])));
  for (const s of roster.shifts) {
    const q = queues.indexOf(s.queue);
    const ty = types[index.get(`${q} ${s.template} ${s.start}`) as number];
    const z = prices[q];
    const g = shiftValue(ty, z, T);
    let placed = 0;
    for (let t = ty.s0; t < Math.min(T, ty.s0 + ty.len); t++) placed += z[t];
    for (const b of s.breaks) for (let t = b.start / grid; t < Math.min(T, b.end / grid); t++) placed -= z[t];
    parts.dearShifts += ty.paid - g;
    parts.breaks += g - placed;
  }
  for (const c of roster.coverage) {
    const q = queues.indexOf(c.queue);
    const z = prices[q][c.interval];
    if (c.scheduled > c.required) {
      parts.surplus += z * (c.scheduled - c.required);
      parts.surplusHours += ((c.scheduled - c.required) * grid) / 60;
    } else parts.short += (c.required - c.scheduled) * (P - z);
  }
  parts.residual = roster.objective - (parts.bound + parts.dearShifts + parts.breaks + parts.surplus + parts.short);
  return parts;
}
