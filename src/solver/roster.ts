/**
 * `solveRoster`: requirements + rules (+ agents) -> a week of shifts with breaks for named agents,
 * with the objective, a proven lower bound and the gap. Two stages (see stage1/, stage2.ts).
 *
 * Objective (hours) = paid hours + understaffPenaltyHours x understaffed agent-intervals, where the
 * intervals are those of the model grid (`Roster.intervalMinutes`).
 * Lower bound = stage-1 LP relaxation (with capacity rows implied by the named agents), or a better
 * MIP dual bound: stage 2 only restricts stage 1, so it bounds the final objective too.
 * Contract minimum hours (pro-rated for leave, full weeks): stage 2 moves shifts to agents below
 * their minimum and, when that is not enough, adds top-up shifts or lengthens their shifts where the
 * coverage is thinnest (topUpShifts), so paid hours may exceed the stage-1 optimum; when every agent
 * then meets the minimum, their sum is also a proven bound (no roster keeping the contracts pays less).
 * With rotation rules, forbidden successions, start-move limits, requests or shift-count cover (issue
 * 18), stage 2 is the rotation engine instead (roster-rotation.ts; stage 1 then gets half the time),
 * and the objective adds the cover and request costs (Roster.parts, Roster.requests); without them
 * this path is unchanged. When nothing is required per interval, stage 1 places no shift and the
 * rotation stage's count problem has a kind for every template, start and queue, that problem is the
 * whole roster problem and its lower bound is the roster's. `rules.paidHoursWeight` (default 1) weighs
 * the paid hours in the objective (0: cover, understaffing and requests alone, as in the Curtois &
 * Qu benchmark, which `wfm roster curtois` runs through here).
 */
import { highsSolver, lpSolver, type MipSolver } from './lp.js';
import { bestOffsets, enumerateTypes, estimateStage1Size, Solution, solveStage1, type PlacedShift, type Stage1Capacity, type Stage1Input } from './stage1/index.js';
import { fairnessRows } from './fairness.js';
import { needsRotation, requestOutcomes, RotationInfeasibleError, rotationStage2, softCosts } from './roster-rotation.js';
import { buildTours, type TopUp, type TourShift } from './stage2.js';
import { contractMinimumMinutes, paidMinutesOf, type Agent, type Requirements, type Roster, type RosterRules, type RosterShift, type ShiftCover, type ShiftRequest, type SolverName } from './types.js';

/** An input problem found before solving: key path (e.g. `agents[3].contract`) and code. */
export interface RosterInputIssue {
  path: string;
  code: 'type' | 'range' | 'length' | 'duplicate' | 'unknown-contract' | 'unknown-queue' | 'unknown-agent' | 'unknown-template' | 'infeasible-agent';
  params?: Record<string, string | number>;
}

/** Thrown by solveRoster when the requirements or agents are malformed. */
export class RosterInputError extends Error {
  constructor(readonly issues: RosterInputIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.code}`).join('; '));
    this.name = 'RosterInputError';
  }
}

export interface RosterInput {
  rules: RosterRules;
  requirements: Requirements;
  /** Named agents; omit for anonymous agents A001... under the default contract. */
  agents?: Agent[];
  /** Requests to work or not (issue 18): soft costs; with them stage 2 is the rotation engine. */
  requests?: ShiftRequest[];
  /** Shift-count cover rows (issue 18): soft costs, counted besides the interval requirements. */
  cover?: ShiftCover[];
}

export interface RosterOptions {
  /** 'auto' (default): javascript-lp-solver for tiny models, HiGHS otherwise. */
  solver?: 'auto' | SolverName;
  /** Overall time limit, seconds (default 60). */
  timeLimitSeconds?: number;
  /** Milliseconds clock used for limits and `seconds` (pure module: the caller passes one, e.g.
   *  `() => performance.now()`). Without it time is not measured (seconds = 0) and only the
   *  solvers' own limits apply. */
  clock?: () => number;
  /** Stop improving stage 1 at this relative gap (default 0.005). */
  targetGap?: number;
  /** Progress trace (benchmarks, --verbose). */
  log?: (message: string) => void;
}

/** Longest roster, days (52 weeks: the rotation rules' horizons of issue 18). */
export const MAX_DAYS = 364;

/** Largest model (columns) for which 'auto' picks javascript-lp-solver. */
export const LP_SOLVER_MAX_COLS = 400;

/** Checks requirements and agents; returns every issue with its key path. */
export function checkRosterInput(input: RosterInput): RosterInputIssue[] {
  const issues: RosterInputIssue[] = [];
  const r = input.requirements;
  if (r.intervalMinutes !== 15 && r.intervalMinutes !== 30) issues.push({ path: 'requirements.intervalMinutes', code: 'range', params: { allowed: '15, 30' } });
  if (!Number.isInteger(r.days) || r.days < 1 || r.days > MAX_DAYS) issues.push({ path: 'requirements.days', code: 'range', params: { min: 1, max: MAX_DAYS } });
  if (!Number.isInteger(r.startWeekday) || r.startWeekday < 1 || r.startWeekday > 7) issues.push({ path: 'requirements.startWeekday', code: 'range', params: { min: 1, max: 7 } });
  const n = (r.days * 1440) / r.intervalMinutes;
  const seen = new Set<string>();
  r.queues.forEach((q, i) => {
    if (seen.has(q.queue)) issues.push({ path: `requirements.queues[${i}].queue`, code: 'duplicate', params: { id: q.queue } });
    seen.add(q.queue);
    if (q.required.length !== n) issues.push({ path: `requirements.queues[${i}].required`, code: 'length', params: { expected: n, actual: q.required.length } });
    q.required.forEach((v, t) => {
      if (!Number.isFinite(v) || v < 0) issues.push({ path: `requirements.queues[${i}].required[${t}]`, code: 'range', params: { min: 0 } });
    });
  });
  const ids = new Set<string>();
  input.agents?.forEach((a, i) => {
    const p = `agents[${i}]`;
    if (typeof a.id !== 'string' || a.id === '') issues.push({ path: `${p}.id`, code: 'type' });
    else if (ids.has(a.id)) issues.push({ path: `${p}.id`, code: 'duplicate', params: { id: a.id } });
    ids.add(a.id);
    if (a.contract !== undefined && !input.rules.contracts.some((k) => k.id === a.contract)) issues.push({ path: `${p}.contract`, code: 'unknown-contract', params: { id: a.contract } });
    a.skills.forEach((s, k) => {
      if (!seen.has(s)) issues.push({ path: `${p}.skills[${k}]`, code: 'unknown-queue', params: { id: s } });
    });
    for (const [q, ds] of Object.entries(a.skillDays ?? {}))
      if (!Array.isArray(ds) || ds.some((d) => !Number.isInteger(d) || d < 0 || d > r.days)) issues.push({ path: `${p}.skillDays.${q}`, code: 'range', params: { min: 0, max: r.days } });
    for (const key of ['availability', 'leave'] as const)
      a[key]?.forEach((sp, k) => {
        if (!(Number.isFinite(sp.start) && Number.isFinite(sp.end) && sp.end > sp.start)) issues.push({ path: `${p}.${key}[${k}]`, code: 'range' });
      });
  });
  const templates = new Set(input.rules.shifts.map((t) => t.id));
  input.requests?.forEach((q, i) => {
    if (!ids.has(q.agent)) issues.push({ path: `requests[${i}].agent`, code: 'unknown-agent', params: { id: q.agent } });
    if (q.template !== null && !templates.has(q.template)) issues.push({ path: `requests[${i}].template`, code: 'unknown-template', params: { id: q.template } });
    if (!Number.isInteger(q.day) || q.day < 0 || q.day >= r.days) issues.push({ path: `requests[${i}].day`, code: 'range', params: { min: 0, max: r.days - 1 } });
    if (!(q.weight > 0 && Number.isFinite(q.weight))) issues.push({ path: `requests[${i}].weight`, code: 'range', params: { min: 0 } });
  });
  input.cover?.forEach((c, i) => {
    if (!templates.has(c.template)) issues.push({ path: `cover[${i}].template`, code: 'unknown-template', params: { id: c.template } });
    if (!Number.isInteger(c.day) || c.day < 0 || c.day >= r.days) issues.push({ path: `cover[${i}].day`, code: 'range', params: { min: 0, max: r.days - 1 } });
    for (const k of ['required', 'underWeight', 'overWeight'] as const) if (!(Number.isFinite(c[k]) && c[k] >= 0)) issues.push({ path: `cover[${i}].${k}`, code: 'range', params: { min: 0 } });
  });
  return issues;
}

/** The model grid: the requirement grid when every template time is a multiple of it, else 15. */
export function modelGrid(rules: RosterRules, intervalMinutes: number): number {
  const times: number[] = [];
  for (const t of rules.shifts) {
    times.push(t.minutes, ...t.starts);
    for (const b of t.breaks) times.push(b.minutes, b.earliest, b.latest);
  }
  if (rules.openingHours !== '24x7') for (const p of rules.openingHours) times.push(p.open, p.close);
  return times.every((v) => v % intervalMinutes === 0) ? intervalMinutes : 15;
}

/** Upper bounds on shifts implied by the named agents (valid relaxation rows for stage 1). */
function capacityOf(input: RosterInput, queues: string[]): Stage1Capacity {
  const { rules, requirements: r } = input;
  const agents = input.agents ?? [];
  const perDay = new Array(r.days).fill(0);
  const perQueueDay = queues.map(() => new Array(r.days).fill(0));
  let totalShifts = 0;
  let totalPaidHours = 0;
  const blocks = Math.ceil(r.days / 7);
  for (const a of agents) {
    const k = rules.contracts.find((c) => c.id === (a.contract ?? rules.defaultContract)) ?? rules.contracts[0];
    for (let d = 0; d < r.days; d++) {
      if (a.daysOff?.includes(d)) continue;
      const ds = d * 1440;
      const de = ds + 1440;
      if (a.leave?.some((s) => s.start <= ds && s.end >= de)) continue;
      if (a.availability && !a.availability.some((s) => s.end > ds && s.start < de + 16 * 60)) continue;
      perDay[d]++;
      queues.forEach((q, qi) => {
        // a gated skill counts on day d when it is allowed that day (a relaxation: the shift may also
        // need the next day)
        if (a.skills.includes(q) && (!a.skillDays?.[q] || a.skillDays[q].includes(d))) perQueueDay[qi][d]++;
      });
    }
    for (let b = 0; b < blocks; b++) {
      const len = Math.min(7, r.days - b * 7);
      totalShifts += Math.min(len, k.maxDaysPerWeek, rules.maxDaysPerWeek);
      totalPaidHours += k.maxWeeklyHours;
    }
  }
  return { perDay, perQueueDay, totalShifts, totalPaidHours };
}

/**
 * Share of the time limit given to stage 1; the rest is for the tours (stage 2) and the coverage
 * summary. Stage 2 grows faster than linearly with the number of shifts (measured: about 0.05 s for
 * a 50-agent week, about 1 s for a 500-agent week on a loaded 2-core machine), so small weeks
 * (up to 10,000 required agent-hours) keep 7% of the limit, larger ones 15%.
 */
function stage1Share(required: number[][], grid: number): number {
  let slots = 0;
  for (const r of required) for (const v of r) slots += v;
  return (slots * grid) / 60 <= 10000 ? 0.93 : 0.85;
}

interface TopUpShifts {
  topUp: TopUp;
  /** Shifts added, in commit order, with their breaks placed. */
  committed: PlacedShift[];
}

/**
 * Top-up shifts for stage 2: every shift type of stage 1 (enumerateTypes, also those where nothing
 * is required), on a stage-1 Solution that holds the staffing (stage-1 shifts plus top-ups so far).
 * Value of a candidate: short slots its working time would cover, plus 0.02 x the sum of
 * required/(staffed + 1) over those slots (extra hours go where each agent carries most load).
 * A committed candidate gets its breaks where the surplus is largest (bestOffsets, the stage-1 rule).
 */
function topUpShifts(inp: Stage1Input, placed: PlacedShift[]): TopUpShifts {
  const { rules, grid, queues, required } = inp;
  const types = enumerateTypes(inp, true);
  const sol = new Solution(inp, types);
  const T = sol.T;
  const index = new Map(types.map((ty, j) => [`${ty.q} ${ty.tpl} ${ty.start}`, j]));
  const typeOf = (p: PlacedShift) => index.get(`${p.queue} ${p.template} ${p.start}`) as number;
  const put = (p: PlacedShift, sign: 1 | -1) =>
    sol.apply(
      typeOf(p),
      p.breakOffsets.map((o) => o / grid),
      sign,
    );
  for (const p of placed) put(p, 1);
  const candidates: TourShift[] = types.map((ty) => ({ queue: queues[ty.q], start: ty.start, end: ty.start + ty.len * grid, paidMinutes: rules.shifts[ty.tpl].paidMinutes }));
  const short = (q: number, t: number) => required[q][t] > sol.staffed[q][t];
  const committed: PlacedShift[] = [];
  const topUp: TopUp = {
    candidates,
    value(c) {
      const ty = types[c];
      const r = required[ty.q];
      const st = sol.staffed[ty.q];
      let gain = 0;
      let load = 0;
      for (let x = ty.s0; x < Math.min(T, ty.s0 + ty.len); x++) {
        if (r[x] > st[x]) gain++;
        load += r[x] / (st[x] + 1);
      }
      return gain + 0.02 * load;
    },
    gain(c) {
      // working slots that are short, less the break slots (at their best offsets) that are short
      const ty = types[c];
      let g = 0;
      for (let x = ty.s0; x < Math.min(T, ty.s0 + ty.len); x++) if (short(ty.q, x)) g++;
      for (const b of ty.brk) {
        let least = Infinity;
        for (const o of b.offs) {
          let k = 0;
          for (let x = ty.s0 + o; x < Math.min(T, ty.s0 + o + b.len); x++) if (short(ty.q, x)) k++;
          least = Math.min(least, k);
        }
        g -= least === Infinity ? 0 : least;
      }
      return g;
    },
    commit(c) {
      const ty = types[c];
      // breaks placed with this shift's working time counted
      const st = sol.staffed[ty.q];
      for (let x = ty.s0; x < Math.min(T, ty.s0 + ty.len); x++) st[x]++;
      const offs = bestOffsets(sol, c);
      for (let x = ty.s0; x < Math.min(T, ty.s0 + ty.len); x++) st[x]--;
      const p: PlacedShift = { queue: ty.q, template: ty.tpl, start: ty.start, breakOffsets: offs.map((o) => o * grid) };
      put(p, 1);
      committed.push(p);
    },
    remove(k) {
      put(k >= 0 ? placed[k] : committed[-1 - k], -1);
    },
  };
  return { topUp, committed };
}

/** The most anonymous agents the shift-count cover adds (a roster of more names its agents, --agents). */
export const ANONYMOUS_MAX = 2000;

/**
 * Anonymous agents for the rotation stage 2: those the greedy tours use, or, when the shift-count cover
 * asks for more, enough for the busiest day's cover at the most days a week anyone may work (at most
 * ANONYMOUS_MAX: the rest of such a cover is reported short).
 */
function anonymousAgents(greedy: Agent[], cover: ShiftCover[], rules: RosterRules, queues: string[]): Agent[] {
  const perDay = new Map<number, number>();
  for (const c of cover) perDay.set(c.day, (perDay.get(c.day) ?? 0) + c.required);
  const busiest = Math.max(0, ...perDay.values());
  const n = Math.max(greedy.length, Math.min(ANONYMOUS_MAX, Math.ceil((busiest * 7) / Math.max(1, rules.maxDaysPerWeek))));
  const out = greedy.slice();
  for (let i = out.length; i < n; i++) out.push({ id: `A${String(i + 1).padStart(3, '0')}`, skills: [...queues] });
  return out;
}

/**
 * Builds a roster (see the file comment). Throws RosterInputError on malformed input; an
 * impossible week is not an error: the result lists its understaffed intervals.
 */
export async function solveRoster(input: RosterInput, options: RosterOptions = {}): Promise<Roster> {
  const issues = checkRosterInput(input);
  if (issues.length > 0) throw new RosterInputError(issues);
  const clock = options.clock ?? (() => 0);
  const t0 = clock();
  const limit = options.timeLimitSeconds ?? 60;
  const { rules, requirements: req } = input;
  const grid = modelGrid(rules, req.intervalMinutes);
  const rotation = needsRotation(rules, input.requests, input.cover);
  const factor = req.intervalMinutes / grid;
  const queues = req.queues.map((q) => q.queue);
  const required = req.queues.map((q) => {
    const out: number[] = [];
    for (const v of q.required) for (let k = 0; k < factor; k++) out.push(v);
    return out;
  });
  const stage1Input = {
    rules,
    grid,
    days: req.days,
    startWeekday: req.startWeekday,
    queues,
    required,
    capacity: input.agents ? capacityOf(input, queues) : undefined,
  };
  let solver: MipSolver;
  const choice = options.solver ?? 'auto';
  if (choice === 'highs') solver = highsSolver;
  else if (choice === 'lp-solver') solver = lpSolver;
  else solver = estimateStage1Size(stage1Input).cols <= LP_SOLVER_MAX_COLS ? lpSolver : highsSolver;

  const s1 = await solveStage1(stage1Input, {
    solver,
    // with the rotation engine as stage 2, half the time is for it
    timeLimitSeconds: limit * (rotation ? 0.5 : stage1Share(required, grid)),
    clock,
    targetGap: options.targetGap,
    log: options.log,
  });
  let shifts: RosterShift[] = [];
  const unassigned: Omit<RosterShift, 'agent'>[] = [];
  let topUp: TopUpShifts | undefined;
  let rosterAgents: Agent[];
  // the rotation stage's bound, when its count problem is the whole roster problem
  let rotationBound = -Infinity;
  if (rotation) {
    // stage 2 by the rotation engine (roster-rotation.ts); without named agents, as many anonymous
    // ones as the greedy tours would use
    const tourShifts = s1.shifts.map((s) => ({ queue: queues[s.queue], start: s.start, end: s.start + rules.shifts[s.template].minutes, paidMinutes: rules.shifts[s.template].paidMinutes }));
    rosterAgents = input.agents ?? anonymousAgents(buildTours({ rules, days: req.days, startWeekday: req.startWeekday, shifts: tourShifts, queues }).agents, input.cover ?? [], rules, queues);
    try {
      const r2 = await rotationStage2(
        { rules, days: req.days, startWeekday: req.startWeekday, grid, queues, placed: s1.shifts, agents: rosterAgents, requests: input.requests ?? [], cover: input.cover ?? [] },
        // without a clock, a counting one (5 ms a reading) keeps the search finite and deterministic
        { solver: highsSolver, seconds: limit - (clock() - t0) / 1000 - 0.1, clock: options.clock ?? ((tick) => () => (tick += 5))(0), log: options.log },
      );
      shifts = r2.shifts;
      // with named agents only: an anonymous head count is the solver's guess, not part of the problem
      if (r2.complete && input.agents) rotationBound = r2.lowerBound;
    } catch (err) {
      if (err instanceof RotationInfeasibleError) {
        const i = rosterAgents.findIndex((a) => a.id === err.agent);
        throw new RosterInputError([{ path: `agents[${i}]`, code: 'infeasible-agent', params: { id: err.agent } }]);
      }
      throw err;
    }
  } else {
    const tourShifts = s1.shifts.map((s) => {
      const t = rules.shifts[s.template];
      return { queue: queues[s.queue], start: s.start, end: s.start + t.minutes, paidMinutes: t.paidMinutes };
    });
    // top-up candidates: for contract minimums, and to replace shifts no named agent can take
    topUp = input.agents || rules.contracts.some((c) => c.minWeeklyHours > 0) ? topUpShifts(stage1Input, s1.shifts) : undefined;
    // the repairs after the greedy tours (replacements, contract minimums) stop at the time limit
    const deadline = () => (clock() - t0) / 1000 > limit;
    const tours = buildTours({ rules, days: req.days, startWeekday: req.startWeekday, shifts: tourShifts, agents: input.agents, queues, topUp: topUp?.topUp, deadline });

    // top-up shifts in commit order: tours.extra[e] is topUp.committed[e]
    const placedExtra = tours.extra.map((x, e) => ({ placed: (topUp as TopUpShifts).committed[e], agent: x.agent })).filter((x) => x.agent !== '');
    const droppedSet = new Set(tours.dropped);
    for (const { placed, agent } of placedExtra) {
      const t = rules.shifts[placed.template];
      shifts.push({
        agent,
        queue: queues[placed.queue],
        template: t.id,
        start: placed.start,
        end: placed.start + t.minutes,
        breaks: t.breaks.map((b, k) => ({ start: placed.start + placed.breakOffsets[k], end: placed.start + placed.breakOffsets[k] + b.minutes, paid: b.paid })),
      });
    }
    s1.shifts.forEach((s, i) => {
      const t = rules.shifts[s.template];
      const base = {
        queue: queues[s.queue],
        template: t.id,
        start: s.start,
        end: s.start + t.minutes,
        breaks: t.breaks.map((b, k) => ({ start: s.start + s.breakOffsets[k], end: s.start + s.breakOffsets[k] + b.minutes, paid: b.paid })),
      };
      const a = tours.agentOf[i];
      if (droppedSet.has(i)) return;
      if (a === null) unassigned.push(base);
      else shifts.push({ agent: a, ...base });
    });
    rosterAgents = tours.agents;
  }
  shifts.sort((a, b) => a.start - b.start || a.agent.localeCompare(b.agent));

  // coverage on the model grid
  const T = (req.days * 1440) / grid;
  const staffed = queues.map(() => new Int32Array(T));
  const qIndex = new Map(queues.map((q, i) => [q, i]));
  let paidMinutes = 0;
  for (const s of shifts) {
    const st = staffed[qIndex.get(s.queue) as number];
    for (let t = s.start / grid; t < Math.min(T, s.end / grid); t++) st[t]++;
    for (const b of s.breaks) for (let t = b.start / grid; t < Math.min(T, b.end / grid); t++) st[t]--;
    paidMinutes += paidMinutesOf(s);
  }
  const coverage: Roster['coverage'] = [];
  const shortIntervals: Roster['shortIntervals'] = [];
  let understaffed = 0;
  let aboveMinutes = 0;
  queues.forEach((q, qi) => {
    for (let t = 0; t < T; t++) {
      const need = required[qi][t];
      const have = staffed[qi][t];
      coverage.push({ queue: q, interval: t, required: need, scheduled: have });
      if (have < need) {
        understaffed += need - have;
        shortIntervals.push({ queue: q, interval: t, short: need - have });
      } else aboveMinutes += (have - need) * grid;
    }
  });
  const paidHours = paidMinutes / 60;
  const intervalObjective = (rules.paidHoursWeight ?? 1) * paidHours + rules.understaffPenaltyHours * understaffed;
  const soft = rotation ? softCosts(input.requests ?? [], input.cover ?? [], shifts) : undefined;
  const objective = intervalObjective + (soft ? soft.cover + soft.requests : 0);
  // stage 1's bound is on 1 x paid + penalty x short: a bound on the objective when paid hours weigh 1 or more
  const weighsPaid = (rules.paidHoursWeight ?? 1) >= 1;
  let lowerBound = weighsPaid && Number.isFinite(s1.lowerBound) ? Math.min(Math.max(0, s1.lowerBound), objective) : 0;
  // contract minimums are hard when every named agent meets them: no such roster pays less than
  // their sum (not with anonymous agents: their head count is the solver's choice)
  if (topUp && input.agents) {
    const contractOf = (a: Agent) => rules.contracts.find((k) => k.id === (a.contract ?? rules.defaultContract)) ?? rules.contracts[0];
    let owedTotal = 0;
    let allMet = true;
    for (const a of rosterAgents)
      for (let b = 0; (b + 1) * 7 <= req.days; b++) {
        const owed = contractMinimumMinutes(contractOf(a), a, b, req.days);
        let got = 0;
        for (const x of shifts) if (x.agent === a.id && Math.floor(x.start / 1440 / 7) === b) got += paidMinutesOf(x);
        owedTotal += owed;
        if (got < owed) allMet = false;
      }
    if (weighsPaid && allMet && understaffed === 0) lowerBound = Math.max(lowerBound, Math.min(owedTotal / 60, objective));
  }
  const intervalLowerBound = lowerBound;
  // nothing required per interval and a kind for every template: the count problem is the roster's
  lowerBound = Math.max(lowerBound, Math.min(rotationBound, objective));
  const requestsMet = soft ? requestOutcomes(input.requests ?? [], shifts) : undefined;
  const fairness = fairnessRows(shifts, requestsMet, rules, rosterAgents, req.startWeekday, new Set(req.holidays ?? []));
  return {
    intervalMinutes: grid,
    shifts,
    coverage,
    paidHours,
    objective,
    lowerBound,
    intervalLowerBound,
    gap: objective > 0 ? Math.max(0, (objective - lowerBound) / objective) : 0,
    understaffed,
    shortIntervals,
    hoursAbove: aboveMinutes / 60,
    solver: solver.name,
    seconds: (clock() - t0) / 1000,
    fairness,
    agents: rosterAgents.map((a) => a.id),
    unassigned,
    ...(soft ? { parts: { intervals: intervalObjective, cover: soft.cover, requests: soft.requests }, requests: requestsMet } : {}),
  };
}
