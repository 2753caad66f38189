/**
 * The shift-count roster engine (types.ts).
 *
 * 1. Start: agent by agent, each one's cheapest schedule given the others so far (dp.ts, with the
 *    marginal cover cost of working each template each day; the one-agent MIP when a cut search finds
 *    none); then rounds of such best responses while they improve. Beyond FAST_START_CELLS the first
 *    pass searches narrowly and, when that finds nothing, takes a schedule keeping the hard rules
 *    alone (prices 0), so large problems get a first roster within seconds.
 * 2. Problems up to COLGEN_COLS (agents x days x templates): column generation over per-agent
 *    schedules (colgen.ts): its LP bound, a dive and the integer master in HiGHS.
 * 3. Large-neighbourhood search with the rest of the time: free a few agents over the whole horizon,
 *    or all agents over a window of days, or a few agents over a longer window, and re-solve that MIP
 *    (model.ts) with the current roster as warm start (so a neighbourhood never makes it worse); the
 *    neighbourhood size adapts (grown when HiGHS proves its optimum quickly, shrunk when it times out).
 * Every hard rule is a rule of each agent alone, so any combination of per-agent feasible schedules is
 * a feasible roster; cover and requests are soft.
 *
 * Pure: the caller passes the clock; pseudo-random choices come from a seeded generator.
 */
import type { MipSolver } from '../lp.js';
import { checkCount, countCost, coverShifts } from './check.js';
import { columnGeneration } from './colgen.js';
import { agentCosts, bestSchedule } from './dp.js';
import { buildModel, type FreeSpan } from './model.js';
import type { CountAssignment, CountCost, CountProblem } from './types.js';

/** Problems (agents x days x templates) beyond which the first roster is built by narrow searches,
 *  falling back on the hard rules alone (instance 21 of the Curtois benchmark is 145,600, 22 182,000). */
export const FAST_START_CELLS = 150000;

/** Largest problem (agents x days x templates) given to column generation. */
export const COLGEN_COLS = 200000;

export interface CountOptions {
  solver: MipSolver;
  timeLimitSeconds?: number;
  /** Milliseconds clock (required for the time limit to hold). */
  clock: () => number;
  seed?: number;
  log?: (message: string) => void;
}

export interface CountResult {
  assignment: CountAssignment;
  cost: CountCost;
  /** Proven lower bound on the optimum (0 when none better is known). */
  lowerBound: number;
  /** 'optimal' when the bound meets the cost. */
  status: 'optimal' | 'feasible';
  seconds: number;
  /** Neighbourhoods solved / improving. */
  iterations: number;
  improvements: number;
}

/** Thrown when some agent's own hard rules cannot all hold (no feasible roster exists). */
export class CountInfeasibleError extends Error {
  constructor(readonly agent: string) {
    super(`no schedule keeps every hard rule of agent ${agent}`);
    this.name = 'CountInfeasibleError';
  }
}

/** Thrown when the time ran out before every agent had a schedule. */
export class CountTimeoutError extends Error {
  constructor() {
    super('no roster found within the time limit');
    this.name = 'CountTimeoutError';
  }
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

function shuffle<T>(a: T[], r: () => number): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Solves a shift-count roster (see the file comment). */
export async function solveCount(p: CountProblem, o: CountOptions): Promise<CountResult> {
  const t0 = o.clock();
  const limit = o.timeLimitSeconds ?? 30;
  const left = () => limit - (o.clock() - t0) / 1000;
  const log = o.log ?? (() => undefined);
  const H = p.days;
  const S = p.shifts.length;
  const E = p.agents.length;
  const r = rng(o.seed ?? 12345);
  const current: CountAssignment = p.agents.map(() => new Array<number>(H).fill(-1));
  let best: CountCost;
  let lowerBound = 0;
  let iterations = 0;
  let improvements = 0;
  const done = (status: 'optimal' | 'feasible'): CountResult => ({
    assignment: current,
    cost: best,
    lowerBound: Math.min(lowerBound, best.total),
    status,
    seconds: (o.clock() - t0) / 1000,
    iterations,
    improvements,
  });

  // cover counts of the current roster, and an agent's marginal cover cost given the others
  const counts = new Int32Array(H * S);
  const move = (e: number, sign: 1 | -1) => current[e].forEach((s, d) => s >= 0 && (counts[d * S + s] += sign));
  const marginal = () => {
    const w = new Float64Array(H * S);
    for (const c of p.cover) {
      const cells = coverShifts(c).map((s) => c.day * S + s);
      let n = 0;
      for (const j of cells) n += counts[j];
      for (const j of cells) w[j] += n < c.required ? -c.underWeight : c.overWeight;
    }
    return w;
  };
  /** Agent e's best schedule given the others (the DP; when a cut search finds none, the one-agent
   *  MIP); `first`: the agent has no schedule yet. True when its schedule changed for a cheaper one. */
  const bestResponse = async (e: number, maxLabels: number, first: boolean): Promise<boolean> => {
    move(e, -1);
    const cost = agentCosts(p, e, marginal());
    let b = bestSchedule(p, e, cost, maxLabels);
    // a first schedule on a large problem: when the narrow priced search finds none, one keeping the
    // hard rules alone (every price 0, the same narrow search; the sweeps after it improve on it)
    if (first && b.row === null && !b.exact && E * H * S > FAST_START_CELLS) {
      const z = bestSchedule(p, e, new Float64Array(H * (S + 1)), maxLabels, true);
      if (z.row !== null) b = { row: z.row, cost: 0, exact: false };
    }
    // a cut search that found nothing: wider ones, then (for a first schedule) the MIP
    // (not to improve a schedule on a large problem: a wide search there takes seconds)
    for (let wider = maxLabels * 4; b.row === null && !b.exact && (first || E * H * S <= FAST_START_CELLS) && wider <= maxLabels * 16; wider *= 4) b = bestSchedule(p, e, cost, wider);
    let row = b.row;
    if (row === null) {
      if (b.exact) throw new CountInfeasibleError(p.agents[e].id);
      if (first) {
        const m = buildModel(p, current, [{ agent: e, from: 0, to: H }]);
        const out = await o.solver.solve(m.model, { timeLimitSeconds: Math.max(0.2, Math.min(left(), 10)), clock: o.clock, mipRelGap: 1e-3 });
        if (out.status === 'infeasible') throw new CountInfeasibleError(p.agents[e].id);
        if (!out.x) throw new CountTimeoutError();
        row = m.read(out.x)[e];
      }
    }
    let now = 0;
    let next = 0;
    current[e].forEach((x, d) => (now += cost[d * (S + 1) + x + 1]));
    row?.forEach((x, d) => (next += cost[d * (S + 1) + x + 1]));
    const changed = row !== null && (first || next < now - 1e-9);
    if (changed) current[e] = row as number[];
    move(e, 1);
    return changed;
  };
  // labels kept per day: exact searches for column generation on small problems, a beam for the
  // heuristic best responses (a cut search is still a schedule keeping every rule when it finds one)
  const beam = E * H * S > 100000 ? 300 : E * H * S > 20000 ? 2000 : 20000;
  const quick = E * H * S <= 3000 ? 1000 : E * H * S <= 20000 ? 300 : 100;
  // the first pass on large problems: a narrow search per agent (a first roster quickly; the sweeps
  // after it use the wider one)
  const startBeam = E * H * S > FAST_START_CELLS ? 5 : quick;
  {
    // agent by agent: each one's best schedule given those before it
    for (const e of shuffle(
      p.agents.map((_, i) => i),
      r,
    )) {
      if (left() <= 0) throw new CountTimeoutError();
      await bestResponse(e, startBeam, true);
    }
    if (checkCount(p, current).length) throw new CountTimeoutError();
    best = countCost(p, current);
    log(`start: ${best.total} (${((o.clock() - t0) / 1000).toFixed(1)} s)`);
  }
  // best responses until none improves
  const sweep = async (floor: number) => {
    let improved = false;
    for (const e of shuffle(
      p.agents.map((_, i) => i),
      r,
    )) {
      if (left() <= floor) break;
      if (await bestResponse(e, quick, false)) improved = true;
    }
    return improved;
  };
  while (left() > limit * 0.8 && (await sweep(limit * 0.7))) {
    const c = countCost(p, current);
    if (c.total >= best.total) break;
    best = c;
  }
  best = countCost(p, current);
  log(`best responses: ${best.total} (${((o.clock() - t0) / 1000).toFixed(1)} s)`);
  if (E * H * S <= COLGEN_COLS && left() > 0.5) {
    const cg = await columnGeneration(p, [current.map((row) => row.slice())], o.solver, o.clock, left() * 0.7, log, E * H * S > 3000 ? quick : beam);
    if (Number.isFinite(cg.lowerBound)) lowerBound = Math.max(lowerBound, cg.lowerBound);
    if (cg.assignment && checkCount(p, cg.assignment).length === 0) {
      const c = countCost(p, cg.assignment);
      if (c.total < best.total) {
        for (let e = 0; e < E; e++) move(e, -1);
        cg.assignment.forEach((row, e) => (current[e] = row));
        for (let e = 0; e < E; e++) move(e, 1);
        best = c;
      }
    }
    // best responses from the new roster
    while (left() > 1 && (await sweep(1))) {
      const c = countCost(p, current);
      if (c.total >= best.total) break;
      best = c;
    }
    best = countCost(p, current);
  }
  // large-neighbourhood search
  let budget = Math.min(3000, Math.max(200, E * H * S));
  while (left() > 0.3 && best.total > lowerBound) {
    const kind = r();
    const free: FreeSpan[] = [];
    if (kind < 0.4) {
      // a few agents, whole horizon
      const k = Math.max(1, Math.min(E, Math.floor(budget / (H * S))));
      for (const e of shuffle(
        p.agents.map((_, i) => i),
        r,
      ).slice(0, k))
        free.push({ agent: e, from: 0, to: H });
    } else if (kind < 0.7) {
      // every agent (or as many as fit) over a window of days
      const len = Math.max(2, Math.min(H, Math.floor(budget / (E * S))));
      const from = Math.floor(r() * Math.max(1, H - len + 1));
      const k = Math.min(E, Math.max(1, Math.floor(budget / (len * S))));
      for (const e of shuffle(
        p.agents.map((_, i) => i),
        r,
      ).slice(0, k))
        free.push({ agent: e, from, to: from + len });
    } else {
      // a few agents over a longer window
      const len = Math.max(7, Math.min(H, Math.floor(H / 2)));
      const from = Math.floor(r() * Math.max(1, H - len + 1));
      const k = Math.max(2, Math.min(E, Math.floor(budget / (len * S))));
      for (const e of shuffle(
        p.agents.map((_, i) => i),
        r,
      ).slice(0, k))
        free.push({ agent: e, from, to: from + len });
    }
    const m = buildModel(p, current, free);
    const cap = Math.max(0.2, Math.min(left() - 0.1, 3));
    const s0 = o.clock();
    const out = await o.solver.solve(m.model, { timeLimitSeconds: cap, clock: o.clock, start: m.start });
    const took = (o.clock() - s0) / 1000;
    iterations++;
    if (out.status === 'optimal' && took < cap * 0.3) budget = Math.min(budget * 1.15, 60000);
    else if (out.status !== 'optimal') budget = Math.max(100, budget * 0.8);
    // the neighbourhood is the whole problem: its dual bound bounds the roster
    if (free.length === E && free.every((f) => f.from <= 0 && f.to >= H) && Number.isFinite(out.bound)) lowerBound = Math.max(lowerBound, Math.ceil(out.bound + m.offset - 1e-6));
    if (!out.x) continue;
    const next = m.read(out.x);
    const cost = countCost(p, next);
    if (cost.total <= best.total && checkCount(p, next).length === 0) {
      if (cost.total < best.total) {
        improvements++;
        log(`${iterations}: ${cost.total} (${((o.clock() - t0) / 1000).toFixed(1)} s, budget ${Math.round(budget)})`);
      }
      for (let e = 0; e < E; e++) move(e, -1);
      next.forEach((row, e) => (current[e] = row));
      for (let e = 0; e < E; e++) move(e, 1);
      best = cost;
    }
  }
  return done(best.total <= lowerBound ? 'optimal' : 'feasible');
}
