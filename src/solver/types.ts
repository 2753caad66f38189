/**
 * Public data shapes of the rostering engine (`src/solver`). Everything is pure data: times are whole
 * minutes counted from the roster start (local midnight of day 0), intervals are indexes on the
 * requirement grid (interval i covers minutes [i*g, (i+1)*g) with g = intervalMinutes). The CLI maps
 * minutes to instants (time zone aware) and back.
 */
import type { RotationRules } from './rotation/types.js';

/** A break or lunch of a shift template, after validation (all values in minutes). */
export interface BreakRule {
  name: string;
  /** Length in minutes (multiple of 15). */
  minutes: number;
  /** Whether the break is paid (paid breaks count towards paid hours). */
  paid: boolean;
  /** Earliest start, minutes after the shift start. */
  earliest: number;
  /** Latest start, minutes after the shift start. */
  latest: number;
}

/** A shift template after validation. */
export interface ShiftTemplate {
  id: string;
  /** Attendance length (first to last minute), minutes. */
  minutes: number;
  /** Allowed start times as minutes after local midnight (0..1439), ascending, unique. */
  starts: number[];
  /** Breaks in time order; windows never overlap (validated), so any choice of positions is valid. */
  breaks: BreakRule[];
  /** Paid minutes = minutes - unpaid break minutes. */
  paidMinutes: number;
}

/** One opening period: on the given ISO weekdays (1 = Monday .. 7 = Sunday) from `open` to `close`. */
export interface OpeningPeriod {
  weekdays: number[];
  /** Minutes after midnight, 0..1439. */
  open: number;
  /** Minutes after midnight, 1..1440; a value <= open means the period closes the next day. */
  close: number;
}

export interface Contract {
  id: string;
  minWeeklyHours: number;
  maxWeeklyHours: number;
  /** Most days with a shift start in one 7-day block of the roster. */
  maxDaysPerWeek: number;
  /** Rotation rules (issue 18; absent: none). Minutes over the roster's horizon. */
  rotation?: RotationRules;
}

/** Validated rostering rules (see `validateRules`). */
export interface RosterRules {
  /** '24x7' or the opening periods; every shift (start to end) must lie within one period. */
  openingHours: '24x7' | OpeningPeriod[];
  shifts: ShiftTemplate[];
  /** Minimum rest between the end of one shift and the start of the next, minutes (default 660). */
  minRestMinutes: number;
  /** Most consecutive calendar days with a shift start. */
  maxConsecutiveDays: number;
  /** Most days worked in any 7-day block, for everyone (contracts may be stricter). */
  maxDaysPerWeek: number;
  /** Night window (minutes after midnight; end <= start means it crosses midnight). */
  night: { start: number; end: number; minMinutes: number };
  /** Most night shifts per 7-day block, or null for no limit. */
  maxNightsPerWeek: number | null;
  /** Most weekend days (Saturday, Sunday) worked per 7-day block, or null for no limit. */
  maxWeekendDaysPerWeek: number | null;
  contracts: Contract[];
  defaultContract: string;
  /** Cost of one understaffed agent-interval, in hours of pay (objective units). */
  understaffPenaltyHours: number;
  /** Template ids [X, Y]: X on one day may not be followed by Y the next day (absent: none). */
  forbiddenSuccessions?: [string, string][];
  /** Most minutes a shift's start (clock time) may move from one working day to the next (absent: no limit). */
  maxStartChangeMinutes?: number;
  /**
   * Objective hours per paid hour (absent: 1). 0 leaves only the understaffing and the soft costs of
   * requests and shift-count cover, as in benchmarks that price cover and requests alone.
   */
  paidHoursWeight?: number;
}

/** Per-queue, per-interval required agents on a week grid. */
export interface Requirements {
  /** Grid length, 15 or 30 minutes. */
  intervalMinutes: number;
  /** Number of days in the roster (intervals = days * 1440 / intervalMinutes). */
  days: number;
  /** ISO weekday of day 0 (1 = Monday .. 7 = Sunday). */
  startWeekday: number;
  /** Day indexes (0-based) that are public holidays (fairness counts them). */
  holidays?: number[];
  queues: { queue: string; required: number[] }[];
}

/** A half-open span of minutes from the roster start. */
export interface Span {
  start: number;
  end: number;
}

export interface Agent {
  id: string;
  team?: string;
  /** Queues the agent may serve (skills already filtered by exams/certificates by the caller). */
  skills: string[];
  /** Contract id (rules.contracts); default rules.defaultContract. */
  contract?: string;
  /** If given, the agent may only work inside these spans. */
  availability?: Span[];
  /** Approved leave: no working minute may fall inside. */
  leave?: Span[];
  /** Approved day-off requests: day indexes on which no shift may start. */
  daysOff?: number[];
  /**
   * Shifts worked before the roster starts (e.g. last week's roster), minutes from this roster's
   * start (negative start): the rest rule applies from their end, and consecutive days worked up to
   * the day before day 0 count towards the consecutive-days rule.
   */
  before?: Span[];
  /**
   * Per-day skills (exam and certificate gates): for a skill named here the agent may serve that
   * queue only on these roster day indexes; a shift of that queue must lie on allowed days only
   * (every calendar day it touches, so a night shift into the day a certificate has lapsed is not
   * allowed). Skills not named here hold on every day. Index `days` (the day after the roster) may
   * be listed for shifts that end after the last midnight.
   */
  skillDays?: Record<string, number[]>;
}

/** Paid minutes of a rostered shift: its length less its unpaid breaks. */
export function paidMinutesOf(s: Pick<RosterShift, 'start' | 'end' | 'breaks'>): number {
  return s.end - s.start - s.breaks.filter((b) => !b.paid).reduce((m, b) => m + b.end - b.start, 0);
}

/**
 * The last shift worked before the roster when it started on day -1 (the day before day 0), with its
 * start as clock minutes and its template when exactly one of the rules' templates has its length and
 * start (a previous roster's shifts carry no template id); null when the agent did not work day -1.
 * The day-(-1)-to-day-0 rules (forbidden successions, the start-change limit) are read from it.
 */
export function shiftBeforeDay0(agent: Agent | undefined, rules: Pick<RosterRules, 'shifts'>): { clock: number; template: string | null } | null {
  const prev = (agent?.before ?? []).filter((p) => Math.floor(p.start / 1440) === -1).sort((a, b) => b.start - a.start)[0];
  if (!prev) return null;
  const clock = prev.start + 1440;
  const fits = rules.shifts.filter((t) => t.minutes === prev.end - prev.start && t.starts.includes(clock));
  return { clock, template: fits.length === 1 ? fits[0].id : null };
}

/**
 * Consecutive days, ending the day before day 0, on which `agent` started a shift before the roster
 * (from `agent.before`; day -1 is the day before the roster start).
 */
export function daysWorkedBefore(agent: Agent | undefined): number {
  const started = new Set((agent?.before ?? []).map((p) => Math.floor(p.start / 1440)));
  let n = 0;
  while (started.has(-1 - n)) n++;
  return n;
}

/**
 * Whether `agent` may serve `queue` on a shift from minute `start` to `end` (minutes from the roster
 * start): the queue is one of its skills and, when `skillDays` restricts it, every calendar day the
 * shift touches is allowed.
 */
export function skillAllowed(agent: Agent, queue: string, start: number, end: number): boolean {
  if (!agent.skills.includes(queue)) return false;
  const days = agent.skillDays?.[queue];
  if (!days) return true;
  const last = Math.floor((Math.max(start + 1, end) - 1) / 1440);
  for (let d = Math.floor(start / 1440); d <= last; d++) if (!days.includes(d)) return false;
  return true;
}

/**
 * The contract minimum, in paid minutes, an agent owes in the 7-day block `block` of a roster of
 * `days` days: minWeeklyHours pro-rated by the block's days not taken by approved leave (a day is a
 * leave day when at least 4 hours of it fall inside the agent's leave spans: leave is paid time off,
 * so it counts towards the contract). 0 for a block shorter than 7 days (a partial week owes nothing).
 */
export function contractMinimumMinutes(contract: Contract, agent: Agent | undefined, block: number, days: number): number {
  if (contract.minWeeklyHours <= 0 || (block + 1) * 7 > days) return 0;
  let leaveDays = 0;
  for (let d = block * 7; d < block * 7 + 7; d++) {
    let m = 0;
    for (const p of agent?.leave ?? []) m += Math.max(0, Math.min(p.end, (d + 1) * 1440) - Math.max(p.start, d * 1440));
    if (m >= 240) leaveDays++;
  }
  return Math.round((contract.minWeeklyHours * 60 * (7 - leaveDays)) / 7);
}

export interface RosterBreak {
  start: number;
  end: number;
  paid: boolean;
}

export interface RosterShift {
  agent: string;
  queue: string;
  /** Template id. */
  template: string;
  /** Minutes from the roster start. */
  start: number;
  end: number;
  breaks: RosterBreak[];
}

export interface CoverageRow {
  queue: string;
  interval: number;
  required: number;
  scheduled: number;
}

/** One agent's share of the roster (src/solver/fairness.ts). */
export interface FairnessRow {
  agent: string;
  contract: string;
  /** Shifts starting on a Saturday or Sunday. */
  weekends: number;
  /** Weekends with a shift on their Saturday or Sunday. */
  weekendsWorked: number;
  nights: number;
  holidays: number;
  days: number;
  paidHours: number;
  /** Requests (--requests) not met. */
  unmetRequests: number;
}

export type SolverName = 'highs' | 'lp-solver';

/** A request of `wfm roster --requests` (template id, or null for the whole day; day from day 0). */
export interface ShiftRequest {
  agent: string;
  day: number;
  template: string | null;
  kind: 'on' | 'off';
  /** Cost when not met, hours (objective units), > 0. */
  weight: number;
}

/** A row of `wfm roster --cover`: so many agents on `template` on `day`; soft costs per agent. */
export interface ShiftCover {
  day: number;
  template: string;
  required: number;
  underWeight: number;
  overWeight: number;
}

export interface RequestOutcome extends ShiftRequest {
  met: boolean;
}

/** The parts of the objective when requests or shift-count cover are given (hours). */
export interface ObjectiveParts {
  /** paidHoursWeight x paid hours + understaffPenaltyHours x understaffed agent-intervals (the interval objective). */
  intervals: number;
  /** Shift-count cover: under x underWeight + over x overWeight over the --cover rows. */
  cover: number;
  /** Weights of the requests not met. */
  requests: number;
}

/** A roster: shifts plus the figures the issue asks for. */
export interface Roster {
  /** Grid of `coverage[].interval` (the finest of requirement grid and template times). */
  intervalMinutes: number;
  shifts: RosterShift[];
  coverage: CoverageRow[];
  /** Sum of paid hours over all shifts. */
  paidHours: number;
  /** paidHoursWeight (default 1) x paidHours + understaffPenaltyHours * understaffed (+ parts.cover
   *  + parts.requests): the minimised objective, hours. */
  objective: number;
  /**
   * A proven lower bound on `objective` (LP relaxation of stage 1 with capacity rows, rounded up to
   * the objective's granularity; or a MIP dual bound when better; or, when contracts have minimum
   * hours and every agent meets them, their sum if larger). When `understaffed` is 0 it is a lower
   * bound on the paid hours of any roster that covers every interval (and keeps the contracts).
   * With requests or shift-count cover it bounds the whole objective (the rotation stage's bound
   * counts when its count problem is the roster's), so use `intervalLowerBound` for paid hours.
   */
  lowerBound: number;
  /**
   * A proven lower bound on paid hours + understaffPenaltyHours x understaffed alone (stage 1's, or
   * the contract minimums'); 0 when paid hours weigh less than 1 (rules.paidHoursWeight).
   */
  intervalLowerBound?: number;
  /** (objective - lowerBound) / objective; 0 when objective is 0. */
  gap: number;
  /** Agent-intervals short of the requirement (sum over queues and intervals). */
  understaffed: number;
  /** Intervals short of the requirement. */
  shortIntervals: { queue: string; interval: number; short: number }[];
  /** Hours scheduled above the requirement (sum of (scheduled - required)+ times interval hours). */
  hoursAbove: number;
  solver: SolverName;
  seconds: number;
  fairness: FairnessRow[];
  /** Agents rostered (ids; anonymous A001... when no agents were given). */
  agents: string[];
  /** Stage-1 shifts no agent could take (named agents only); they are not in `shifts`. */
  unassigned: Omit<RosterShift, 'agent'>[];
  /** With requests, shift-count cover or rotation rules (issue 18): the objective's parts ... */
  parts?: ObjectiveParts;
  /** ... and every request with whether it was met. */
  requests?: RequestOutcome[];
}
