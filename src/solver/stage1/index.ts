/**
 * Stage 1, shift scheduling (the input, the model and its formulation: model.ts): solveStage1 and
 * the public surface of this folder.
 *
 * Solution (HiGHS): the week LP by interior point without crossover; its coverage duals are priced
 * into a proven bound (bounds.ts, valid for any prices; day-window LPs when the week LP does not
 * finish) -> rounding of the LP point at a few thresholds (floor / round-up, largest remainder for
 * breaks) -> greedy repair (most short slots covered per paid hour, incremental) -> local search
 * (break moves, drops, single-shift moves to any template/start within 2 h; a move that saves paid
 * hours but leaves a few short slots is completed by ejection chains of other shifts' break moves,
 * repairBreaks) -> a plateau phase
 * (equal-objective shift moves at random plus ruin and recreate) until the target gap, the time, or
 * 25 rounds without gain -> sliding start-time-window MIPs (HiGHS, warm-started) when time is left
 * -> the full MIP on small models. javascript-lp-solver: its LP, then the same heuristics and MIP.
 *
 * Files: model.ts (input, shift types, the LP/MIP model), bounds.ts (the Lagrangian bound and the
 * LPs that price it). The other files never import this one.
 */
import type { MipSolver } from '../lp.js';
import { constantPrices, costGrain, priceBound, queueLps, roundBound, windowLps } from './bounds.js';
import { buildModel, enumerateTypes, type Built, type ShiftType, type Stage1Capacity, type Stage1Input } from './model.js';

export { buildModel, enumerateTypes, estimateStage1Size, withinOpening, type Built, type ShiftType, type Stage1Capacity, type Stage1Input } from './model.js';
export { queueLps, windowLps } from './bounds.js';

/** One placed shift of stage 1 (no agent yet). */
export interface PlacedShift {
  queue: number;
  template: number;
  /** Minutes from the roster start. */
  start: number;
  /** Break start offsets (minutes after the shift start), one per template break. */
  breakOffsets: number[];
}

export interface Stage1Result {
  shifts: PlacedShift[];
  /** Objective of `shifts`: paid hours + penalty x understaffed slots. */
  objective: number;
  /** Proven lower bound on the stage-1 optimum (LP or MIP dual bound, rounded up to the cost grain). */
  lowerBound: number;
  lpBound: number;
  /** Column and row counts of the full model. */
  size: { cols: number; rows: number; shiftTypes: number };
  /** Solver that produced the bound (and MIP improvements). */
  solverUsed: string;
  /** Which step produced the final shifts. */
  method: 'mip' | 'rounding' | 'rounding+mip';
}

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

function usageOf(sol: Solution): CapUsage {
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

/** Greedy repair: add shifts while some addition lowers the objective (max saving per paid hour). */
function greedyAdd(sol: Solution, candidates: number[], deadline: () => boolean = () => false): void {
  const pen = sol.inp.rules.understaffPenaltyHours;
  const T = sol.T;
  const usage = usageOf(sol);
  // ratio[i] of candidate i depends only on the staffing of its own queue over its own span, so after
  // an addition only the candidates overlapping the added shift are re-evaluated (same choices as a
  // full scan, far fewer evaluations)
  const ratio = new Float64Array(candidates.length);
  const offsOf: number[][] = new Array(candidates.length);
  const evaluate = (i: number) => {
    const j = candidates[i];
    const ty = sol.types[j];
    const st = sol.staffed[ty.q];
    const r = sol.inp.required[ty.q];
    ratio[i] = 0;
    let gain = 0;
    const end = Math.min(T, ty.s0 + ty.len);
    for (let t = ty.s0; t < end; t++) if (r[t] > st[t]) gain++;
    if (gain * pen <= ty.paid) return;
    if (!sol.capacityAllows(j, usage)) return;
    // temporarily apply working time only, then choose breaks on the updated staffing
    for (let t = ty.s0; t < end; t++) st[t]++;
    const offs = bestOffsets(sol, j);
    for (let t = ty.s0; t < end; t++) st[t]--;
    let lost = 0;
    ty.brk.forEach((b, k) => {
      for (let t = ty.s0 + offs[k]; t < Math.min(T, ty.s0 + offs[k] + b.len); t++) if (r[t] > st[t]) lost++;
    });
    const net = gain - lost;
    if (net * pen <= ty.paid) return;
    ratio[i] = (net * pen - ty.paid) / ty.paid;
    offsOf[i] = offs;
  };
  for (let i = 0; i < candidates.length; i++) evaluate(i);
  for (let iter = 0; ; iter++) {
    if ((iter & 7) === 7 && deadline()) return;
    let bi = -1;
    let bestRatio = 0;
    for (let i = 0; i < candidates.length; i++)
      if (ratio[i] > bestRatio) {
        bestRatio = ratio[i];
        bi = i;
      }
    if (bi < 0) return;
    const bestJ = candidates[bi];
    if (!sol.capacityAllows(bestJ, usage)) {
      ratio[bi] = 0;
      continue;
    }
    sol.add(bestJ, offsOf[bi]);
    const ty = sol.types[bestJ];
    usage.day[ty.day]++;
    usage.qDay[ty.q][ty.day]++;
    usage.total++;
    usage.hours += ty.paid;
    const a0 = ty.s0;
    const a1 = ty.s0 + ty.len;
    for (let i = 0; i < candidates.length; i++) {
      const c = sol.types[candidates[i]];
      if (c.q === ty.q && c.s0 < a1 && c.s0 + c.len > a0) evaluate(i);
      else if (ratio[i] > 0 && sol.inp.capacity && !sol.capacityAllows(candidates[i], usage)) ratio[i] = 0;
    }
  }
}

/**
 * Local search: re-place each shift's breaks at its best offsets, then drop shifts whose removal
 * does not increase the objective; repeat while something changes.
 */
function localSearch(sol: Solution, deadline: () => boolean): void {
  const pen = sol.inp.rules.understaffPenaltyHours;
  const T = sol.T;
  for (let round = 0; round < 20; round++) {
    let changed = false;
    // break moves
    for (const s of sol.shifts) {
      if (deadline()) return;
      sol.apply(s.j, s.offs, -1);
      const ty = sol.types[s.j];
      const st = sol.staffed[ty.q];
      for (let t = ty.s0; t < Math.min(T, ty.s0 + ty.len); t++) st[t]++;
      const offs = bestOffsets(sol, s.j);
      for (let t = ty.s0; t < Math.min(T, ty.s0 + ty.len); t++) st[t]--;
      if (offs.some((o, k) => o !== s.offs[k])) changed = true;
      s.offs = offs;
      sol.apply(s.j, s.offs, 1);
    }
    // drops: longest paid first
    const order = sol.shifts.map((_, i) => i).sort((a, b) => sol.types[sol.shifts[b].j].paid - sol.types[sol.shifts[a].j].paid);
    const keep = new Array(sol.shifts.length).fill(true);
    for (const i of order) {
      const s = sol.shifts[i];
      const ty = sol.types[s.j];
      const st = sol.staffed[ty.q];
      const r = sol.inp.required[ty.q];
      sol.apply(s.j, s.offs, -1);
      let extra = 0;
      for (let t = ty.s0; t < Math.min(T, ty.s0 + ty.len); t++) {
        // slots where the shift was working and is now short
        let working = true;
        for (let k = 0; k < ty.brk.length; k++) if (t >= ty.s0 + s.offs[k] && t < ty.s0 + s.offs[k] + ty.brk[k].len) working = false;
        if (working && r[t] > st[t]) extra++;
      }
      if (extra * pen < ty.paid) {
        keep[i] = false;
        changed = true;
      } else sol.apply(s.j, s.offs, 1);
    }
    sol.shifts = sol.shifts.filter((_, i) => keep[i]);
    if (!changed) return;
  }
}

/** Change of the objective when one shift of type j is added with its best break offsets on the
 *  current staffing: paid_j - P x (short slots it removes). */
function addDelta(sol: Solution, j: number): { delta: number; offs: number[] } {
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
function shortIn(sol: Solution, ty: ShiftType): number {
  const st = sol.staffed[ty.q];
  const r = sol.inp.required[ty.q];
  const end = Math.min(sol.T, ty.s0 + ty.len);
  let g = 0;
  for (let t = ty.s0; t < end; t++) if (r[t] > st[t]) g++;
  return g;
}

/** Same as addDelta for given break offsets. */
function addDeltaAt(sol: Solution, j: number, offs: number[]): number {
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

/** For each shift type, the types of the same queue starting at most `reach` slots away (any template). */
function neighbourLists(types: ShiftType[], reach: number): Int32Array[] {
  const byQ = new Map<number, number[]>();
  types.forEach((ty, j) => {
    const l = byQ.get(ty.q) ?? [];
    l.push(j);
    byQ.set(ty.q, l);
  });
  for (const l of byQ.values()) l.sort((a, b) => types[a].s0 - types[b].s0);
  return types.map((ty) => {
    const l = byQ.get(ty.q) as number[];
    let lo = 0;
    let hi = l.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (types[l[mid]].s0 < ty.s0 - reach) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < l.length && types[l[i]].s0 <= ty.s0 + reach; i++) out.push(l[i]);
    return Int32Array.from(out);
  });
}

/**
 * Covers every short slot of queue q in [lo, hi) by moving breaks of other shifts out of it, slot by
 * slot: first a break whose other allowed position only lands on slots with a surplus; failing that
 * (with depth > 0) an ejection chain, a break landing on exactly one slot without surplus that is
 * then covered the same way (Glover 1996, "Ejection chains, reference structures and alternating path
 * methods for traveling salesman problems", Discrete Applied Math. 65). Shift `skip` and shifts flagged
 * in `removed` are not touched, nor a shift twice in one chain. Keeps the moves and returns true when
 * every short slot is covered; otherwise restores every break and returns false. Coverage and paid
 * hours of the moved shifts do not change, so a move it completes costs exactly its paid-hours change.
 */
export function repairBreaks(sol: Solution, q: number, lo: number, hi: number, skip: number, removed: Uint8Array, depth = 1): boolean {
  const st = sol.staffed[q];
  const r = sol.inp.required[q];
  const T = sol.T;
  const done: { s: { j: number; offs: number[] }; k: number; old: number }[] = [];
  const locked = new Set<number>();
  const move = (s: { j: number; offs: number[] }, k: number, to: number) => {
    const ty = sol.types[s.j];
    const len = ty.brk[k].len;
    for (let u = ty.s0 + s.offs[k]; u < Math.min(T, ty.s0 + s.offs[k] + len); u++) st[u]++;
    for (let u = ty.s0 + to; u < Math.min(T, ty.s0 + to + len); u++) st[u]--;
    s.offs[k] = to;
  };
  const record = (s: { j: number; offs: number[] }, k: number, to: number) => {
    done.push({ s, k, old: s.offs[k] });
    s.offs = s.offs.slice();
    move(s, k, to);
  };
  // one more agent at slot t by moving a break out of it; with d > 0 the break may land on one slot
  // without surplus, which is then fixed the same way (an ejection chain of break moves)
  const fix = (t: number, d: number): boolean => {
    for (let pass = 0; pass <= (d > 0 ? 1 : 0); pass++)
      for (let i = 0; i < sol.shifts.length; i++) {
        if (i === skip || removed[i] || locked.has(i)) continue;
        const s = sol.shifts[i];
        const ty = sol.types[s.j];
        if (ty.q !== q || t < ty.s0 || t >= ty.s0 + ty.len) continue;
        for (let k = 0; k < ty.brk.length; k++) {
          const b = ty.brk[k];
          const bs = ty.s0 + s.offs[k];
          if (t < bs || t >= bs + b.len) continue;
          for (const o of b.offs) {
            const ns = ty.s0 + o;
            if (t >= ns && t < ns + b.len) continue;
            let deficit = -1;
            let bad = 0;
            for (let u = ns; u < Math.min(T, ns + b.len) && bad < 2; u++)
              if ((u < bs || u >= bs + b.len) && st[u] - r[u] < 1) {
                bad += st[u] - r[u] === 0 ? 1 : 2;
                deficit = u;
              }
            if (bad === 0) {
              record(s, k, o);
              return true;
            }
            if (pass === 1 && bad === 1) {
              const mark = done.length;
              record(s, k, o);
              locked.add(i);
              if (fix(deficit, d - 1)) return true;
              locked.delete(i);
              while (done.length > mark) {
                const m = done.pop() as { s: { j: number; offs: number[] }; k: number; old: number };
                move(m.s, m.k, m.old);
              }
            }
          }
        }
      }
    return false;
  };
  for (let t = lo; t < hi; t++) {
    while (r[t] > st[t]) {
      if (!fix(t, depth)) {
        for (let m = done.length - 1; m >= 0; m--) move(done[m].s, done[m].k, done[m].old);
        return false;
      }
    }
  }
  return true;
}

/**
 * Shift-move local search (a neighbourhood of single-shift replacements): each placed shift is taken
 * out and the cheapest of {itself with re-placed breaks, any type of its queue starting within the
 * neighbour list (other template and/or start), nothing} is put back, measured exactly on the
 * objective (paid hours + P x short slots). Strict improvements are kept; with `plateau` > 0 equal
 * moves to another type are also taken with that probability (a seeded LCG), to leave plateaus.
 * Capacity rows, when present, are respected. Returns whether the objective went down.
 */
function moveSearch(sol: Solution, nbr: Int32Array[], deadline: () => boolean, rounds = 30, plateau = 0, seed = 1, repairK = 0, repairDepth = 1): boolean {
  let rnd = seed >>> 0;
  const rand = () => {
    rnd = (Math.imul(rnd, 1664525) + 1013904223) >>> 0;
    return rnd / 4294967296;
  };
  const usage = usageOf(sol);
  const bump = (j: number, d: number) => {
    const ty = sol.types[j];
    usage.day[ty.day] += d;
    usage.qDay[ty.q][ty.day] += d;
    usage.total += d;
    usage.hours += d * ty.paid;
  };
  let improvedAny = false;
  for (let round = 0; round < rounds; round++) {
    let improved = false;
    const order = sol.shifts.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const k = Math.floor(rand() * (i + 1));
      [order[i], order[k]] = [order[k], order[i]];
    }
    const removed = new Uint8Array(sol.shifts.length);
    let n = 0;
    for (const i of order) {
      if ((++n & 15) === 0 && deadline()) break;
      const s = sol.shifts[i];
      sol.apply(s.j, s.offs, -1);
      bump(s.j, -1);
      const cur = addDeltaAt(sol, s.j, s.offs);
      let best = 0; // drop
      let bestJ = -1;
      let bestOffs: number[] = [];
      let ties = 0;
      const pen = sol.inp.rules.understaffPenaltyHours;
      for (const j of nbr[s.j]) {
        if (j !== s.j && !sol.capacityAllows(j, usage)) continue;
        // exact pruning: the delta is at least paid - P x (short slots the working span covers)
        const ty = sol.types[j];
        if (ty.paid - pen * shortIn(sol, ty) > best + 1e-9) continue;
        const c = addDelta(sol, j);
        if (c.delta < best - 1e-9) {
          best = c.delta;
          bestJ = j;
          bestOffs = c.offs;
          ties = 1;
        } else if (Math.abs(c.delta - best) <= 1e-9 && bestJ >= 0 && rand() * ++ties < 1) {
          bestJ = j;
          bestOffs = c.offs;
        }
      }
      let better = best < cur - 1e-9;
      if (!better && repairK > 0) {
        // cheaper replacements (or the drop) that leave at most repairK short slots, when moving one
        // break of other shifts per short slot covers them all
        const ts = sol.types[s.j];
        const g0 = (ts.paid - cur) / pen;
        const tryRepair = (j: number, offs: number[]) => {
          const lo = j < 0 ? ts.s0 : Math.min(ts.s0, sol.types[j].s0);
          const hi = j < 0 ? ts.s0 + ts.len : Math.max(ts.s0 + ts.len, sol.types[j].s0 + sol.types[j].len);
          if (j >= 0) sol.apply(j, offs, 1);
          const ok = repairBreaks(sol, ts.q, lo, Math.min(sol.T, hi), i, removed, repairDepth);
          if (j >= 0) sol.apply(j, offs, -1);
          return ok;
        };
        let done = false;
        if (g0 >= 1 && g0 <= repairK && tryRepair(-1, [])) {
          bestJ = -1;
          best = 0;
          better = true;
          done = true;
        }
        if (!done) {
          const cands = Array.from(nbr[s.j]).filter((j) => sol.types[j].paid < ts.paid - 1e-9 && (j === s.j || sol.capacityAllows(j, usage)));
          cands.sort((a, b) => sol.types[a].paid - sol.types[b].paid);
          for (const j of cands) {
            const c = addDelta(sol, j);
            const k = Math.round(g0 - (sol.types[j].paid - c.delta) / pen);
            if (k < 1 || k > repairK) continue;
            if (tryRepair(j, c.offs)) {
              bestJ = j;
              bestOffs = c.offs;
              best = c.delta;
              better = true;
              break;
            }
          }
        }
      }
      const sideways = !better && plateau > 0 && bestJ >= 0 && bestJ !== s.j && Math.abs(best - cur) <= 1e-9 && rand() < plateau;
      if (better || sideways) {
        if (better) improved = true;
        if (bestJ < 0) {
          removed[i] = 1;
          continue;
        }
        s.j = bestJ;
        s.offs = bestOffs;
      }
      sol.apply(s.j, s.offs, 1);
      bump(s.j, 1);
    }
    if (removed.some((v) => v === 1)) sol.shifts = sol.shifts.filter((_, i) => !removed[i]);
    if (improved) improvedAny = true;
    if ((!improved && plateau === 0) || deadline()) break;
  }
  return improvedAny;
}

/**
 * Ruin and recreate (Schrimpf et al. 2000, "Record breaking optimization results using the ruin and
 * recreate principle", J. Comput. Phys. 159): take out a random shift and up to `width` - 1 other
 * shifts of its queue starting near it, then add shifts from the neighbour lists of the removed ones
 * greedily (largest net gain per paid hour, as greedyAdd) while an addition lowers the objective.
 * The change is kept when the objective does not go up, else undone. `tries` attempts; returns the
 * objective change (<= 0).
 */
function ruinRecreate(sol: Solution, nbr: Int32Array[], deadline: () => boolean, tries: number, width: number, rand: () => number): number {
  let total = 0;
  for (let attempt = 0; attempt < tries && sol.shifts.length > 0; attempt++) {
    if ((attempt & 15) === 15 && deadline()) break;
    const ai = Math.floor(rand() * sol.shifts.length);
    const a = sol.shifts[ai];
    const ta = sol.types[a.j];
    // the nearest shifts of the same queue by start (random tie order)
    const near: number[] = [];
    sol.shifts.forEach((s, i) => {
      const t = sol.types[s.j];
      if (i !== ai && t.q === ta.q && Math.abs(t.s0 - ta.s0) <= 8 && rand() < 0.7) near.push(i);
    });
    near.sort((x, y) => Math.abs(sol.types[sol.shifts[x].j].s0 - ta.s0) - Math.abs(sol.types[sol.shifts[y].j].s0 - ta.s0));
    const ruin = [ai, ...near.slice(0, width - 1)];
    let delta = 0;
    const usage = usageOf(sol);
    const cand = new Set<number>();
    for (const i of ruin) {
      const s = sol.shifts[i];
      sol.apply(s.j, s.offs, -1);
      delta -= addDeltaAt(sol, s.j, s.offs);
      const ty = sol.types[s.j];
      usage.day[ty.day]--;
      usage.qDay[ty.q][ty.day]--;
      usage.total--;
      usage.hours -= ty.paid;
      for (const j of nbr[s.j]) cand.add(j);
    }
    const added: { j: number; offs: number[] }[] = [];
    for (let k = 0; k < ruin.length + 2; k++) {
      let bestJ = -1;
      let bestR = 0;
      let bestOffs: number[] = [];
      let bestD = 0;
      for (const j of cand) {
        if (!sol.capacityAllows(j, usage)) continue;
        const c = addDelta(sol, j);
        if (c.delta >= -1e-9) continue;
        const ty = sol.types[j];
        const ratio = -c.delta / ty.paid + rand() * 1e-6;
        if (ratio > bestR) {
          bestR = ratio;
          bestJ = j;
          bestOffs = c.offs;
          bestD = c.delta;
        }
      }
      if (bestJ < 0) break;
      sol.apply(bestJ, bestOffs, 1);
      const ty = sol.types[bestJ];
      usage.day[ty.day]++;
      usage.qDay[ty.q][ty.day]++;
      usage.total++;
      usage.hours += ty.paid;
      delta += bestD;
      added.push({ j: bestJ, offs: bestOffs });
    }
    if (delta <= 1e-9) {
      const gone = new Set(ruin);
      sol.shifts = sol.shifts.filter((_, i) => !gone.has(i)).concat(added);
      total += delta;
    } else {
      for (const s of added) sol.apply(s.j, s.offs, -1);
      for (const i of ruin) sol.apply(sol.shifts[i].j, sol.shifts[i].offs, 1);
    }
  }
  return total;
}

/** Rounds an LP solution: x_j down, or up when its fraction is at least theta; breaks by largest remainder of b_jkp / x_j. */
function roundLp(b: Built, x: Float64Array, sol: Solution, theta = 1): void {
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
function toColumns(b: Built, sol: Solution): Float64Array {
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

function fromColumns(b: Built, x: Float64Array, sol: Solution): void {
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

/** Status of the last window MIP (progress trace only; solveStage1 reads it, a live ESM binding). */
let lastWindowStatus = '';

/**
 * Re-optimises the shifts that start in slots [a, b) with everything else fixed: a MIP on the
 * residual requirement (r - staffing of the fixed shifts) over the shift types starting there,
 * warm-started from the current shifts of the window. Replaces them when the MIP finds a cheaper set
 * (a large-neighbourhood step; Shaw 1998). Returns whether it improved.
 */
async function startWindowMip(sol: Solution, a: number, b: number, solver: MipSolver, seconds: number): Promise<boolean> {
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

export interface Stage1Options {
  solver: MipSolver;
  /** Seconds available for stage 1. */
  timeLimitSeconds: number;
  /** Milliseconds clock (monotonic); the caller supplies it (pure module). */
  clock: () => number;
  /** Solve the full MIP when the model has at most this many columns (default 4000). */
  fullMipMaxCols?: number;
  /** Progress trace (for benchmarks). */
  log?: (message: string) => void;
  /** Stop improving once the relative gap is at most this (default 0.005). */
  targetGap?: number;
  /** 'auto' (default): day-window LPs first on large multi-day models, the week LP when time allows;
   *  'week': the week LP only; 'windows': the day-window LPs only. */
  decompose?: 'auto' | 'week' | 'windows';
  /** Smallest model (columns) for which 'auto' uses day windows (default 5000). */
  windowMinCols?: number;
  /** Seconds kept free of local search for the day-window MIPs (default 0). */
  reserveSeconds?: number;
  /** Probability of taking an equal-objective shift move in the plateau phase (default 0.6). */
  plateau?: number;
  /** Shifts taken out per ruin-and-recreate move (default 3; 0 turns the move off). */
  ruin?: number;
  /** Run crossover after the week interior-point LP (a vertex to round from; slower). Default false. */
  crossover?: boolean;
  /** Width (slots of start times) of the MIP neighbourhoods after local search; 0: none (default 16). */
  lnsSlots?: number;
  /** Shift moves that save paid hours but leave at most this many short agent-slots are completed by
   *  moving other shifts' breaks out of those slots (repairBreaks); 0 turns it off. Default 6. */
  breakRepair?: number;
}

/**
 * Solves stage 1: see the file comment. The lower bound is the LP relaxation optimum (or a better
 * MIP dual bound), rounded up to the grain of the objective (gcd of paid minutes and penalty).
 */
export async function solveStage1(inp: Stage1Input, opt: Stage1Options): Promise<Stage1Result> {
  const t0 = opt.clock();
  const left = () => opt.timeLimitSeconds - (opt.clock() - t0) / 1000;
  const types = enumerateTypes(inp);
  const built = buildModel(inp, types);
  const size = { cols: built.model.numCols, rows: built.model.numRows, shiftTypes: types.length };
  const grain = costGrain(inp);
  const targetGap = opt.targetGap ?? 0.005;
  const sol = new Solution(inp, types);
  const all = types.map((_, j) => j);

  const log = opt.log ?? (() => {});
  const fullMip = built.model.numCols <= (opt.fullMipMaxCols ?? 4000);
  let lpBound = -Infinity;
  let lowerBound = -Infinity;
  let method: Stage1Result['method'] = 'rounding';

  const pen = inp.rules.understaffPenaltyHours;
  const highs = opt.solver.name === 'highs';
  let lpX: Float64Array | null = null;
  const since = () => (opt.timeLimitSeconds - left()).toFixed(2);
  log(`model built at ${since()}s (${built.model.numCols} columns, ${built.model.numRows} rows)`);
  /** Prices of the coverage rows from an LP's row duals -> proven bound (bounds.ts). */
  const takeDuals = (rowDual: Float64Array, covRow: Int32Array[]) => {
    const T = inp.required[0]?.length ?? 0;
    const y = inp.queues.map((_, q) => {
      const a = new Float64Array(T);
      for (let t = 0; t < T; t++) if (covRow[q][t] >= 0) a[t] = Math.max(0, rowDual[covRow[q][t]]);
      return a;
    });
    const pb = priceBound(types, inp.required, y, pen);
    if (pb.bound > lpBound) {
      lpBound = pb.bound;
      lowerBound = Math.max(lowerBound, roundBound(pb.bound, grain));
    }
  };
  {
    // A bound that is always there, before any LP: per queue the constant price c_q = the least paid
    // hours per worked slot over its shift types prices every type out (g_j = c_q x worked slots),
    // so sum r_qt min(c_q, P) is proven (bounds.ts); the LPs below replace it with a better one.
    const pb = priceBound(types, inp.required, constantPrices(inp, types), pen);
    lpBound = pb.bound;
    lowerBound = roundBound(pb.bound, grain);
    log(`constant-price bound ${lpBound.toFixed(2)}`);
  }
  if (highs && opt.decompose !== 'windows' && inp.queues.length > 1) {
    // Several queues: one LP per queue (the capacity rows that couple them are dropped, which keeps
    // the bound valid) is much faster than the joint LP, whose interior-point time grows faster
    // than its size.
    const w = await queueLps(inp, types, built, opt.solver, () => left() * 0.75, log);
    const pb = priceBound(types, inp.required, w.prices, pen);
    if (pb.bound > lpBound) {
      lpBound = pb.bound;
      lowerBound = Math.max(lowerBound, roundBound(pb.bound, grain));
    }
    if (w.solved > 0) lpX = w.x;
    log(`queue LPs (${w.solved} of ${inp.queues.length} solved): bound ${lpBound.toFixed(2)} at ${since()}s`);
  } else if (highs && opt.decompose !== 'windows') {
    // The week LP by interior point without crossover: the duals are priced into a proven bound
    // (bounds.ts, valid for any prices), the interior point is the rounding start.
    const lp = await opt.solver.solve(built.model, { relax: true, lpMethod: 'ipm', crossover: opt.crossover ?? false, ipmTolerance: 1e-6, timeLimitSeconds: Math.max(0.5, left() * (opt.decompose === 'week' ? 0.9 : 0.75)), clock: opt.clock });
    if (lp.rowDual) takeDuals(lp.rowDual, built.covRow);
    if (lp.x && (lp.status === 'optimal' || lp.rowDual)) lpX = lp.x;
    log(`week LP (ipm) ${lp.status}: bound ${lpBound.toFixed(2)} at ${since()}s`);
  }
  // Day windows when the week LP did not finish (HiGHS, several days): a small LP per day gives
  // prices for a proven bound and a primal point for rounding.
  if (!lpX && highs && opt.decompose !== 'week' && inp.days >= 3 && left() > 1) {
    const w = await windowLps(inp, types, built, opt.solver, () => left(), log);
    if (w) {
      const pb = priceBound(types, inp.required, w.prices, pen);
      if (pb.bound > lpBound) {
        lpBound = pb.bound;
        lowerBound = Math.max(lowerBound, roundBound(pb.bound, grain));
      }
      lpX = w.x;
    }
    log(`day-window LPs: bound ${lpBound.toFixed(2)} at ${since()}s`);
  }
  if (!lpX && (!highs || left() > 0.5)) {
    const lp = await opt.solver.solve(built.model, { relax: true, timeLimitSeconds: Math.max(0.5, left() * 0.8), clock: opt.clock });
    if (lp.rowDual) takeDuals(lp.rowDual, built.covRow);
    else if (lp.status === 'optimal' && Number.isFinite(lp.bound) && lp.bound > lpBound) {
      lpBound = lp.bound;
      lowerBound = Math.max(lowerBound, roundBound(lp.bound, grain));
    }
    if (lp.x) lpX = lp.x;
    log(`LP (simplex) ${lp.status}: bound ${lpBound.toFixed(2)} at ${since()}s`);
  }
  const deadline = () => left() <= 0;
  const nbr = neighbourLists(types, Math.round(120 / inp.grid));
  const repairK = opt.breakRepair ?? 6;
  const improve = (trial: Solution) => {
    greedyAdd(trial, all);
    localSearch(trial, deadline);
    moveSearch(trial, nbr, deadline, 30, 0, 1, repairK);
    greedyAdd(trial, all, deadline);
    localSearch(trial, deadline);
  };
  if (lpX) {
    // several rounding thresholds, each repaired and improved; keep the best
    let best: Solution | null = null;
    const t1 = opt.clock();
    for (const theta of [0.5, 0.7, 1, 0.3]) {
      // another threshold only while the time spent rounding is at most a twentieth of the time
      // left (on short limits the search after the first rounding pays more than other thresholds)
      if (best && (deadline() || (opt.clock() - t1) / 1000 > left() / 20)) break;
      const trial = new Solution(inp, types);
      roundLp(built, lpX, trial, theta);
      improve(trial);
      log(`rounding theta ${theta}: ${trial.objective().toFixed(2)} at ${since()}s`);
      if (!best || trial.objective() < best.objective()) best = trial;
    }
    if (best) {
      sol.shifts = best.shifts;
      sol.staffed = best.staffed;
    }
  }
  improve(sol);
  let seed = 12345;
  const rand = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  // plateau phase: single-shift moves that keep the objective are taken at random, which lets later
  // strict improvements appear (the objective never goes up; the best solution seen is kept); ruin
  // and recreate on top once the moves stall
  const prof = [0, 0, 0, 0];
  const plateau = () => {
    // plateau phase, until the target gap, the time (less the reserve) or 25 rounds without gain
    let stall = 0;
    let bestObj = sol.objective();
    let bestShifts = sol.shifts.map((x) => ({ j: x.j, offs: x.offs.slice() }));
    for (let round = 0; round < 1000 && !deadline() && left() > (opt.reserveSeconds ?? 0) && stall < 25; round++) {
      if (lowerBound > 0 && (bestObj - lowerBound) / bestObj <= targetGap) break;
      const stop = () => deadline() || left() <= (opt.reserveSeconds ?? 0);
      const c0 = opt.clock();
      moveSearch(sol, nbr, stop, 3, opt.plateau ?? 0.6, round + 1, repairK);
      const c1 = opt.clock();
      // ruin and recreate only once shift moves have stalled (it costs about twice a move round)
      if (opt.ruin !== 0 && stall >= 5) ruinRecreate(sol, nbr, stop, sol.shifts.length, opt.ruin ?? 3, rand);
      const c2 = opt.clock();
      greedyAdd(sol, all, deadline);
      const c3 = opt.clock();
      localSearch(sol, deadline);
      const c4 = opt.clock();
      prof[0] += c1 - c0;
      prof[1] += c2 - c1;
      prof[2] += c3 - c2;
      prof[3] += c4 - c3;
      if (round % 10 === 9) log(`plateau round ${round + 1}: ${sol.objective().toFixed(2)} at ${since()}s (ms so far: moves ${prof[0].toFixed(0)}, ruin ${prof[1].toFixed(0)}, greedy ${prof[2].toFixed(0)}, local ${prof[3].toFixed(0)})`);
      const now = sol.objective();
      if (now < bestObj - 1e-9) {
        bestObj = now;
        bestShifts = sol.shifts.map((x) => ({ j: x.j, offs: x.offs.slice() }));
        stall = 0;
      } else stall++;
    }
    if (sol.objective() > bestObj + 1e-9) {
      const s2 = new Solution(inp, types);
      for (const x of bestShifts) s2.add(x.j, x.offs);
      sol.shifts = s2.shifts;
      sol.staffed = s2.staffed;
    }
  };
  plateau();

  const gapOf = (obj: number) => (obj > 0 ? (obj - lowerBound) / obj : 0);
  log(`heuristic ${sol.objective().toFixed(2)} gap ${(gapOf(sol.objective()) * 100).toFixed(2)}% at ${(opt.timeLimitSeconds - left()).toFixed(2)}s`);
  if (!fullMip && highs && (opt.lnsSlots ?? 16) > 0) {
    // large-neighbourhood search: re-solve the shifts starting in a window of lnsSlots slots as a
    // MIP (HiGHS), everything else fixed, warm-started from the current shifts; windows slide by
    // half their width over the horizon, passes repeat while something improves
    const W = opt.lnsSlots ?? 16;
    const T = (inp.days * 1440) / inp.grid;
    let improvedAny = false;
    for (let pass = 0; pass < 5 && left() > 0.2; pass++) {
      let improved = false;
      for (let a = pass % 2 === 0 ? 0 : W / 4; a < T && left() > 0.2 && gapOf(sol.objective()) > targetGap; a += W / 2) {
        const t1 = opt.clock();
        if (await startWindowMip(sol, Math.floor(a), Math.floor(a) + W, opt.solver, Math.min(1, left() * 0.5))) {
          improved = true;
          improvedAny = true;
        }
        if (opt.log && a % (4 * W) === 0) log(`window ${a} pass ${pass}: ${sol.objective().toFixed(2)} gap ${(gapOf(sol.objective()) * 100).toFixed(2)}% (${lastWindowStatus}, ${(opt.clock() - t1).toFixed(0)} ms) at ${since()}s`);
      }
      if (!improved) break;
      localSearch(sol, deadline);
    }
    if (improvedAny) {
      method = 'rounding+mip';
      plateau();
    }
  }
  if (gapOf(sol.objective()) > targetGap && left() > 0.2 && fullMip) {
    const start = toColumns(built, sol);
    const r = await opt.solver.solve(built.model, { timeLimitSeconds: left(), start, mipRelGap: targetGap / 2, clock: opt.clock });
    if (Number.isFinite(r.bound)) lowerBound = Math.max(lowerBound, roundBound(r.bound, grain));
    if (r.x && r.objective < sol.objective() - 1e-9) {
      const s2 = new Solution(inp, types);
      fromColumns(built, r.x, s2);
      if (s2.objective() < sol.objective() - 1e-9) {
        sol.shifts = s2.shifts;
        sol.staffed = s2.staffed;
        method = 'rounding+mip';
      }
    }
  }
  return {
    shifts: sol.shifts.map((s) => {
      const ty = types[s.j];
      return { queue: ty.q, template: ty.tpl, start: ty.start, breakOffsets: s.offs.map((o) => o * inp.grid) };
    }),
    objective: sol.objective(),
    lowerBound,
    lpBound,
    size,
    solverUsed: opt.solver.name,
    method,
  };
}
