/**
 * A valid lower bound on the stage-1 optimum from any non-negative coverage prices (LP duality /
 * Lagrangian relaxation of the coverage rows), computed in one pass over the shift types.
 *
 * Stage 1: min sum_j paid_j x_j + P sum_qt u_qt  s.t.  cover_qt(x, b) + u_qt >= r_qt, 0 <= u_qt <= r_qt,
 * each shift of type j takes each break k at one allowed position. Relaxing the coverage rows with
 * prices y_qt >= 0 gives, for every feasible (x, b, u) (integer or not),
 *   objective >= sum_qt r_qt y_qt + sum_j x_j (paid_j - g_j(y)) + sum_qt u_qt (P - y_qt),
 *   g_j(y) = sum_{t worked by j} y_qt - sum_k min_p sum_{t in break k at p} y_qt   (>= 0),
 * because a shift of type j with its breaks covers exactly the worked slots minus its break slots
 * and the best break positions for the relaxation are the cheapest ones. If every reduced cost
 * paid_j - g_j(y) >= 0 then, as x, u >= 0 and u_qt <= r_qt,
 *   objective >= L(y) = sum_qt r_qt min(y_qt, P).
 * g_j is positively homogeneous, so prices scaled by alpha = min(1, min_j paid_j / g_j(y)) satisfy
 * that condition: L(alpha y) is a proven lower bound for ANY y >= 0. With y = the optimal LP duals of
 * the coverage rows, L(y) equals the LP bound (strong duality); with duals of smaller LPs (one per
 * day) it is a cheaper, slightly weaker bound. Capacity rows (named agents) are simply dropped:
 * removing constraints can only lower the minimum, so the bound stays valid.
 * Reference: Geoffrion (1974), "Lagrangean relaxation for integer programming", Math. Prog. Study 2.
 *
 * Also here: where the prices come from (constant prices that need no LP, one LP per queue
 * (queueLps), one LP per day window (windowLps)) and the rounding of a bound up to the cost grain.
 */
import type { MipSolver } from '../lp.js';
import { buildModel, type Built, type ShiftType, type Stage1Input } from './model.js';

/** g_j(y) of one shift type (see the file comment). */
export function shiftValue(ty: ShiftType, y: Float64Array, T: number): number {
  let work = 0;
  const end = Math.min(T, ty.s0 + ty.len);
  for (let t = ty.s0; t < end; t++) work += y[t];
  let breaks = 0;
  for (const b of ty.brk) {
    let best = Infinity;
    for (const o of b.offs) {
      let s = 0;
      for (let t = ty.s0 + o; t < Math.min(T, ty.s0 + o + b.len); t++) s += y[t];
      if (s < best) best = s;
    }
    breaks += best === Infinity ? 0 : best;
  }
  return work - breaks;
}

/**
 * Repairs prices so that every shift type prices out (paid_j >= g_j(y)), lowering the prices on the
 * worked slots of a violating type by its ratio, a few rounds; then applies the global scaling that
 * makes the bound valid whatever is left. Returns the repaired (scaled) prices, a new array per queue.
 */
export function repairPrices(types: ShiftType[], y: Float64Array[], T: number, rounds = 6): Float64Array[] {
  const z = y.map((a) => Float64Array.from(a, (v) => Math.max(0, v)));
  for (let round = 0; round < rounds; round++) {
    let worst = 1;
    for (const ty of types) {
      const g = shiftValue(ty, z[ty.q], T);
      if (g <= ty.paid * (1 + 1e-12)) continue;
      const f = ty.paid / g;
      worst = Math.min(worst, f);
      const a = z[ty.q];
      for (let t = ty.s0; t < Math.min(T, ty.s0 + ty.len); t++) a[t] *= f;
    }
    if (worst >= 1 - 1e-12) break;
  }
  let alpha = 1;
  for (const ty of types) {
    const g = shiftValue(ty, z[ty.q], T);
    if (g > 0) alpha = Math.min(alpha, ty.paid / g);
  }
  if (alpha < 1) for (const a of z) for (let t = 0; t < a.length; t++) a[t] *= alpha;
  return z;
}

/** L(y) for prices that already price out every type: sum r_qt min(y_qt, P). */
export function lagrangianValue(required: number[][], y: Float64Array[], penalty: number): number {
  let s = 0;
  required.forEach((r, q) => {
    for (let t = 0; t < r.length; t++) if (r[t] > 0) s += r[t] * Math.min(y[q][t], penalty);
  });
  return s;
}

/**
 * The proven lower bound from arbitrary prices: repair (see repairPrices), then L. Also returns the
 * repaired prices.
 */
export function priceBound(types: ShiftType[], required: number[][], y: Float64Array[], penalty: number): { bound: number; prices: Float64Array[] } {
  const T = required[0]?.length ?? 0;
  const prices = repairPrices(types, y, T);
  return { bound: lagrangianValue(required, prices, penalty), prices };
}

/** Smallest positive cost unit of the objective (hours), when the objective is on a grid; else 0. */
export function costGrain(inp: Stage1Input): number {
  const ints = inp.required.every((r) => r.every((v) => Number.isInteger(v)));
  if (!ints) return 0;
  const mins = inp.rules.shifts.map((t) => t.paidMinutes);
  const penMin = inp.rules.understaffPenaltyHours * 60;
  if (!Number.isInteger(penMin)) return 0;
  mins.push(penMin);
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const g = mins.reduce((a, b) => gcd(a, b), 0);
  return g / 60;
}

/** Rounds a valid lower bound up to the objective grain (tolerance 1e-6 relative). */
export function roundBound(lb: number, grain: number): number {
  if (!(grain > 0) || !Number.isFinite(lb)) return lb;
  return Math.ceil((lb - 1e-6 * Math.max(1, Math.abs(lb))) / grain) * grain;
}

/** Slots of context on each side of a day window: the longest template, so every shift type that
 *  touches the day is a column and every slot it touches is a row. */
function windowMargin(inp: Stage1Input): number {
  return Math.ceil(Math.max(...inp.rules.shifts.map((t) => t.minutes)) / inp.grid);
}

/**
 * Day-window LPs: for each day d, the LP relaxation over the shift types starting in
 * [day start - margin, day end) with coverage rows for the slots [day start - margin, day end + margin)
 * (margin = longest shift). Its coverage duals on day d's own slots, stitched over the days, are
 * prices for priceBound above (valid whatever their quality); its values of the types starting
 * on day d, stitched, are a fractional point of the week model for rounding. Returns null when a
 * window LP fails or time runs out.
 */
export async function windowLps(inp: Stage1Input, types: ShiftType[], built: Built, solver: MipSolver, left: () => number, log: (m: string) => void = () => {}): Promise<{ x: Float64Array; prices: Float64Array[] } | null> {
  const S = 1440 / inp.grid;
  const T = (inp.days * 1440) / inp.grid;
  const M = windowMargin(inp);
  const x = new Float64Array(built.model.numCols);
  const prices = inp.queues.map(() => new Float64Array(T));
  for (let d = 0; d < inp.days; d++) {
    if (left() <= 0.2) return null;
    const lo = Math.max(0, d * S - M);
    const hi = Math.min(T, (d + 1) * S + M);
    const idx: number[] = [];
    types.forEach((ty, j) => {
      if (ty.s0 >= lo && ty.s0 < (d + 1) * S) idx.push(j);
    });
    const req = inp.required.map((r) => r.map((v, t) => (t >= lo && t < hi ? v : 0)));
    const sub = buildModel({ ...inp, required: req, capacity: undefined }, idx.map((j) => types[j]));
    const lp = await solver.solve(sub.model, { relax: true, lpMethod: 'ipm', crossover: false, ipmTolerance: 1e-6, timeLimitSeconds: Math.max(0.3, left() * 0.6) });
    if (!lp.x || !lp.rowDual) {
      log(`day window ${d}: LP ${lp.status} (${sub.model.numCols} columns), ${left().toFixed(2)} s left`);
      return null;
    }
    for (let q = 0; q < inp.queues.length; q++)
      for (let t = d * S; t < Math.min(T, (d + 1) * S); t++) {
        const row = sub.covRow[q][t];
        if (row >= 0) prices[q][t] = Math.max(0, lp.rowDual[row]);
      }
    idx.forEach((j, i) => {
      if (types[j].day !== d) return;
      x[built.xCol[j]] = lp.x![sub.xCol[i]];
      sub.bCol[i].forEach((ps, k) => ps.forEach((c, p) => (x[built.bCol[j][k][p]] = lp.x![c])));
    });
  }
  return { x, prices };
}

/**
 * Per queue the constant price c_q = the least paid hours per worked slot over its shift types, on
 * every slot: it prices every type out (g_j = c_q x worked slots <= paid_j), so priceBound proves
 * sum r_qt min(c_q, P) with it; 0 for a queue without types.
 */
export function constantPrices(inp: Stage1Input, types: ShiftType[]): Float64Array[] {
  const T = (inp.days * 1440) / inp.grid;
  const c = inp.queues.map(() => Infinity);
  for (const ty of types) {
    const worked = Math.min(T, ty.s0 + ty.len) - ty.s0 - ty.brk.reduce((a, b) => a + b.len, 0);
    if (worked > 0) c[ty.q] = Math.min(c[ty.q], ty.paid / worked);
  }
  return inp.queues.map((_, q) => new Float64Array(T).fill(Number.isFinite(c[q]) ? c[q] : 0));
}

/**
 * One LP relaxation per queue (its shift types, its coverage rows, no capacity rows), by interior
 * point: coverage duals as prices for priceBound and the values as a fractional point of
 * the full model for rounding. A queue whose LP does not finish in its share of `budget()` seconds
 * keeps the constant price c_q of the always-available bound (see solveStage1) and no values.
 */
export async function queueLps(inp: Stage1Input, types: ShiftType[], built: Built, solver: MipSolver, budget: () => number, log: (m: string) => void = () => {}): Promise<{ x: Float64Array; prices: Float64Array[]; solved: number }> {
  const T = (inp.days * 1440) / inp.grid;
  const x = new Float64Array(built.model.numCols);
  const prices = constantPrices(inp, types);
  const total = budget();
  let solved = 0;
  // smallest requirement first: the first solve in a process also pays HiGHS's WebAssembly warm-up,
  // and what the small queues leave of the budget goes to the large ones
  const volume = inp.required.map((r) => r.reduce((a, b) => a + b, 0));
  const order = inp.queues.map((_, q) => q).sort((a, b) => volume[a] - volume[b]);
  for (let n = 0; n < order.length; n++) {
    const q = order[n];
    const share = Math.max(0.3, budget() / (order.length - n));
    if (budget() <= 0.2 && n > 0) break;
    const idx: number[] = [];
    types.forEach((ty, j) => {
      if (ty.q === q) idx.push(j);
    });
    if (idx.length === 0) continue;
    const sub = buildModel({ ...inp, queues: [inp.queues[q]], required: [inp.required[q]], capacity: undefined }, idx.map((j) => ({ ...types[j], q: 0 })));
    const lp = await solver.solve(sub.model, { relax: true, lpMethod: 'ipm', crossover: false, ipmTolerance: 1e-6, timeLimitSeconds: share });
    if (!lp.x || !lp.rowDual) {
      log(`queue ${inp.queues[q]}: LP ${lp.status} (${sub.model.numCols} columns) in ${share.toFixed(2)} s of ${total.toFixed(2)}`);
      continue;
    }
    solved++;
    for (let t = 0; t < T; t++) {
      const row = sub.covRow[0][t];
      prices[q][t] = row >= 0 ? Math.max(0, lp.rowDual[row]) : 0;
    }
    idx.forEach((j, i) => {
      x[built.xCol[j]] = lp.x![sub.xCol[i]];
      sub.bCol[i].forEach((ps, k) => ps.forEach((col, p) => (x[built.bCol[j][k][p]] = lp.x![col])));
    });
  }
  return { x, prices, solved };
}
