/**
 * Stage 2 by the shift-count engine (src/solver/rotation) instead of the greedy tours, for `wfm roster`
 * with rotation rules, forbidden successions, requests or shift-count cover (issue 18).
 *
 * The count problem's "templates" are the shift kinds: (queue, template, start time of day) of stage
 * 1's answer (an agent given a kind on a day takes the break times of one of stage 1's shifts of that
 * kind and day, or, beyond their number, those of the kind's first shift), plus, for a template named in the shift-count cover that stage 1 did
 * not use, one kind per allowed start and queue (breaks at their earliest). Cover rows:
 *   - every (day, kind): required = stage 1's count there; a kind short costs the understaffing it
 *     leaves (understaffPenaltyHours x its working slots) less its paid hours; one above costs its
 *     paid hours (so the engine keeps stage 1's shifts unless a rule or request says otherwise);
 *   - the user's rows (day, template): any kind of that template counts, with the user's weights.
 * Hard rules of the ordinary roster become rules of each agent alone: the minimum rest, the
 * forbidden successions and the most a start may move from one day to the next -> forbidden
 * successions between kinds; opening hours, skills, per-day skill gates,
 * availability, leave -> banned (day, kind) cells; approved days off -> days off; most consecutive
 * days -> the smaller of the global and the contract's; days / paid hours / nights / weekend days per
 * 7-day block -> block limits; most shifts of a template -> a limit over the horizon; shifts before
 * the roster (agent.before) -> the run carried into day 0 and rest-banned cells on day 0.
 * Contract minimum weekly hours are not enforced here (the checker reports them as for the greedy).
 * Pure.
 */
import type { MipSolver } from './lp.js';
import { checkCount } from './rotation/check.js';
import type { BlockLimit, CountAgent, CountCover, CountProblem, CountRequest, CountShift, RotationRules } from './rotation/types.js';
import { solveCount } from './rotation/solve.js';
import { withinOpening, type PlacedShift } from './stage1/index.js';
import { nightMinutes, weekdayOf } from './stage2.js';
import { daysWorkedBefore, shiftBeforeDay0, skillAllowed, type Agent, type RequestOutcome, type RosterRules, type RosterShift, type ShiftCover, type ShiftRequest } from './types.js';

export interface RotationStage2Input {
  rules: RosterRules;
  days: number;
  startWeekday: number;
  grid: number;
  queues: string[];
  /** Stage 1's shifts (template index, queue index, start, break offsets in minutes). */
  placed: PlacedShift[];
  agents: Agent[];
  requests: ShiftRequest[];
  cover: ShiftCover[];
}

export interface RotationStage2Result {
  shifts: RosterShift[];
  /** Count problem figures: its objective and the part of its bound known. */
  status: 'optimal' | 'feasible';
  seconds: number;
  /** The count engine's proven lower bound on the count problem's objective. */
  lowerBound: number;
  /**
   * Whether the count problem is the whole roster problem, so that its bound bounds the roster's
   * objective: no stage-1 shifts (nothing required per interval) and a kind for every template,
   * allowed start and queue (see countProblemOf).
   */
  complete: boolean;
}

interface Kind {
  queue: number;
  template: number;
  /** Start, minutes after the day's midnight. */
  start: number;
  /** Break offsets of the kind's first shift (for agents beyond stage 1's count). */
  breakOffsets: number[];
}

/** Thrown when an agent's own rules cannot all hold together. */
export class RotationInfeasibleError extends Error {
  constructor(readonly agent: string) {
    super(`no schedule keeps every hard rule of agent ${agent}`);
    this.name = 'RotationInfeasibleError';
  }
}

/** Whether any input of issue 18 is in play (else the greedy stage 2 runs, unchanged). */
export function needsRotation(rules: RosterRules, requests: ShiftRequest[] | undefined, cover: ShiftCover[] | undefined): boolean {
  return !!(requests?.length || cover?.length || rules.forbiddenSuccessions?.length || rules.maxStartChangeMinutes !== undefined || rules.contracts.some((c) => c.rotation));
}

/** The count problem of stage 2 (see the file comment) and the kinds its templates stand for. */
export function countProblemOf(inp: RotationStage2Input): { problem: CountProblem; kinds: Kind[]; breaksAt: Map<number, number[][]>; complete: boolean } {
  const { rules, days: H, grid } = inp;
  const kinds: Kind[] = [];
  const kindIndex = new Map<string, number>();
  const kindOf = (k: Kind) => {
    const key = `${k.queue} ${k.template} ${k.start}`;
    let i = kindIndex.get(key);
    if (i === undefined) {
      i = kinds.length;
      kinds.push(k);
      kindIndex.set(key, i);
    }
    return i;
  };
  const stage1Count = new Map<number, number>();
  const placedKind = inp.placed.map((p) => {
    const day = Math.floor(p.start / 1440);
    const k = kindOf({ queue: p.queue, template: p.template, start: p.start - day * 1440, breakOffsets: p.breakOffsets });
    return { day, k };
  });
  // templates of the shift-count cover or of a request to work one, without a kind yet: one per
  // allowed start and queue (else such a request could never be met)
  const coverTemplates = new Set([...inp.cover.map((c) => c.template), ...inp.requests.flatMap((q) => (q.kind === 'on' && q.template !== null ? [q.template] : []))]);
  rules.shifts.forEach((t, ti) => {
    if (!coverTemplates.has(t.id) || kinds.some((k) => k.template === ti)) return;
    for (let q = 0; q < inp.queues.length; q++) for (const start of t.starts) kindOf({ queue: q, template: ti, start, breakOffsets: t.breaks.map((b) => b.earliest) });
  });
  const S = kinds.length;
  const complete = inp.placed.length === 0 && kinds.length === rules.shifts.reduce((n, t) => n + t.starts.length * inp.queues.length, 0);
  // stage 1's break times per (day, kind), handed out in order when the roster is read back
  const breaksAt = new Map<number, number[][]>();
  placedKind.forEach(({ day, k }, i) => {
    stage1Count.set(day * S + k, (stage1Count.get(day * S + k) ?? 0) + 1);
    breaksAt.set(day * S + k, [...(breaksAt.get(day * S + k) ?? []), inp.placed[i].breakOffsets]);
  });
  const tpl = (k: Kind) => rules.shifts[k.template];
  const shifts: CountShift[] = kinds.map((k, i) => ({ id: `k${i}`, minutes: tpl(k).paidMinutes }));
  // forbidden successions: rest too short, or template pairs the rules forbid
  const pairs = new Set((rules.forbiddenSuccessions ?? []).map(([x, y]) => `${x}\u0000${y}`));
  const forbidden: [number, number][] = [];
  kinds.forEach((a, i) =>
    kinds.forEach((b, j) => {
      const rest = 1440 + b.start - (a.start + tpl(a).minutes);
      const moved = rules.maxStartChangeMinutes !== undefined && Math.abs(b.start - a.start) > rules.maxStartChangeMinutes;
      if (rest < rules.minRestMinutes || moved || pairs.has(`${tpl(a).id}\u0000${tpl(b).id}`)) forbidden.push([i, j]);
    }),
  );
  // cover: stage 1's counts, every (day, kind) (a row asking for none at no cost per agent is left out)
  const cover: CountCover[] = [];
  const w = rules.paidHoursWeight ?? 1;
  for (let d = 0; d < H; d++)
    kinds.forEach((k, s) => {
      const t = tpl(k);
      const working = t.minutes - t.breaks.reduce((x, b) => x + b.minutes, 0);
      const paid = (w * t.paidMinutes) / 60;
      const required = stage1Count.get(d * S + s) ?? 0;
      if (required === 0 && paid === 0) return;
      cover.push({ day: d, shift: s, required, underWeight: Math.max(0, rules.understaffPenaltyHours * Math.ceil(working / grid) - paid), overWeight: paid });
    });
  for (const c of inp.cover) {
    const set = kinds.map((k, s) => (tpl(k).id === c.template ? s : -1)).filter((s) => s >= 0);
    if (set.length) cover.push({ day: c.day, shift: set[0], shifts: set, required: c.required, underWeight: c.underWeight, overWeight: c.overWeight });
    else if (c.required > 0) cover.push({ day: c.day, shift: 0, shifts: [], required: c.required, underWeight: c.underWeight, overWeight: c.overWeight });
  }
  const agentIndex = new Map(inp.agents.map((a, i) => [a.id, i]));
  const requests: CountRequest[] = [];
  for (const q of inp.requests) {
    const e = agentIndex.get(q.agent);
    if (e === undefined || q.day < 0 || q.day >= H) continue;
    if (q.template === null) requests.push({ agent: e, day: q.day, shift: null, kind: q.kind, weight: q.weight });
    else {
      // a request for a template: any kind of it meets an on request (none: never met, a constant)
      const set = kinds.map((k, s) => (tpl(k).id === q.template ? s : -1)).filter((s) => s >= 0);
      if (set.length) requests.push({ agent: e, day: q.day, shift: set[0], shifts: set, kind: q.kind, weight: q.weight });
    }
  }
  const agents: CountAgent[] = inp.agents.map((a) => countAgent(inp, a, kinds));
  return { problem: { days: H, startWeekday: inp.startWeekday, shifts, forbidden, agents, cover, requests: requests.filter((r) => r.weight > 0) }, kinds, breaksAt, complete };
}

function countAgent(inp: RotationStage2Input, a: Agent, kinds: Kind[]): CountAgent {
  const { rules, days: H } = inp;
  const S = kinds.length;
  const contract = rules.contracts.find((k) => k.id === (a.contract ?? rules.defaultContract)) ?? rules.contracts[0];
  const rot: RotationRules = { ...(contract.rotation ?? {}) };
  delete rot.maxShifts;
  rot.maxConsecutiveDays = Math.min(rules.maxConsecutiveDays, contract.rotation?.maxConsecutiveDays ?? Infinity);
  const tpl = (k: Kind) => rules.shifts[k.template];
  const limits: BlockLimit[] = [
    { weight: kinds.map(() => 1), max: Math.min(rules.maxDaysPerWeek, contract.maxDaysPerWeek) },
    { weight: kinds.map((k) => tpl(k).paidMinutes), max: contract.maxWeeklyHours * 60 },
  ];
  if (rules.maxNightsPerWeek !== null)
    limits.push({ weight: kinds.map((k) => (nightMinutes(rules, k.start, k.start + tpl(k).minutes) >= rules.night.minMinutes ? 1 : 0)), max: rules.maxNightsPerWeek });
  if (rules.maxWeekendDaysPerWeek !== null) limits.push({ weight: kinds.map(() => 1), max: rules.maxWeekendDaysPerWeek, weekendOnly: true });
  for (const [id, m] of Object.entries(contract.rotation?.maxShifts ?? {})) {
    const of = kinds.map((k, s) => (tpl(k).id === id ? s : -1)).filter((s) => s >= 0);
    // a template of one kind: the engine's own limit per template; else a limit over the horizon
    if (of.length === 1) rot.maxShifts = { ...(rot.maxShifts ?? {}), [`k${of[0]}`]: m };
    else if (of.length > 1) limits.push({ weight: kinds.map((k) => (tpl(k).id === id ? 1 : 0)), max: m, days: H });
  }
  // limits no block can reach are left out (each one is a dimension of the per-agent search)
  rot.blockLimits = limits.filter((lim) => {
    const len = lim.days ?? 7;
    const top = Math.max(0, ...lim.weight);
    for (let b0 = 0; b0 < H; b0 += len) {
      let n = 0;
      for (let d = b0; d < Math.min(H, b0 + len); d++) if (!lim.weekendOnly || weekdayOf(inp.startWeekday, d) >= 6) n++;
      if (n * top > lim.max) return true;
    }
    return false;
  });
  const banned: number[] = [];
  const lastBefore = (a.before ?? []).reduce((m, p) => Math.max(m, p.end), -Infinity);
  // day -1 (the roster before) to day 0: the start-change limit and forbidden successions
  const prev = shiftBeforeDay0(a, rules);
  const pairsAfterPrev = new Set((rules.forbiddenSuccessions ?? []).filter(([x]) => prev?.template === x).map(([, y]) => y));
  const afterPrev = (k: Kind) =>
    !prev || ((rules.maxStartChangeMinutes === undefined || Math.abs(k.start - prev.clock) <= rules.maxStartChangeMinutes) && !pairsAfterPrev.has(tpl(k).id));
  for (let d = 0; d < H; d++)
    kinds.forEach((k, s) => {
      const start = d * 1440 + k.start;
      const end = start + tpl(k).minutes;
      const queue = inp.queues[k.queue];
      const ok =
        withinOpening(rules, weekdayOf(inp.startWeekday, d), k.start, tpl(k).minutes) &&
        skillAllowed(a, queue, start, end) &&
        !(a.leave ?? []).some((p) => p.start < end && start < p.end) &&
        (!a.availability || a.availability.some((p) => p.start <= start && end <= p.end)) &&
        !(a.before ?? []).some((p) => p.start < end && start < p.end) &&
        !(start >= lastBefore ? start - lastBefore < rules.minRestMinutes : false) &&
        (d > 0 || afterPrev(k));
      if (!ok) banned.push(d * S + s);
    });
  const run = daysWorkedBefore(a);
  const out: CountAgent = { id: a.id, rules: rot, daysOff: (a.daysOff ?? []).filter((d) => d >= 0 && d < H), banned };
  if (a.before) out.before = { run, last: -1 };
  return out;
}

/** Solves stage 2 with the count engine; the shifts of the roster. */
export async function rotationStage2(inp: RotationStage2Input, o: { solver: MipSolver; seconds: number; clock: () => number; log?: (m: string) => void }): Promise<RotationStage2Result> {
  const { problem, kinds, breaksAt, complete } = countProblemOf(inp);
  let res;
  try {
    res = await solveCount(problem, { solver: o.solver, timeLimitSeconds: Math.max(0.5, o.seconds), clock: o.clock, log: o.log });
  } catch (err) {
    if (err instanceof Error && err.name === 'CountInfeasibleError') throw new RotationInfeasibleError((err as Error & { agent: string }).agent);
    throw err;
  }
  if (checkCount(problem, res.assignment).length) throw new Error('stage 2 (rotation) returned a roster breaking its own rules');
  const shifts: RosterShift[] = [];
  res.assignment.forEach((row, e) =>
    row.forEach((s, d) => {
      if (s < 0) return;
      const k = kinds[s];
      const t = inp.rules.shifts[k.template];
      const start = d * 1440 + k.start;
      const offsets = breaksAt.get(d * kinds.length + s)?.shift() ?? k.breakOffsets;
      shifts.push({
        agent: inp.agents[e].id,
        queue: inp.queues[k.queue],
        template: t.id,
        start,
        end: start + t.minutes,
        breaks: t.breaks.map((b, i) => ({ start: start + offsets[i], end: start + offsets[i] + b.minutes, paid: b.paid })),
      });
    }),
  );
  return { shifts, status: res.status, seconds: res.seconds, lowerBound: res.lowerBound, complete };
}

/** Every request with whether the roster's shifts meet it (an on request for a template: that
 *  template worked that day; for the whole day: any shift starting that day). */
export function requestOutcomes(requests: ShiftRequest[], shifts: RosterShift[]): RequestOutcome[] {
  const worked = new Map<string, string>();
  for (const s of shifts) worked.set(`${s.agent}\u0000${Math.floor(s.start / 1440)}`, s.template);
  return requests.map((q) => {
    const t = worked.get(`${q.agent}\u0000${q.day}`);
    const works = q.template === null ? t !== undefined : t === q.template;
    return { ...q, met: works === (q.kind === 'on') };
  });
}

/** The soft costs of requests and shift-count cover rows of a roster's shifts. */
export function softCosts(requests: ShiftRequest[], cover: ShiftCover[], shifts: RosterShift[]): { requests: number; cover: number } {
  let r = 0;
  for (const q of requestOutcomes(requests, shifts)) if (!q.met) r += q.weight;
  const n = new Map<string, number>();
  for (const s of shifts) n.set(`${Math.floor(s.start / 1440)}\u0000${s.template}`, (n.get(`${Math.floor(s.start / 1440)}\u0000${s.template}`) ?? 0) + 1);
  let c = 0;
  for (const row of cover) {
    const have = n.get(`${row.day}\u0000${row.template}`) ?? 0;
    c += have < row.required ? (row.required - have) * row.underWeight : (have - row.required) * row.overWeight;
  }
  return { requests: r, cover: c };
}
