/**
 * Stage 1, shift scheduling: how many agents start each shift template at each allowed start, per
 * queue, with every break placed, minimising paid hours + penalty x understaffed agent-intervals.
 *
 * Formulation (implicit break placement, Aykin 1996, "Optimal shift scheduling with multiple break
 * windows", Management Science 42(4)): one integer column x_j per shift type j = (queue, template,
 * start) and one integer column b_jkp per break k of j and allowed position p, with
 *   sum_p b_jkp = x_j                                          (every shift of type j takes break k once)
 *   sum_{j working at t} x_j - sum_{(j,k,p) on break at t} b_jkp + u_qt >= r_qt   (coverage, per queue/slot)
 *   min sum_j paid_j x_j + P sum u_qt,   u_qt in [0, r_qt].
 * The windows of one template never overlap (validated), so any combination of positions is a valid
 * shift: the model grows with the sum, not the product, of window sizes (the explicit model of
 * Dantzig 1954 enumerates every combination). Shift types that touch no positive requirement are
 * dropped (they never help). Optional capacity rows bound the shifts per day / per queue-day and the
 * total shifts and paid hours by what the named agents can supply; they keep the LP a relaxation of
 * the joint rostering problem.
 *
 * Solution: LP relaxation (lower bound) -> rounding (floor + largest remainder for breaks) -> greedy
 * repair (add the shift covering most short slots per paid hour) -> local search (move breaks to
 * where staff is highest, drop shifts whose every working slot is over-covered) -> optionally a
 * HiGHS MIP warm-started from the heuristic (full model when small, day windows otherwise).
 */
import { ModelBuilder, type LinearModel, type MipSolver } from './lp.js';
import type { RosterRules } from './types.js';
import { priceBound } from './bound.js';

/** Stage-1 input on the model grid. */
export interface Stage1Input {
  rules: RosterRules;
  /** Model grid, minutes (15 or 30). */
  grid: number;
  days: number;
  /** ISO weekday of day 0. */
  startWeekday: number;
  queues: string[];
  /** required[q][t], t on the model grid (length days*1440/grid). */
  required: number[][];
  capacity?: Stage1Capacity;
}

/** Upper bounds implied by named agents (all optional). */
export interface Stage1Capacity {
  /** Most shifts starting on day d over all queues. */
  perDay?: number[];
  /** perQueueDay[q][d]: most shifts of queue q starting on day d. */
  perQueueDay?: number[][];
  totalShifts?: number;
  totalPaidHours?: number;
}

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

export interface ShiftType {
  q: number;
  tpl: number;
  start: number; // minutes
  s0: number; // first slot
  len: number; // slots
  paid: number; // hours
  day: number;
  /** per break: allowed slot offsets from s0, and the break length in slots */
  brk: { offs: number[]; len: number }[];
}

/** Enumerates every admissible shift type (queue x template x allowed start within opening hours). */
export function enumerateTypes(inp: Stage1Input): ShiftType[] {
  const { rules, grid, days, queues, required } = inp;
  const T = (days * 1440) / grid;
  const out: ShiftType[] = [];
  for (let q = 0; q < queues.length; q++) {
    const r = required[q];
    const prefix = new Float64Array(T + 1);
    for (let t = 0; t < T; t++) prefix[t + 1] = prefix[t] + (r[t] > 0 ? 1 : 0);
    rules.shifts.forEach((tpl, ti) => {
      const len = tpl.minutes / grid;
      for (let d = 0; d < days; d++) {
        const weekday = ((inp.startWeekday - 1 + d) % 7) + 1;
        for (const s of tpl.starts) {
          const start = d * 1440 + s;
          if (!withinOpening(rules, weekday, s, tpl.minutes)) continue;
          const s0 = start / grid;
          const e = Math.min(T, s0 + len);
          if (prefix[e] - prefix[s0] === 0) continue;
          const brk = tpl.breaks.map((b) => {
            const offs: number[] = [];
            for (let o = b.earliest; o <= b.latest; o += grid) offs.push(o / grid);
            return { offs, len: b.minutes / grid };
          });
          out.push({ q, tpl: ti, start, s0, len, paid: tpl.paidMinutes / 60, day: d, brk });
        }
      }
    });
  }
  return out;
}

/** True when a shift starting `s` minutes after midnight on `weekday` lies inside one opening period. */
export function withinOpening(rules: RosterRules, weekday: number, s: number, minutes: number): boolean {
  if (rules.openingHours === '24x7') return true;
  for (const p of rules.openingHours) {
    if (!p.weekdays.includes(weekday)) continue;
    const close = p.close <= p.open ? p.close + 1440 : p.close;
    if (s >= p.open && s + minutes <= close) return true;
  }
  return false;
}

export interface Built {
  model: LinearModel;
  types: ShiftType[];
  /** column of x_j */
  xCol: Int32Array;
  /** bCol[j][k][p] */
  bCol: number[][][];
  /** coverage row of (q, t) or -1 */
  covRow: Int32Array[];
}

export function buildModel(inp: Stage1Input, types: ShiftType[]): Built {
  const { grid, days, queues, required, rules } = inp;
  const T = (days * 1440) / grid;
  const mb = new ModelBuilder();
  const pen = rules.understaffPenaltyHours;
  const covRow = queues.map((_, q) => {
    const a = new Int32Array(T).fill(-1);
    for (let t = 0; t < T; t++) if (required[q][t] > 0) a[t] = mb.addRow(required[q][t], Infinity);
    return a;
  });
  const cap = inp.capacity;
  const dayRow = cap?.perDay ? cap.perDay.map((c) => mb.addRow(-Infinity, c)) : null;
  const qDayRow = cap?.perQueueDay ? cap.perQueueDay.map((row) => row.map((c) => mb.addRow(-Infinity, c))) : null;
  const totRow = cap?.totalShifts !== undefined ? mb.addRow(-Infinity, cap.totalShifts) : -1;
  const hrsRow = cap?.totalPaidHours !== undefined ? mb.addRow(-Infinity, cap.totalPaidHours) : -1;
  const xCol = new Int32Array(types.length);
  const bCol: number[][][] = [];
  for (let j = 0; j < types.length; j++) {
    const ty = types[j];
    const cr = covRow[ty.q];
    const rows: number[] = [];
    const coefs: number[] = [];
    for (let t = ty.s0; t < Math.min(T, ty.s0 + ty.len); t++)
      if (cr[t] >= 0) {
        rows.push(cr[t]);
        coefs.push(1);
      }
    const brRows = ty.brk.map(() => mb.addRow(0, 0));
    for (const r of brRows) {
      rows.push(r);
      coefs.push(-1);
    }
    if (dayRow) {
      rows.push(dayRow[ty.day]);
      coefs.push(1);
    }
    if (qDayRow) {
      rows.push(qDayRow[ty.q][ty.day]);
      coefs.push(1);
    }
    if (totRow >= 0) {
      rows.push(totRow);
      coefs.push(1);
    }
    if (hrsRow >= 0) {
      rows.push(hrsRow);
      coefs.push(ty.paid);
    }
    xCol[j] = mb.addCol(ty.paid, 0, Infinity, true, rows, coefs);
    bCol.push(
      ty.brk.map((b, k) =>
        b.offs.map((o) => {
          const rr = [brRows[k]];
          for (let t = ty.s0 + o; t < Math.min(T, ty.s0 + o + b.len); t++) if (cr[t] >= 0) rr.push(cr[t]);
          return mb.addCol(0, 0, Infinity, true, rr, rr.map((_, i) => (i === 0 ? 1 : -1)));
        }),
      ),
    );
  }
  for (let q = 0; q < queues.length; q++)
    for (let t = 0; t < T; t++) if (covRow[q][t] >= 0) mb.addCol(pen, 0, required[q][t], false, [covRow[q][t]], [1]);
  return { model: mb.build(), types, xCol, bCol, covRow };
}

/** Working state of an integer solution: placed shifts and staffed counts per queue and slot. */
class Solution {
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
function bestOffsets(sol: Solution, j: number): number[] {
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
function greedyAdd(sol: Solution, candidates: number[]): void {
  const pen = sol.inp.rules.understaffPenaltyHours;
  const T = sol.T;
  const usage = usageOf(sol);
  for (;;) {
    let bestJ = -1;
    let bestOffs: number[] = [];
    let bestRatio = 0;
    for (const j of candidates) {
      const ty = sol.types[j];
      const st = sol.staffed[ty.q];
      const r = sol.inp.required[ty.q];
      let gain = 0;
      for (let t = ty.s0; t < Math.min(T, ty.s0 + ty.len); t++) if (r[t] > st[t]) gain++;
      if (gain * pen <= ty.paid) continue;
      if (!sol.capacityAllows(j, usage)) continue;
      // temporarily apply working time only, then choose breaks on the updated staffing
      for (let t = ty.s0; t < Math.min(T, ty.s0 + ty.len); t++) st[t]++;
      const offs = bestOffsets(sol, j);
      for (let t = ty.s0; t < Math.min(T, ty.s0 + ty.len); t++) st[t]--;
      let lost = 0;
      ty.brk.forEach((b, k) => {
        for (let t = ty.s0 + offs[k]; t < Math.min(T, ty.s0 + offs[k] + b.len); t++) if (r[t] > st[t]) lost++;
      });
      const net = gain - lost;
      if (net * pen <= ty.paid) continue;
      const ratio = (net * pen - ty.paid) / ty.paid;
      if (ratio > bestRatio) {
        bestRatio = ratio;
        bestJ = j;
        bestOffs = offs;
      }
    }
    if (bestJ < 0) return;
    sol.add(bestJ, bestOffs);
    const ty = sol.types[bestJ];
    usage.day[ty.day]++;
    usage.qDay[ty.q][ty.day]++;
    usage.total++;
    usage.hours += ty.paid;
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

/** Rounds an LP solution: x_j down, or up when its fraction is at least theta; breaks by largest remainder of b_jkp / x_j. */
function roundLp(b: Built, x: Float64Array, sol: Solution, theta = 1): void {
  const { types, xCol, bCol } = b;
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
    for (let i = 0; i < n; i++) sol.add(j, perBreak.map((l) => l[i]));
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
  // understaffing columns: the last columns, one per coverage row in (q, t) order
  let c = b.model.numCols;
  const under: number[] = [];
  b.covRow.forEach((rows, q) => {
    for (let t = 0; t < rows.length; t++) if (rows[t] >= 0) under.push(Math.max(0, sol.inp.required[q][t] - sol.staffed[q][t]));
  });
  c -= under.length;
  under.forEach((u, i) => (x[c + i] = u));
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

/** Columns and rows of the stage-1 model, without building it (for choosing a solver). */
export function estimateStage1Size(inp: Stage1Input): { cols: number; rows: number; shiftTypes: number } {
  const types = enumerateTypes(inp);
  let cols = types.length;
  let rows = 0;
  for (const ty of types) for (const b of ty.brk) {
    cols += b.offs.length;
    rows++;
  }
  for (const r of inp.required) for (const v of r) if (v > 0) {
    cols++;
    rows++;
  }
  return { cols, rows, shiftTypes: types.length };
}

/** Smallest positive cost unit of the objective (hours), when the objective is on a grid; else 0. */
function costGrain(inp: Stage1Input): number {
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
function roundBound(lb: number, grain: number): number {
  if (!(grain > 0) || !Number.isFinite(lb)) return lb;
  return Math.ceil((lb - 1e-6 * Math.max(1, Math.abs(lb))) / grain) * grain;
}

/**
 * Re-optimises the shifts that start on day d with everything else fixed: a MIP on the residual
 * requirement (r - staffing of the fixed shifts) over day-d shift types, warm-started from the
 * current day-d shifts. Replaces them when the MIP finds a cheaper set. Returns whether it improved.
 */
async function dayWindowMip(sol: Solution, d: number, solver: MipSolver, seconds: number): Promise<boolean> {
  const inp = sol.inp;
  const T = sol.T;
  const winJ: number[] = [];
  sol.types.forEach((ty, j) => {
    if (ty.day === d) winJ.push(j);
  });
  if (winJ.length === 0) return false;
  const inWin = sol.shifts.filter((s) => sol.types[s.j].day === d);
  const fixed = sol.shifts.filter((s) => sol.types[s.j].day !== d);
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
  if (!r.x) return false;
  const next = new Solution(subInp, subTypes);
  fromColumns(built, r.x, next);
  if (next.objective() >= before - 1e-9) return false;
  for (const s of next.shifts) fixedSol.add(winJ[s.j], s.offs);
  sol.shifts = fixedSol.shifts;
  sol.staffed = fixedSol.staffed;
  return true;
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
 * prices for the bound of bound.ts (valid whatever their quality); its values of the types starting
 * on day d, stitched, are a fractional point of the week model for rounding. Returns null when a
 * window LP fails or time runs out.
 */
async function windowLps(inp: Stage1Input, types: ShiftType[], built: Built, solver: MipSolver, left: () => number, log: (m: string) => void = () => {}): Promise<{ x: Float64Array; prices: Float64Array[] } | null> {
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
    const lp = await solver.solve(sub.model, { relax: true, lpMethod: sub.model.numCols > 3000 ? 'ipm' : 'simplex', timeLimitSeconds: Math.max(0.3, left() * 0.6) });
    if (lp.status !== 'optimal' || !lp.x || !lp.rowDual) {
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
  let lpX: Float64Array | null = null;
  // Day windows first on big models (HiGHS): a small LP per day gives prices for a proven bound
  // (bound.ts) and a primal point for rounding in a fraction of the week LP's time.
  log(`model built at ${(opt.timeLimitSeconds - left()).toFixed(2)}s`);
  const useWindows = opt.solver.name === 'highs' && opt.decompose !== 'week' && inp.days >= 3 && built.model.numCols > (opt.windowMinCols ?? 5000);
  if (useWindows) {
    const w = await windowLps(inp, types, built, opt.solver, () => left(), log);
    log(`day windows done at ${(opt.timeLimitSeconds - left()).toFixed(2)}s`);
    if (w) {
      const pb = priceBound(types, inp.required, w.prices, pen);
      lpBound = pb.bound;
      lowerBound = roundBound(pb.bound, grain);
      lpX = w.x;
      log(`day-window LPs: price bound ${pb.bound.toFixed(2)} at ${(opt.timeLimitSeconds - left()).toFixed(2)}s`);
    }
  }
  let lpStatus = 'skipped';
  // the week LP (exact LP bound) when there is no window result or plenty of time is left
  if (!lpX || (opt.decompose !== 'windows' && left() > opt.timeLimitSeconds * 0.6)) {
    const lp = await opt.solver.solve(built.model, { relax: true, timeLimitSeconds: Math.max(lpX ? 0.5 : 1, left() * (lpX ? 0.5 : 0.9)), lpMethod: built.model.numCols > 5000 ? 'ipm' : 'simplex', clock: opt.clock });
    lpStatus = lp.status;
    if (lp.status === 'optimal' && lp.x) {
      if (lp.objective > lpBound) {
        lpBound = lp.objective;
        lowerBound = Math.max(lowerBound, roundBound(lpBound, grain));
      }
      lpX = lp.x;
    }
  }
  if (lpX) {
    // several rounding thresholds, each repaired and improved; keep the best
    let best: Solution | null = null;
    for (const theta of [1, 0.7, 0.5, 0.3]) {
      const trial = new Solution(inp, types);
      roundLp(built, lpX, trial, theta);
      greedyAdd(trial, all);
      localSearch(trial, () => left() <= 0);
      greedyAdd(trial, all);
      localSearch(trial, () => left() <= 0);
      log(`rounding theta ${theta}: ${trial.objective().toFixed(2)}`);
      if (!best || trial.objective() < best.objective()) best = trial;
    }
    if (best) {
      sol.shifts = best.shifts;
      sol.staffed = best.staffed;
    }
  }
  log(`lp ${lpStatus} ${lpBound.toFixed(2)} at ${(opt.timeLimitSeconds - left()).toFixed(2)}s`);
  const deadline = () => left() <= 0;
  greedyAdd(sol, all);
  localSearch(sol, deadline);
  greedyAdd(sol, all);
  localSearch(sol, deadline);

  const gapOf = (obj: number) => (obj > 0 ? (obj - lowerBound) / obj : 0);
  log(`heuristic ${sol.objective().toFixed(2)} gap ${(gapOf(sol.objective()) * 100).toFixed(2)}% at ${(opt.timeLimitSeconds - left()).toFixed(2)}s`);
  if (!fullMip && opt.solver.name === 'highs') {
    // large-neighbourhood search by day: re-solve the shifts starting on one day as a MIP,
    // the rest fixed, warm-started from the current shifts; keep improvements
    let improvedAny = false;
    for (let pass = 0; pass < 3 && left() > 0.3; pass++) {
      let improved = false;
      for (let d = 0; d < inp.days && left() > 0.3 && gapOf(sol.objective()) > targetGap; d++) {
        const perDay = Math.max(0.3, (left() - 0.1) / (inp.days - d));
        if (await dayWindowMip(sol, d, opt.solver, Math.min(perDay, 4))) {
          improved = true;
          improvedAny = true;
        }
        log(`day ${d} pass ${pass}: ${sol.objective().toFixed(2)} gap ${(gapOf(sol.objective()) * 100).toFixed(2)}% at ${(opt.timeLimitSeconds - left()).toFixed(2)}s`);
      }
      if (!improved) break;
    }
    if (improvedAny) method = 'rounding+mip';
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
