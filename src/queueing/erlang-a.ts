/**
 * Erlang A: the M/M/n+M queue (Palm 1943; Garnett, Mandelbaum & Reiman 2002). Poisson arrivals,
 * exponential handle times (mean AHT), n agents, FCFS, and callers who hang up after an exponential
 * patience (mean `patience` seconds) if not answered by then.
 *
 * Notation: mu = 1/AHT, theta = 1/patience, lambda = a mu (a = offered Erlangs),
 * x = n mu / theta = n patience / AHT, y = lambda / theta = a patience / AHT.
 *
 * Stationary distribution (birth-death): pi_k ∝ a^k / k! for k <= n and
 *   pi_{n+j} = pi_n w_j,   w_j = prod_{i=1..j} y / (x + i)
 * so with B = Erlang B(n, a) and W = sum_j w_j:
 *   P(wait > 0) = B W / (1 - B + B W),   p_j = P(arrival finds n + j) = B w_j / (1 - B + B W).
 *
 * A caller who finds j others waiting ahead moves up at rate n mu + i theta (i ahead) and hangs up at
 * rate theta. Given that it does not hang up, the j+1 stages are exponential with rates
 * theta (x + i + 1), i = 0..j, and it stays until served with probability x / (x + j + 1). The sum
 * S_j of those stages satisfies exp(-theta S_j) ~ Beta(x + 1, j + 1), hence
 *   P(S_j <= T) = 1 - sum_{k=0..j} NB(k; x + 1, 1 - e^{-theta T})
 * (a negative binomial CDF). So, over all arriving calls:
 *   P(abandon)      = sum_j p_j (j + 1) / (x + j + 1)
 *   SL(T)           = (1 - P(wait > 0)) + sum_j p_j x/(x+j+1) P(S_j <= T)   (abandons count as missed)
 *   ASA of served   = [sum_j p_j x/(x+j+1) sum_{i=0..j} patience/(x+i+1)] / (1 - P(abandon))
 *   occupancy       = a (1 - P(abandon)) / n
 *
 * Every sum is taken in log space around its largest term, so nothing overflows from 0.01 to
 * 50,000+ Erlangs, stable or overloaded (under Erlang A n may be below a: abandons keep it finite).
 * Cost: O(sqrt(a) + max(0, y - x) + sqrt(y)).
 *
 * Units: seconds for AHT, patience and T; Erlangs for a.
 * Sources: Mandelbaum & Zeltyn, "The M/M/n+G queue: summary of performance measures" (Technion,
 * 2007 note) for the measures; the Beta identity is Renyi's representation of exponential order
 * statistics.
 */
import { erlangB } from './erlang-b.js';
import type { QueueMetrics } from './erlang-c.js';

const LOG_TINY = Math.log(1e-18);

export function erlangA(
  n: number,
  a: number,
  ahtSeconds: number,
  patienceSeconds: number,
  thresholdSeconds: number,
): QueueMetrics {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`erlangA: agents must be a whole number >= 0, got ${n}`);
  if (!(patienceSeconds > 0)) throw new RangeError(`erlangA: patience must be > 0 seconds, got ${patienceSeconds}`);
  if (a === 0) return { probWait: 0, serviceLevel: 1, asaSeconds: 0, occupancy: 0, probAbandon: 0 };
  if (n === 0) return { probWait: 1, serviceLevel: 0, asaSeconds: Infinity, occupancy: 0, probAbandon: 1 };

  const x = (n * patienceSeconds) / ahtSeconds;
  const y = (a * patienceSeconds) / ahtSeconds;
  const b = erlangB(n, a);

  // log w_j, j = 0, 1, ...: rises while y > x + j, then falls; stop once far below the peak.
  const logW: number[] = [0];
  let lw = 0;
  let peak = 0;
  for (let j = 1; ; j++) {
    lw += Math.log(y / (x + j));
    if (lw > peak) peak = lw;
    logW.push(lw);
    if (x + j >= y && lw - peak < LOG_TINY) break;
    if (j > 50_000_000) throw new RangeError('erlangA: series did not converge');
  }

  // Scaled weights s_j = w_j e^{-peak}; normaliser (1 - B) e^{-peak} + B sum s_j.
  let sumS = 0;
  for (const v of logW) sumS += Math.exp(v - peak);
  const denom = (1 - b) * Math.exp(-peak) + b * sumS;
  const scale = denom > 0 ? b / denom : 0;
  const probWait = scale * sumS;

  // Negative binomial NB(k; r = x + 1, p = 1 - e^{-T/patience}) pmf in log space, running CDF.
  const r = x + 1;
  const logQ = -thresholdSeconds / patienceSeconds;
  const logP = thresholdSeconds > 0 ? Math.log(-Math.expm1(logQ)) : -Infinity;
  let logPmf = r * logQ;
  let cdf = 0;

  let probAbandon = 0;
  let servedWithin = 0;
  let waitServed = 0;
  let harmonic = 0; // sum_{i=0..j} patience / (x + i + 1)
  for (let j = 0; j < logW.length; j++) {
    if (j > 0) logPmf += Math.log((j - 1 + r) / j) + logP;
    cdf += Math.exp(logPmf);
    harmonic += patienceSeconds / (x + j + 1);
    const pj = scale * Math.exp(logW[j] - peak);
    if (pj === 0) continue;
    const stay = x / (x + j + 1);
    probAbandon += pj * (1 - stay);
    servedWithin += pj * stay * Math.max(0, 1 - cdf);
    waitServed += pj * stay * harmonic;
  }
  probAbandon = Math.min(1, probAbandon);
  const served = 1 - probAbandon;
  return {
    probWait: Math.min(1, probWait),
    serviceLevel: Math.min(1, Math.max(0, 1 - probWait + servedWithin)),
    asaSeconds: served > 0 ? waitServed / served : Infinity,
    occupancy: Math.min(1, (a * served) / n),
    probAbandon,
  };
}
