/**
 * The integer program of a shift-count roster over a neighbourhood: the days [from, to) of some agents
 * are free, every other (agent, day) keeps its current value (a constant in the rows). With every agent
 * free over the whole horizon it is the complete model.
 *
 *   x[e,d,s] in {0,1}: agent e works template s on day d;  w[e,d] = sum_s x[e,d,s] <= 1
 *   successions     x[e,d,s] + sum_{t in F(s)} x[e,d+1,t] <= 1   (F(s): templates that may not follow s)
 *   max shifts      sum_d x[e,d,s] <= m_s;  minutes  min <= sum_{d,s} len_s x[e,d,s] <= max
 *   max run C       sum_{d=i}^{i+C} w[e,d] <= C
 *   min run K       -w[i-1] + sum_{d=i}^{i+j-1} w[d] - w[i+j] <= j-1   (1 <= j < K, block interior)
 *   min rest K'     w[i-1] - sum_{d=i}^{i+j-1} w[d] + w[i+j] <= 1      (1 <= j < K', block interior)
 *   weekends        y[e,k] >= w[e,sat_k], y[e,k] >= w[e,sun_k], sum_k y[e,k] <= W   (y continuous)
 *   cover           sum_e x[e,d,s] + under - over = required           (cost under/over weights)
 *   requests        on: weight (1 - x) (or 1 - w for a whole day); off: weight x (or w)
 *   block limits    sum_{d in block, s} weight_s x[e,d,s] <= max            (per 7-day block)
 * Banned cells have no column; days before day 0 (agent.before) are constants in the rows.
 */
import type { LinearModel } from '../lp.js';
import { coverShifts, isWeekend, weekOf } from './check.js';
import type { CountAssignment, CountProblem } from './types.js';

/** Agent `agent` is free on days [from, to). */
export interface FreeSpan {
  agent: number;
  from: number;
  to: number;
}

/** A linear expression: columns with coefficients plus a constant. */
interface Expr {
  cols: number[];
  coefs: number[];
  k: number;
}

export interface NeighbourhoodModel {
  model: LinearModel;
  /** A feasible start (the current assignment) when `current` keeps every hard rule. */
  start: Float64Array;
  /** Objective constant: model objective + offset = roster cost. */
  offset: number;
  /** Column of x[agent, day, template], or -1 when fixed. */
  xIndex(agent: number, day: number, shift: number): number;
  /** Reads the assignment back from a solution vector (a copy of `current` with the free days set). */
  read(x: Float64Array): CountAssignment;
}

/** Builds the neighbourhood model (see the file comment). `current` must have every agent's row. */
export function buildModel(p: CountProblem, current: CountAssignment, free: FreeSpan[]): NeighbourhoodModel {
  const H = p.days;
  const S = p.shifts.length;
  const cost: number[] = [];
  const lo: number[] = [];
  const up: number[] = [];
  const int: number[] = [];
  const start: number[] = [];
  const rows: { lo: number; up: number; cols: number[]; coefs: number[] }[] = [];
  let offset = 0;
  const addCol = (c: number, l: number, u: number, integer: boolean, v: number) => {
    cost.push(c);
    lo.push(l);
    up.push(u);
    int.push(integer ? 1 : 0);
    start.push(v);
    return cost.length - 1;
  };
  const addRow = (e: Expr, l: number, u: number) => {
    const keep = e.cols.map((_, i) => i).filter((i) => e.coefs[i] !== 0);
    if (keep.length === 0) return;
    rows.push({ lo: l - e.k, up: u - e.k, cols: keep.map((i) => e.cols[i]), coefs: keep.map((i) => e.coefs[i]) });
  };
  // column index of x[e,d,s] (or -1 when fixed), per free agent
  const freeOf = new Map<number, FreeSpan>();
  for (const f of free) freeOf.set(f.agent, f);
  const xcol = new Map<number, Int32Array>();
  for (const f of free) {
    const idx = new Int32Array(H * S).fill(-1);
    const off = new Set(p.agents[f.agent].daysOff ?? []);
    const banned = new Set(p.agents[f.agent].banned ?? []);
    for (let d = Math.max(0, f.from); d < Math.min(H, f.to); d++) {
      if (off.has(d)) continue;
      for (let s = 0; s < S; s++) if (!banned.has(d * S + s)) idx[d * S + s] = addCol(0, 0, 1, true, current[f.agent][d] === s ? 1 : 0);
    }
    xcol.set(f.agent, idx);
  }
  const daysOff = p.agents.map((a) => new Set(a.daysOff ?? []));
  /** Whether agent e's day d is free in this neighbourhood (inside its span, not an approved day off). */
  const isFree = (e: number, d: number) => {
    const f = freeOf.get(e);
    return !!f && d >= Math.max(0, f.from) && d < Math.min(H, f.to) && !daysOff[e].has(d);
  };
  // days before day 0: constants from agent.before (worked the `run` days up to day -1, `last` on day -1)
  const x = (e: number, d: number, s: number): Expr => {
    if (d < 0) return { cols: [], coefs: [], k: d === -1 && p.agents[e].before?.last === s && (p.agents[e].before?.run ?? 0) > 0 ? 1 : 0 };
    const c = xcol.get(e)?.[d * S + s] ?? -1;
    if (c >= 0) return { cols: [c], coefs: [1], k: 0 };
    return { cols: [], coefs: [], k: current[e][d] === s ? 1 : 0 };
  };
  const w = (e: number, d: number): Expr => {
    if (d < 0) return { cols: [], coefs: [], k: d >= -(p.agents[e].before?.run ?? 0) ? 1 : 0 };
    const idx = xcol.get(e);
    if (idx && isFree(e, d)) {
      const cols: number[] = [];
      for (let s = 0; s < S; s++) if (idx[d * S + s] >= 0) cols.push(idx[d * S + s]);
      return { cols, coefs: cols.map(() => 1), k: 0 };
    }
    return { cols: [], coefs: [], k: current[e][d] >= 0 ? 1 : 0 };
  };
  const sum = (parts: [number, Expr][]): Expr => {
    const out: Expr = { cols: [], coefs: [], k: 0 };
    const at = new Map<number, number>();
    for (const [a, e] of parts) {
      out.k += a * e.k;
      e.cols.forEach((c, i) => {
        const j = at.get(c);
        if (j === undefined) {
          at.set(c, out.cols.length);
          out.cols.push(c);
          out.coefs.push(a * e.coefs[i]);
        } else out.coefs[j] += a * e.coefs[i];
      });
    }
    return out;
  };
  const follows: number[][] = p.shifts.map(() => []);
  for (const [a, b] of p.forbidden) follows[a].push(b);

  for (const f of free) {
    const e = f.agent;
    const r = p.agents[e].rules;
    const lo0 = Math.max(0, f.from);
    const hi0 = Math.min(H, f.to);
    const b = p.agents[e].before;
    // first day a row may start on: before day 0 when what came before is known
    const edge = b ? -b.run - 1 : 0;
    for (let d = lo0; d < hi0; d++) addRow(w(e, d), -Infinity, 1);
    // rows touching the free days only (the others hold for the fixed current values)
    for (let d = Math.max(b ? -1 : 0, lo0 - 1); d < Math.min(H - 1, hi0); d++)
      for (let s = 0; s < S; s++) if (follows[s].length) addRow(sum([[1, x(e, d, s)], ...follows[s].map((t): [number, Expr] => [1, x(e, d + 1, t)])]), -Infinity, 1);
    p.shifts.forEach((sh, s) => {
      const m = r.maxShifts?.[sh.id];
      if (m !== undefined) {
        const parts: [number, Expr][] = [];
        for (let d = 0; d < H; d++) parts.push([1, x(e, d, s)]);
        addRow(sum(parts), -Infinity, m);
      }
    });
    if (r.minTotalMinutes !== undefined || r.maxTotalMinutes !== undefined) {
      const parts: [number, Expr][] = [];
      for (let d = 0; d < H; d++) for (let s = 0; s < S; s++) parts.push([p.shifts[s].minutes, x(e, d, s)]);
      addRow(sum(parts), r.minTotalMinutes ?? -Infinity, r.maxTotalMinutes ?? Infinity);
    }
    const C = r.maxConsecutiveDays;
    if (C !== undefined)
      for (let i = Math.max(edge + 1, lo0 - C); i + C < H && i < hi0; i++) {
        const parts: [number, Expr][] = [];
        for (let d = i; d <= i + C; d++) parts.push([1, w(e, d)]);
        addRow(sum(parts), -Infinity, C);
      }
    for (const [K, sign] of [
      [r.minConsecutiveDays, 1],
      [r.minConsecutiveDaysOff, -1],
    ] as const) {
      if (K === undefined) continue;
      for (let j = 1; j < K; j++)
        for (let i = Math.max(b ? edge + 1 : 1, lo0 - j); i + j <= H - 1 && i - 1 < hi0; i++) {
          const parts: [number, Expr][] = [[-sign, w(e, i - 1)], [-sign, w(e, i + j)]];
          for (let d = i; d < i + j; d++) parts.push([sign, w(e, d)]);
          addRow(sum(parts), -Infinity, sign === 1 ? j - 1 : 1);
        }
    }
    if (r.maxWeekends !== undefined) {
      const weeks = new Map<number, number[]>();
      for (let d = 0; d < H; d++) if (isWeekend(p.startWeekday, d)) weeks.set(weekOf(p.startWeekday, d), [...(weeks.get(weekOf(p.startWeekday, d)) ?? []), d]);
      const total: [number, Expr][] = [];
      for (const days of weeks.values()) {
        const fixed = days.filter((d) => !isFree(e, d));
        const freeDays = days.filter((d) => isFree(e, d));
        if (fixed.some((d) => current[e][d] >= 0) || freeDays.length === 0) {
          total.push([1, { cols: [], coefs: [], k: fixed.some((d) => current[e][d] >= 0) ? 1 : 0 }]);
          continue;
        }
        const y = addCol(0, 0, 1, false, freeDays.some((d) => current[e][d] >= 0) ? 1 : 0);
        for (const d of freeDays) addRow(sum([[1, { cols: [y], coefs: [1], k: 0 }], [-1, w(e, d)]]), 0, Infinity);
        total.push([1, { cols: [y], coefs: [1], k: 0 }]);
      }
      addRow(sum(total), -Infinity, r.maxWeekends);
    }
    for (const lim of r.blockLimits ?? [])
      for (let len = lim.days ?? 7, b0 = Math.floor(lo0 / len) * len; b0 < hi0; b0 += len) {
        const parts: [number, Expr][] = [];
        for (let d = b0; d < Math.min(H, b0 + len); d++) if (!lim.weekendOnly || isWeekend(p.startWeekday, d)) for (let s = 0; s < S; s++) if (lim.weight[s]) parts.push([lim.weight[s], x(e, d, s)]);
        addRow(sum(parts), -Infinity, lim.max);
      }
  }
  // requests of free agents on free days (the others are constants)
  for (const q of p.requests) {
    const e = q.agent;
    const term = q.shift === null ? w(e, q.day) : q.shifts ? sum(q.shifts.map((s): [number, Expr] => [1, x(e, q.day, s)])) : x(e, q.day, q.shift);
    if (term.cols.length === 0) {
      const works = term.k === 1;
      if (works !== (q.kind === 'on')) offset += q.weight;
      continue;
    }
    const sign = q.kind === 'on' ? -1 : 1;
    if (q.kind === 'on') offset += q.weight;
    for (const c of term.cols) cost[c] += sign * q.weight;
  }
  // cover
  const counts = new Int32Array(H * S);
  current.forEach((row, e) => {
    const f = freeOf.get(e);
    row.forEach((s, d) => {
      if (s >= 0 && !(f && d >= f.from && d < f.to)) counts[d * S + s]++;
    });
  });
  for (const c of p.cover) {
    const parts: [number, Expr][] = [];
    const set = coverShifts(c);
    let base = 0;
    for (const s of set) base += counts[c.day * S + s];
    let now = base;
    for (const f of free)
      for (const s of set) {
        const term = x(f.agent, c.day, s);
        if (term.cols.length) {
          parts.push([1, term]);
          if (current[f.agent][c.day] === s) now++;
        }
      }
    if (parts.length === 0) {
      offset += base < c.required ? (c.required - base) * c.underWeight : (base - c.required) * c.overWeight;
      continue;
    }
    const under = addCol(c.underWeight, 0, Infinity, false, Math.max(0, c.required - now));
    const over = addCol(c.overWeight, 0, Infinity, false, Math.max(0, now - c.required));
    parts.push([1, { cols: [under], coefs: [1], k: 0 }], [-1, { cols: [over], coefs: [1], k: 0 }]);
    const e = sum(parts);
    addRow(e, c.required - base, c.required - base);
  }
  // rows -> CSC
  const n = cost.length;
  const colCount = new Int32Array(n + 1);
  for (const r of rows) for (const c of r.cols) colCount[c + 1]++;
  for (let j = 0; j < n; j++) colCount[j + 1] += colCount[j];
  const nnz = colCount[n];
  const rowIndex = new Int32Array(nnz);
  const value = new Float64Array(nnz);
  const fill = colCount.slice(0, n);
  rows.forEach((r, i) =>
    r.cols.forEach((c, k) => {
      rowIndex[fill[c]] = i;
      value[fill[c]] = r.coefs[k];
      fill[c]++;
    }),
  );
  const model: LinearModel = {
    numCols: n,
    numRows: rows.length,
    colCost: Float64Array.from(cost),
    colLower: Float64Array.from(lo),
    colUpper: Float64Array.from(up),
    integer: Uint8Array.from(int),
    rowLower: Float64Array.from(rows, (r) => r.lo),
    rowUpper: Float64Array.from(rows, (r) => r.up),
    colStart: colCount,
    rowIndex,
    value,
  };
  return {
    model,
    start: Float64Array.from(start),
    offset,
    xIndex: (e, d, s) => xcol.get(e)?.[d * S + s] ?? -1,
    read(xv) {
      const out = current.map((row) => row.slice());
      for (const f of free) {
        const idx = xcol.get(f.agent) as Int32Array;
        for (let d = Math.max(0, f.from); d < Math.min(H, f.to); d++) {
          out[f.agent][d] = -1;
          for (let s = 0; s < S; s++) if (idx[d * S + s] >= 0 && xv[idx[d * S + s]] > 0.5) out[f.agent][d] = s;
        }
      }
      return out;
    },
  };
}
