/**
 * Exact arithmetic references for the queueing tests: Erlang B and C as BigInt fractions, and a
 * correctly rounded BigInt-fraction-to-double conversion. Independent of src/queueing.
 */

/** Traffic a = p / q as integers (a decimal with up to `scale` digits). */
export function rationalOf(a: number, scale = 6): { p: bigint; q: bigint } {
  const q = 10n ** BigInt(scale);
  const p = BigInt(Math.round(a * Number(q)));
  return { p, q };
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** num / den as the nearest double (num, den > 0), via a 70-bit quotient. */
export function ratioToNumber(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const shift = 70 - (bitLength(num) - bitLength(den));
  const scaled = shift >= 0 ? (num << BigInt(shift)) / den : num / (den << BigInt(-shift));
  return Number(scaled) * 2 ** -shift;
}

/**
 * Erlang B(n, p/q) exactly: p^n / B = sum_{i=0..n} n!/(n-i)! q^i p^(n-i), so
 * B = p^n / S with S that sum (every term an integer).
 */
export function erlangBExact(n: number, p: bigint, q: bigint): { num: bigint; den: bigint } {
  let term = p ** BigInt(n);
  const num = term;
  let sum = term;
  for (let i = 1; i <= n; i++) {
    term = (term * BigInt(n - i + 1) * q) / p; // exact: term still holds p^(n-i+1)
    sum += term;
  }
  return { num, den: sum };
}

/** Erlang C(n, p/q) exactly from B = N/D: C = N q n / (q n D - p (D - N)), for n > p/q. */
export function erlangCExact(n: number, p: bigint, q: bigint): { num: bigint; den: bigint } {
  const { num: N, den: D } = erlangBExact(n, p, q);
  const qn = q * BigInt(n);
  return { num: N * qn, den: qn * D - p * (D - N) };
}

/** ln(k!) by Stirling's series (relative error < 1e-16 for k >= 30), exact sum below. */
export function lnFactorial(k: number): number {
  if (k < 30) {
    let s = 0;
    for (let i = 2; i <= k; i++) s += Math.log(i);
    return s;
  }
  const k2 = k * k;
  return k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) + 1 / (12 * k) - 1 / (360 * k * k2) + 1 / (1260 * k2 * k2 * k);
}

/**
 * Erlang B from the Poisson distribution in log space: B = P(X = n) / P(X <= n), X ~ Poisson(a),
 * summing pmf terms around the mode with log-sum-exp. A second algorithm for huge traffic.
 */
export function erlangBPoisson(n: number, a: number): number {
  const logPmf = (k: number) => k * Math.log(a) - a - lnFactorial(k);
  const top = logPmf(n);
  const lo = Math.max(0, Math.floor(Math.min(n, a) - 60 * Math.sqrt(a) - 60));
  let maxLog = -Infinity;
  for (let k = lo; k <= n; k++) maxLog = Math.max(maxLog, logPmf(k));
  let s = 0;
  for (let k = lo; k <= n; k++) s += Math.exp(logPmf(k) - maxLog);
  return Math.exp(top - maxLog) / s;
}
