/**
 * Required agents: the smallest whole number of agents on the phones that meets every target given.
 *
 * Targets: service level (share `target` answered within `seconds`), maximum ASA (seconds), maximum
 * occupancy (0..1), and under Erlang A a maximum abandon rate (0..1). Erlang C when no patience is
 * given, Erlang A (M/M/n+M) when it is.
 *
 * Erlang C: every measure is monotone in n and the queue is stable only for n > a, so the search
 * starts at max(floor(a) + 1, ceil(a / maxOccupancy)) and walks up with the Erlang B recursion,
 * O(1) per step: O(sqrt(a)) in all.
 *
 * Boundaries are exact under Erlang C (src/queueing/exact.ts): the offered load is the fraction the
 * decimals typed make (`exactTraffic`, else `trafficErlangs` read as the decimal it prints as), the
 * stability floor and the occupancy ceiling are taken in BigInt, and an ASA (or a service level at
 * T = 0) within a relative 1e-9 of its target is decided in BigInt fractions, for n up to
 * EXACT_TIE_AGENTS (the check costs n steps on numbers of n log10(a) digits; above that the double
 * stands). A service level at T > 0 cannot tie (exact.ts). Erlang A compares its measures in doubles:
 * they go through exponentials and the incomplete gamma function, with no rational value to tie.
 * Erlang A: the answer may lie below the offered load (abandons keep the queue stable), so the search
 * covers n = 1 upwards: it brackets the answer by doubling from 1, then bisects (the measures are
 * monotone in n; the tests check the result against a plain scan from 1).
 *
 * Zero traffic needs 0 agents. A target that no n up to
 *   ceil(a / maxOccupancy) + ceil(50 sqrt(a)) + 50
 * meets (100% service level, 0 s ASA, a 0% abandon rate) raises {@link TargetUnreachableError}.
 */
import { erlangB, erlangBNext } from './erlang-b.js';
import { asaFromC, erlangCFromB, occupancyC, serviceLevelFromC, type QueueMetrics } from './erlang-c.js';
import { erlangA } from './erlang-a.js';
import { agentsForOccupancy, answeredAtOnceAtLeast, asaWithin, floorRatio, ratioOf, type Ratio } from './exact.js';

export interface ServiceLevelTarget {
  /** Share to answer within `seconds`, 0 < target <= 1. */
  target: number;
  /** Threshold T in seconds, >= 0. */
  seconds: number;
}

export interface StaffingTargets {
  serviceLevel?: ServiceLevelTarget;
  maxAsaSeconds?: number;
  maxOccupancy?: number;
  /** Erlang A only. */
  maxAbandon?: number;
}

export interface TrafficInput {
  /** Offered load in Erlangs: calls per second x AHT seconds. */
  trafficErlangs: number;
  /**
   * The same load as an exact fraction, when it comes from decimals (src/queueing/exact.ts
   * `trafficRatio`); without it `trafficErlangs` is read as the decimal it prints as.
   */
  exactTraffic?: Ratio;
  ahtSeconds: number;
  /** Mean caller patience in seconds: switches to Erlang A. */
  patienceSeconds?: number;
}

export class TargetUnreachableError extends Error {
  constructor(
    readonly bound: number,
    readonly trafficErlangs: number,
  ) {
    super(`no staffing up to ${bound} agents meets the targets for ${trafficErlangs} Erlangs`);
    this.name = 'TargetUnreachableError';
  }
}

/** The service-level threshold used when only ASA/occupancy targets are given (for reporting). */
export const DEFAULT_THRESHOLD_SECONDS = 20;

/** Measures for a given headcount under the model the input selects. */
export function evaluate(n: number, input: TrafficInput, thresholdSeconds: number): QueueMetrics {
  const { trafficErlangs: a, ahtSeconds, patienceSeconds } = input;
  if (patienceSeconds !== undefined) return erlangA(n, a, ahtSeconds, patienceSeconds, thresholdSeconds);
  const b = erlangB(n, a);
  return metricsFromB(b, n, a, ahtSeconds, thresholdSeconds);
}

function metricsFromB(b: number, n: number, a: number, aht: number, t: number): QueueMetrics {
  const c = erlangCFromB(b, n, a);
  return {
    probWait: c,
    serviceLevel: serviceLevelFromC(c, n, a, aht, t),
    asaSeconds: asaFromC(c, n, a, aht),
    occupancy: occupancyC(n, a),
    probAbandon: null,
  };
}

/** Whether measures meet every target given. */
export function meetsTargets(m: QueueMetrics, targets: StaffingTargets): boolean {
  if (targets.serviceLevel && !(m.serviceLevel >= targets.serviceLevel.target)) return false;
  if (targets.maxAsaSeconds !== undefined && !(m.asaSeconds <= targets.maxAsaSeconds)) return false;
  if (targets.maxOccupancy !== undefined && !(m.occupancy <= targets.maxOccupancy)) return false;
  if (targets.maxAbandon !== undefined && m.probAbandon !== null && !(m.probAbandon <= targets.maxAbandon)) return false;
  return true;
}

/** The search bound beyond which a target counts as unreachable. */
export function searchBound(a: number, maxOccupancy = 1): number {
  return Math.ceil(a / maxOccupancy) + Math.ceil(50 * Math.sqrt(a)) + 50;
}

/** Smallest n meeting every target. See the module comment. */
export function requiredAgents(input: TrafficInput, targets: StaffingTargets): number {
  const a = input.trafficErlangs;
  if (!(a >= 0) || !Number.isFinite(a)) throw new RangeError(`traffic must be finite and >= 0, got ${a}`);
  if (!(input.ahtSeconds > 0)) throw new RangeError(`AHT must be > 0 seconds, got ${input.ahtSeconds}`);
  if (a === 0) return 0;
  const t = targets.serviceLevel?.seconds ?? DEFAULT_THRESHOLD_SECONDS;
  const bound = searchBound(a, targets.maxOccupancy);
  // With traffic, some calls always wait and some callers always hang up: these are never met
  // (a double may round 1 - 1e-17 up to 1, so they are refused here, not by the search).
  if (
    (targets.serviceLevel && targets.serviceLevel.target >= 1) ||
    targets.maxAsaSeconds === 0 ||
    (input.patienceSeconds !== undefined && targets.maxAbandon === 0)
  ) {
    throw new TargetUnreachableError(bound, a);
  }
  return input.patienceSeconds === undefined
    ? requiredErlangC(input, targets, t, bound)
    : requiredErlangA(input, targets, t, bound);
}

/** Above this many agents a near tie of ASA or of the service level at T = 0 is left to doubles. */
export const EXACT_TIE_AGENTS = 20_000;

/** Within this relative distance of its target a measure is decided exactly. */
const NEAR_TIE = 1e-9;

/** Whether a double (a few roundings off its exact value) may be a whole number or sit by one. */
function nearWhole(x: number): boolean {
  return Math.abs(x - Math.round(x)) <= NEAR_TIE * Math.max(1, Math.abs(x));
}

function requiredErlangC(input: TrafficInput, targets: StaffingTargets, t: number, bound: number): number {
  const a = input.trafficErlangs;
  let exactLoad = input.exactTraffic;
  const exact = (): Ratio => (exactLoad ??= ratioOf(a));
  // stable: n > a; occupancy a / n <= cap: n >= a / cap. Both exact (in BigInt when the double is
  // near a whole number), so the loop checks neither.
  let n = nearWhole(a) ? Number(floorRatio(exact())) + 1 : Math.floor(a) + 1;
  if (targets.maxOccupancy !== undefined) {
    const x = a / targets.maxOccupancy;
    n = Math.max(n, nearWhole(x) ? Number(agentsForOccupancy(exact(), targets.maxOccupancy)) : Math.ceil(x));
  }
  const aht = input.ahtSeconds;
  const sl = targets.serviceLevel?.target;
  const maxAsa = targets.maxAsaSeconds;
  const near = (value: number, target: number) => n <= EXACT_TIE_AGENTS && Math.abs(value - target) <= NEAR_TIE * target;
  let b = erlangB(n, a);
  // The checks of meetsTargets(metricsFromB(...)) inlined: this loop is the hot path of `wfm staff`.
  for (; n <= bound; n++) {
    const c = b / (1 - (a / n) * (1 - b));
    let ok = true;
    if (sl !== undefined) {
      const level = 1 - c * Math.exp((-(n - a) * t) / aht);
      ok = t === 0 && near(level, sl) ? answeredAtOnceAtLeast(n, exact(), sl) : level >= sl;
    }
    if (ok && maxAsa !== undefined) {
      const asa = (c * aht) / (n - a);
      ok = near(asa, maxAsa) ? asaWithin(n, exact(), aht, maxAsa) : asa <= maxAsa;
    }
    if (ok) return n;
    b = erlangBNext(b, n + 1, a);
  }
  throw new TargetUnreachableError(bound, a);
}

function requiredErlangA(input: TrafficInput, targets: StaffingTargets, t: number, bound: number): number {
  const ok = (n: number) => meetsTargets(evaluate(n, input, t), targets);
  // Bracket [lo, hi] with lo failing (or 0) and hi passing, galloping from a guess near the load,
  // then bisect. Any n >= 1 may be the answer; the guess only saves evaluations.
  const a = input.trafficErlangs;
  const guess = Math.min(bound, Math.max(1, Math.round(a)));
  let step = Math.max(1, Math.ceil(Math.sqrt(a) / 2));
  let lo: number;
  let hi: number;
  if (ok(guess)) {
    hi = guess;
    lo = Math.max(0, guess - step);
    while (lo > 0 && ok(lo)) {
      hi = lo;
      step *= 2;
      lo = Math.max(0, lo - step);
    }
  } else {
    lo = guess;
    hi = Math.min(bound, guess + step);
    while (!ok(hi)) {
      if (hi >= bound) throw new TargetUnreachableError(bound, a);
      lo = hi;
      step *= 2;
      hi = Math.min(bound, hi + step);
    }
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
