/**
 * Stage 1: re-pairing moves of two overlapping shifts of one queue (pairSearch). A single-shift move
 * (heuristics.ts) cannot turn an early long shift and a late short one into an early short one and a
 * late long one when no single change pays; this move does, keeping the starts and ends (so the
 * coverage of working time) and changing only the paid hours and the break positions.
 */
import type { ShiftType } from './model.js';
import { repairBreaks } from './repair.js';
import { bestOffsets, type Solution } from './solution.js';

/** typeAt(q, s0, lenSlots) -> type index or -1. */
export function typeIndex(types: ShiftType[]): (q: number, s0: number, len: number) => number {
  const m = new Map<string, number>();
  types.forEach((ty, j) => m.set(`${ty.q} ${ty.s0} ${ty.len}`, j));
  return (q, s0, len) => m.get(`${q} ${s0} ${len}`) ?? -1;
}

/**
 * For shifts A = [a1, a2) and B = [b1, b2) of one queue with a1 <= b1 <= a2: replace them by
 * [a1, b2) and [b1, a2) (the same starts and ends paired the other way; when b1 = a2 the second is
 * empty: a merge), when those are shift types; breaks of the new shifts at their best positions.
 * Kept when the objective goes down, or stays equal with probability `plateau`, or when the paid
 * hours go down and repairBreaks covers the at most repairK new short slots by moving other shifts'
 * breaks. Shifts per day and in total never go up (the new shifts start where the old ones did); a
 * move that adds paid hours is not taken under a paid-hours capacity. Returns the moves kept.
 */
export function pairSearch(sol: Solution, at: (q: number, s0: number, len: number) => number, deadline: () => boolean, plateau: number, rand: () => number, repairK: number): number {
  const types = sol.types;
  const T = sol.T;
  const P = sol.inp.rules.understaffPenaltyHours;
  const paidCap = sol.inp.capacity?.totalPaidHours !== undefined;
  let kept = 0;
  const order = sol.shifts.map((_, i) => i).sort((x, y) => types[sol.shifts[x].j].s0 - types[sol.shifts[y].j].s0);
  const removed = new Uint8Array(sol.shifts.length);
  const added: { j: number; offs: number[] }[] = [];
  const shortIn = (q: number, lo: number, hi: number) => {
    const st = sol.staffed[q];
    const r = sol.inp.required[q];
    let u = 0;
    for (let t = Math.max(0, lo); t < Math.min(T, hi); t++) if (r[t] > st[t]) u += r[t] - st[t];
    return u;
  };
  for (let x = 0; x < order.length; x++) {
    if ((x & 15) === 0 && deadline()) break;
    const ia = order[x];
    if (removed[ia]) continue;
    for (let y = x + 1; y < order.length; y++) {
      const ib = order[y];
      if (removed[ia]) break;
      if (removed[ib]) continue;
      const A = sol.shifts[ia];
      const B = sol.shifts[ib];
      const ta = types[A.j];
      const tb = types[B.j];
      if (tb.s0 > ta.s0 + ta.len) break;
      if (ta.q !== tb.q) continue;
      const a1 = ta.s0;
      const a2 = ta.s0 + ta.len;
      const b1 = tb.s0;
      const b2 = tb.s0 + tb.len;
      if (b2 === a2 || b1 === a1) continue;
      const j1 = at(ta.q, a1, b2 - a1);
      if (j1 < 0) continue;
      const j2 = a2 > b1 ? at(ta.q, b1, a2 - b1) : a2 === b1 ? -2 : -1;
      if (j2 === -1) continue;
      const lo = a1;
      const hi = Math.max(a2, b2);
      const before = shortIn(ta.q, lo, hi);
      const paid0 = ta.paid + tb.paid;
      sol.apply(A.j, A.offs, -1);
      sol.apply(B.j, B.offs, -1);
      const st = sol.staffed[ta.q];
      const news = j2 >= 0 ? [j1, j2] : [j1];
      for (const j of news) for (let t = types[j].s0; t < Math.min(T, types[j].s0 + types[j].len); t++) st[t]++;
      const offs = news.map((j) => {
        const o = bestOffsets(sol, j);
        types[j].brk.forEach((b, k) => {
          for (let t = types[j].s0 + o[k]; t < Math.min(T, types[j].s0 + o[k] + b.len); t++) st[t]--;
        });
        return o;
      });
      const dShort = shortIn(ta.q, lo, hi) - before;
      const dPaid = news.reduce((s, j) => s + types[j].paid, 0) - paid0;
      let ok = (dPaid <= 1e-9 || !paidCap) && (dPaid + P * dShort < -1e-9 || (Math.abs(dPaid + P * dShort) <= 1e-9 && rand() < plateau));
      if (!ok && dPaid < -1e-9 && dShort > 0 && dShort <= repairK) {
        // new shifts are not in sol.shifts yet: repairBreaks moves other shifts' breaks only
        removed[ia] = 1;
        removed[ib] = 1;
        ok = repairBreaks(sol, ta.q, lo, Math.min(T, hi), -1, removed, 1);
        removed[ia] = 0;
        removed[ib] = 0;
      }
      if (ok) {
        removed[ia] = 1;
        removed[ib] = 1;
        news.forEach((j, k) => added.push({ j, offs: offs[k] }));
        kept++;
        break;
      }
      news.forEach((j, k) => sol.apply(j, offs[k], -1));
      sol.apply(A.j, A.offs, 1);
      sol.apply(B.j, B.offs, 1);
    }
  }
  if (kept > 0) sol.shifts = sol.shifts.filter((_, i) => !removed[i]).concat(added);
  return kept;
}
