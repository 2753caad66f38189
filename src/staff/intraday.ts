/**
 * Intraday projection (issue 17): for one queue and interval, the agents its targets need and the
 * service level and abandon rate the agents at work will give. Pure: numbers in, numbers out.
 *
 * Definitions, per interval of L minutes with expected calls c and AHT h seconds:
 * - required agents: what `wfm staff` plans (src/staff/plan.ts `requirementFor`): the smallest n on
 *   the phones meeting every target (Erlang C, or Erlang A with the queue's patience), then
 *   scheduled = ceil(n / (1 − shrinkage)): the same unit as a roster's headcount at work.
 * - projection with s agents at work (s may be fractional: a roster's agents weighted by the share of
 *   the interval they work, breaks excluded): e = s·(1 − shrinkage) agents on the phones; the measure
 *   at e is interpolated linearly between ⌊e⌋ and ⌈e⌉ agents (Erlang C/A take whole agents):
 *     serviceLevel(e) = (1 − f)·SL(⌊e⌋) + f·SL(⌈e⌉),  f = e − ⌊e⌋,
 *   SL as in `wfm erlang` (Erlang C: P(wait ≤ T) over all calls, 0 when n ≤ load; Erlang A: the share
 *   of all calls answered within T). The abandon rate is Erlang A's P(abandon); under Erlang C (no
 *   patience given) callers never hang up, and the projection gives none (null).
 * - value(s) = c·serviceLevel(s): the expected calls answered within T, what the actions of
 *   src/solver/intraday.ts trade between intervals and queues.
 * - rest-of-day service level: Σ_i c_i·SL_i / Σ_i c_i over the remaining intervals (call-weighted,
 *   as `wfm staff`'s day totals).
 * Cost: one Erlang evaluation per whole agent count asked for (O(n) Erlang B each), kept.
 */
import { DEFAULT_THRESHOLD_SECONDS, evaluate, type TrafficInput } from '../queueing/index.js';
import { requirementFor, type QueueStaffing } from './plan.js';

export interface IntervalLoad {
  /** Expected calls in the interval (≥ 0). */
  calls: number;
  /** AHT, seconds; null only when calls = 0. */
  ahtSeconds: number | null;
}

/** The measures with a number of agents at work: service level and abandon rate (null: no calls; abandon null under Erlang C). */
export interface Projected {
  serviceLevel: number | null;
  abandonRate: number | null;
}

/**
 * The projection of one queue over the intervals of a day: required agents and the measures for any
 * number of agents at work, with the Erlang evaluations kept per interval and whole agent count.
 */
export class QueueProjection {
  private readonly memo: Map<number, { sl: number; ab: number | null }>[];
  private readonly inputs: (TrafficInput | null)[];
  private readonly threshold: number;

  /**
   * @param load expected calls and AHT per interval (index = interval of the day)
   * @param intervalMinutes interval length L
   * @param staffing the queue's targets, shrinkage and patience (src/app/targets.ts)
   */
  constructor(
    readonly load: readonly IntervalLoad[],
    readonly intervalMinutes: number,
    readonly staffing: QueueStaffing,
  ) {
    this.memo = load.map(() => new Map());
    this.threshold = staffing.targets.serviceLevel?.seconds ?? DEFAULT_THRESHOLD_SECONDS;
    this.inputs = load.map(({ calls, ahtSeconds }) => {
      if (!(calls > 0) || ahtSeconds === null || !(ahtSeconds > 0)) return null;
      return { trafficErlangs: (calls * ahtSeconds) / (intervalMinutes * 60), ahtSeconds, patienceSeconds: staffing.patienceSeconds };
    });
  }

  /**
   * Required agents at work in interval i (after shrinkage, as a roster counts them): `wfm staff`'s
   * scheduledAgents. 0 without calls. Throws TargetUnreachableError as `wfm staff` does.
   */
  required(i: number): number {
    const { calls, ahtSeconds } = this.load[i];
    if (!(calls > 0)) return 0;
    const row = { queue: '', intervalStart: '', date: '', calls, ahtSeconds };
    return requirementFor(row, this.intervalMinutes, this.staffing).scheduledAgents;
  }

  /** The measures with `whole` agents on the phones (kept). */
  private at(i: number, whole: number): { sl: number; ab: number | null } {
    const m = this.memo[i];
    let r = m.get(whole);
    if (!r) {
      const input = this.inputs[i]!;
      const q = evaluate(whole, input, this.threshold);
      r = { sl: q.serviceLevel, ab: input.patienceSeconds === undefined ? null : (q.probAbandon ?? 0) };
      m.set(whole, r);
    }
    return r;
  }

  /** Service level and abandon rate in interval i with `scheduled` agents at work (see the module comment). */
  project(i: number, scheduled: number): Projected {
    if (this.inputs[i] === null) return { serviceLevel: null, abandonRate: null };
    const e = Math.max(0, scheduled) * (1 - this.staffing.shrinkage);
    const lo = Math.floor(e + 1e-9);
    const f = Math.max(0, e - lo);
    const a = this.at(i, lo);
    if (f < 1e-9) return { serviceLevel: a.sl, abandonRate: a.ab };
    const b = this.at(i, lo + 1);
    return { serviceLevel: (1 - f) * a.sl + f * b.sl, abandonRate: a.ab === null || b.ab === null ? null : (1 - f) * a.ab + f * b.ab };
  }

  /**
   * Expected calls answered within T in interval i with `scheduled` agents at work, counting `calls`
   * of its calls (default all; the rest of an interval under way counts only its remaining calls).
   */
  value(i: number, scheduled: number, calls = this.load[i].calls): number {
    const sl = this.project(i, scheduled).serviceLevel;
    return sl === null ? 0 : calls * sl;
  }
}

/**
 * Call-weighted mean of per-interval measures: Σ w_i·x_i / Σ w_i over the entries with a measure and
 * w_i > 0; null when there is none.
 */
export function weightedMean(weights: readonly number[], values: readonly (number | null)[]): number | null {
  let sw = 0;
  let sx = 0;
  for (let i = 0; i < weights.length; i++) {
    const x = values[i];
    const w = weights[i];
    if (x === null || !(w > 0)) continue;
    sw += w;
    sx += w * x;
  }
  return sw > 0 ? sx / sw : null;
}
