/**
 * Shift-count rostering with rotation rules and requests (issue 18): pure data shapes.
 *
 * A day-by-shift problem: on each day an agent works at most one shift template (or is off); cover is
 * a count of agents per (day, template) with soft under- and over-cover costs; requests to work or not
 * to work a template (or any template) on a day are soft costs; the rotation rules of each agent's
 * contract and approved days off are hard. Days are 0-based from the first day of the roster.
 *
 * Objective (minimised) = sum over cover rows of under x underWeight + over x overWeight
 *                       + the weight of every request not met.
 */

/** A shift template as the rotation rules see it: an id and its paid length. */
export interface CountShift {
  id: string;
  minutes: number;
}

/**
 * Rotation rules of a contract (all optional; absent = no limit). A block of working days or days off
 * that touches the first or last day of the horizon is exempt from the minimum-length rules.
 */
export interface RotationRules {
  /** Most consecutive working days. */
  maxConsecutiveDays?: number;
  /** Fewest consecutive working days in a block (blocks touching the horizon's edges exempt). */
  minConsecutiveDays?: number;
  /** Fewest consecutive days off in a block (blocks touching the horizon's edges exempt). */
  minConsecutiveDaysOff?: number;
  /** Most weekends worked over the horizon (a weekend is worked when its Saturday or Sunday is). */
  maxWeekends?: number;
  /** Fewest / most paid minutes over the horizon. */
  minTotalMinutes?: number;
  maxTotalMinutes?: number;
  /** Most shifts of a template over the horizon, by template id (absent id: no limit). */
  maxShifts?: Record<string, number>;
  /**
   * Limits per 7-day block of the roster (days 0-6, 7-13, ...; a last partial block counts too; or
   * blocks of `days` days): the
   * sum over the block's days of `weight[s]` for the template s worked (only on Saturdays and Sundays
   * when `weekendOnly`) is at most `max`. Days per week (weights 1), weekly paid minutes (weights = the
   * minutes), nights per week (1 for night templates) are such limits.
   */
  blockLimits?: BlockLimit[];
}

export interface BlockLimit {
  weight: number[];
  max: number;
  weekendOnly?: boolean;
  /** Block length in days (default 7); the horizon's length makes it a limit over the horizon. */
  days?: number;
}

export interface CountAgent {
  id: string;
  rules: RotationRules;
  /** Days on which the agent may not work (approved leave, hard). */
  daysOff?: number[];
  /** Cells (day * shifts + template) the agent may not work (skills, availability, leave; hard). */
  banned?: number[];
  /**
   * What came right before day 0 (`--previous`): consecutive days worked up to day -1 (0: day -1 was
   * off) and the template worked on day -1 (-1: none or unknown). With it, the first block of work
   * is not exempt from the minimum run, and the maximum run counts the days carried.
   */
  before?: { run: number; last: number };
}

/**
 * So many agents required on `shift` (template index) on `day`, or on any of `shifts` when given (then
 * `shift` is its first); costs per agent short / above.
 */
export interface CountCover {
  day: number;
  shift: number;
  shifts?: number[];
  required: number;
  underWeight: number;
  overWeight: number;
}

/**
 * A request: `on` = wants to work `shift` (or any of `shifts` when given, then `shift` is its first;
 * any shift when null) that day; `off` = wants not to.
 */
export interface CountRequest {
  agent: number;
  day: number;
  shift: number | null;
  shifts?: number[];
  kind: 'on' | 'off';
  weight: number;
}

export interface CountProblem {
  days: number;
  /** ISO weekday of day 0 (1 = Monday .. 7 = Sunday); weekends are Saturday and Sunday. */
  startWeekday: number;
  shifts: CountShift[];
  /** Forbidden successions: [x, y] = template x on one day may not be followed by y the next day. */
  forbidden: [number, number][];
  agents: CountAgent[];
  cover: CountCover[];
  requests: CountRequest[];
}

/** assignment[agent][day] = template index, or -1 for a day off. */
export type CountAssignment = number[][];

export interface CountCost {
  total: number;
  under: number;
  over: number;
  requests: number;
}

export type RotationViolationCode =
  | 'day-off'
  | 'succession'
  | 'max-shifts'
  | 'max-total-minutes'
  | 'min-total-minutes'
  | 'max-consecutive-days'
  | 'min-consecutive-days'
  | 'min-consecutive-days-off'
  | 'max-weekends'
  | 'banned'
  | 'block-limit'
  | 'bad-value';

export interface RotationViolation {
  code: RotationViolationCode;
  agent: string;
  day?: number;
  expected?: number;
  actual?: number;
}
