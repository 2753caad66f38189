/**
 * Stage 1: the working integer solution (placed shifts and staffed counts per queue and slot), its
 * capacity usage, the best break offsets of a shift, the exact objective change of adding a shift
 * (addDelta, addDeltaAt), and the conversions between a Solution and the model's columns (rounding
 * of an LP point, MIP warm starts and MIP results).
 */
import type { Built, ShiftType, Stage1Input } from './model.js';

/** Working state of an integer solution: placed shifts and staffed counts per queue and slot. */
export class Solution {
  staffed: Int32Array[];
  shifts: { j: number; offs: number[] }[] = [];
  constructor(
    readonly inp: Stage1Input,
    readonly types: ShiftType[],
  ) {
    const T = (inp.days * 1440) / inp.grid;
    this.staffed = inp.queues.map(() => new Int32Array(T));
  }
  get T(): number {
    return this.staffed[0]?.length ?? 0;
  }
  apply(j: number, offs: number[], sign: 1 | -1): void {
    const ty = this.types[j];
    const st = this.staffed[ty.q];
    const T = this.T;
    for (let t = ty.s0; t < Math.min(T, ty.s0 + ty.len); t++) st[t] += sign;
    ty.brk.forEach((b, k) => {
      for (let t = ty.s0 + offs[k]; t < Math.min(T, ty.s0 + offs[k] + b.len); t++) st[t] -= sign;
    });
  }
  add(j: number, offs: number[]): void {
    this.apply(j, offs, 1);
    this.shifts.push({ j, offs });
  }
  objective(): number {
    let paid = 0;
    for (const s of this.shifts) paid += this.types[s.j].paid;
    return paid + this.inp.rules.understaffPenaltyHours * this.short();
  }
  short(): number {
    let u = 0;
    this.inp.required.forEach((r, q) => {
      const st = this.staffed[q];
      for (let t = 0; t < r.length; t++) if (r[t] > st[t]) u += r[t] - st[t];
    });
    return u;
  }
  /** Capacity usage check for adding type j. */
  capacityAllows(j: number, usage: CapUsage): boolean {
    const cap = this.inp.capacity;
    if (!cap) return true;
    const ty = this.types[j];
    if (cap.perDay && usage.day[ty.day] + 1 > cap.perDay[ty.day]) return false;
    if (cap.perQueueDay && usage.qDay[ty.q][ty.day] + 1 > cap.perQueueDay[ty.q][ty.day]) return false;
    if (cap.totalShifts !== undefined && usage.total + 1 > cap.totalShifts) return false;
    if (cap.totalPaidHours !== undefined && usage.hours + ty.paid > cap.totalPaidHours + 1e-9) return false;
    return true;
  }
}

interface CapUsage {
  day: number[];
  qDay: number[][];
  total: number;
  hours: number;
}

export function usageOf(sol: Solution): CapUsage {
  const inp = sol.inp;
  const u: CapUsage = { day: new Array(inp.days).fill(0), qDay: inp.queues.map(() => new Array(inp.days).fill(0)), total: 0, hours: 0 };
  for (const s of sol.shifts) {
    const ty = sol.types[s.j];
    u.day[ty.day]++;
    u.qDay[ty.q][ty.day]++;
    u.total++;
    u.hours += ty.paid;
  }
  return u;
}

/** Best break offsets for type j given current staffing (breaks where the surplus is largest). */
export function bestOffsets(sol: Solution, j: number): number[] {
  const ty = sol.types[j];
  const st = sol.staffed[ty.q];
  const r = sol.inp.required[ty.q];
  const T = sol.T;
  return ty.brk.map((b) => {
    let best = b.offs[0];
    let bestScore = -Infinity;
    for (const o of b.offs) {
      // score: minimum surplus (staffed - required) over the break slots, ties to the larger total
      let mn = Infinity;
      let sum = 0;
      for (let t = ty.s0 + o; t < Math.min(T, ty.s0 + o + b.len); t++) {
        const s = st[t] - r[t];
        mn = Math.min(mn, s);
        sum += s;
      }
      if (mn === Infinity) mn = 1e9;
      const score = mn * 1000 + sum;
      if (score > bestScore) {
        bestScore = score;
        best = o;
      }
    }
    return best;
  });
}

/** Change of the objective when one shift of type j is added with its best break offsets on the
 *  current staffing: paid_j - P x (short slots it removes). */
export function addDelta(sol: Solution, j: number): { delta: number; offs: number[] } {
  const ty = sol.types[j];
  const st = sol.staffed[ty.q];
  const r = sol.inp.required[ty.q];
  const T = sol.T;
  const end = Math.min(T, ty.s0 + ty.len);
  let gain = 0;
  for (let t = ty.s0; t < end; t++) if (r[t] > st[t]) gain++;
  for (let t = ty.s0; t < end; t++) st[t]++;
  const offs = bestOffsets(sol, j);
  for (let t = ty.s0; t < end; t++) st[t]--;
  let lost = 0;
  ty.brk.forEach((b, k) => {
    for (let t = ty.s0 + offs[k]; t < Math.min(T, ty.s0 + offs[k] + b.len); t++) if (r[t] > st[t]) lost++;
  });
  return { delta: ty.paid - sol.inp.rules.understaffPenaltyHours * (gain - lost), offs };
}

/** Short slots (r > staffed) of type ty's queue over its span: P x this bounds the gain of adding it. */
export function shortIn(sol: Solution, ty: ShiftType): number {
  const st = sol.staffed[ty.q];
  const r = sol.inp.required[ty.q];
  const end = Math.min(sol.T, ty.s0 + ty.len);
  let g = 0;
  for (let t = ty.s0; t < end; t++) if (r[t] > st[t]) g++;
  return g;
}

/** Same as addDelta for given break offsets. */
export function addDeltaAt(sol: Solution, j: number, offs: number[]): number {
  const ty = sol.types[j];
  const st = sol.staffed[ty.q];
  const r = sol.inp.required[ty.q];
  const T = sol.T;
  let gain = 0;
  for (let t = ty.s0; t < Math.min(T, ty.s0 + ty.len); t++) if (r[t] > st[t]) gain++;
  ty.brk.forEach((b, k) => {
    for (let t = ty.s0 + offs[k]; t < Math.min(T, ty.s0 + offs[k] + b.len); t++) if (r[t] > st[t]) gain--;
  });
  return ty.paid - sol.inp.rules.understaffPenaltyHours * gain;
}

/** Rounds an LP solution: x_j down, or up when its fraction is at least theta; breaks by largest remainder of b_jkp / x_j. */
export function roundLp(b: Built, x: Float64Array, sol: Solution, theta = 1): void {
  const { types, xCol, bCol } = b;
  const usage = sol.inp.capacity ? usageOf(sol) : null;
  for (let j = 0; j < types.length; j++) {
    const v = x[xCol[j]];
    const fl = Math.floor(v + 1e-6);
    const n = fl + (v - fl >= theta - 1e-9 && v - fl > 1e-6 ? 1 : 0);
    if (n <= 0) continue;
    const perBreak = types[j].brk.map((br, k) => {
      const w = br.offs.map((_, p) => Math.max(0, x[bCol[j][k][p]]));
      const tot = w.reduce((s, a) => s + a, 0) || 1;
      const share = w.map((a) => (a / tot) * n);
      const cnt = share.map((a) => Math.floor(a + 1e-9));
      let left = n - cnt.reduce((s, a) => s + a, 0);
      const rem = share.map((a, p) => ({ p, f: a - cnt[p] })).sort((p1, p2) => p2.f - p1.f);
      for (let i = 0; left > 0; i = (i + 1) % rem.length, left--) cnt[rem[i].p]++;
      const list: number[] = [];
      cnt.forEach((c, p) => {
        for (let i = 0; i < c; i++) list.push(br.offs[p]);
      });
      return list;
    });
    for (let i = 0; i < n; i++) {
      // capacity rows (named agents) may not be in the LP that gave x (per-queue LPs drop them)
      if (usage && !sol.capacityAllows(j, usage)) break;
      sol.add(j, perBreak.map((l) => l[i]));
      if (usage) {
        const ty = types[j];
        usage.day[ty.day]++;
        usage.qDay[ty.q][ty.day]++;
        usage.total++;
        usage.hours += ty.paid;
      }
    }
  }
}

/** Column values of an integer solution (for warm starts). */
export function toColumns(b: Built, sol: Solution): Float64Array {
  const x = new Float64Array(b.model.numCols);
  for (const s of sol.shifts) {
    x[b.xCol[s.j]]++;
    const ty = b.types[s.j];
    ty.brk.forEach((br, k) => {
      x[b.bCol[s.j][k][br.offs.indexOf(s.offs[k])]]++;
    });
  }
  sol.inp.queues.forEach((_, q) => {
    const st = sol.staffed[q];
    const r = sol.inp.required[q];
    for (let t = 0; t < st.length; t++) {
      x[b.sCol[q][t]] = st[t];
      if (b.uCol[q][t] >= 0) x[b.uCol[q][t]] = Math.max(0, r[t] - st[t]);
    }
  });
  return x;
}

export function fromColumns(b: Built, x: Float64Array, sol: Solution): void {
  for (let j = 0; j < b.types.length; j++) {
    const n = Math.round(x[b.xCol[j]]);
    if (n <= 0) continue;
    const lists = b.types[j].brk.map((br, k) => {
      const l: number[] = [];
      br.offs.forEach((o, p) => {
        const c = Math.round(x[b.bCol[j][k][p]]);
        for (let i = 0; i < c; i++) l.push(o);
      });
      return l;
    });
    for (let i = 0; i < n; i++) sol.add(j, lists.map((l, k) => l[i] ?? b.types[j].brk[k].offs[0]));
  }
}
