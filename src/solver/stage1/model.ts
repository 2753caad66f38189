/**
 * Stage 1, shift scheduling: how many agents start each shift template at each allowed start, per
 * queue, with every break placed, minimising paid hours + penalty x understaffed agent-intervals.
 * This file: the stage-1 input, the shift types (enumerateTypes) and the model (buildModel); how it
 * is solved: index.ts.
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
 * The model is built in differenced (flow) form, see buildModel: same optimum, far fewer nonzeros.
 */
import { ModelBuilder, type LinearModel } from '../lp.js';
import type { RosterRules } from '../types.js';

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

/**
 * Enumerates every admissible shift type (queue x template x allowed start within opening hours),
 * in that order; without `all`, only those that touch a positive requirement (the others never help
 * stage 1).
 */
export function enumerateTypes(inp: Stage1Input, all = false): ShiftType[] {
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
          if (!all && prefix[e] - prefix[s0] === 0) continue;
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
  /** staffing-level column s_qt (every slot) */
  sCol: Int32Array[];
  /** understaffing column u_qt, or -1 where r_qt = 0 */
  uCol: Int32Array[];
}

/**
 * Builds the stage-1 model in differenced ("flow") form, equivalent to the coverage model of the file
 * comment: a continuous staffing level s_qt >= 0 per queue and slot with
 *   s_qt - s_q,t-1 = (shifts starting at t) - (shifts ending at t) - (breaks starting at t) + (breaks ending at t)
 * (s_q,-1 = 0) and the coverage rows s_qt + u_qt >= r_qt where r_qt > 0. Substituting s gives back
 * the interval (consecutive-ones) coverage rows, so LP and MIP optima are the same and the coverage
 * row duals are the same prices; but a shift column has 2 + (breaks) entries instead of one per worked
 * slot, which makes the LP several times cheaper (the consecutive-ones matrix becomes a network-like
 * one; cf. Veinott & Wagner 1962, "Optimal capacity scheduling", Operations Research 10(4)).
 */
export function buildModel(inp: Stage1Input, types: ShiftType[]): Built {
  const { grid, days, queues, required, rules } = inp;
  const T = (days * 1440) / grid;
  const mb = new ModelBuilder();
  const pen = rules.understaffPenaltyHours;
  const flow = queues.map(() => {
    const a = new Int32Array(T);
    for (let t = 0; t < T; t++) a[t] = mb.addRow(0, 0);
    return a;
  });
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
    const fr = flow[ty.q];
    const rows: number[] = [];
    const coefs: number[] = [];
    if (ty.s0 < T) {
      rows.push(fr[ty.s0]);
      coefs.push(-1);
    }
    if (ty.s0 + ty.len < T) {
      rows.push(fr[ty.s0 + ty.len]);
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
          const cc = [1];
          const bs = ty.s0 + o;
          if (bs < T) {
            rr.push(fr[bs]);
            cc.push(1);
          }
          if (bs + b.len < T) {
            rr.push(fr[bs + b.len]);
            cc.push(-1);
          }
          return mb.addCol(0, 0, Infinity, true, rr, cc);
        }),
      ),
    );
  }
  const sCol = queues.map((_, q) => {
    const a = new Int32Array(T);
    for (let t = 0; t < T; t++) {
      const rr = [flow[q][t]];
      const cc = [1];
      if (t + 1 < T) {
        rr.push(flow[q][t + 1]);
        cc.push(-1);
      }
      if (covRow[q][t] >= 0) {
        rr.push(covRow[q][t]);
        cc.push(1);
      }
      a[t] = mb.addCol(0, 0, Infinity, false, rr, cc);
    }
    return a;
  });
  const uCol = queues.map((_, q) => {
    const a = new Int32Array(T).fill(-1);
    for (let t = 0; t < T; t++) if (covRow[q][t] >= 0) a[t] = mb.addCol(pen, 0, required[q][t], false, [covRow[q][t]], [1]);
    return a;
  });
  return { model: mb.build(), types, xCol, bCol, covRow, sCol, uCol };
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
  for (const r of inp.required) {
    cols += r.length;
    rows += r.length;
    for (const v of r)
      if (v > 0) {
        cols++;
        rows++;
      }
  }
  return { cols, rows, shiftTypes: types.length };
}
