/**
 * Intraday actions (issue 17): changes to today's roster that lift the projected service level of the
 * rest of the day, each kept only when the roster checker (./check.ts) finds no rule broken. Pure:
 * roster minutes in (as src/solver everywhere: whole minutes from local midnight of the roster's day
 * 0), actions out; the value of an agent at work is a function the caller gives.
 *
 * Kinds, for a shift that is not over at the cut (nothing before the cut is ever changed):
 * - `break`: a break (or lunch) that has not started moves to another start inside its template's
 *   window, in steps of the rules' 15 minutes, at or after the cut;
 * - `overtime`: the shift becomes a longer template of the rules with the same start (stay later) or,
 *   when it has not started, with the same end (come in earlier): the rules' longest template is the
 *   daily limit; the weekly hours of the contract and the rest between shifts are the checker's;
 * - `timeOff`: voluntary time off where the queue has more agents than it needs in every interval
 *   released: a shorter template with the same start (leave early) or end (start later), or, for a
 *   shift that has not started and lies within the day, the whole shift;
 * - `move`: an agent whose skills (and the exams and certificates that gate them, `Agent.skillDays`)
 *   allow another queue serves it for a window of whole intervals of its shift, the window with the
 *   largest gain (the best run of intervals, Kadane's maximum subarray) among the intervals where the
 *   queue left is over-staffed: it keeps at least the agents it needs without this one (checked again,
 *   as for time off, on the roster with the actions ranked before it).
 * The breaks of a changed shift that have started stay where they are (they must fit the new
 * template); the others are laid where they cost the least.
 *
 * Value and ranking. `value(q, i, s)` is the expected calls of queue q answered within its threshold
 * in interval i of the day with s agents at work (src/staff/intraday.ts); an action's gain is the
 * change of Σ value over the remaining intervals of every queue, its lift that gain over the remaining
 * calls (a change of the pooled rest-of-day service level), and the ranking key its lift per agent-hour
 * (the hours it moves: the break's length, the window moved, the overtime added, the time off given;
 * time off counts as negative hours and ranks after every action that lifts). Actions are chosen
 * greedily: the best-ranked candidate that passes the checker, applied, then the next on the changed
 * roster, at most one per agent, so that any subset of the list can be applied as it stands (the
 * rules are per agent).
 *
 * The checker's view. The roster model has one queue per shift, so a shift that serves another queue
 * for a window is checked once per queue it serves (its skill and its skill days for each); every
 * other rule does not depend on the queue. An action is kept when the agent's shifts, changed, have no
 * violation at all, except a contract minimum (`min-weekly-hours`) the agent already fell short of
 * when the action does not take paid time away. An agent whose shifts already break a rule gets no
 * action. Cost: O(candidates × intervals they touch) per step, the checker only on the candidates
 * tried, best first.
 */
import { checkRoster, type Violation } from './check.js';
import { RULES_GRANULARITY } from './rules.js';
import { skillAllowed, type Agent, type Requirements, type RosterBreak, type RosterRules, type RosterShift, type ShiftTemplate } from './types.js';

const MIN_PER_DAY = 1440;

/** The queue a shift serves over [start, end). */
export interface ShiftPart {
  start: number;
  end: number;
  queue: string;
}

/** A shift of the roster as intraday sees it: the solver's shift plus the queue per part. */
export interface PlanShift {
  agent: string;
  /** Template id of the rules; null when none matches (the shift then gets no action). */
  template: string | null;
  start: number;
  end: number;
  /** In time order. */
  breaks: RosterBreak[];
  /** The queue served, in time order, covering [start, end) without gaps (usually one part). */
  parts: ShiftPart[];
  /** Not at work from the cut on (the agent has not logged in): no coverage after the cut, no action. */
  absent?: boolean;
}

/** The intervals of the day: interval i covers [dayStart + i·g, dayStart + (i+1)·g). */
export interface DayGrid {
  dayStart: number;
  intervalMinutes: number;
  intervals: number;
}

export interface ActionInput {
  rules: RosterRules;
  /** The checker's requirements: the roster's days, weekday and grid, every queue (requirements are not checked). */
  requirements: Requirements;
  /** Named agents (skills, contracts, skill days); without them no moves, and the default contract. */
  agents?: readonly Agent[];
  shifts: readonly PlanShift[];
  grid: DayGrid;
  /** The cut: nothing before this minute changes. */
  cut: number;
  /** Queues with a projection (index = the q of value/required). */
  queues: readonly string[];
  /** Expected calls of queue q answered within T in interval i with s agents at work; 0 for intervals over at the cut. */
  value(q: number, i: number, agents: number): number;
  /** Agents queue q needs at work in interval i. */
  required(q: number, i: number): number;
  /** Remaining calls per queue (the weights of each queue's rest-of-day service level). */
  remainingCalls: readonly number[];
  /** At most this many actions (default 10). */
  maxActions?: number;
}

export type ActionKind = 'break' | 'overtime' | 'timeOff' | 'move';

export interface QueueEffect {
  queue: string;
  /** Projected rest-of-day service level before and after (with the actions ranked before this one applied). */
  before: number;
  after: number;
}

export interface IntradayAction {
  kind: ActionKind;
  agent: string;
  /** Index of the changed shift in the input's shifts. */
  shift: number;
  /** The queue the shift serves (a move: the queue left). */
  queue: string;
  /** A move: the queue served for the window. */
  toQueue?: string;
  /** break: the new break; overtime: the time added; timeOff: the time off; move: the window served. */
  window: { start: number; end: number };
  /** break: where the break was. */
  from?: { start: number; end: number };
  /** The shift after the action (null: the whole shift off). */
  after: PlanShift | null;
  /** Hours the action moves (negative for time off). */
  agentHours: number;
  /** Expected calls answered within the threshold, more (negative: fewer). */
  gain: number;
  /** Change of the pooled rest-of-day service level (a share). */
  lift: number;
  /** lift / |agentHours|: the ranking key. */
  liftPerAgentHour: number;
  effects: QueueEffect[];
}

// ---------------------------------------------------------------------------------------------
// Shifts and templates

/**
 * The template of the rules a shift keeps: same length, an allowed start, breaks of the template's
 * count, lengths and windows (a break whose paid flag is unknown takes the template's). Null when none.
 */
export function matchTemplate(
  rules: RosterRules,
  start: number,
  end: number,
  breaks: readonly { start: number; end: number; paid: boolean | null }[],
): { template: string; breaks: RosterBreak[] } | null {
  const sorted = [...breaks].sort((a, b) => a.start - b.start);
  const clock = ((start % MIN_PER_DAY) + MIN_PER_DAY) % MIN_PER_DAY;
  for (const t of rules.shifts) {
    if (t.minutes !== end - start || !t.starts.includes(clock) || t.breaks.length !== sorted.length) continue;
    const ok = sorted.every((b, k) => {
      const r = t.breaks[k];
      const off = b.start - start;
      return b.end - b.start === r.minutes && (b.paid === null || b.paid === r.paid) && off >= r.earliest && off <= r.latest;
    });
    if (ok) return { template: t.id, breaks: sorted.map((b, k) => ({ start: b.start, end: b.end, paid: t.breaks[k].paid })) };
  }
  return null;
}

/** Working segments of a shift (its parts minus its breaks) clipped to [lo, hi). */
function forEachWork(s: PlanShift, lo: number, hi: number, fn: (queue: string, a: number, b: number) => void): void {
  for (const p of s.parts) {
    let a = Math.max(p.start, lo);
    const end = Math.min(p.end, hi);
    if (end <= a) continue;
    for (const br of s.breaks) {
      if (br.end <= a) continue;
      if (br.start >= end) break;
      if (br.start > a) fn(p.queue, a, br.start);
      a = Math.max(a, br.end);
    }
    if (a < end) fn(p.queue, a, end);
  }
}

/**
 * Agents at work per queue and interval of the day that a shift adds: work minutes in the interval /
 * the interval's minutes, added into `into` (a map from queue index × intervals + i) times `sign`.
 * An absent shift counts only before `cut`.
 */
function addWork(into: Map<number, number>, s: PlanShift, grid: DayGrid, qIndex: ReadonlyMap<string, number>, sign: number, cut: number): void {
  const g = grid.intervalMinutes;
  const lo = grid.dayStart;
  const hi = s.absent ? Math.min(cut, lo + grid.intervals * g) : lo + grid.intervals * g;
  forEachWork(s, lo, hi, (queue, a, b) => {
    const q = qIndex.get(queue);
    if (q === undefined) return;
    for (let i = Math.floor((a - lo) / g); i * g + lo < b; i++) {
      const x = Math.max(a, lo + i * g);
      const y = Math.min(b, lo + (i + 1) * g);
      if (y > x) {
        const k = q * grid.intervals + i;
        into.set(k, (into.get(k) ?? 0) + (sign * (y - x)) / g);
      }
    }
  });
}

/** Agents at work per queue (index) and interval of the day, from every shift. */
export function coverage(shifts: readonly PlanShift[], grid: DayGrid, queues: readonly string[], cut: number): Float64Array[] {
  const qIndex = new Map(queues.map((q, i) => [q, i]));
  const out = queues.map(() => new Float64Array(grid.intervals));
  for (const s of shifts) {
    const m = new Map<number, number>();
    addWork(m, s, grid, qIndex, 1, cut);
    for (const [k, v] of m) out[Math.floor(k / grid.intervals)][k % grid.intervals] += v;
  }
  return out;
}

/** Paid minutes of a shift (unpaid breaks off). */
function paidMinutes(s: Pick<PlanShift, 'start' | 'end' | 'breaks'>): number {
  let m = s.end - s.start;
  for (const b of s.breaks) if (!b.paid) m -= b.end - b.start;
  return m;
}

// ---------------------------------------------------------------------------------------------
// The checker

/** The checker's shifts of a plan shift: one per queue it serves (the first is its own queue). */
function asRosterShifts(s: PlanShift): RosterShift[] {
  const queues = [...new Set(s.parts.map((p) => p.queue))];
  return queues.map((queue) => ({ agent: s.agent, queue, template: s.template ?? '', start: s.start, end: s.end, breaks: s.breaks.map((b) => ({ ...b })) }));
}

/**
 * Violations of an agent's shifts (every queue each shift serves checked, see the module comment),
 * as the roster checker finds them with the agent alone on the roster.
 */
export function agentViolations(inp: Pick<ActionInput, 'rules' | 'requirements' | 'agents'>, agent: string, shifts: readonly PlanShift[]): Violation[] {
  const own = shifts.filter((s) => s.agent === agent);
  const named = inp.agents?.find((a) => a.id === agent);
  const input = { rules: inp.rules, requirements: inp.requirements, agents: named ? [named] : undefined };
  const first = own.map((s) => asRosterShifts(s)[0]);
  const out = checkRoster(input, { intervalMinutes: inp.requirements.intervalMinutes, shifts: first });
  own.forEach((s, k) => {
    for (const alt of asRosterShifts(s).slice(1)) {
      const variant = first.map((x, j) => (j === k ? alt : x));
      for (const v of checkRoster(input, { intervalMinutes: inp.requirements.intervalMinutes, shifts: variant })) {
        if (v.code === 'skill' || v.code === 'unknown-queue') out.push(v);
      }
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Candidates

interface Candidate {
  kind: ActionKind;
  shift: number;
  after: PlanShift | null;
  queue: string;
  toQueue?: string;
  window: { start: number; end: number };
  from?: { start: number; end: number };
  agentHours: number;
  gain: number;
  /** Keys (queue × intervals + i) and agents added. */
  delta: Map<number, number>;
  /** Takes paid time away (a contract minimum may then not be broken anew). */
  cutsPaid: boolean;
}

class Planner {
  readonly qIndex: Map<string, number>;
  readonly cov: Float64Array[];
  readonly shifts: (PlanShift | null)[];
  readonly dayEnd: number;
  readonly agentsById: Map<string, Agent>;
  private readonly baseline = new Map<string, boolean>();

  constructor(readonly inp: ActionInput) {
    this.qIndex = new Map(inp.queues.map((q, i) => [q, i]));
    this.shifts = [...inp.shifts];
    this.cov = coverage(inp.shifts, inp.grid, inp.queues, inp.cut);
    this.dayEnd = inp.grid.dayStart + inp.grid.intervals * inp.grid.intervalMinutes;
    this.agentsById = new Map((inp.agents ?? []).map((a) => [a.id, a]));
  }

  get grid(): DayGrid {
    return this.inp.grid;
  }

  template(id: string | null): ShiftTemplate | undefined {
    return id === null ? undefined : this.inp.rules.shifts.find((t) => t.id === id);
  }

  /** Change of Σ value for a change of agents at work (key → agents added). */
  gainOf(delta: ReadonlyMap<number, number>): number {
    const n = this.grid.intervals;
    let g = 0;
    for (const [k, d] of delta) {
      if (Math.abs(d) < 1e-12) continue;
      const q = Math.floor(k / n);
      const i = k % n;
      const c = this.cov[q][i];
      g += this.inp.value(q, i, c + d) - this.inp.value(q, i, c);
    }
    return g;
  }

  deltaOf(before: PlanShift, after: PlanShift | null): Map<number, number> {
    const m = new Map<number, number>();
    addWork(m, before, this.grid, this.qIndex, -1, this.inp.cut);
    if (after) addWork(m, after, this.grid, this.qIndex, 1, this.inp.cut);
    return m;
  }

  /** Whether the agent's roster had no violation but a contract minimum before any action. */
  cleanBefore(agent: string): boolean {
    let ok = this.baseline.get(agent);
    if (ok === undefined) {
      ok = agentViolations(this.inp, agent, this.inp.shifts).every((v) => v.code === 'min-weekly-hours');
      this.baseline.set(agent, ok);
    }
    return ok;
  }

  /** Whether a candidate keeps every rule (see the module comment). */
  keepsRules(c: Candidate): boolean {
    const before = this.shifts[c.shift]!;
    if (!this.cleanBefore(before.agent)) return false;
    const own = this.shifts.filter((s): s is PlanShift => s !== null && s.agent === before.agent && s !== before);
    const after = c.after ? [...own, c.after] : own;
    const found = agentViolations(this.inp, before.agent, after);
    if (found.length === 0) return true;
    if (c.cutsPaid || found.some((v) => v.code !== 'min-weekly-hours')) return false;
    // a contract minimum already missed, and the action takes no paid time: kept
    const had = agentViolations(this.inp, before.agent, [...own, before]).filter((v) => v.code === 'min-weekly-hours').length;
    return found.length <= had;
  }

  apply(c: Candidate): void {
    const n = this.grid.intervals;
    for (const [k, d] of c.delta) this.cov[Math.floor(k / n)][k % n] += d;
    this.shifts[c.shift] = c.after;
  }

  /**
   * Break starts for a rule of template `t` on a shift starting at `start`: every 15 minutes of its
   * window, at or after `from`.
   */
  breakStarts(t: ShiftTemplate, k: number, start: number, from: number): number[] {
    const r = t.breaks[k];
    const out: number[] = [];
    for (let off = r.earliest; off <= r.latest; off += RULES_GRANULARITY) if (start + off >= from) out.push(start + off);
    return out;
  }

  /**
   * The breaks of a new version of shift `s` (template t, [start, end)): the breaks that have started
   * by the cut stay (they must fit t's first rules), the rest are laid in time order each where it
   * costs the least (the agent's work there is worth least). Null when they cannot be laid.
   */
  layBreaks(s: PlanShift, t: ShiftTemplate, start: number, end: number, parts: ShiftPart[]): RosterBreak[] | null {
    const cut = this.inp.cut;
    const past = s.breaks.filter((b) => b.start < cut);
    if (past.length > t.breaks.length) return null;
    for (let k = 0; k < past.length; k++) {
      const r = t.breaks[k];
      const b = past[k];
      const off = b.start - start;
      if (b.end - b.start !== r.minutes || b.paid !== r.paid || off < r.earliest || off > r.latest) return null;
    }
    const out: RosterBreak[] = past.map((b) => ({ ...b }));
    let prevEnd = out.length ? out[out.length - 1].end : start;
    for (let k = past.length; k < t.breaks.length; k++) {
      const r = t.breaks[k];
      let best: number | null = null;
      let bestCost = Infinity;
      for (const p of this.breakStarts(t, k, start, Math.max(cut, prevEnd))) {
        if (p + r.minutes > end) break;
        const cost = this.workValue(parts, p, p + r.minutes);
        if (cost < bestCost - 1e-12) {
          bestCost = cost;
          best = p;
        }
      }
      if (best === null) return null;
      out.push({ start: best, end: best + r.minutes, paid: r.paid });
      prevEnd = best + r.minutes;
    }
    return out;
  }

  /** What one agent's work over [a, b) is worth at the current coverage (the queue of each part). */
  workValue(parts: readonly ShiftPart[], a: number, b: number): number {
    const probe: PlanShift = { agent: '', template: null, start: a, end: b, breaks: [], parts: parts.filter((p) => p.end > a && p.start < b).map((p) => ({ ...p })) };
    const m = new Map<number, number>();
    addWork(m, probe, this.grid, this.qIndex, -1, this.inp.cut);
    return -this.gainOf(m);
  }

  /** The parts of a shift changed to [start, end): the first and last stretched or cut. */
  static reshape(parts: readonly ShiftPart[], start: number, end: number): ShiftPart[] {
    const out = parts.filter((p) => p.end > start && p.start < end).map((p) => ({ start: Math.max(p.start, start), end: Math.min(p.end, end), queue: p.queue }));
    if (out.length === 0) return [{ start, end, queue: parts[0].queue }];
    out[0].start = start;
    out[out.length - 1].end = end;
    return out;
  }

  candidates(skip: ReadonlySet<string>): Candidate[] {
    const out: Candidate[] = [];
    const cut = this.inp.cut;
    this.shifts.forEach((s, idx) => {
      if (!s || s.absent || skip.has(s.agent) || s.end <= cut || s.start >= this.dayEnd || s.end <= this.grid.dayStart) return;
      const t = this.template(s.template);
      if (t) {
        this.breakMoves(s, idx, t, out);
        this.lengthChanges(s, idx, t, out);
      }
      this.wholeOff(s, idx, out);
      this.moves(s, idx, out);
    });
    return out;
  }

  private push(out: Candidate[], s: PlanShift, c: Omit<Candidate, 'gain' | 'delta'>): void {
    const delta = this.deltaOf(s, c.after);
    out.push({ ...c, delta, gain: this.gainOf(delta) });
  }

  private breakMoves(s: PlanShift, idx: number, t: ShiftTemplate, out: Candidate[]): void {
    const cut = this.inp.cut;
    if (s.breaks.length !== t.breaks.length) return;
    s.breaks.forEach((b, k) => {
      if (b.start < cut) return;
      const lo = Math.max(cut, k > 0 ? s.breaks[k - 1].end : s.start);
      const hi = k + 1 < s.breaks.length ? s.breaks[k + 1].start : s.end;
      let best: Candidate | null = null;
      for (const p of this.breakStarts(t, k, s.start, lo)) {
        if (p === b.start) continue;
        if (p + (b.end - b.start) > hi) break;
        const breaks = s.breaks.map((x, j) => (j === k ? { ...x, start: p, end: p + (b.end - b.start) } : { ...x }));
        const after: PlanShift = { ...s, breaks, parts: s.parts.map((x) => ({ ...x })) };
        const delta = this.deltaOf(s, after);
        const gain = this.gainOf(delta);
        if (gain > 1e-9 && (!best || gain > best.gain)) {
          best = {
            kind: 'break', shift: idx, after, queue: s.parts[0].queue, window: { start: p, end: p + (b.end - b.start) }, from: { start: b.start, end: b.end },
            agentHours: (b.end - b.start) / 60, gain, delta, cutsPaid: false,
          };
        }
      }
      if (best) out.push(best);
    });
  }

  /**
   * Overtime and time off for shift s: the nearest longer and the nearest shorter template with the
   * same start, and (a shift not started) with the same end.
   */
  private lengthChanges(s: PlanShift, idx: number, t: ShiftTemplate, out: Candidate[]): void {
    const cut = this.inp.cut;
    const clockOf = (m: number) => ((m % MIN_PER_DAY) + MIN_PER_DAY) % MIN_PER_DAY;
    const nearest = (longer: boolean, startOf: (u: ShiftTemplate) => number) => {
      let best: ShiftTemplate | undefined;
      for (const u of this.inp.rules.shifts) {
        if (longer ? u.minutes <= t.minutes : u.minutes >= t.minutes) continue;
        if (!u.starts.includes(clockOf(startOf(u)))) continue;
        if (!best || (longer ? u.minutes < best.minutes : u.minutes > best.minutes)) best = u;
      }
      return best;
    };
    const versions: { u: ShiftTemplate; start: number; end: number; changed: { start: number; end: number }; queue: string; longer: boolean }[] = [];
    const queueAtEnd = s.parts[s.parts.length - 1].queue;
    const queueAtStart = s.parts[0].queue;
    // same start: stay later, or leave early
    const later = nearest(true, () => s.start);
    if (later) versions.push({ u: later, start: s.start, end: s.start + later.minutes, changed: { start: s.end, end: s.start + later.minutes }, queue: queueAtEnd, longer: true });
    const early = nearest(false, () => s.start);
    if (early && s.start + early.minutes >= cut && s.end <= this.dayEnd) {
      versions.push({ u: early, start: s.start, end: s.start + early.minutes, changed: { start: s.start + early.minutes, end: s.end }, queue: queueAtEnd, longer: false });
    }
    // same end, the shift not started: come in earlier, or start later
    if (s.start >= cut) {
      const sooner = nearest(true, (u) => s.end - u.minutes);
      if (sooner && s.end - sooner.minutes >= cut) {
        versions.push({ u: sooner, start: s.end - sooner.minutes, end: s.end, changed: { start: s.end - sooner.minutes, end: s.start }, queue: queueAtStart, longer: true });
      }
      const late = nearest(false, (u) => s.end - u.minutes);
      if (late && s.start >= this.grid.dayStart) {
        versions.push({ u: late, start: s.end - late.minutes, end: s.end, changed: { start: s.start, end: s.end - late.minutes }, queue: queueAtStart, longer: false });
      }
    }
    for (const v of versions) {
      const parts = Planner.reshape(s.parts, v.start, v.end);
      const breaks = this.layBreaks(s, v.u, v.start, v.end, parts);
      if (!breaks) continue;
      const after: PlanShift = { ...s, template: v.u.id, start: v.start, end: v.end, breaks, parts };
      const hours = (paidMinutes(after) - paidMinutes(s)) / 60;
      if (hours === 0 || hours > 0 !== v.longer) continue;
      if (!v.longer && !this.overStaffedWithout(s, after)) continue;
      this.push(out, s, { kind: v.longer ? 'overtime' : 'timeOff', shift: idx, after, queue: v.queue, window: v.changed, agentHours: hours, cutsPaid: !v.longer });
    }
  }

  /** Time off: whether every interval the change takes work from keeps at least the agents it needs. */
  private overStaffedWithout(s: PlanShift, after: PlanShift | null): boolean {
    const n = this.grid.intervals;
    for (const [k, d] of this.deltaOf(s, after)) {
      if (d >= -1e-12) continue;
      const q = Math.floor(k / n);
      const i = k % n;
      if (this.cov[q][i] + d < this.inp.required(q, i) - 1e-9) return false;
    }
    return true;
  }

  /** Time off or a move still leaves every interval it takes work from with the agents it needs (after the actions before it). */
  stillOverStaffed(c: Candidate): boolean {
    const n = this.grid.intervals;
    for (const [k, d] of c.delta) {
      if (d >= -1e-12) continue;
      const q = Math.floor(k / n);
      const i = k % n;
      if (this.cov[q][i] + d < this.inp.required(q, i) - 1e-9) return false;
    }
    return true;
  }

  private wholeOff(s: PlanShift, idx: number, out: Candidate[]): void {
    if (s.start < this.inp.cut || s.start < this.grid.dayStart || s.end > this.dayEnd) return;
    if (!this.overStaffedWithout(s, null)) return;
    this.push(out, s, { kind: 'timeOff', shift: idx, after: null, queue: s.parts[0].queue, window: { start: s.start, end: s.end }, agentHours: -paidMinutes(s) / 60, cutsPaid: true });
  }

  private moves(s: PlanShift, idx: number, out: Candidate[]): void {
    const agent = this.agentsById.get(s.agent);
    if (!agent) return;
    const g = this.grid.intervalMinutes;
    const n = this.grid.intervals;
    const lo = this.grid.dayStart;
    const first = Math.max(0, Math.ceil((Math.max(s.start, this.inp.cut) - lo) / g));
    const last = Math.min(n, Math.floor((Math.min(s.end, this.dayEnd) - lo) / g));
    if (last <= first) return;
    // the agent's work per interval (agents) and the queue it serves there (null: none or two)
    const work: { q: number | null; agents: number }[] = [];
    for (let i = first; i < last; i++) {
      let q: number | null | undefined;
      let minutes = 0;
      forEachWork(s, lo + i * g, lo + (i + 1) * g, (queue, a, b) => {
        const k = this.qIndex.get(queue) ?? null;
        q = q === undefined || q === k ? k : null;
        minutes += b - a;
      });
      work.push({ q: q ?? null, agents: minutes / g });
    }
    for (const to of this.inp.queues) {
      const b = this.qIndex.get(to)!;
      if (!skillAllowed(agent, to, s.start, s.end)) continue;
      // Kadane over the intervals: the run with the largest gain, all from one queue
      let bestSum = 0;
      let best: [number, number, number] | null = null; // from, to (exclusive), source queue
      let sum = 0;
      let runStart = 0;
      let runQ: number | null = null;
      for (let k = 0; k < work.length; k++) {
        const w = work[k];
        const i = first + k;
        // only from a queue over-staffed in the interval: it keeps the agents it needs without this one
        if (w.q === null || w.q === b || w.agents <= 0 || this.cov[w.q][i] - w.agents < this.inp.required(w.q, i) - 1e-9) {
          sum = 0;
          runQ = null;
          continue;
        }
        const a = w.q;
        const gi =
          this.inp.value(b, i, this.cov[b][i] + w.agents) - this.inp.value(b, i, this.cov[b][i]) +
          this.inp.value(a, i, this.cov[a][i] - w.agents) - this.inp.value(a, i, this.cov[a][i]);
        if (runQ !== a || sum <= 0) {
          sum = 0;
          runStart = k;
          runQ = a;
        }
        sum += gi;
        if (sum > bestSum + 1e-9) {
          bestSum = sum;
          best = [runStart, k + 1, a];
        }
      }
      if (!best) continue;
      const ws = lo + (first + best[0]) * g;
      const we = lo + (first + best[1]) * g;
      const from = this.inp.queues[best[2]];
      const parts: ShiftPart[] = [];
      for (const p of s.parts) {
        if (p.end <= ws || p.start >= we) parts.push({ ...p });
        else {
          if (p.start < ws) parts.push({ start: p.start, end: ws, queue: p.queue });
          parts.push({ start: Math.max(p.start, ws), end: Math.min(p.end, we), queue: to });
          if (p.end > we) parts.push({ start: we, end: p.end, queue: p.queue });
        }
      }
      // neighbouring parts of the same queue become one
      const merged: ShiftPart[] = [];
      for (const p of parts) {
        const prev = merged[merged.length - 1];
        if (prev && prev.queue === p.queue && prev.end === p.start) prev.end = p.end;
        else merged.push(p);
      }
      const after: PlanShift = { ...s, breaks: s.breaks.map((x) => ({ ...x })), parts: merged };
      let hours = 0;
      forEachWork(after, ws, we, (_q, x, y) => (hours += (y - x) / 60));
      this.push(out, s, { kind: 'move', shift: idx, after, queue: from, toQueue: to, window: { start: ws, end: we }, agentHours: hours, cutsPaid: false });
    }
  }
}

/** The pooled lift of a gain and the ranking key (see the module comment). */
function rankOf(c: Candidate, totalCalls: number): { lift: number; key: number } {
  const lift = totalCalls > 0 ? c.gain / totalCalls : 0;
  return { lift, key: c.agentHours === 0 ? 0 : lift / Math.abs(c.agentHours) };
}

/**
 * The actions for the rest of the day, ranked (see the module comment), and the roster with all of
 * them applied (`shifts`: the input's shifts, changed in place of their index; null = taken off).
 * Candidates are made once on the roster as it stands (where each break goes, which window an agent
 * moves for); after each action the gains of the candidates it touches are computed again.
 */
export function planActions(inp: ActionInput): { actions: IntradayAction[]; shifts: (PlanShift | null)[] } {
  const p = new Planner(inp);
  const total = inp.remainingCalls.reduce((a, b) => a + b, 0);
  const n = inp.grid.intervals;
  const valueSum = inp.queues.map((_, q) => {
    let v = 0;
    for (let i = 0; i < n; i++) v += inp.value(q, i, p.cov[q][i]);
    return v;
  });
  const pool = p.candidates(new Set());
  // which candidates each (queue, interval) touches, to update their gains after an action
  const touching = new Map<number, number[]>();
  pool.forEach((c, j) => {
    for (const k of c.delta.keys()) {
      let l = touching.get(k);
      if (!l) touching.set(k, (l = []));
      l.push(j);
    }
  });
  const used = new Set<string>();
  const refused = new Set<number>();
  const actions: IntradayAction[] = [];
  const max = inp.maxActions ?? 10;
  while (actions.length < max) {
    let pick: { j: number; lift: number; key: number } | null = null;
    const order = pool
      .map((c, j) => ({ j, c, ...rankOf(c, total) }))
      .filter(({ j, c }) => !refused.has(j) && !used.has(inp.shifts[c.shift].agent) && (c.kind === 'timeOff' || c.gain > 1e-9))
      .sort((a, b) => b.key - a.key || b.c.gain - a.c.gain || a.c.shift - b.c.shift || a.j - b.j);
    for (const r of order) {
      if ((r.c.kind === 'timeOff' || r.c.kind === 'move') && !p.stillOverStaffed(r.c)) continue;
      if (p.keepsRules(r.c)) {
        pick = r;
        break;
      }
      refused.add(r.j);
    }
    if (!pick) break;
    const c = pool[pick.j];
    const perQueue = new Map<number, number>();
    for (const [k, d] of c.delta) {
      const q = Math.floor(k / n);
      const i = k % n;
      const cv = p.cov[q][i];
      perQueue.set(q, (perQueue.get(q) ?? 0) + inp.value(q, i, cv + d) - inp.value(q, i, cv));
    }
    const effects: QueueEffect[] = [];
    for (const [q, dv] of [...perQueue].sort((a, b) => a[0] - b[0])) {
      if (!(inp.remainingCalls[q] > 0) || Math.abs(dv) < 1e-12) continue;
      effects.push({ queue: inp.queues[q], before: valueSum[q] / inp.remainingCalls[q], after: (valueSum[q] + dv) / inp.remainingCalls[q] });
      valueSum[q] += dv;
    }
    p.apply(c);
    used.add(inp.shifts[c.shift].agent);
    actions.push({
      kind: c.kind,
      agent: inp.shifts[c.shift].agent,
      shift: c.shift,
      queue: c.queue,
      ...(c.toQueue !== undefined ? { toQueue: c.toQueue } : {}),
      window: c.window,
      ...(c.from ? { from: c.from } : {}),
      after: c.after,
      agentHours: c.agentHours,
      gain: c.gain,
      lift: pick.lift,
      liftPerAgentHour: pick.key,
      effects,
    });
    // the gains of the candidates sharing an interval with this action
    const stale = new Set<number>();
    for (const k of c.delta.keys()) for (const j of touching.get(k) ?? []) stale.add(j);
    for (const j of stale) pool[j].gain = p.gainOf(pool[j].delta);
  }
  return { actions, shifts: p.shifts };
}

/** The roster's shifts with some of the actions applied (each replaces its shift; null takes it off). */
export function applyActions(shifts: readonly PlanShift[], actions: readonly Pick<IntradayAction, 'shift' | 'after'>[]): PlanShift[] {
  const out: (PlanShift | null)[] = [...shifts];
  for (const a of actions) out[a.shift] = a.after;
  return out.filter((s): s is PlanShift => s !== null);
}
