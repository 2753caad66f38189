/**
 * Linear / mixed-integer models in sparse column form and the two solvers behind one interface:
 * HiGHS (npm `highs`, WebAssembly; https://ergo-code.github.io/HiGHS/) and javascript-lp-solver
 * (dense-tableau simplex with branch and bound; only sensible for small models).
 *
 *   minimise c'x  subject to  rowLower <= A x <= rowUpper,  colLower <= x <= colUpper,
 *   x_j integer where integer[j] = 1.
 */
import type { Highs } from 'highs';
import type { SolverName } from './types.js';

/** A model in CSC (compressed sparse column) form. */
export interface LinearModel {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  integer: Uint8Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** CSC: column j holds entries colStart[j] .. colStart[j+1]-1 of rowIndex/value. */
  colStart: Int32Array;
  rowIndex: Int32Array;
  value: Float64Array;
}

/** Incremental builder: declare rows first, then add columns with their entries. */
export class ModelBuilder {
  private cost: number[] = [];
  private lo: number[] = [];
  private up: number[] = [];
  private int: number[] = [];
  private rlo: number[] = [];
  private rup: number[] = [];
  private start: number[] = [0];
  private idx: number[] = [];
  private val: number[] = [];

  /** Adds a row lower <= a'x <= upper and returns its index. */
  addRow(lower: number, upper: number): number {
    this.rlo.push(lower);
    this.rup.push(upper);
    return this.rlo.length - 1;
  }

  /** Adds a column with the given (row, coefficient) entries (rows must exist, no duplicates). */
  addCol(cost: number, lower: number, upper: number, integer: boolean, rows: number[], coefs: number[] | number): number {
    this.cost.push(cost);
    this.lo.push(lower);
    this.up.push(upper);
    this.int.push(integer ? 1 : 0);
    for (let k = 0; k < rows.length; k++) {
      this.idx.push(rows[k]);
      this.val.push(typeof coefs === 'number' ? coefs : coefs[k]);
    }
    this.start.push(this.idx.length);
    return this.cost.length - 1;
  }

  get numCols(): number {
    return this.cost.length;
  }

  build(): LinearModel {
    return {
      numCols: this.cost.length,
      numRows: this.rlo.length,
      colCost: Float64Array.from(this.cost),
      colLower: Float64Array.from(this.lo),
      colUpper: Float64Array.from(this.up),
      integer: Uint8Array.from(this.int),
      rowLower: Float64Array.from(this.rlo),
      rowUpper: Float64Array.from(this.rup),
      colStart: Int32Array.from(this.start),
      rowIndex: Int32Array.from(this.idx),
      value: Float64Array.from(this.val),
    };
  }
}

export interface SolveOptions {
  /** Ignore integrality (solve the LP relaxation). */
  relax?: boolean;
  /** Wall-clock limit in seconds for this call (each solver measures its own time). */
  timeLimitSeconds?: number;
  /** Stop the MIP when (incumbent - bound) / incumbent <= this (default 1e-4). */
  mipRelGap?: number;
  /** LP algorithm hint (HiGHS only): interior point (with crossover) is faster on large relaxations. */
  lpMethod?: 'simplex' | 'ipm';
  /** A feasible integer start (warm start), one value per column. */
  start?: Float64Array;
  /** Milliseconds clock, to tell a timeout from infeasibility (pure module: the caller supplies it). */
  clock?: () => number;
  /** HiGHS interior point only: false skips crossover (no basis; the primal point is interior and the
   *  duals approximate). Enough when only prices for a Lagrangian bound are wanted (stage1/bounds.ts repairs
   *  any prices into a valid bound). Default true. */
  crossover?: boolean;
  /** HiGHS interior point only: optimality tolerance (default HiGHS 1e-8). */
  ipmTolerance?: number;
}

export interface SolveOutcome {
  /** optimal: proven; feasible: a solution without proof (limit hit); none: no solution found. */
  status: 'optimal' | 'feasible' | 'infeasible' | 'none';
  x: Float64Array | null;
  objective: number;
  /** Proven lower bound on the optimum of the model as solved (-Infinity when unknown). */
  bound: number;
  /** Row duals of an LP solved to optimality (HiGHS only; sign: d(objective)/d(row bound)). */
  rowDual?: Float64Array;
}

/** One interface over both solvers. */
export interface MipSolver {
  readonly name: SolverName;
  solve(model: LinearModel, options?: SolveOptions): Promise<SolveOutcome>;
}

type HighsApi = Highs;
let highsPromise: Promise<HighsApi> | null = null;

/** Loads the HiGHS WebAssembly module once per process. */
async function loadHighs(): Promise<HighsApi> {
  // `highs` is a CommonJS package whose typings declare an ES default export: unwrap either shape.
  if (!highsPromise)
    highsPromise = import('highs').then((m) => {
      const mod = m as unknown as { default: unknown };
      const loader = (typeof mod.default === 'function' ? mod.default : (mod.default as { default: unknown }).default) as () => Promise<Highs>;
      return loader();
    });
  return highsPromise;
}

/** HiGHS through the persistent model API (CSC arrays in, dual bound from `mip_dual_bound`). */
export const highsSolver: MipSolver = {
  name: 'highs',
  async solve(m, o = {}) {
    const h = await loadHighs();
    const inf = h.infinity;
    const fix = (a: Float64Array) => Float64Array.from(a, (v) => (v === Infinity ? inf : v === -Infinity ? -inf : v));
    const mip = !o.relax && m.integer.some((v) => v === 1);
    const model = h.createModel({
      numCols: m.numCols,
      numRows: m.numRows,
      colCost: m.colCost,
      colLower: fix(m.colLower),
      colUpper: fix(m.colUpper),
      rowLower: fix(m.rowLower),
      rowUpper: fix(m.rowUpper),
      matrix: { format: 'csc', numRows: m.numRows, numCols: m.numCols, starts: m.colStart, indices: m.rowIndex, values: m.value },
      ...(mip ? { integrality: Int32Array.from(m.integer) } : {}),
    });
    try {
      model.options.set({ output_flag: false });
      if (o.timeLimitSeconds !== undefined) model.options.set({ time_limit: Math.max(0.01, o.timeLimitSeconds) });
      if (mip) model.options.set({ mip_rel_gap: o.mipRelGap ?? 1e-4 });
      else if (o.lpMethod === 'ipm') {
        model.options.set({ solver: 'ipm' });
        if (o.crossover === false) model.options.set({ run_crossover: 'off' });
        if (o.ipmTolerance !== undefined) model.options.set({ ipm_optimality_tolerance: o.ipmTolerance });
      }
      if (mip && o.start) model.setSolution({ colValue: o.start });
      model.run();
      const st = model.getModelStatus();
      const S = h.constants.modelStatus;
      if (st === S.infeasible) return { status: 'infeasible', x: null, objective: NaN, bound: Infinity };
      const primal = Number(model.info.get('primal_solution_status'));
      const has = primal === 2 || (st === S.optimal && primal !== 0);
      const sol = has ? model.getSolution() : null;
      const x = sol ? Float64Array.from(sol.colValue) : null;
      // LP duals: at an optimum, or (interior point without crossover) whenever the solver reports
      // any dual values; callers that need a proof repair them (stage1/bounds.ts), so approximate duals are fine.
      const dualStatus = !mip && sol ? Number(model.info.get('dual_solution_status')) : 0;
      const rowDual = sol && !mip && (st === S.optimal || dualStatus > 0) && sol.rowDual && sol.rowDual.length === m.numRows ? Float64Array.from(sol.rowDual) : undefined;
      const objective = has ? model.getObjectiveValue() : NaN;
      let bound = -Infinity;
      if (mip) {
        const b = Number(model.info.get('mip_dual_bound'));
        if (Number.isFinite(b)) bound = b;
      } else if (st === S.optimal && !(o.lpMethod === 'ipm' && o.crossover === false)) bound = objective;
      const status = !has ? 'none' : st === S.optimal ? 'optimal' : 'feasible';
      if (status === 'optimal' && mip) bound = Math.max(bound, Number.isFinite(bound) ? bound : objective);
      return { status, x, objective, bound, ...(rowDual ? { rowDual } : {}) };
    } finally {
      model.dispose();
    }
  },
};

/**
 * javascript-lp-solver: the model is rewritten into its JSON form (column bounds become rows). It
 * reports no dual bound, so the bound is the objective only when it finishes before its timeout.
 */
export const lpSolver: MipSolver = {
  name: 'lp-solver',
  async solve(m, o = {}) {
    const mod = (await import('javascript-lp-solver')) as unknown as { default: { Solve: (m: unknown) => unknown } & { default?: { Solve: (m: unknown) => unknown } } };
    const solver = typeof mod.default.Solve === 'function' ? mod.default : (mod.default.default as { Solve: (m: unknown) => unknown });
    const constraints: Record<string, { min?: number; max?: number }> = {};
    const variables: Record<string, Record<string, number>> = {};
    const ints: Record<string, 1> = {};
    for (let i = 0; i < m.numRows; i++) {
      const c: { min?: number; max?: number } = {};
      if (m.rowLower[i] > -Infinity) c.min = m.rowLower[i];
      if (m.rowUpper[i] < Infinity) c.max = m.rowUpper[i];
      constraints[`r${i}`] = c;
    }
    for (let j = 0; j < m.numCols; j++) {
      const v: Record<string, number> = { cost: m.colCost[j] };
      for (let k = m.colStart[j]; k < m.colStart[j + 1]; k++) v[`r${m.rowIndex[k]}`] = m.value[k];
      if (m.colUpper[j] < Infinity || m.colLower[j] > 0) {
        const c: { min?: number; max?: number } = {};
        if (m.colLower[j] > 0) c.min = m.colLower[j];
        if (m.colUpper[j] < Infinity) c.max = m.colUpper[j];
        constraints[`b${j}`] = c;
        v[`b${j}`] = 1;
      }
      variables[`c${j}`] = v;
      if (!o.relax && m.integer[j]) ints[`c${j}`] = 1;
    }
    const mip = Object.keys(ints).length > 0;
    const timeoutMs = o.timeLimitSeconds !== undefined ? Math.max(10, o.timeLimitSeconds * 1000) : undefined;
    const model = {
      optimize: 'cost',
      opType: 'min' as const,
      constraints,
      variables,
      ...(mip ? { ints } : {}),
      options: { ...(timeoutMs !== undefined ? { timeout: timeoutMs } : {}), tolerance: mip ? (o.mipRelGap ?? 0) : 0 },
    };
    // Without a clock a timed-out search cannot be told from infeasibility: report 'none' (unknown).
    const clock = o.clock;
    const t0 = clock ? clock() : 0;
    const r = solver.Solve(model) as Record<string, unknown>;
    const elapsed = clock ? clock() - t0 : Infinity;
    if (!r.feasible) return { status: timeoutMs !== undefined && elapsed >= timeoutMs ? 'none' : 'infeasible', x: null, objective: NaN, bound: -Infinity };
    const x = new Float64Array(m.numCols);
    for (let j = 0; j < m.numCols; j++) {
      const v = r[`c${j}`];
      if (typeof v === 'number') x[j] = v;
    }
    let objective = 0;
    for (let j = 0; j < m.numCols; j++) objective += m.colCost[j] * x[j];
    const timedOut = timeoutMs !== undefined && elapsed >= timeoutMs * 0.98; // no clock: assume it may have
    const proven = !timedOut && (!mip || (o.mipRelGap ?? 0) === 0);
    return { status: proven ? 'optimal' : 'feasible', x, objective, bound: proven ? objective : -Infinity };
  },
};

/** The solver for a name. */
export function solverByName(name: SolverName): MipSolver {
  return name === 'highs' ? highsSolver : lpSolver;
}
