/**
 * Stage 1 heuristics on a Solution: greedy repair (greedyAdd), break moves and drops (localSearch),
 * single-shift moves to the types of a neighbour list (moveSearch: strict improvements, break repair,
 * sideways moves of the plateau phase) and ruin and recreate (ruinRecreate). solveStage1 (index.ts)
 * decides when each runs.
 */
import type { ShiftType } from './model.js';
import { repairBreaks } from './repair.js';
import { addDelta, addDeltaAt, bestOffsets, shortIn, usageOf, type Solution } from './solution.js';

/** Greedy repair: add shifts while some addition lowers the objective (max saving per paid hour). */
export function greedyAdd(sol: Solution, candidates: number[], deadline: () => boolean = () => false): void {
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
export function localSearch(sol: Solution, deadline: () => boolean): void {
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

/** For each shift type, the types of the same queue starting at most `reach` slots away (any template). */
export function neighbourLists(types: ShiftType[], reach: number): Int32Array[] {
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
 * Shift-move local search (a neighbourhood of single-shift replacements): each placed shift is taken
 * out and the cheapest of {itself with re-placed breaks, any type of its queue starting within the
 * neighbour list (other template and/or start), nothing} is put back, measured exactly on the
 * objective (paid hours + P x short slots). Strict improvements are kept; with `plateau` > 0 equal
 * moves to another type are also taken with that probability (a seeded LCG), to leave plateaus.
 * Capacity rows, when present, are respected. Returns whether the objective went down.
 */
export function moveSearch(sol: Solution, nbr: Int32Array[], deadline: () => boolean, rounds = 30, plateau = 0, seed = 1, repairK = 0, repairDepth = 1): boolean {
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
export function ruinRecreate(sol: Solution, nbr: Int32Array[], deadline: () => boolean, tries: number, width: number, rand: () => number): number {
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
