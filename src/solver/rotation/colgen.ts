/**
 * Column generation over per-agent schedules (Dantzig-Wolfe on the agents): the master chooses one
 * schedule (column) per agent, cover shortfalls and excesses as slack with their weights:
 *
 *   min  sum_j c_j l_j + sum_r (u_r under_r + o_r over_r)
 *   s.t. sum_{j of agent e} l_j = 1                              (dual mu_e)
 *        sum_j a_{r,j} l_j + under_r - over_r = required_r        (dual pi_r, one per cover row)
 *
 * c_j: the requests the schedule leaves unmet. Pricing is agent e's cheapest schedule (dp.ts) with
 * the cover prices -pi; a schedule of negative reduced cost c_j - mu_e - pi'a_j enters.
 * The LP optimum, once no schedule prices out, bounds every roster from below (rounded up: the
 * objective is an integer when the weights are); before that, LP + sum_e min(0, best reduced cost of
 * e) is a bound (Lagrangian). Then a dive (fix the agents whose column the LP (nearly) chooses, price
 * the others again, repeat) and the master with integral l over all the columns found give rosters.
 */
import type { MipSolver } from '../lp.js';
import { countCost, coverShifts, requestWorks } from './check.js';
import { agentCosts, bestSchedule } from './dp.js';
import type { CountAssignment, CountProblem } from './types.js';

export interface ColgenResult {
  /** Best proven bound (may be -Infinity when the time ran out before any LP). */
  lowerBound: number;
  /** Whether the LP converged (no column prices out). */
  converged: boolean;
  /** A roster from the integer master, or null. */
  assignment: CountAssignment | null;
  columns: number;
}

/** Column generation then the integer master (see the file comment), within `seconds`. */
export async function columnGeneration(
  p: CountProblem,
  initial: CountAssignment[],
  solver: MipSolver,
  clock: () => number,
  seconds: number,
  log: (m: string) => void = () => undefined,
  maxLabels = 20000,
): Promise<ColgenResult> {
  const t0 = clock();
  const left = () => seconds - (clock() - t0) / 1000;
  const H = p.days;
  const S = p.shifts.length;
  const E = p.agents.length;
  const cols: { agent: number; row: number[] }[] = [];
  const seen = new Map<string, number>();
  const add = (agent: number, row: number[]) => {
    const key = `${agent}:${row.join(',')}`;
    if (seen.has(key)) return false;
    seen.set(key, cols.length);
    cols.push({ agent, row });
    return true;
  };
  for (const a of initial) a.forEach((row, e) => add(e, row));
  const reqOf = p.agents.map(() => [] as CountProblem['requests']);
  for (const q of p.requests) reqOf[q.agent].push(q);
  const colCost = (agent: number, row: number[]) => {
    let c = 0;
    for (const q of reqOf[agent]) {
      const s = row[q.day];
      if (requestWorks(q, s) !== (q.kind === 'on')) c += q.weight;
    }
    return c;
  };
  // the cover rows each (day, template) cell counts in
  const coverIndex = new Map<number, number[]>();
  p.cover.forEach((c, i) => {
    for (const s of coverShifts(c)) {
      const k = c.day * p.shifts.length + s;
      coverIndex.set(k, [...(coverIndex.get(k) ?? []), i]);
    }
  });
  /** The master over the columns (an agent with fixed[e] >= 0 keeps only that column); colOf maps
   *  the model's first columns to indexes of `cols`. */
  const fixed = new Int32Array(E).fill(-1);
  let colOf: number[] = [];
  const master = (integral: boolean) => {
    const R = E + p.cover.length;
    const entries: { rows: number[]; cost: number; int: boolean; lo: number; up: number }[] = [];
    colOf = [];
    for (let j = 0; j < cols.length; j++) {
      const c = cols[j];
      if (fixed[c.agent] >= 0 && fixed[c.agent] !== j) continue;
      colOf.push(j);
      const rows = [c.agent];
      c.row.forEach((s, d) => {
        for (const i of s >= 0 ? (coverIndex.get(d * p.shifts.length + s) ?? []) : []) rows.push(E + i);
      });
      entries.push({ rows, cost: colCost(c.agent, c.row), int: integral, lo: 0, up: 1 });
    }
    p.cover.forEach((c, i) => {
      entries.push({ rows: [E + i], cost: c.underWeight, int: false, lo: 0, up: Infinity });
      entries.push({ rows: [E + i], cost: c.overWeight, int: false, lo: 0, up: Infinity, neg: true } as (typeof entries)[number]);
    });
    const n = entries.length;
    const colStart = new Int32Array(n + 1);
    entries.forEach((e, j) => (colStart[j + 1] = colStart[j] + e.rows.length));
    const rowIndex = new Int32Array(colStart[n]);
    const value = new Float64Array(colStart[n]);
    entries.forEach((e, j) =>
      e.rows.forEach((r, k) => {
        rowIndex[colStart[j] + k] = r;
        value[colStart[j] + k] = (e as { neg?: boolean }).neg ? -1 : 1;
      }),
    );
    const rhs = new Float64Array(R);
    for (let e = 0; e < E; e++) rhs[e] = 1;
    p.cover.forEach((c, i) => (rhs[E + i] = c.required));
    return {
      numCols: n,
      numRows: R,
      colCost: Float64Array.from(entries, (e) => e.cost),
      colLower: Float64Array.from(entries, (e) => e.lo),
      colUpper: Float64Array.from(entries, (e) => e.up),
      integer: Uint8Array.from(entries, (e) => (e.int ? 1 : 0)),
      rowLower: rhs,
      rowUpper: rhs.slice(),
      colStart,
      rowIndex,
      value,
    };
  };
  let lowerBound = -Infinity;
  let converged = false;
  /** Prices every agent not fixed against the duals; the columns added and the Lagrangian bound (null
   *  when some pricing was cut short, or agents are fixed). */
  const price = (dual: Float64Array, lpObjective: number, until: number) => {
    let added = 0;
    let lagrange: number | null = lpObjective;
    const prices = new Float64Array(H * S);
    p.cover.forEach((c, i) => {
      for (const s of coverShifts(c)) prices[c.day * S + s] -= dual[E + i];
    });
    for (let e = 0; e < E; e++) {
      if (fixed[e] >= 0) {
        lagrange = null;
        continue;
      }
      if ((clock() - t0) / 1000 >= until) {
        lagrange = null;
        break;
      }
      const b = bestSchedule(p, e, agentCosts(p, e, prices), maxLabels);
      if (b.row === null) {
        lagrange = null;
        continue;
      }
      const rc = b.cost - dual[e];
      if (b.exact && lagrange !== null) lagrange += Math.min(0, rc);
      else lagrange = null;
      if (rc < -1e-6 && add(e, b.row)) added++;
    }
    return { added, lagrange };
  };
  // column generation until 55% of the time; then a dive (fix the agents whose LP column is (nearly)
  // chosen, price the others again) until 80%; the integer master keeps the rest
  const lpUntil = seconds * 0.45;
  for (let round = 0; (clock() - t0) / 1000 < lpUntil; round++) {
    const lp = await solver.solve(master(false), { relax: true, timeLimitSeconds: Math.max(0.1, left()), clock });
    if (lp.status !== 'optimal' || !lp.rowDual) break;
    const { added, lagrange } = price(lp.rowDual, lp.objective, lpUntil);
    if (lagrange !== null) lowerBound = Math.max(lowerBound, Math.ceil(lagrange - 1e-6));
    log(`colgen round ${round}: LP ${lp.objective.toFixed(2)}, bound ${lowerBound}, +${added} columns (${cols.length})`);
    if (added === 0 && lagrange !== null) {
      converged = true;
      lowerBound = Math.max(lowerBound, Math.ceil(lp.objective - 1e-6));
      break;
    }
  }
  const diveUntil = seconds * 0.85;
  let dived: CountAssignment | null = null;
  while ((clock() - t0) / 1000 < diveUntil) {
    let lp = await solver.solve(master(false), { relax: true, timeLimitSeconds: Math.max(0.1, left()), clock });
    for (let k = 0; k < 2 && lp.status === 'optimal' && lp.rowDual; k++) {
      if (price(lp.rowDual, lp.objective, diveUntil).added === 0) break;
      lp = await solver.solve(master(false), { relax: true, timeLimitSeconds: Math.max(0.1, left()), clock });
    }
    if (lp.status !== 'optimal' || !lp.x) break;
    const x = lp.x;
    const top = new Float64Array(E).fill(-1);
    const arg = new Int32Array(E).fill(-1);
    colOf.forEach((j, m) => {
      const e = cols[j].agent;
      if (fixed[e] < 0 && x[m] > top[e]) {
        top[e] = x[m];
        arg[e] = j;
      }
    });
    let any = false;
    for (let e = 0; e < E; e++)
      if (fixed[e] < 0 && top[e] >= 0.9) {
        fixed[e] = arg[e];
        any = true;
      }
    if (!any) {
      let e0 = -1;
      for (let e = 0; e < E; e++) if (fixed[e] < 0 && arg[e] >= 0 && (e0 < 0 || top[e] > top[e0])) e0 = e;
      if (e0 < 0) break;
      fixed[e0] = arg[e0];
    }
    // out of time: every agent still free takes its column of largest LP value
    if ((clock() - t0) / 1000 >= diveUntil) for (let e = 0; e < E; e++) if (fixed[e] < 0 && arg[e] >= 0) fixed[e] = arg[e];
    if (fixed.every((j) => j >= 0)) {
      dived = p.agents.map((_, e) => cols[fixed[e]].row.slice());
      log(`dive: ${countCost(p, dived).total}`);
      break;
    }
  }
  fixed.fill(-1);
  // integer master over the columns found
  let assignment: CountAssignment | null = null;
  if (left() > 0.1) {
    // warm start: the dive's roster, else the first roster given (each row is a column)
    const model = master(true);
    const startRoster = dived && (!initial.length || countCost(p, dived).total <= countCost(p, initial[0]).total) ? dived : (initial[0] ?? null);
    const start = new Float64Array(model.numCols);
    if (startRoster) {
      startRoster.forEach((row, e) => (start[seen.get(`${e}:${row.join(',')}`) as number] = 1));
      const counts = new Map<number, number>();
      startRoster.forEach((row) => row.forEach((s, d) => s >= 0 && counts.set(d * p.shifts.length + s, (counts.get(d * p.shifts.length + s) ?? 0) + 1)));
      p.cover.forEach((c, i) => {
        let n = 0;
        for (const s of coverShifts(c)) n += counts.get(c.day * p.shifts.length + s) ?? 0;
        start[cols.length + 2 * i] = Math.max(0, c.required - n);
        start[cols.length + 2 * i + 1] = Math.max(0, n - c.required);
      });
    }
    const out = await solver.solve(model, { timeLimitSeconds: Math.max(0.1, left()), clock, ...(startRoster ? { start } : {}) });
    if (out.x) {
      const a = p.agents.map(() => new Array<number>(H).fill(-1));
      cols.forEach((c, j) => {
        if ((out.x as Float64Array)[j] > 0.5) a[c.agent] = c.row.slice();
      });
      assignment = a;
      log(`integer master: ${countCost(p, a).total} (${out.status})`);
    }
  }
  if (dived && (!assignment || countCost(p, dived).total < countCost(p, assignment).total)) assignment = dived;
  return { lowerBound, converged, assignment, columns: cols.length };
}
