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
 * repairBreaks; re-pairing moves of two overlapping shifts, pairSearch) -> a plateau phase
 * (equal-objective shift and re-pairing moves at random plus ruin and recreate) until the target
 * gap, the time, or 25 rounds without gain -> sliding start-time-window MIPs (HiGHS,
 * warm-started) when time is left -> the full MIP on small models. javascript-lp-solver: its LP,
 * then the same heuristics and MIP.
 *
 * Files: model.ts (input, shift types, the LP/MIP model), solution.ts (the integer solution, exact
 * move deltas, LP rounding and column conversions), heuristics.ts (greedy repair, local search,
 * shift moves, ruin and recreate), pairs.ts (re-pairing moves), repair.ts (break repair by ejection
 * chains), bounds.ts (the Lagrangian bound and the LPs that price it), lns.ts (start-window MIP
 * neighbourhoods). The other files never import this one.
 */
import type { MipSolver } from '../lp.js';
import { constantPrices, costGrain, priceBound, queueLps, roundBound, windowLps } from './bounds.js';
import { greedyAdd, localSearch, moveSearch, neighbourLists, ruinRecreate } from './heuristics.js';
import { lastWindowStatus, startWindowMip } from './lns.js';
import { pairSearch, typeIndex } from './pairs.js';
import { buildModel, enumerateTypes, type Stage1Input } from './model.js';
import { fromColumns, roundLp, Solution, toColumns } from './solution.js';

export { buildModel, enumerateTypes, estimateStage1Size, withinOpening, type Built, type ShiftType, type Stage1Capacity, type Stage1Input } from './model.js';
export { bestOffsets, Solution } from './solution.js';
export { repairBreaks } from './repair.js';
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
  /** Re-pairing moves of two overlapping shifts (pairs.ts) after the shift moves: the probability of
   *  taking an equal-objective one in the plateau phase (default 0.5); 0 turns the moves off. */
  pairs?: number;
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
  const at = typeIndex(types);
  const pairs = opt.pairs ?? 0.5;
  const pairRand = (() => {
    let s = 99;
    return () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
  })();
  const improve = (trial: Solution) => {
    greedyAdd(trial, all);
    localSearch(trial, deadline);
    moveSearch(trial, nbr, deadline, 30, 0, 1, repairK);
    // strict re-pairing moves, each round of them followed by shift moves again, while they gain
    if (pairs > 0) for (let k = 0; k < 5 && pairSearch(trial, at, deadline, 0, pairRand, repairK) > 0; k++) moveSearch(trial, nbr, deadline, 30, 0, 1, repairK);
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
      if (pairs > 0) pairSearch(sol, at, stop, pairs, pairRand, repairK);
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
