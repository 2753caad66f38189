/**
 * Erlang C (M/M/n, infinite patience, FCFS): waiting probability, service level, ASA and occupancy.
 *
 * Notation: n agents, a = offered traffic in Erlangs (calls per second x AHT seconds), AHT in
 * seconds, T the service-level threshold in seconds. The queue is stable only when n > a; at or above
 * n = a it grows without bound: every call waits (P(wait) = 1), service level 0, ASA infinite
 * (null in JSON).
 */
import { erlangB } from './erlang-b.js';

/**
 * Probability that an arriving call waits, C(n, a), from Erlang B:
 *   C = B / (1 - (a/n)(1 - B))        for n > a;   1 when n <= a (unstable); 0 when a = 0.
 */
export function erlangCFromB(b: number, n: number, a: number): number {
  if (a === 0) return 0;
  if (n <= a) return 1;
  const rho = a / n;
  return b / (1 - rho * (1 - b));
}

/** Probability of waiting, C(n, a). See {@link erlangCFromB}. */
export function probWaitC(n: number, a: number): number {
  return erlangCFromB(erlangB(n, a), n, a);
}

/**
 * Service level: P(wait <= T) over all calls,
 *   SL = 1 - C(n, a) exp(-(n - a) T / AHT)            for n > a;   0 when n <= a and a > 0.
 * Units: T and AHT in seconds. Result in 0..1.
 */
export function serviceLevelFromC(c: number, n: number, a: number, ahtSeconds: number, thresholdSeconds: number): number {
  if (a === 0) return 1;
  if (n <= a) return 0;
  return 1 - c * Math.exp((-(n - a) * thresholdSeconds) / ahtSeconds);
}

/**
 * Average speed of answer over all calls (those answered at once count 0 s):
 *   ASA = C(n, a) AHT / (n - a) seconds            for n > a;   Infinity when n <= a and a > 0.
 */
export function asaFromC(c: number, n: number, a: number, ahtSeconds: number): number {
  if (a === 0) return 0;
  if (n <= a) return Infinity;
  return (c * ahtSeconds) / (n - a);
}

/** Occupancy: the share of agent time spent handling calls, a / n (capped at 1; 0 with no agents). */
export function occupancyC(n: number, a: number): number {
  if (n <= 0) return 0;
  return Math.min(1, a / n);
}

export interface QueueMetrics {
  /** P(an arriving call waits at all), 0..1. */
  probWait: number;
  /** Service level (Erlang C: P(wait <= T) over all calls; Erlang A: answered within T over all calls). */
  serviceLevel: number;
  /** Average speed of answer in seconds (Erlang A: of served calls); Infinity when unstable or none served. */
  asaSeconds: number;
  /** Agent occupancy, 0..1. */
  occupancy: number;
  /** P(abandon), Erlang A only; null for Erlang C. */
  probAbandon: number | null;
}

/** All Erlang C figures for n agents. */
export function erlangC(n: number, a: number, ahtSeconds: number, thresholdSeconds: number): QueueMetrics {
  const c = probWaitC(n, a);
  return {
    probWait: c,
    serviceLevel: serviceLevelFromC(c, n, a, ahtSeconds, thresholdSeconds),
    asaSeconds: asaFromC(c, n, a, ahtSeconds),
    occupancy: occupancyC(n, a),
    probAbandon: null,
  };
}
