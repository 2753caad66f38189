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
 */
import type { ShiftType } from './stage1/index.js';

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
