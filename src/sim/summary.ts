/**
 * Per-interval summary over independent replications, next to the Erlang C / Erlang A prediction
 * for the same staffing.
 *
 * Definitions (per queue, per interval; a call belongs to the interval in which it entered the queue;
 * waits in continuous simulated time):
 *   calls         = offered calls (mean over replications)
 *   agents        = time-average number of agents logged in to the queue and not paused (a
 *                   multi-skill agent counts in each of its queues)
 *   serviceLevel  = answered with wait <= T / offered          (abandons and exits count as missed)
 *   asaSeconds    = mean wait of answered calls
 *   abandonRate   = abandoned / offered
 * (src/kpi.ts `serviceLevel`, `asa` and `abandonRate` with shortAbandoned = 0.)
 * This service level is Erlang C's P(wait <= T) over all calls when nobody abandons, and Erlang A's
 * "answered within T over all arrivals" with patience. (`wfm report sla` on real data leaves short
 * abandons out of the denominator; with the default patience models the difference is small.)
 *
 * Each figure is computed per replication; the summary gives the mean over replications and a 95%
 * t confidence interval (a replication in which the interval had no calls, or no answered calls for
 * ASA, is left out of that figure).
 *
 * Erlang prediction per interval: a = expectedCalls / intervalSeconds x AHT, AHT = mean talk + mean
 * wrap-up, n = mean simulated `agents`; for a fractional n the figure is interpolated linearly between
 * floor(n) and ceil(n). Erlang C (`erlangC`) when the queue's patience is `none`, else Erlang A
 * (`erlangA`) with the mean patience (exact for exponential patience, an approximation otherwise).
 * erlangAsaSeconds is Erlang C's ASA over all calls (all are answered) or Erlang A's ASA of served
 * calls; null when infinite (unstable queue).
 */
import { mean, weightedMean } from 'simple-statistics';
import { erlangA, erlangC, type QueueMetrics } from '../queueing/index.js';
import { distributionMean } from './distributions.js';
import { runReplication, validateSimInput } from './engine.js';
import { meanConfidenceInterval } from './stats.js';
import * as kpi from '../kpi.js';
import type { ReplicationResult, SimInput } from './types.js';

export interface IntervalSummary {
  queue: string;
  /** Interval start, epoch seconds (the command formats it as ISO 8601 with offset). */
  intervalStart: number;
  /** Mean offered calls. */
  calls: number;
  /** Expected calls from the input. */
  expectedCalls: number;
  /** Mean time-average agents available (logged in, not paused). */
  agents: number;
  serviceLevel: number | null;
  serviceLevelCi: [number, number] | null;
  asaSeconds: number | null;
  asaCi: [number, number] | null;
  abandonRate: number | null;
  abandonRateCi: [number, number] | null;
  erlangServiceLevel: number | null;
  erlangAsaSeconds: number | null;
  /** Erlang A P(abandon); null under Erlang C. */
  erlangAbandonRate: number | null;
  /** `C` or `A`. */
  erlangModel: 'C' | 'A';
  /** Replications. */
  replications: number;
}

export interface SummaryOptions {
  /** Confidence level, default 0.95. */
  level?: number;
  /** Aggregate intervals [fromInterval, toInterval) into one row per queue instead of one row per interval. */
  total?: { fromInterval?: number; toInterval?: number };
}

/** Runs `replications` independent replications (0 .. N-1) and returns their counts (no queue_log). */
export function runReplications(input: SimInput, replications: number): ReplicationResult[] {
  if (!Number.isInteger(replications) || replications < 1) throw new RangeError('replications must be a whole number >= 1');
  const out: ReplicationResult[] = [];
  for (let r = 0; r < replications; r++) out.push(runReplication(input, r));
  return out;
}

function interp(n: number, f: (k: number) => number): number {
  const lo = Math.floor(n);
  const hi = Math.ceil(n);
  if (lo === hi) return f(lo);
  const a = f(lo);
  const b = f(hi);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return n - lo < 0.5 ? a : b;
  return a + (b - a) * (n - lo);
}

/**
 * Erlang prediction for n agents (fractional n interpolated), offered `callsPerSecond`, handle time
 * `ahtSeconds`, patience mean (Infinity: Erlang C), threshold T.
 */
export function erlangPrediction(
  n: number,
  callsPerSecond: number,
  ahtSeconds: number,
  patienceMeanSeconds: number,
  thresholdSeconds: number,
): { serviceLevel: number; asaSeconds: number; probAbandon: number | null; model: 'C' | 'A' } {
  const a = callsPerSecond * ahtSeconds;
  const useA = Number.isFinite(patienceMeanSeconds);
  const m = (k: number): QueueMetrics =>
    useA ? erlangA(k, a, ahtSeconds, patienceMeanSeconds, thresholdSeconds) : erlangC(k, a, ahtSeconds, thresholdSeconds);
  return {
    serviceLevel: interp(n, (k) => m(k).serviceLevel),
    asaSeconds: interp(n, (k) => m(k).asaSeconds),
    probAbandon: useA ? interp(n, (k) => m(k).probAbandon ?? 0) : null,
    model: useA ? 'A' : 'C',
  };
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * Summary rows from replication counts (see the module comment for the definitions). One row per
 * queue and interval, or with `total` one row per queue over the intervals chosen (per replication the
 * ratios are taken over the summed counts; the Erlang figures are call-weighted means of the
 * per-interval predictions).
 */
export function summarize(input: SimInput, reps: readonly ReplicationResult[], opts: SummaryOptions = {}): IntervalSummary[] {
  const nInt = validateSimInput(input);
  const level = opts.level ?? 0.95;
  const dt = input.intervalSeconds;
  const rows: IntervalSummary[] = [];
  input.queues.forEach((qs, qi) => {
    const aht = distributionMean(qs.talk) + (qs.wrap ? distributionMean(qs.wrap) : 0);
    const pat = distributionMean(qs.patience ?? { kind: 'none' });
    const T = qs.serviceLevelSeconds ?? input.serviceLevelSeconds ?? 20;
    const groups: [number, number][] = opts.total
      ? [[Math.max(0, opts.total.fromInterval ?? 0), Math.min(nInt, opts.total.toInterval ?? nInt)]]
      : Array.from({ length: nInt }, (_, i) => [i, i + 1] as [number, number]);
    for (const [from, to] of groups) {
      const sl: number[] = [];
      const asa: number[] = [];
      const ab: number[] = [];
      const calls: number[] = [];
      const agentsPerRep: number[] = [];
      for (const rep of reps) {
        const c = rep.queues[qi].counts;
        let off = 0;
        let within = 0;
        let ans = 0;
        let waitSum = 0;
        let aband = 0;
        let agentSec = 0;
        for (let i = from; i < to; i++) {
          off += c.offered[i];
          within += c.answeredWithin[i];
          ans += c.answered[i];
          waitSum += c.waitSumAnswered[i];
          aband += c.abandoned[i];
          agentSec += c.agentSeconds[i];
        }
        calls.push(off);
        agentsPerRep.push(agentSec / ((to - from) * dt));
        // src/kpi.ts's definitions over all offered calls: no short-abandon exclusion (quick
        // abandons stay in the base and in the abandons, as every arrival does in Erlang C and A),
        // and per replication (the row gives the mean of these ratios over the replications, not a
        // ratio of pooled counts); NaN, left out of the mean, when the replication had no call (no
        // answered call for ASA)
        sl.push(kpi.serviceLevel({ answeredWithin: within, offered: off }) ?? NaN);
        ab.push(kpi.abandonRate({ abandoned: aband, offered: off }) ?? NaN);
        asa.push(kpi.asa({ waitSeconds: waitSum, answered: ans }) ?? NaN);
      }
      const nRep = reps.length;
      const agents = nRep > 0 ? mean(agentsPerRep) : 0;
      // Erlang: per interval with that interval's mean agents; call-weighted over the group.
      const w: number[] = [];
      const eSl: number[] = [];
      const eAsa: number[] = [];
      const eAb: number[] = [];
      let model: 'C' | 'A' = Number.isFinite(pat) ? 'A' : 'C';
      let expected = 0;
      for (let i = from; i < to; i++) {
        const lam = qs.expectedCalls[i];
        expected += lam;
        const ag = nRep > 0 ? mean(reps.map((rep) => rep.queues[qi].counts.agentSeconds[i] / dt)) : 0;
        const p = erlangPrediction(ag, lam / dt, aht, pat, T);
        model = p.model;
        w.push(to - from === 1 ? 1 : lam);
        eSl.push(p.serviceLevel);
        eAsa.push(p.asaSeconds);
        eAb.push(p.probAbandon ?? 0);
      }
      // weightedMean needs a positive total weight (a group whose intervals expect no calls has none)
      const weighted = w.some((x) => x > 0);
      const s = meanConfidenceInterval(sl, level);
      const a = meanConfidenceInterval(asa, level);
      const b = meanConfidenceInterval(ab, level);
      rows.push({
        queue: qs.name,
        intervalStart: input.startEpoch + from * dt,
        calls: nRep > 0 ? mean(calls) : 0,
        expectedCalls: expected,
        agents,
        serviceLevel: s.mean,
        serviceLevelCi: s.ci,
        asaSeconds: a.mean,
        asaCi: a.ci,
        abandonRate: b.mean,
        abandonRateCi: b.ci,
        erlangServiceLevel: weighted ? finiteOrNull(weightedMean(eSl, w)) : null,
        erlangAsaSeconds: weighted ? finiteOrNull(weightedMean(eAsa, w)) : null,
        erlangAbandonRate: model === 'A' && weighted ? weightedMean(eAb, w) : null,
        erlangModel: model,
        replications: nRep,
      });
    }
  });
  return rows;
}

/** Runs the replications and summarizes them: what `wfm simulate --summary` prints. */
export function simulateSummary(input: SimInput, replications: number, opts: SummaryOptions = {}): IntervalSummary[] {
  return summarize(input, runReplications(input, replications), opts);
}
